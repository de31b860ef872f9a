public import DomainKit
public import FoundationEssentials

/// The writable fields of a track record: a project the company delivered abroad.
public struct CompanyTrackRecordDraft: Sendable, Codable, Equatable {
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String
    public var city: String?
    public var year: Int?
    public var client: String?
    public var summary: String?
    public var link: String?
    public var disclosure: Disclosure

    public init(
        country: String, city: String? = nil, year: Int? = nil, client: String? = nil, summary: String? = nil,
        link: String? = nil, disclosure: Disclosure
    ) {
        self.country = country
        self.city = city
        self.year = year
        self.client = client
        self.summary = summary
        self.link = link
        self.disclosure = disclosure
    }

    static let years = 1900...2100

    public func validate() throws(CompaniesError) {
        var validation = Validation()
        validation.check(Validation.isCountryCode(country), "country", "must be an ISO 3166-1 alpha-2 code in upper case, like VN")
        validation.optional(city, "city", max: TextLimit.shortText)
        validation.check(Self.years.contains(year ?? 2000), "year", "must be from 1900 to 2100")
        validation.optional(client, "client", max: TextLimit.shortText)
        validation.optional(summary, "summary", max: TextLimit.long)
        validation.optional(link, "link", max: TextLimit.shortText)
        validation.webAddress(link, "link")
        try validation.validate(as: CompaniesError.self)
    }
}

/// A track record of a company, as stored.
public struct CompanyTrackRecord: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let companyID: UUID
    /// ISO 3166-1 alpha-2, upper case.
    public let country: String
    public let city: String?
    public let year: Int?
    public let client: String?
    public let summary: String?
    public let link: String?
    public let disclosure: Disclosure
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: CompanyTrackRecordDraft {
        CompanyTrackRecordDraft(country: country, city: city, year: year, client: client, summary: summary, link: link, disclosure: disclosure)
    }

    private enum CodingKeys: String, CodingKey {
        case id, country, city, year, client, summary, link, disclosure, version, createdAt, updatedAt
        case companyID = "companyId"
    }
}

extension CompanyTrackRecordDraft: TrimmedText {}
