public import DomainKit
public import FoundationEssentials

public enum EventKind: String, Sendable, Codable, CaseIterable {
    case convention, workshop, seminar
}

/// How people attend: which capacities the event has.
public enum EventFormat: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case online
    case hybrid

    var offers: Set<AttendanceMode> {
        switch self {
        case .inPerson: [.inPerson]
        case .online: [.online]
        case .hybrid: [.inPerson, .online]
        }
    }
}

/// In the room or in the online room: a registration holds one kind of seat.
public enum AttendanceMode: String, Sendable, Codable, CaseIterable {
    case inPerson = "in_person"
    case online
}

/// The writable fields of an event: the body of a create, and what a merge patch edits.
public struct EventDraft: Sendable, Codable, Equatable {
    public var kind: EventKind
    public var titleJa: String?
    public var titleEn: String?
    public var startsAt: Date
    public var endsAt: Date
    public var venue: String?
    public var format: EventFormat
    /// Seats in the room; required when the format is in person or hybrid, absent for online.
    public var inPersonCapacity: Int?
    /// Seats in the online room; required when the format is online or hybrid.
    public var onlineCapacity: Int?
    public var registrationOpensAt: Date?
    public var registrationClosesAt: Date?
    /// Users who manage this event besides admins. An organizer who creates an event is added.
    public var organizerUserIds: [UUID]?
    /// Days after the end during which participants' personal data is kept (docs/conventions.md,
    /// "Retention"); absent on create: `Limit.defaultRetentionDays`.
    public var retentionDays: Int?

    public init(
        kind: EventKind, titleJa: String? = nil, titleEn: String? = nil, startsAt: Date, endsAt: Date, venue: String? = nil,
        format: EventFormat, inPersonCapacity: Int? = nil, onlineCapacity: Int? = nil, registrationOpensAt: Date? = nil,
        registrationClosesAt: Date? = nil, organizerUserIds: [UUID]? = nil, retentionDays: Int? = nil
    ) {
        self.kind = kind
        self.titleJa = titleJa
        self.titleEn = titleEn
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.format = format
        self.inPersonCapacity = inPersonCapacity
        self.onlineCapacity = onlineCapacity
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.organizerUserIds = organizerUserIds
        self.retentionDays = retentionDays
    }

    var organizers: [UUID] { organizerUserIds ?? [] }

    /// The retention period in days, the default when none was given.
    public var retention: Int { retentionDays ?? Limit.defaultRetentionDays }

    /// Personal data of the event's participants is kept until this instant (docs/conventions.md, "Retention").
    public var retainUntil: Date { endsAt.addingTimeInterval(Double(retention) * 86_400) }

    func capacity(for mode: AttendanceMode) -> Int? {
        mode == .inPerson ? inPersonCapacity : onlineCapacity
    }

    /// Every broken rule at once, by JSON field name.
    public func validate() throws(ConventionsError) {
        var validation = Validation()
        validation.atLeastOne(titleJa, titleEn, "titleJa", "titleEn")
        validation.optional(titleJa, "titleJa", max: Limit.title)
        validation.optional(titleEn, "titleEn", max: Limit.title)
        validation.optional(venue, "venue", max: Limit.venue)
        validation.check(endsAt > startsAt, "endsAt", "must be after startsAt")
        validation.date(startsAt, "startsAt")
        validation.date(endsAt, "endsAt")
        validation.date(registrationOpensAt, "registrationOpensAt")
        validation.date(registrationClosesAt, "registrationClosesAt")
        for (mode, field) in [(AttendanceMode.inPerson, "inPersonCapacity"), (.online, "onlineCapacity")] {
            if let capacity = capacity(for: mode) {
                validation.check(format.offers.contains(mode), field, "must be left out when the format is \(format.rawValue)")
                validation.check(Limit.capacity.contains(capacity), field, "must be from 0 to \(Limit.capacity.upperBound)")
            } else {
                validation.check(!format.offers.contains(mode), field, "is required when the format is \(format.rawValue)")
            }
        }
        if let opens = registrationOpensAt, let closes = registrationClosesAt {
            validation.check(closes > opens, "registrationClosesAt", "must be after registrationOpensAt")
        }
        if let retentionDays {
            validation.check(Limit.retentionDays.contains(retentionDays), "retentionDays", "must be from 0 to \(Limit.retentionDays.upperBound) days")
        }
        validation.check(organizers.count <= Limit.organizers, "organizerUserIds", "must have at most \(Limit.organizers) items")
        validation.check(Set(organizers).count == organizers.count, "organizerUserIds", "must not repeat a user")
        try validation.validate(as: ConventionsError.self)
    }
}

/// Seats of one kind: the capacity, how many hold a seat, and how many wait.
public struct SeatCount: Sendable, Equatable, Codable {
    public let capacity: Int
    public let taken: Int
    public let waitlisted: Int

    public init(capacity: Int, taken: Int, waitlisted: Int) {
        self.capacity = capacity
        self.taken = taken
        self.waitlisted = waitlisted
    }
}

/// A convention, workshop or seminar of the programme, as stored, with its fiscal year, its retention
/// (the default applied) and, when they were counted, its seats.
public struct Event: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let kind: EventKind
    public let titleJa: String?
    public let titleEn: String?
    public let startsAt: Date
    public let endsAt: Date
    public let venue: String?
    public let format: EventFormat
    public let inPersonCapacity: Int?
    public let onlineCapacity: Int?
    public let registrationOpensAt: Date?
    public let registrationClosesAt: Date?
    /// Users who manage this event besides admins.
    public let organizerUserIds: [UUID]
    /// How many days after the event its participants' personal data is kept.
    public let retentionDays: Int
    public let fiscalYear: FiscalYear
    public let inPersonSeats: SeatCount?
    public let onlineSeats: SeatCount?
    /// When the retention job anonymised the event's participants (nil: not yet).
    public let personalDataShreddedAt: Date?
    /// None of `organizerUserIds` has an enabled account (an admin disabled the last one): only admins manage the
    /// event until one of them adds an organizer.
    public let needsOrganizer: Bool
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
    /// Whether the answer carries `organizerUserIds` and `needsOrganizer` (`shown(to:)`): beside the ids,
    /// `needsOrganizer` tells that the listed accounts are disabled, which is the account administration's.
    private(set) var showsOrganizers = true

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    /// When the retention period ends.
    public var retainUntil: Date { endsAt.addingTimeInterval(Double(retentionDays) * 86_400) }

    public var draft: EventDraft {
        EventDraft(
            kind: kind, titleJa: titleJa, titleEn: titleEn, startsAt: startsAt, endsAt: endsAt, venue: venue, format: format,
            inPersonCapacity: inPersonCapacity, onlineCapacity: onlineCapacity, registrationOpensAt: registrationOpensAt,
            registrationClosesAt: registrationClosesAt, organizerUserIds: organizerUserIds, retentionDays: retentionDays)
    }

    func capacity(for mode: AttendanceMode) -> Int? {
        mode == .inPerson ? inPersonCapacity : onlineCapacity
    }

    /// Admins manage every event; an organizer only the events that list them.
    func isManaged(by principal: Principal) -> Bool {
        principal.role == .admin || (principal.role == .organizer && organizerUserIds.contains(principal.userID))
    }

    /// Who an event's organizers are, and whether they all lost their accounts (`needsOrganizer`), is for those who
    /// may list them (`listEventOrganizers`: admins, coordinators, the event's own organizers); every other reader
    /// (company, liaison and viewer users, organizers of other events) gets the event without both fields
    /// (docs/access-policy.md, "Fields shown by role").
    static func showsOrganizers(to principal: Principal) -> Bool {
        [.admin, .coordinator].contains(principal.role)
    }

    /// The event as `principal` reads it (`showsOrganizers(to:)`).
    func shown(to principal: Principal) -> Event {
        var event = self
        event.showsOrganizers = Self.showsOrganizers(to: principal) || isManaged(by: principal)
        return event
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, titleJa, titleEn, startsAt, endsAt, venue, format, inPersonCapacity, onlineCapacity, registrationOpensAt,
             registrationClosesAt, organizerUserIds, retentionDays, retainUntil, fiscalYear, inPersonSeats, onlineSeats,
             personalDataShreddedAt, needsOrganizer, version, createdAt, updatedAt
    }

    /// The stored fields, plus `retainUntil` (derived); `personalDataShreddedAt` is null until the job ran; the organizers
    /// only as `shown(to:)` allows.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(titleJa, forKey: .titleJa)
        try container.encodeIfPresent(titleEn, forKey: .titleEn)
        try container.encode(startsAt, forKey: .startsAt)
        try container.encode(endsAt, forKey: .endsAt)
        try container.encodeIfPresent(venue, forKey: .venue)
        try container.encode(format, forKey: .format)
        try container.encodeIfPresent(inPersonCapacity, forKey: .inPersonCapacity)
        try container.encodeIfPresent(onlineCapacity, forKey: .onlineCapacity)
        try container.encodeIfPresent(registrationOpensAt, forKey: .registrationOpensAt)
        try container.encodeIfPresent(registrationClosesAt, forKey: .registrationClosesAt)
        if showsOrganizers { try container.encode(organizerUserIds, forKey: .organizerUserIds) }
        try container.encode(retentionDays, forKey: .retentionDays)
        try container.encode(retainUntil, forKey: .retainUntil)
        try container.encode(fiscalYear, forKey: .fiscalYear)
        try container.encodeIfPresent(inPersonSeats, forKey: .inPersonSeats)
        try container.encodeIfPresent(onlineSeats, forKey: .onlineSeats)
        try container.encode(personalDataShreddedAt, forKey: .personalDataShreddedAt)
        if showsOrganizers { try container.encode(needsOrganizer, forKey: .needsOrganizer) }
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// Filters of `GET /v1/events`.
public struct EventFilter: Sendable, Equatable {
    public var kind: EventKind?
    public var fiscalYear: Int?
    /// Only events the caller organizes.
    public var organizedBy: UUID?
    /// Only events whose organizers are all disabled (true), or only the others (false).
    public var needsOrganizer: Bool?
    public var order: EventOrder

    public init(kind: EventKind? = nil, fiscalYear: Int? = nil, organizedBy: UUID? = nil, needsOrganizer: Bool? = nil, order: EventOrder = .entered) {
        self.kind = kind
        self.fiscalYear = fiscalYear
        self.organizedBy = organizedBy
        self.needsOrganizer = needsOrganizer
        self.order = order
    }
}

/// The events list's order (`?order=`): as entered (the default), or latest start first, as people read a
/// programme's events (ux20: the console sorted the whole list itself, so it read every event to show any).
/// A cursor continues the order it came from.
public enum EventOrder: String, Sendable, CaseIterable {
    case entered
    case latestStart

    /// Where a page in this order ends: the key the list is ordered by, and the id.
    func position(_ event: Event) -> PageCursor {
        switch self {
        case .entered: event.position
        case .latestStart: PageCursor(createdAt: event.startsAt, id: event.id)
        }
    }
}

/// Left out on a create, these take their defaults; stored, they have no "unset" state, so a merge patch's `null`
/// for one is refused by name rather than resetting it.
extension EventDraft: DefaultedFields {
    public static let fieldsWithDefaults = ["retentionDays"]
}

extension EventDraft: TrimmedText {}
