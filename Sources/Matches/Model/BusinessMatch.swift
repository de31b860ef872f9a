public import DomainKit
public import FoundationEssentials
public import Postgres

/// Where a business match stands. The happy path runs proposed → introduced → meeting_held →
/// negotiating → won → commercialized; any step before won can end in declined or withdrawn.
public enum MatchStatus: String, Sendable, Codable, CaseIterable {
    case proposed, introduced
    case meetingHeld = "meeting_held"
    case negotiating, won, commercialized, declined, withdrawn

    /// The statuses this one may move to.
    public var next: [MatchStatus] {
        switch self {
        case .proposed: [.introduced, .declined, .withdrawn]
        case .introduced: [.meetingHeld, .declined, .withdrawn]
        case .meetingHeld: [.negotiating, .declined, .withdrawn]
        case .negotiating: [.won, .declined, .withdrawn]
        case .won: [.commercialized]
        case .commercialized, .declined, .withdrawn: []
        }
    }

    /// Declined and withdrawn records are history: they do not block a new record for the same lead.
    public var isLive: Bool { self != .declined && self != .withdrawn }
}

/// How the company was brought to the counterpart.
public enum MatchChannel: String, Sendable, Codable, CaseIterable {
    case liaisonBase = "liaison_base"
    case convention, coordinator, direct
}

public enum CounterpartKind: String, Sendable, Codable, CaseIterable {
    case cityGovernment = "city_government"
    case localPartner = "local_partner"
}

/// The body of `POST /v1/matches`: a company and at least one of a need, a lead or a city.
public struct BusinessMatchDraft: Sendable, Equatable, Codable {
    public static let notesLimit = 20_000
    public var companyId: UUID
    public var needId: UUID?
    /// A lead of the Coordinators module.
    public var leadId: UUID?
    public var cityId: UUID?
    public var counterpartKind: CounterpartKind?
    public var localPartnerId: UUID?
    public var channel: MatchChannel
    public var liaisonBaseId: UUID?
    public var notes: String?
    /// Made from the matcher's suggestion for `needId`: the algorithm version and the score parts of
    /// this moment are stored with the record.
    public var fromSuggestion: Bool?

    public init(
        companyId: UUID, needId: UUID? = nil, leadId: UUID? = nil, cityId: UUID? = nil, counterpartKind: CounterpartKind? = nil,
        localPartnerId: UUID? = nil, channel: MatchChannel, liaisonBaseId: UUID? = nil, notes: String? = nil, fromSuggestion: Bool? = nil
    ) {
        self.companyId = companyId
        self.needId = needId
        self.leadId = leadId
        self.cityId = cityId
        self.counterpartKind = counterpartKind
        self.localPartnerId = localPartnerId
        self.channel = channel
        self.liaisonBaseId = liaisonBaseId
        self.notes = notes
        self.fromSuggestion = fromSuggestion
    }
}

/// The matcher's view when the record was made from a suggestion.
public struct SuggestionSnapshot: Sendable, Equatable, Codable {
    public var algorithmVersion: String
    public var score: Double
    public var parts: ScoreParts

    public init(algorithmVersion: String, score: Double, parts: ScoreParts) {
        self.algorithmVersion = algorithmVersion
        self.score = score
        self.parts = parts
    }
}

/// A business match (ビジネスマッチング) record.
public struct BusinessMatch: Sendable, Equatable, Codable {
    public var id: UUID
    public var companyId: UUID
    /// The company's names as the directory holds them now (read, never written, through the record):
    /// every reader of the record learns whose it is, the council too, which may not open the directory.
    public var companyNameJa: String?
    public var companyNameEn: String?
    public var needId: UUID?
    public var leadId: UUID?
    public var cityId: UUID?
    public var counterpartKind: CounterpartKind?
    public var localPartnerId: UUID?
    public var channel: MatchChannel
    public var liaisonBaseId: UUID?
    public var status: MatchStatus
    public var suggestion: SuggestionSnapshot?
    public var notes: String?
    public var createdBy: UUID?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The pairing's own record that this one duplicates: set by migration 0105 on the extra live records of one company
    /// and need stored before one live record per need was the rule (they do not count in KPI ②); nil on every other.
    public var duplicateOf: UUID?

    private enum CodingKeys: String, CodingKey {
        case id, companyId, companyNameJa, companyNameEn, needId, leadId, cityId, counterpartKind, localPartnerId, channel,
             liaisonBaseId, status, suggestion, notes, createdBy, version, createdAt, updatedAt, duplicateOf
    }

    /// The stored fields, absent when empty, and `duplicateOf` always, `null` on the pairing's own record: a client
    /// reads which of a pairing's records is its own without knowing that duplicates exist.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(companyId, forKey: .companyId)
        try container.encodeIfPresent(companyNameJa, forKey: .companyNameJa)
        try container.encodeIfPresent(companyNameEn, forKey: .companyNameEn)
        try container.encodeIfPresent(needId, forKey: .needId)
        try container.encodeIfPresent(leadId, forKey: .leadId)
        try container.encodeIfPresent(cityId, forKey: .cityId)
        try container.encodeIfPresent(counterpartKind, forKey: .counterpartKind)
        try container.encodeIfPresent(localPartnerId, forKey: .localPartnerId)
        try container.encode(channel, forKey: .channel)
        try container.encodeIfPresent(liaisonBaseId, forKey: .liaisonBaseId)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(suggestion, forKey: .suggestion)
        try container.encodeIfPresent(notes, forKey: .notes)
        try container.encodeIfPresent(createdBy, forKey: .createdBy)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(duplicateOf, forKey: .duplicateOf)
    }
}

/// The body of `POST /v1/matches/{id}/transitions`.
public struct MatchTransitionRequest: Sendable, Equatable, Codable {
    public static let noteLimit = 2_000
    public var to: MatchStatus
    /// The day it happened (Asia/Tokyo); today when left out. Never in the future.
    public var occurredOn: CalendarDate?
    public var note: String?

    public init(to: MatchStatus, occurredOn: CalendarDate? = nil, note: String? = nil) {
        self.to = to
        self.occurredOn = occurredOn
        self.note = note
    }
}

/// One step of a match's history.
public struct MatchStatusChange: Sendable, Equatable, Codable {
    public var fromStatus: MatchStatus?
    public var toStatus: MatchStatus
    public var occurredOn: CalendarDate
    public var actorUserId: UUID?
    public var note: String?
    public var recordedAt: Date
}

/// Filters of `GET /v1/matches`.
public struct BusinessMatchFilter: Sendable, Equatable {
    public var companyId: UUID?
    public var needId: UUID?
    public var leadId: UUID?
    public var status: MatchStatus?

    public init(companyId: UUID? = nil, needId: UUID? = nil, leadId: UUID? = nil, status: MatchStatus? = nil) {
        self.companyId = companyId
        self.needId = needId
        self.leadId = leadId
        self.status = status
    }
}

extension BusinessMatchDraft: TrimmedText {}
extension MatchTransitionRequest: TrimmedText {}
