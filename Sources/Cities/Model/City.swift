public import DomainKit
public import FoundationEssentials
public import Postgres

/// Yokohama's relationship with an overseas city.
public enum CityRelationship: String, Sendable, Codable, CaseIterable {
    /// A technical-cooperation memorandum of understanding is in force.
    case mouPartner = "mou_partner"
    case prospect
    case other
}

/// The writable fields of an overseas city: the body of a create, and what a merge patch edits.
public struct CityDraft: Sendable, Codable, Equatable {
    public var nameJa: String
    public var nameEn: String
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String
    public var region: String?
    public var population: Int64?
    public var relationship: CityRelationship
    public var mouDate: CalendarDate?
    public var mouScope: String?
    /// The year of the zero-carbon declaration; `zeroCarbonDeclaredOn` adds the day when it is known.
    public var zeroCarbonDeclaredYear: Int?
    public var zeroCarbonDeclaredOn: CalendarDate?
    public var zeroCarbonTargetYear: Int?
    public var policyTargets: String?
    public var notes: String?
    /// Archiving hides the city from lists (unless asked for) but keeps its needs and history.
    public var archived: Bool?

    public init(
        nameJa: String, nameEn: String, country: String, region: String? = nil, population: Int64? = nil,
        relationship: CityRelationship, mouDate: CalendarDate? = nil, mouScope: String? = nil,
        zeroCarbonDeclaredYear: Int? = nil, zeroCarbonDeclaredOn: CalendarDate? = nil, zeroCarbonTargetYear: Int? = nil,
        policyTargets: String? = nil, notes: String? = nil, archived: Bool? = nil
    ) {
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.country = country
        self.region = region
        self.population = population
        self.relationship = relationship
        self.mouDate = mouDate
        self.mouScope = mouScope
        self.zeroCarbonDeclaredYear = zeroCarbonDeclaredYear
        self.zeroCarbonDeclaredOn = zeroCarbonDeclaredOn
        self.zeroCarbonTargetYear = zeroCarbonTargetYear
        self.policyTargets = policyTargets
        self.notes = notes
        self.archived = archived
    }

    /// Every broken rule at once, by JSON field name.
    public func validate() throws(CitiesError) {
        var validation = Validation()
        validation.required(nameJa, "nameJa", max: TextLimit.name)
        validation.required(nameEn, "nameEn", max: TextLimit.name)
        validation.check(Validation.isCountryCode(country), "country", "must be an ISO 3166-1 alpha-2 code in upper case, like VN")
        validation.optional(region, "region", max: TextLimit.shortText)
        validation.check((population ?? 0) >= 0, "population", "must not be negative")
        validation.optional(mouScope, "mouScope", max: TextLimit.long)
        validation.check(mouDate == nil || relationship == .mouPartner, "mouDate", "is only for an MOU partner")
        validation.date(mouDate, "mouDate")
        validation.date(zeroCarbonDeclaredOn, "zeroCarbonDeclaredOn")
        validation.check((1990...2100).contains(zeroCarbonDeclaredYear ?? 2000), "zeroCarbonDeclaredYear", "must be from 1990 to 2100")
        if let day = zeroCarbonDeclaredOn {
            validation.check(day.year == zeroCarbonDeclaredYear, "zeroCarbonDeclaredOn", "must fall in zeroCarbonDeclaredYear")
        }
        validation.check((2000...2100).contains(zeroCarbonTargetYear ?? 2050), "zeroCarbonTargetYear", "must be from 2000 to 2100")
        validation.optional(policyTargets, "policyTargets", max: TextLimit.long)
        validation.optional(notes, "notes", max: TextLimit.long)
        try validation.validate(as: CitiesError.self)
    }
}

/// An overseas city Yokohama cooperates with or courts, as stored.
public struct City: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let nameJa: String
    public let nameEn: String
    /// ISO 3166-1 alpha-2, upper case.
    public let country: String
    public let region: String?
    public let population: Int64?
    public let relationship: CityRelationship
    public let mouDate: CalendarDate?
    public let mouScope: String?
    public let zeroCarbonDeclaredYear: Int?
    public let zeroCarbonDeclaredOn: CalendarDate?
    public let zeroCarbonTargetYear: Int?
    public let policyTargets: String?
    public let notes: String?
    /// Archiving hides the city from lists (unless asked for) but keeps its needs and history.
    public let archived: Bool
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public var isArchived: Bool { archived }
    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: CityDraft {
        CityDraft(
            nameJa: nameJa, nameEn: nameEn, country: country, region: region, population: population, relationship: relationship,
            mouDate: mouDate, mouScope: mouScope, zeroCarbonDeclaredYear: zeroCarbonDeclaredYear,
            zeroCarbonDeclaredOn: zeroCarbonDeclaredOn, zeroCarbonTargetYear: zeroCarbonTargetYear, policyTargets: policyTargets,
            notes: notes, archived: archived)
    }
}

/// Filters of `GET /v1/cities`.
public struct CityFilter: Sendable, Equatable {
    public var country: String?
    public var relationship: CityRelationship?
    /// Substring of the Japanese or English name.
    public var text: String?
    public var includeArchived: Bool

    public init(country: String? = nil, relationship: CityRelationship? = nil, text: String? = nil, includeArchived: Bool = false) {
        self.country = country
        self.relationship = relationship
        self.text = text
        self.includeArchived = includeArchived
    }
}

/// Left out on a create, these take their defaults; stored, they have no "unset" state, so a merge patch's `null`
/// for one is refused by name rather than resetting it.
extension CityDraft: DefaultedFields {
    public static let fieldsWithDefaults = ["archived"]
}

extension CityDraft: TrimmedText {}
