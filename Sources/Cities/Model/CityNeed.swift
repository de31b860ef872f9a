public import DomainKit
public import FoundationEssentials

/// Where a city need came from.
public enum NeedSource: String, Sendable, Codable, CaseIterable {
    case liaisonBase = "liaison_base"
    case policyDialogue = "policy_dialogue"
    case convention
    case inquiry
}

public enum NeedStatus: String, Sendable, Codable, CaseIterable {
    case open
    case inProgress = "in_progress"
    case closed
}

/// The writable fields of a city need (現地ニーズ). At least one title, in either language.
public struct CityNeedDraft: Sendable, Codable, Equatable {
    public var cityId: UUID
    public var titleJa: String?
    public var titleEn: String?
    public var descriptionJa: String?
    public var descriptionEn: String?
    /// Codes of the shared decarbonization taxonomy (`GET /v1/taxonomy`).
    public var taxonomyCodes: [String]?
    public var sector: String?
    public var source: NeedSource
    public var sourceReference: String?
    public var sourceLiaisonBaseId: UUID?
    public var budgetMinYen: Int64?
    public var budgetMaxYen: Int64?
    public var timeframe: String?
    /// `open` when left out.
    public var status: NeedStatus?

    public init(
        cityId: UUID, titleJa: String? = nil, titleEn: String? = nil, descriptionJa: String? = nil,
        descriptionEn: String? = nil, taxonomyCodes: [String] = [], sector: String? = nil, source: NeedSource,
        sourceReference: String? = nil, sourceLiaisonBaseId: UUID? = nil, budgetMinYen: Int64? = nil,
        budgetMaxYen: Int64? = nil, timeframe: String? = nil, status: NeedStatus? = nil
    ) {
        self.cityId = cityId
        self.titleJa = titleJa
        self.titleEn = titleEn
        self.descriptionJa = descriptionJa
        self.descriptionEn = descriptionEn
        self.taxonomyCodes = taxonomyCodes
        self.sector = sector
        self.source = source
        self.sourceReference = sourceReference
        self.sourceLiaisonBaseId = sourceLiaisonBaseId
        self.budgetMinYen = budgetMinYen
        self.budgetMaxYen = budgetMaxYen
        self.timeframe = timeframe
        self.status = status
    }

    var codes: [String] { taxonomyCodes ?? [] }

    /// The refusal of a source base that is not one of the need's city's bases (`checkReferences`), worded as
    /// a lead's (`LeadDraft.baseOfAnotherCity`): a base collects its own city's needs. The console words it.
    public static let baseOfAnotherCity = "is a liaison base of another city; choose one of the need's city's bases"

    /// The rules that need no database; unknown taxonomy codes are checked by the service.
    public func validate() throws(CitiesError) {
        var validation = Validation()
        if titleJa == nil && titleEn == nil {
            validation.add("titleJa", "titleJa or titleEn is required")
            validation.add("titleEn", "titleJa or titleEn is required")
        }
        validation.optional(titleJa, "titleJa", max: TextLimit.title)
        validation.optional(titleEn, "titleEn", max: TextLimit.title)
        validation.optional(descriptionJa, "descriptionJa", max: TextLimit.long)
        validation.optional(descriptionEn, "descriptionEn", max: TextLimit.long)
        validation.list(codes, "taxonomyCodes", maxLength: 64)
        validation.check(Set(codes).count == codes.count, "taxonomyCodes", "must not repeat a code")
        validation.optional(sector, "sector", max: TextLimit.shortText)
        validation.optional(sourceReference, "sourceReference", max: TextLimit.shortText)
        validation.check(sourceLiaisonBaseId == nil || source == .liaisonBase, "sourceLiaisonBaseId", "is only for source liaison_base")
        validation.check((budgetMinYen ?? 0) >= 0, "budgetMinYen", "must not be negative")
        validation.check((budgetMaxYen ?? 0) >= 0, "budgetMaxYen", "must not be negative")
        if let budgetMinYen, let budgetMaxYen {
            validation.check(budgetMinYen <= budgetMaxYen, "budgetMaxYen", "must not be less than budgetMinYen")
        }
        validation.optional(timeframe, "timeframe", max: TextLimit.shortText)
        try validation.validate(as: CitiesError.self)
    }
}

/// A city need as stored: its status and tags always known.
public struct CityNeed: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let cityId: UUID
    public let titleJa: String?
    public let titleEn: String?
    public let descriptionJa: String?
    public let descriptionEn: String?
    /// Codes of the shared decarbonization taxonomy.
    public let taxonomyCodes: [String]
    /// Free text (up to 300 characters): the programme has no closed list of sectors for needs.
    public let sector: String?
    public let source: NeedSource
    public let sourceReference: String?
    public let sourceLiaisonBaseId: UUID?
    public let budgetMinYen: Int64?
    public let budgetMaxYen: Int64?
    public let timeframe: String?
    public let status: NeedStatus
    /// The user who reported it.
    public let reportedBy: UUID?
    public let reportedAt: Date
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: CityNeedDraft {
        CityNeedDraft(
            cityId: cityId, titleJa: titleJa, titleEn: titleEn, descriptionJa: descriptionJa, descriptionEn: descriptionEn,
            taxonomyCodes: taxonomyCodes, sector: sector, source: source, sourceReference: sourceReference,
            sourceLiaisonBaseId: sourceLiaisonBaseId, budgetMinYen: budgetMinYen, budgetMaxYen: budgetMaxYen, timeframe: timeframe,
            status: status)
    }
}

/// Filters of `GET /v1/needs`.
public struct CityNeedFilter: Sendable, Equatable {
    public var cityID: UUID?
    public var country: String?
    public var status: NeedStatus?
    /// A parent code includes its children.
    public var taxonomyCode: String?
    /// Japanese or English text; also matches needs tagged with a taxonomy code whose names or synonyms
    /// match the text, so 廃棄物発電 finds a need tagged waste_to_energy that is written only in English.
    public var text: String?
    /// Only needs reported at or after this instant (the console's "reported this month").
    public var reportedSince: Date?

    public init(
        cityID: UUID? = nil, country: String? = nil, status: NeedStatus? = nil, taxonomyCode: String? = nil, text: String? = nil,
        reportedSince: Date? = nil
    ) {
        self.reportedSince = reportedSince
        self.cityID = cityID
        self.country = country
        self.status = status
        self.taxonomyCode = taxonomyCode
        self.text = text
    }
}

/// Left out on a create, these take their defaults; stored, they have no "unset" state, so a merge patch's `null`
/// for one is refused by name rather than resetting it.
extension CityNeedDraft: DefaultedFields {
    public static let fieldsWithDefaults = ["status"]
}

extension CityNeedDraft: TrimmedText {}
