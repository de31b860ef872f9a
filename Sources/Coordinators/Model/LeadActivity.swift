public import DomainKit
public import FoundationEssentials
public import Postgres

public enum ActivityKind: String, Sendable, Codable, CaseIterable {
    case meeting
    case siteVisit = "site_visit"
    case webMeeting = "web_meeting"
    case workshop
    case call
    case email
    case report
}

/// The writable fields of an activity on a lead: what happened, and what must happen next by when.
public struct LeadActivityDraft: Sendable, Codable, Equatable {
    public var kind: ActivityKind
    public var occurredOn: CalendarDate
    public var participants: [String]?
    public var notes: String?
    public var nextAction: String?
    public var nextActionDueOn: CalendarDate?
    public var nextActionDone: Bool?

    public init(
        kind: ActivityKind, occurredOn: CalendarDate, participants: [String]? = nil, notes: String? = nil, nextAction: String? = nil,
        nextActionDueOn: CalendarDate? = nil, nextActionDone: Bool? = nil
    ) {
        self.kind = kind
        self.occurredOn = occurredOn
        self.participants = participants
        self.notes = notes
        self.nextAction = nextAction
        self.nextActionDueOn = nextActionDueOn
        self.nextActionDone = nextActionDone
    }

    var participantList: [String] { participants ?? [] }

    /// An activity says what happened (its notes) or what must happen next (its next action); a kind and a
    /// day alone tell a colleague reading the lead nothing. Named on `notes`, the field one fills first.
    public static let emptyMessage = "is required unless nextAction is given: say what happened or what comes next"

    /// Whether the activity holds notes or a next action.
    public var holdsSomething: Bool { notes != nil || nextAction != nil }

    /// The rules of a draft. `requiringContent` is false only for an edit of an activity stored empty
    /// before the rule (such rows stay as they are, and may still be marked done or given notes).
    public func validate(requiringContent: Bool = true) throws(RecordError) {
        var validation = Validation()
        validation.check(!requiringContent || holdsSomething, "notes", Self.emptyMessage)
        validation.list(participantList, "participants")
        validation.optional(notes, "notes", max: Limit.long)
        validation.optional(nextAction, "nextAction", max: Limit.nextAction)
        validation.check(nextActionDueOn == nil || nextAction != nil, "nextActionDueOn", "needs nextAction")
        validation.date(occurredOn, "occurredOn")
        validation.date(nextActionDueOn, "nextActionDueOn")
        try validation.validate(as: RecordError.self)
    }
}

/// An activity on a lead, as stored.
public struct LeadActivity: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let leadID: UUID
    public let kind: ActivityKind
    public let occurredOn: CalendarDate
    public let participants: [String]
    public let notes: String?
    public let nextAction: String?
    public let nextActionDueOn: CalendarDate?
    public let nextActionDone: Bool
    public let createdBy: UUID?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: LeadActivityDraft {
        LeadActivityDraft(
            kind: kind, occurredOn: occurredOn, participants: participants, notes: notes, nextAction: nextAction,
            nextActionDueOn: nextActionDueOn, nextActionDone: nextActionDone)
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, occurredOn, participants, notes, nextAction, nextActionDueOn, nextActionDone, createdBy, version, createdAt, updatedAt
        case leadID = "leadId"
    }
}

/// A next action past its due date and not done, with the lead it belongs to.
public struct OverdueAction: Sendable, Equatable, Encodable {
    public let activity: LeadActivity
    public let leadTitle: String
    public let ownerCoordinatorId: UUID
    /// Whole days past the due date, in Japan time.
    public let daysOverdue: Int
}

/// Left out on a create, these take their defaults; stored, they have no "unset" state, so a merge patch's `null`
/// for one is refused by name rather than resetting it.
extension LeadActivityDraft: DefaultedFields {
    public static let fieldsWithDefaults = ["nextActionDone"]
}

extension LeadActivityDraft: TrimmedText {}

/// The order of a lead's activities (`?order=`): as logged (the default), or the last logged first, so that a lead's
/// current next action is on the first page however many activities it has (ux20: the console read 2,000 oldest
/// and set the next action on the last of those). Both are keyed by `(createdAt, id)`; a cursor continues its order.
public enum ActivityOrder: String, Sendable, CaseIterable {
    case oldest
    case newest
}
