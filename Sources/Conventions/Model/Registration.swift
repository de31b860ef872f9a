public import DomainKit
public import FoundationEssentials

public enum RegistrationStatus: String, Sendable, Codable, CaseIterable {
    case registered, waitlisted, cancelled, attended
    case noShow = "no_show"

    /// These hold a seat: a person who came or did not come still had one.
    static let holdingSeat: [RegistrationStatus] = [.registered, .attended, .noShow]
    var holdsSeat: Bool { Self.holdingSeat.contains(self) }
}

/// The short code printed on the ticket and in its QR code. Six characters from 25 that cannot be
/// mistaken for each other when read aloud or from a screen (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): 25⁶ ≈ 2.4 × 10⁸
/// codes, so a collision within one event is rare and simply retried.
public enum RegistrationCode {
    public static let alphabet = Array("ACDEFGHJKMNPQRTUVWXY34679")
    public static let length = 6

    public static func random(using generator: inout some RandomNumberGenerator) -> String {
        String((0..<length).map { _ in alphabet[Int.random(in: alphabet.indices, using: &generator)] })
    }

    /// What a door scanner or a person typed, normalised: upper case, spaces and hyphens dropped.
    static func normalised(_ text: String) -> String? {
        let code = String(text.uppercased().filter { $0 != " " && $0 != "-" })
        guard code.count == length, code.allSatisfy(alphabet.contains) else { return nil }
        return code
    }
}

/// The body of `POST /v1/events/{id}/registrations`.
public struct RegistrationDraft: Sendable, Codable, Equatable {
    public var participant: ParticipantDraft
    /// Defaults to in person when the event offers it, else online.
    public var attendance: AttendanceMode?

    public init(participant: ParticipantDraft, attendance: AttendanceMode? = nil) {
        self.participant = participant
        self.attendance = attendance
    }
}

/// One person's registration for one event, with the person.
public struct Registration: Sendable, Equatable, Encodable {
    public let id: UUID
    public let eventId: UUID
    public let participant: Participant
    public let attendance: AttendanceMode
    public let status: RegistrationStatus
    /// Absent for company users, who see consenting participants but not their door codes.
    public let code: String?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    /// What a company user may see: only consenting participants reach this, and not the door code.
    var forCompany: Registration {
        Registration(id: id, eventId: eventId, participant: participant, attendance: attendance, status: status, code: nil,
                     version: version, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// The answer to a cancellation: the cancelled registration and whoever moved up from the waitlist.
public struct Cancellation: Sendable, Equatable, Encodable {
    public let cancelled: Registration
    public let promoted: Registration?
    /// Whether the person cancelled was mailed (not when their address is erased or not ASCII, or when
    /// the registration was cancelled already). The console's answer says it; the API's body is unchanged.
    public var mailed = false

    private enum CodingKeys: String, CodingKey { case cancelled, promoted }
}

/// Filters of `GET /v1/events/{id}/registrations`.
public struct RegistrationFilter: Sendable, Equatable {
    /// Part of a name, email or organisation, or a door code: the search at the door.
    public var text: String?
    public var status: RegistrationStatus?
    public var sector: Sector?
    public var role: ParticipantRole?
    /// Only registrations in force: a cancelled one is left out, so a person who cancelled and registered
    /// again (migration 0102) is listed once (gaps12).
    public var inForce: Bool
    /// As registered (the default, the waitlist's order), or 五十音順 of the people's readings for the 受付名簿
    /// (`reading`): people without a reading after, by name.
    public var order: NameOrder

    public init(
        text: String? = nil, status: RegistrationStatus? = nil, sector: Sector? = nil, role: ParticipantRole? = nil, inForce: Bool = false,
        order: NameOrder = .entered
    ) {
        self.text = text
        self.status = status
        self.sector = sector
        self.role = role
        self.inForce = inForce
        self.order = order
    }
}

extension RegistrationDraft: TrimmedText {}
