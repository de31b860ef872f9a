import DomainKit
public import FoundationEssentials
public import Postgres

public enum CheckInMethod: String, Sendable, Codable, CaseIterable {
    /// The door scanned or typed the registration code.
    case code
    /// Staff found the person by name in the list and checked them in by registration id.
    case search
    /// Imported from a Zoom or Teams attendance report.
    case zoom, teams
}

/// The body of `POST /v1/events/{id}/check-ins`: a code or a registration id, exactly one.
public struct CheckInRequest: Sendable, Codable, Equatable {
    public var code: String?
    public var registrationId: UUID?
    /// A session of the event; without it the check-in is for the day.
    public var sessionId: UUID?
    /// Defaults to how the person registered.
    public var attendance: AttendanceMode?
    /// The day in Japan time; defaults to today there.
    public var day: CalendarDate?

    public init(code: String? = nil, registrationId: UUID? = nil, sessionId: UUID? = nil, attendance: AttendanceMode? = nil, day: CalendarDate? = nil) {
        self.code = code
        self.registrationId = registrationId
        self.sessionId = sessionId
        self.attendance = attendance
        self.day = day
    }
}

public struct CheckIn: Sendable, Equatable, Encodable {
    public let id: UUID
    public let eventId: UUID
    public let registrationId: UUID
    public let sessionId: UUID?
    public let day: CalendarDate
    public let attendance: AttendanceMode
    public let method: CheckInMethod
    public let checkedInAt: Date
    public let durationMinutes: Int?
}

/// A check-in and whether this request made it (201) or found the first one (200).
public struct CheckInOutcome: Sendable, Equatable {
    public let checkIn: CheckIn
    public let created: Bool
}
