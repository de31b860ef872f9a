public import DomainKit
public import FoundationEssentials

/// The writable fields of a coordinator profile: the body of a create, and what a merge patch edits.
public struct CoordinatorDraft: Sendable, Codable, Equatable {
    /// The user account the profile belongs to (role coordinator or admin); one profile per user.
    public var userId: UUID
    public var displayName: String
    /// Taxonomy codes of the coordinator's expertise.
    public var expertiseCodes: [String]?
    public var languages: [String]?
    /// ISO 3166-1 alpha-2 codes of countries the coordinator knows.
    public var countries: [String]?
    public var formerEmployer: String?
    /// A senior (OB) coordinator, retired from a company.
    public var senior: Bool?
    /// How many active leads the coordinator may own at once.
    public var capacity: Int?
    public var active: Bool?
    public var notes: String?

    public init(
        userId: UUID, displayName: String, expertiseCodes: [String]? = nil, languages: [String]? = nil, countries: [String]? = nil,
        formerEmployer: String? = nil, senior: Bool? = nil, capacity: Int? = nil, active: Bool? = nil, notes: String? = nil
    ) {
        self.userId = userId
        self.displayName = displayName
        self.expertiseCodes = expertiseCodes
        self.languages = languages
        self.countries = countries
        self.formerEmployer = formerEmployer
        self.senior = senior
        self.capacity = capacity
        self.active = active
        self.notes = notes
    }

    public static let defaultCapacity = 10

    public var codes: [String] { expertiseCodes ?? [] }
    public var languageList: [String] { languages ?? [] }
    public var countryList: [String] { countries ?? [] }
    public var capacityValue: Int { capacity ?? Self.defaultCapacity }

    public func validate() throws(RecordError) {
        var validation = Validation()
        validation.required(displayName, "displayName", max: Limit.name)
        validation.list(codes, "expertiseCodes", maxLength: 100)
        validation.list(languageList, "languages")
        validation.countries(countryList, "countries")
        validation.optional(formerEmployer, "formerEmployer", max: Limit.shortText)
        validation.check(Limit.capacity.contains(capacityValue), "capacity",
                         "must be from \(Limit.capacity.lowerBound) to \(Limit.capacity.upperBound)")
        validation.optional(notes, "notes", max: Limit.long)
        try validation.validate(as: RecordError.self)
    }

    /// The fields only an admin sets: who the profile belongs to and how much work it takes.
    func adminFieldsDiffer(from other: CoordinatorDraft) -> [String] {
        var fields: [String] = []
        if userId != other.userId { fields.append("userId") }
        if capacityValue != other.capacityValue { fields.append("capacity") }
        if (active ?? true) != (other.active ?? true) { fields.append("active") }
        if (senior ?? false) != (other.senior ?? false) { fields.append("senior") }
        return fields
    }
}

/// A coordinator's profile as stored, with how many active leads it owns now.
public struct Coordinator: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let userId: UUID
    public let displayName: String
    public let expertiseCodes: [String]
    public let languages: [String]
    public let countries: [String]
    public let formerEmployer: String?
    public let senior: Bool
    /// How many active leads the coordinator may own.
    public let capacity: Int
    public let active: Bool
    public let notes: String?
    public let activeLeads: Int
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public var isActive: Bool { active }
    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: CoordinatorDraft {
        CoordinatorDraft(
            userId: userId, displayName: displayName, expertiseCodes: expertiseCodes, languages: languages, countries: countries,
            formerEmployer: formerEmployer, senior: senior, capacity: capacity, active: active, notes: notes)
    }
}

/// Filters of `GET /v1/coordinators`.
public struct CoordinatorFilter: Sendable, Equatable {
    /// Substring of the name, former employer or notes.
    public var text: String?
    /// Expertise in this code; a parent code includes its children.
    public var taxonomyCode: String?
    public var country: String?
    public var active: Bool?

    public init(text: String? = nil, taxonomyCode: String? = nil, country: String? = nil, active: Bool? = nil) {
        self.text = text
        self.taxonomyCode = taxonomyCode
        self.country = country
        self.active = active
    }
}

/// Left out on a create, these take their defaults; stored, they have no "unset" state, so a merge patch's `null`
/// for one is refused by name rather than resetting it.
extension CoordinatorDraft: DefaultedFields {
    public static let fieldsWithDefaults = ["senior", "capacity", "active"]
}

extension CoordinatorDraft: TrimmedText {}
