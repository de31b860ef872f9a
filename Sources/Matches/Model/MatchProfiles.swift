public import FoundationEssentials

/// Who may read an item of a company profile (the Companies module's disclosure levels).
public enum ProfileDisclosure: String, Sendable, Codable {
    case `public`, partners, coordinators
}

public enum ProfileMaturity: String, Sendable, Codable {
    case concept, pilot, commercial
}

/// What the matcher knows of one technology of a company.
public struct TechnologyProfile: Sendable, Equatable, Codable {
    public var id: UUID
    public var titleJa: String?
    public var titleEn: String?
    public var descriptionJa: String?
    public var descriptionEn: String?
    public var taxonomyCodes: [String]
    public var maturity: ProfileMaturity
    public var disclosure: ProfileDisclosure

    public init(
        id: UUID = UUID(), titleJa: String? = nil, titleEn: String? = nil, descriptionJa: String? = nil,
        descriptionEn: String? = nil, taxonomyCodes: [String] = [], maturity: ProfileMaturity = .commercial,
        disclosure: ProfileDisclosure = .public
    ) {
        self.id = id
        self.titleJa = titleJa
        self.titleEn = titleEn
        self.descriptionJa = descriptionJa
        self.descriptionEn = descriptionEn
        self.taxonomyCodes = taxonomyCodes
        self.maturity = maturity
        self.disclosure = disclosure
    }

    var text: String {
        [titleJa, titleEn, descriptionJa, descriptionEn].compactMap { $0 }.joined(separator: "\n")
    }
}

/// A project delivered abroad: typed into the profile, or a won / commercialised match on the platform.
public struct TrackRecordProfile: Sendable, Equatable, Codable {
    public var country: String
    public var city: String?
    /// Set for platform records: the city of the need the match answered.
    public var cityId: UUID?
    public var year: Int?
    public var summary: String?
    /// Platform records carry the taxonomy codes of the need they answered.
    public var taxonomyCodes: [String]
    public var disclosure: ProfileDisclosure
    public var fromPlatform: Bool

    public init(
        country: String, city: String? = nil, cityId: UUID? = nil, year: Int? = nil, summary: String? = nil,
        taxonomyCodes: [String] = [], disclosure: ProfileDisclosure = .public, fromPlatform: Bool = false
    ) {
        self.country = country
        self.city = city
        self.cityId = cityId
        self.year = year
        self.summary = summary
        self.taxonomyCodes = taxonomyCodes
        self.disclosure = disclosure
        self.fromPlatform = fromPlatform
    }
}

/// A company as the matcher sees it. Archived companies are never profiled.
public struct CompanyProfile: Sendable, Equatable, Codable {
    public var id: UUID
    public var nameJa: String?
    public var nameEn: String?
    public var inYokohama: Bool
    public var yusaMember: Bool
    public var languages: [String]
    public var countriesWithExperience: [String]
    public var technologies: [TechnologyProfile]
    public var trackRecords: [TrackRecordProfile]

    public init(
        id: UUID = UUID(), nameJa: String? = nil, nameEn: String? = nil, inYokohama: Bool = true, yusaMember: Bool = false,
        languages: [String] = [], countriesWithExperience: [String] = [], technologies: [TechnologyProfile] = [],
        trackRecords: [TrackRecordProfile] = []
    ) {
        self.id = id
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.inYokohama = inYokohama
        self.yusaMember = yusaMember
        self.languages = languages
        self.countriesWithExperience = countriesWithExperience
        self.technologies = technologies
        self.trackRecords = trackRecords
    }
}

/// A city need as the matcher sees it, with its city.
public struct NeedProfile: Sendable, Equatable {
    public var id: UUID
    public var cityId: UUID
    public var cityNameEn: String
    public var cityNameJa: String
    public var country: String
    public var title: String
    public var text: String
    public var taxonomyCodes: [String]

    public init(
        id: UUID = UUID(), cityId: UUID = UUID(), cityNameEn: String, cityNameJa: String, country: String, title: String,
        text: String, taxonomyCodes: [String]
    ) {
        self.id = id
        self.cityId = cityId
        self.cityNameEn = cityNameEn
        self.cityNameJa = cityNameJa
        self.country = country
        self.title = title
        self.text = text
        self.taxonomyCodes = taxonomyCodes
    }
}

/// One code of the taxonomy, as the matcher needs it (migration 0003).
public struct TaxonomyTerm: Sendable, Equatable {
    public var code: String
    public var parentCode: String?
    public var nameEn: String
    public var nameJa: String
    public var synonyms: [String]

    public init(code: String, parentCode: String?, nameEn: String, nameJa: String, synonyms: [String]) {
        self.code = code
        self.parentCode = parentCode
        self.nameEn = nameEn
        self.nameJa = nameJa
        self.synonyms = synonyms
    }
}
