public import DomainKit
public import FoundationEssentials
import Mail
import Postgres

/// What `POST /v1/registrations/{id}/confirmation` did: the registration's confirmation queued again, to the address.
public struct ConfirmationResent: Sendable, Encodable {
    public let registrationId: UUID
    /// The participant's current address, where the message goes.
    public let email: String
    /// How many more times the confirmation may be sent again within the 24 hours that end now.
    public let resendsLeft: Int
}

/// Why a registration's confirmation cannot be sent again (a 409); the console words each case for its reader.
public enum ConfirmationRefusal: Sendable, Equatable {
    /// The person's personal data was erased, or they were merged into another participant.
    case erased
    case cancelled
    /// Checked in already, or marked a no-show: the event is behind them.
    case overForPerson(RegistrationStatus)
    case eventEnded(Date)
    case noAddress
    /// Non-ASCII: it needs SMTPUTF8, which Domino does not ask of the relay.
    case unwritableAddress

    /// The API's words.
    public var detail: String {
        switch self {
        case .erased: "This participant's personal data was erased (or merged into another participant); there is no one to write to."
        case .cancelled: "This registration is cancelled; there is no confirmation to send."
        case .overForPerson(let status): "The event is over for this person (\(status.rawValue)); there is no confirmation to send."
        case .eventEnded(let end): "The event ended at \(end.formatted(.iso8601)); there is no confirmation to send."
        case .noAddress: "This participant has no e-mail address."
        case .unwritableAddress:
            "This participant's e-mail address cannot be written to (an address with non-ASCII characters needs SMTPUTF8, which Domino does not ask of the relay); correct it first."
        }
    }
}

/// A participant's details corrected (`PATCH /v1/participants/{id}`), and how many confirmations went to a new address.
public struct ParticipantCorrection: Sendable, Encodable {
    public let participant: Participant
    /// Confirmations queued to the new address because the e-mail changed: one per registration still in force for an event
    /// not yet ended, within the resend limit; 0 when the e-mail did not change. Nothing is ever sent to the old address.
    public let confirmationsQueued: Int

    /// The participant's members and `confirmationsQueued` beside them, so the answer stays the participant's shape.
    public func encode(to encoder: any Encoder) throws {
        try participant.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(confirmationsQueued, forKey: .confirmationsQueued)
    }

    private enum Key: String, CodingKey { case confirmationsQueued }
}

/// A registration's confirmation sent again (part36): after a lost message, or to a corrected address. The message is the
/// one registering sent, for the registration's state now (a seat with its door code and QR code, or the waitlist), written
/// by `RegistrationMail` and queued by `enqueueMail` with its signed cancellation link, as every other message.
extension ConventionService {
    /// At most this many confirmations sent again per registration within `confirmationResendWindow` (the first sending
    /// not counted), so nobody fills a mailbox through the API or the console.
    public static let confirmationResends = 3
    public static let confirmationResendWindow: TimeInterval = 86_400

    /// Queues the registration's confirmation again to the participant's current address, with an audit entry, in one
    /// transaction. Admins and the organizers of its event; any other organizer gets the 404 of a missing registration.
    /// Refused (409, nothing written) for the reasons of `confirmationRefusal` and past the limit (the detail says when
    /// it may be sent again).
    public func resendConfirmation(_ registrationID: UUID, by principal: Principal) async throws -> ConfirmationResent {
        try await write(by: principal) { db in
            guard let found = try await registrations.find(registrationID, on: db) else { throw ConventionsError.notFound("registration") }
            let event = try await managedEvent(found.eventId, by: principal, seats: false, on: db, what: "registration")
            // The registration's lock makes two resends at once take turns, so they cannot pass the limit together.
            let registration = try await written(registrationID, on: db, forUpdate: true)
            if let refusal = confirmationRefusal(for: registration, of: event) { throw ConventionsError.conflict(refusal.detail, field: nil) }
            let earlier = try await resendsInWindow(of: registration, on: db)
            if let next = Self.heldUntil(after: earlier) {
                throw ConventionsError.conflict(
                    "This confirmation was sent again \(Self.confirmationResends) times in the last 24 hours, the most allowed; it can be sent again from \(next.formatted(.iso8601)).",
                    field: nil)
            }
            guard try await queueConfirmation(registration, event: event, because: "resend", by: principal, on: db) else {
                throw ConventionsError.conflict(ConfirmationRefusal.unwritableAddress.detail, field: nil)
            }
            return ConfirmationResent(registrationId: registration.id, email: registration.participant.email ?? "",
                                      resendsLeft: Self.confirmationResends - earlier.count - 1)
        }
    }

    /// Why the registration's confirmation cannot be sent (again) now, or nil when it can; the limit aside. The console
    /// offers the button only where this is nil, and words each reason for its reader.
    public func confirmationRefusal(for registration: Registration, of event: Event) -> ConfirmationRefusal? {
        let person = registration.participant
        if person.erasedAt != nil { return .erased }
        switch registration.status {
        case .cancelled: return .cancelled
        case .attended, .noShow: return .overForPerson(registration.status)
        case .registered, .waitlisted: break
        }
        if clock.now() >= event.endsAt { return .eventEnded(event.endsAt) }
        guard let email = person.email else { return .noAddress }
        return (try? MailAddress(email)) == nil ? .unwritableAddress : nil
    }

    /// When the confirmation of `registration` may be sent again, when the limit holds it back now; nil when it may now.
    public func nextConfirmationResend(of registrationID: UUID, by principal: Principal) async throws -> Date? {
        try await pool.withConnection { db in
            guard let found = try await registrations.find(registrationID, on: db) else { throw ConventionsError.notFound("registration") }
            _ = try await managedEvent(found.eventId, by: principal, seats: false, on: db, what: "registration")
            return try await resendLimitHolds(found, on: db)
        }
    }

    /// After `PATCH /v1/participants/{id}` changed the address (the caller holds the person's lock): the confirmation of
    /// each registration still in force for an event not yet ended, to the new address, within the limit. Returns how many.
    func queueConfirmationsToNewAddress(of participantID: UUID, by principal: Principal, on db: PostgresConnection) async throws -> Int {
        var queued = 0
        for id in try await registrations.inForce(participantID: participantID, on: db) {
            let registration = try await written(id, on: db, forUpdate: true)
            guard let event = try await events.find(registration.eventId, seats: false, on: db),
                  confirmationRefusal(for: registration, of: event) == nil,
                  try await resendLimitHolds(registration, on: db) == nil else { continue }
            if try await queueConfirmation(registration, event: event, because: "email_corrected", by: principal, on: db) { queued += 1 }
        }
        return queued
    }

    /// When the limit lets the confirmation go again, when it holds it back now (the oldest counted resend leaves the window).
    func resendLimitHolds(_ registration: Registration, on db: PostgresConnection) async throws -> Date? {
        Self.heldUntil(after: try await resendsInWindow(of: registration, on: db))
    }

    private static func heldUntil(after earlier: [Date]) -> Date? {
        guard earlier.count >= confirmationResends else { return nil }
        return earlier[earlier.count - confirmationResends].addingTimeInterval(confirmationResendWindow)
    }

    /// The confirmations sent again within the window that ends now, oldest first (the first sending not counted).
    private func resendsInWindow(of registration: Registration, on db: PostgresConnection) async throws -> [Date] {
        try await Mail.repeatsWritten(.registrationConfirmation, about: registration.id.uuidString.lowercased(),
                                      after: clock.now().addingTimeInterval(-Self.confirmationResendWindow), on: db)
    }

    /// The confirmation queued and the audit entry that says who sent it again and why (never the address).
    private func queueConfirmation(
        _ registration: Registration, event: Event, because reason: String, by principal: Principal, on db: PostgresConnection
    ) async throws -> Bool {
        guard try await enqueueMail(.registered, registration, event: event, on: db) else { return false }
        try await AuditLog.record(
            on: db, actor: principal.userID, action: "registration.confirmation_resent", entity: "registrations",
            entityID: registration.id.uuidString.lowercased(), changes: ["reason": reason, "status": registration.status.rawValue],
            requestID: nil, at: clock.now())
        return true
    }
}
