public import FoundationEssentials
public import Postgres

/// The writable fields of a policy dialogue (政策対話) with a city.
public struct PolicyDialogueDraft: Sendable, Codable, Equatable {
    public var heldOn: CalendarDate
    public var participants: [String]
    public var topics: [String]
    public var outcomes: String?

    public init(heldOn: CalendarDate, participants: [String] = [], topics: [String] = [], outcomes: String? = nil) {
        self.heldOn = heldOn
        self.participants = participants
        self.topics = topics
        self.outcomes = outcomes
    }

    public func validate() throws(CitiesError) {
        var validation = Validation()
        validation.list(participants, "participants")
        validation.list(topics, "topics")
        validation.optional(outcomes, "outcomes", max: TextLimit.long)
        try validation.validateCities()
    }
}

import DomainKit

@dynamicMemberLookup
public struct PolicyDialogue: Sendable, Equatable, Encodable {
    public let id: UUID
    public let cityID: UUID
    public let fields: PolicyDialogueDraft
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public subscript<Value>(dynamicMember keyPath: KeyPath<PolicyDialogueDraft, Value>) -> Value { fields[keyPath: keyPath] }
    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    private enum CodingKeys: String, CodingKey { case id, cityId, version, createdAt, updatedAt }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cityID, forKey: .cityId)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
