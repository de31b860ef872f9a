import DomainKit
public import FoundationEssentials

/// The writable fields of a knowledge-base note (専門知識のデータベース): what a coordinator learned,
/// tagged by technology and country, in Japanese, English or both.
public struct KnowledgeNoteDraft: Sendable, Codable, Equatable {
    public var titleJa: String?
    public var titleEn: String?
    public var bodyJa: String?
    public var bodyEn: String?
    public var taxonomyCodes: [String]?
    public var countries: [String]?

    public init(
        titleJa: String? = nil, titleEn: String? = nil, bodyJa: String? = nil, bodyEn: String? = nil, taxonomyCodes: [String]? = nil,
        countries: [String]? = nil
    ) {
        self.titleJa = titleJa
        self.titleEn = titleEn
        self.bodyJa = bodyJa
        self.bodyEn = bodyEn
        self.taxonomyCodes = taxonomyCodes
        self.countries = countries
    }

    var codes: [String] { taxonomyCodes ?? [] }
    var countryList: [String] { countries ?? [] }

    public func validate() throws(CoordinatorsError) {
        var validation = Validation()
        validation.atLeastOne(titleJa, titleEn, "titleJa", "titleEn")
        validation.optional(titleJa, "titleJa", max: Limit.title)
        validation.optional(titleEn, "titleEn", max: Limit.title)
        validation.optional(bodyJa, "bodyJa", max: Limit.long)
        validation.optional(bodyEn, "bodyEn", max: Limit.long)
        validation.list(codes, "taxonomyCodes", maxLength: 100)
        validation.countries(countryList, "countries")
        try validation.validateCoordinators()
    }
}

@dynamicMemberLookup
public struct KnowledgeNote: Sendable, Equatable, Encodable {
    public let id: UUID
    public let authorCoordinatorID: UUID
    public let fields: KnowledgeNoteDraft
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public subscript<Value>(dynamicMember keyPath: KeyPath<KnowledgeNoteDraft, Value>) -> Value { fields[keyPath: keyPath] }

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    private enum CodingKeys: String, CodingKey { case id, authorCoordinatorId, taxonomyCodes, countries, version, createdAt, updatedAt }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(authorCoordinatorID, forKey: .authorCoordinatorId)
        try container.encode(fields.codes, forKey: .taxonomyCodes)
        try container.encode(fields.countryList, forKey: .countries)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// Filters of `GET /v1/knowledge-notes`.
public struct KnowledgeNoteFilter: Sendable, Equatable {
    /// Japanese or English; also finds notes tagged with the taxonomy codes the text names.
    public var text: String?
    public var taxonomyCode: String?
    public var country: String?

    public init(text: String? = nil, taxonomyCode: String? = nil, country: String? = nil) {
        self.text = text
        self.taxonomyCode = taxonomyCode
        self.country = country
    }
}

/// `GET /v1/leads/pipeline?by=`: how the pipeline is cut.
public enum PipelineGrouping: String, Sendable, Codable, CaseIterable {
    case stage
    case city
    case coordinator
    case fiscalYear
}

/// One group of the pipeline: its key (a stage, a city id, a coordinator id, or a fiscal year such as
/// "FY2026" of the expected close date; "none" when a lead has no such date), lead count and value.
public struct PipelineGroup: Sendable, Hashable, Codable {
    public let key: String
    public let count: Int
    public let valueYen: Int64

    public init(key: String, count: Int, valueYen: Int64) {
        self.key = key
        self.count = count
        self.valueYen = valueYen
    }
}

public struct Pipeline: Sendable, Equatable, Codable {
    public let by: PipelineGrouping
    public let groups: [PipelineGroup]
}
