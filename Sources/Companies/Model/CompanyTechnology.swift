public import DomainKit
public import FoundationEssentials

public enum TechnologyMaturity: String, Sendable, Codable, CaseIterable {
    case concept
    case pilot
    case commercial
}

/// The writable fields of a company's technology. At least one title, in either language.
public struct CompanyTechnologyDraft: Sendable, Codable, Equatable {
    public var titleJa: String?
    public var titleEn: String?
    public var descriptionJa: String?
    public var descriptionEn: String?
    /// Codes of the shared decarbonization taxonomy (`GET /v1/taxonomy`).
    public var taxonomyCodes: [String]?
    public var maturity: TechnologyMaturity
    public var disclosure: Disclosure

    public init(
        titleJa: String? = nil, titleEn: String? = nil, descriptionJa: String? = nil, descriptionEn: String? = nil,
        taxonomyCodes: [String]? = nil, maturity: TechnologyMaturity, disclosure: Disclosure
    ) {
        self.titleJa = titleJa
        self.titleEn = titleEn
        self.descriptionJa = descriptionJa
        self.descriptionEn = descriptionEn
        self.taxonomyCodes = taxonomyCodes
        self.maturity = maturity
        self.disclosure = disclosure
    }

    var codes: [String] { taxonomyCodes ?? [] }

    /// The rules that need no database; unknown taxonomy codes are checked by the service.
    public func validate() throws(CompaniesError) {
        var validation = Validation()
        validation.atLeastOne(titleJa, titleEn, "titleJa", "titleEn")
        validation.optional(titleJa, "titleJa", max: TextLimit.name)
        validation.optional(titleEn, "titleEn", max: TextLimit.name)
        validation.optional(descriptionJa, "descriptionJa", max: TextLimit.long)
        validation.optional(descriptionEn, "descriptionEn", max: TextLimit.long)
        validation.list(codes, "taxonomyCodes", maxLength: 64)
        validation.check(Set(codes).count == codes.count, "taxonomyCodes", "must not repeat a code")
        try validation.validate(as: CompaniesError.self)
    }
}

/// A technology of a company, as stored.
public struct CompanyTechnology: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let companyID: UUID
    public let titleJa: String?
    public let titleEn: String?
    public let descriptionJa: String?
    public let descriptionEn: String?
    public let taxonomyCodes: [String]
    public let maturity: TechnologyMaturity
    public let disclosure: Disclosure
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: CompanyTechnologyDraft {
        CompanyTechnologyDraft(
            titleJa: titleJa, titleEn: titleEn, descriptionJa: descriptionJa, descriptionEn: descriptionEn,
            taxonomyCodes: taxonomyCodes, maturity: maturity, disclosure: disclosure)
    }

    private enum CodingKeys: String, CodingKey {
        case id, titleJa, titleEn, descriptionJa, descriptionEn, taxonomyCodes, maturity, disclosure, version, createdAt, updatedAt
        case companyID = "companyId"
    }
}

extension CompanyTechnologyDraft: TrimmedText {}
