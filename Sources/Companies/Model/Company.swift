public import DomainKit
public import FoundationEssentials
public import Postgres

public enum CompanySize: String, Sendable, Codable, CaseIterable {
    case sme
    case large
}

/// The writable fields of a company: the body of a create, and what a merge patch edits. At least one
/// name, in either language.
public struct CompanyDraft: Sendable, Codable, Equatable {
    public var nameJa: String?
    public var nameEn: String?
    /// How the name is read, in kana (フリガナ): にっき or ニッキ for 日揮; half-width ｴﾊﾞﾗ is stored full-width
    /// (`NameReading`). Optional; the directory finds companies by it and sorts by it (`CompanyOrder.reading`).
    public var nameReading: String?
    /// 法人番号; see `CorporateNumber`.
    public var corporateNumber: String?
    public var address: String?
    public var municipality: String?
    public var inYokohama: Bool?
    public var size: CompanySize
    /// Member of YUSA (Y-PORT 公民連携 / Yokohama Urban Solution Alliance) since this day.
    public var yusaMemberSince: CalendarDate?
    public var yusaTier: String?
    public var website: String?
    public var languages: [String]?
    /// ISO 3166-1 alpha-2 codes of countries the company has worked in.
    public var countriesWithExperience: [String]?
    /// The company consents to appear on the public showcase.
    public var showcaseOptIn: Bool?
    /// Archiving hides the company from lists (unless asked for) and from the showcase.
    public var archived: Bool?

    public init(
        nameJa: String? = nil, nameEn: String? = nil, corporateNumber: String? = nil, address: String? = nil,
        municipality: String? = nil, inYokohama: Bool? = nil, size: CompanySize, yusaMemberSince: CalendarDate? = nil,
        yusaTier: String? = nil, website: String? = nil, languages: [String]? = nil, countriesWithExperience: [String]? = nil,
        showcaseOptIn: Bool? = nil, archived: Bool? = nil, nameReading: String? = nil
    ) {
        self.nameJa = nameJa
        self.nameEn = nameEn
        self.nameReading = nameReading
        self.corporateNumber = corporateNumber
        self.address = address
        self.municipality = municipality
        self.inYokohama = inYokohama
        self.size = size
        self.yusaMemberSince = yusaMemberSince
        self.yusaTier = yusaTier
        self.website = website
        self.languages = languages
        self.countriesWithExperience = countriesWithExperience
        self.showcaseOptIn = showcaseOptIn
        self.archived = archived
    }

    var languageList: [String] { languages ?? [] }
    /// The reading as stored (`NameReading.stored`).
    var storedReading: String? { nameReading.map(NameReading.stored) }
    var countryList: [String] { countriesWithExperience ?? [] }

    /// A company's names (one at least, each bounded) and its 法人番号 (check digit included): the rules a create and an
    /// application to join (signup31) share.
    static func checkIdentity(nameJa: String?, nameEn: String?, corporateNumber: String?, into validation: inout Validation) {
        validation.atLeastOne(nameJa, nameEn, "nameJa", "nameEn")
        validation.optional(nameJa, "nameJa", max: TextLimit.name)
        validation.optional(nameEn, "nameEn", max: TextLimit.name)
        if let corporateNumber {
            validation.check(CorporateNumber.isValid(corporateNumber), "corporateNumber",
                             "must be a 13-digit corporate number (法人番号) with a valid check digit")
        }
    }

    /// Every broken rule at once, by JSON field name.
    public func validate() throws(CompaniesError) {
        var validation = Validation()
        Self.checkIdentity(nameJa: nameJa, nameEn: nameEn, corporateNumber: corporateNumber, into: &validation)
        validation.reading(nameReading, "nameReading")
        validation.optional(address, "address", max: TextLimit.shortText)
        validation.optional(municipality, "municipality", max: TextLimit.shortText)
        validation.optional(yusaTier, "yusaTier", max: TextLimit.tier)
        validation.check(yusaTier == nil || yusaMemberSince != nil, "yusaTier", "needs yusaMemberSince")
        validation.date(yusaMemberSince, "yusaMemberSince")
        validation.optional(website, "website", max: TextLimit.shortText)
        validation.webAddress(website, "website")
        validation.list(languageList, "languages")
        validation.check(countryList.count <= TextLimit.countries, "countriesWithExperience", "must have at most \(TextLimit.countries) items")
        for (index, country) in countryList.enumerated() {
            validation.check(Validation.isCountryCode(country), "countriesWithExperience.\(index)", "must be an ISO 3166-1 alpha-2 code in upper case, like VN")
        }
        try validation.validate(as: CompaniesError.self)
    }
}

/// A company of the directory, as stored: flags and lists always known.
public struct Company: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let nameJa: String?
    public let nameEn: String?
    /// The name in kana (フリガナ), as stored; nil when not given.
    public let nameReading: String?
    /// 法人番号; see `CorporateNumber`.
    public let corporateNumber: String?
    public let address: String?
    public let municipality: String?
    public let inYokohama: Bool
    public let size: CompanySize
    /// Member of YUSA since this day.
    public let yusaMemberSince: CalendarDate?
    public let yusaTier: String?
    public let website: String?
    public let languages: [String]
    /// ISO 3166-1 alpha-2 codes of countries the company has worked in.
    public let countriesWithExperience: [String]
    /// The company consents to appear on the public showcase.
    public let showcaseOptIn: Bool
    /// Archived companies are hidden from lists (unless asked for) and from the showcase.
    public let archived: Bool
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
    /// When the profile was last saved or confirmed as current, by the programme clock (migration 0125).
    public let profileReviewedAt: Date

    public var isArchived: Bool { archived }

    /// Whether the profile is older than `CompanyService.profileReviewPeriod` at `now` (docs/companies.md).
    public func profileNeedsReview(at now: Date) -> Bool {
        now.timeIntervalSince(profileReviewedAt) > CompanyService.profileReviewPeriod
    }
    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: CompanyDraft {
        CompanyDraft(
            nameJa: nameJa, nameEn: nameEn, corporateNumber: corporateNumber, address: address, municipality: municipality,
            inYokohama: inYokohama, size: size, yusaMemberSince: yusaMemberSince, yusaTier: yusaTier, website: website,
            languages: languages, countriesWithExperience: countriesWithExperience, showcaseOptIn: showcaseOptIn, archived: archived,
            nameReading: nameReading)
    }
}

/// Filters of `GET /v1/companies`.
public struct CompanyFilter: Sendable, Equatable {
    /// Text in Japanese or English: a substring of the names or of a visible technology's title or
    /// description, or a taxonomy name or synonym that a visible technology is tagged with.
    public var text: String?
    /// Companies with a technology (visible to the caller) tagged with this code; a parent includes its children.
    public var taxonomyCode: String?
    /// Experience in this country: listed by the company, or a visible track record there.
    public var country: String?
    public var inYokohama: Bool?
    /// YUSA members (true) or non-members (false).
    public var yusa: Bool?
    /// Text in the municipality, either case: 横浜市 finds every ward of the city.
    public var municipality: String?
    public var size: CompanySize?
    /// Profiles older than `CompanyService.profileReviewPeriod` on the programme clock (true), or within it (false):
    /// `Company.profileNeedsReview(at:)` as one indexed condition on `profile_reviewed_at`.
    public var profileNeedsReview: Bool?
    public var includeArchived: Bool
    public var order: CompanyOrder

    public init(
        text: String? = nil, taxonomyCode: String? = nil, country: String? = nil, inYokohama: Bool? = nil, yusa: Bool? = nil,
        municipality: String? = nil, size: CompanySize? = nil, profileNeedsReview: Bool? = nil, includeArchived: Bool = false,
        order: CompanyOrder = .entered
    ) {
        self.order = order
        self.text = text
        self.taxonomyCode = taxonomyCode
        self.country = country
        self.inYokohama = inYokohama
        self.yusa = yusa
        self.municipality = municipality
        self.size = size
        self.profileNeedsReview = profileNeedsReview
        self.includeArchived = includeArchived
    }
}

/// The directory's order (`?order=`): as entered (the default), or 五十音順 (`reading`, DomainKit's `NameOrder`): companies
/// with a reading by it, then those without by name (`company_reading_order`, migrations 0136 and 0139).
public typealias CompanyOrder = NameOrder

/// Left out on a create, these take their defaults; stored, they have no "unset" state, so a merge patch's `null`
/// for one is refused by name rather than resetting it.
extension CompanyDraft: DefaultedFields {
    public static let fieldsWithDefaults = ["inYokohama", "showcaseOptIn", "archived"]
}

extension CompanyDraft: TrimmedText {}
