import DomainKit
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
        try validation.validateCompanies()
    }
}

@dynamicMemberLookup
public struct CompanyTechnology: Sendable, Equatable, Encodable {
    public let id: UUID
    public let companyID: UUID
    public let fields: CompanyTechnologyDraft
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public subscript<Value>(dynamicMember keyPath: KeyPath<CompanyTechnologyDraft, Value>) -> Value { fields[keyPath: keyPath] }
    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    private enum CodingKeys: String, CodingKey { case id, companyId, taxonomyCodes, version, createdAt, updatedAt }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(companyID, forKey: .companyId)
        try container.encode(fields.codes, forKey: .taxonomyCodes)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
