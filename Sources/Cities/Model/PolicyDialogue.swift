public import DomainKit
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

    /// The service's refusal of a `heldOn` after today (`CityService.requireHeld`); the console words it.
    public static let afterToday = "must not be after today (a dialogue is recorded once held)"

    public func validate() throws(CitiesError) {
        var validation = Validation()
        validation.date(heldOn, "heldOn")
        validation.list(participants, "participants")
        validation.list(topics, "topics")
        validation.optional(outcomes, "outcomes", max: TextLimit.long)
        try validation.validate(as: CitiesError.self)
    }
}


/// A policy dialogue as stored.
public struct PolicyDialogue: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let cityID: UUID
    public let heldOn: CalendarDate
    public let participants: [String]
    public let topics: [String]
    public let outcomes: String?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: PolicyDialogueDraft {
        PolicyDialogueDraft(heldOn: heldOn, participants: participants, topics: topics, outcomes: outcomes)
    }

    private enum CodingKeys: String, CodingKey {
        case id, heldOn, participants, topics, outcomes, version, createdAt, updatedAt
        case cityID = "cityId"
    }
}

extension PolicyDialogueDraft: TrimmedText {}
