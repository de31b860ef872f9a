import DomainKit
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

    public func validate() throws(CoordinatorsError) {
        var validation = Validation()
        validation.list(participantList, "participants")
        validation.optional(notes, "notes", max: Limit.long)
        validation.optional(nextAction, "nextAction", max: Limit.nextAction)
        validation.check(nextActionDueOn == nil || nextAction != nil, "nextActionDueOn", "needs nextAction")
        try validation.validateCoordinators()
    }
}

@dynamicMemberLookup
public struct LeadActivity: Sendable, Equatable, Encodable {
    public let id: UUID
    public let leadID: UUID
    public let fields: LeadActivityDraft
    public let createdBy: UUID?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public subscript<Value>(dynamicMember keyPath: KeyPath<LeadActivityDraft, Value>) -> Value { fields[keyPath: keyPath] }

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    private enum CodingKeys: String, CodingKey { case id, leadId, participants, nextActionDone, createdBy, version, createdAt, updatedAt }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(leadID, forKey: .leadId)
        try container.encode(fields.participantList, forKey: .participants)
        try container.encode(fields.nextActionDone ?? false, forKey: .nextActionDone)
        try container.encodeIfPresent(createdBy, forKey: .createdBy)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
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
