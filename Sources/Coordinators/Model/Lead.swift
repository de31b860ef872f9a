public import DomainKit
public import FoundationEssentials
public import Postgres

/// How a lead reached the programme, as for city needs.
public enum LeadSourceChannel: String, Sendable, Codable, CaseIterable {
    case liaisonBase = "liaison_base"
    case policyDialogue = "policy_dialogue"
    case convention
    case inquiry
}

/// The writable fields of a lead: the body of a create, and what a merge patch edits. The stage is not
/// here: it moves only through `POST /v1/leads/{id}/transitions`, which keeps the history.
public struct LeadDraft: Sendable, Codable, Equatable {
    public var title: String
    public var cityId: UUID
    /// City needs (of the same city) the lead answers.
    public var needIds: [UUID]?
    public var sourceChannel: LeadSourceChannel
    public var sourceReference: String?
    /// The liaison base that brought the lead (channel `liaison_base` only); its staff may read it.
    public var sourceLiaisonBaseId: UUID?
    /// Defaults to the calling coordinator's own profile.
    public var ownerCoordinatorId: UUID?
    public var estimatedValueYen: Int64?
    public var expectedCloseOn: CalendarDate?

    public init(
        title: String, cityId: UUID, needIds: [UUID]? = nil, sourceChannel: LeadSourceChannel, sourceReference: String? = nil,
        sourceLiaisonBaseId: UUID? = nil, ownerCoordinatorId: UUID? = nil, estimatedValueYen: Int64? = nil,
        expectedCloseOn: CalendarDate? = nil
    ) {
        self.title = title
        self.cityId = cityId
        self.needIds = needIds
        self.sourceChannel = sourceChannel
        self.sourceReference = sourceReference
        self.sourceLiaisonBaseId = sourceLiaisonBaseId
        self.ownerCoordinatorId = ownerCoordinatorId
        self.estimatedValueYen = estimatedValueYen
        self.expectedCloseOn = expectedCloseOn
    }

    public var needs: [UUID] { needIds ?? [] }

    /// The refusal of a source base that is not one of the lead's city's bases (`checkReferences`): a base
    /// collects its own city's needs, and a lead comes from a city's need. The console words it.
    public static let baseOfAnotherCity = "is a liaison base of another city; choose one of the lead's city's bases"

    public func validate() throws(RecordError) {
        var validation = Validation()
        validation.required(title, "title", max: Limit.title)
        validation.check(needs.count <= Limit.needsPerLead, "needIds", "must have at most \(Limit.needsPerLead) items")
        validation.check(Set(needs).count == needs.count, "needIds", "must not repeat a need")
        validation.optional(sourceReference, "sourceReference", max: Limit.shortText)
        validation.date(expectedCloseOn, "expectedCloseOn")
        validation.check(sourceLiaisonBaseId == nil || sourceChannel == .liaisonBase, "sourceLiaisonBaseId",
                         "is only for the liaison_base channel")
        if let value = estimatedValueYen {
            validation.check((0...Limit.valueYen).contains(value), "estimatedValueYen", "must be from 0 to \(Limit.valueYen) yen")
        }
        try validation.validate(as: RecordError.self)
    }
}

/// A lead (案件) as stored: a chance to turn a city's need into orders, owned by one coordinator
/// (the database requires the owner, so it is never missing here).
public struct Lead: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let title: String
    public let cityId: UUID
    public let needIds: [UUID]
    public let sourceChannel: LeadSourceChannel
    public let sourceReference: String?
    public let sourceLiaisonBaseId: UUID?
    public let ownerCoordinatorId: UUID
    public let estimatedValueYen: Int64?
    public let expectedCloseOn: CalendarDate?
    public let stage: LeadStage
    public let stageReason: String?
    public let stageChangedAt: Date
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
    /// The day (Japan) of its latest activity, or of its creation when that is later or it has none: what
    /// "no activity for N days" counts from (docs/leads.md, Going cold).
    public let lastActivityOn: CalendarDate

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: LeadDraft {
        LeadDraft(
            title: title, cityId: cityId, needIds: needIds, sourceChannel: sourceChannel, sourceReference: sourceReference,
            sourceLiaisonBaseId: sourceLiaisonBaseId, ownerCoordinatorId: ownerCoordinatorId, estimatedValueYen: estimatedValueYen,
            expectedCloseOn: expectedCloseOn)
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, cityId, needIds, sourceChannel, sourceReference, sourceLiaisonBaseId, ownerCoordinatorId, estimatedValueYen,
             expectedCloseOn, stage, stageReason, stageChangedAt, allowedTransitions, version, createdAt, updatedAt, lastActivityOn
    }

    /// The stored fields, plus the stages the lead may move to next (derived, so it is never stale).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(cityId, forKey: .cityId)
        try container.encode(needIds, forKey: .needIds)
        try container.encode(sourceChannel, forKey: .sourceChannel)
        try container.encodeIfPresent(sourceReference, forKey: .sourceReference)
        try container.encodeIfPresent(sourceLiaisonBaseId, forKey: .sourceLiaisonBaseId)
        try container.encode(ownerCoordinatorId, forKey: .ownerCoordinatorId)
        try container.encodeIfPresent(estimatedValueYen, forKey: .estimatedValueYen)
        try container.encodeIfPresent(expectedCloseOn, forKey: .expectedCloseOn)
        try container.encode(stage, forKey: .stage)
        try container.encodeIfPresent(stageReason, forKey: .stageReason)
        try container.encode(stageChangedAt, forKey: .stageChangedAt)
        try container.encode(stage.allowedNext, forKey: .allowedTransitions)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(lastActivityOn, forKey: .lastActivityOn)
    }
}

/// `POST /v1/leads/{id}/transitions`.
public struct LeadTransition: Sendable, Codable, Equatable {
    public var to: LeadStage
    /// Required when moving to `lost` or `on_hold`.
    public var reason: String?
    public var note: String?
    /// The day it happened in Japan; today when left out (docs/leads.md, effective dates).
    public var occurredOn: CalendarDate?

    public init(to: LeadStage, reason: String? = nil, note: String? = nil, occurredOn: CalendarDate? = nil) {
        self.to = to
        self.reason = reason
        self.note = note
        self.occurredOn = occurredOn
    }

    func validate() throws(RecordError) {
        var validation = Validation()
        if to.needsReason {
            validation.check(reason != nil, "reason", "is required when moving to \(to.rawValue)")
        } else {
            validation.check(reason == nil, "reason", "is only for lost and on_hold; use note")
        }
        validation.optional(reason, "reason", max: Limit.reason)
        validation.optional(note, "note", max: Limit.reason)
        try validation.validate(as: RecordError.self)
    }
}

/// One row of a lead's stage history; `from` is null for the creation.
public struct LeadStageChange: Sendable, Equatable, Codable {
    public let from: LeadStage?
    public let to: LeadStage
    public let reason: String?
    public let note: String?
    /// The day the change happened (Japan); `changedAt` is when it was entered, by `changedBy`.
    public let occurredOn: CalendarDate
    public let changedBy: UUID?
    public let changedAt: Date
}

/// Filters of `GET /v1/leads`.
public struct LeadFilter: Sendable, Equatable {
    public var stage: LeadStage?
    public var cityID: UUID?
    public var ownerCoordinatorID: UUID?
    /// Substring of the title or source reference.
    public var text: String?
    /// Leads in a city of this country (an assigned ISO 3166-1 alpha-2 code).
    public var country: String?
    /// Leads with no activity for at least this many days: whose `lastActivityOn` is this many days or more
    /// before today in Japan on the programme clock (going cold).
    public var inactiveDays: Int?

    /// The range `inactiveDays` may take (the API's 400 outside it).
    public static let inactiveDaysRange = 1...3650

    public init(
        stage: LeadStage? = nil, cityID: UUID? = nil, ownerCoordinatorID: UUID? = nil, text: String? = nil, country: String? = nil,
        inactiveDays: Int? = nil
    ) {
        self.stage = stage
        self.cityID = cityID
        self.ownerCoordinatorID = ownerCoordinatorID
        self.text = text
        self.country = country
        self.inactiveDays = inactiveDays
    }
}

extension LeadDraft: TrimmedText {}

extension LeadTransition: TrimmedText {}
