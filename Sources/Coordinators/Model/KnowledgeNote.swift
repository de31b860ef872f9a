public import DomainKit
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

    public func validate() throws(RecordError) {
        var validation = Validation()
        validation.atLeastOne(titleJa, titleEn, "titleJa", "titleEn")
        validation.optional(titleJa, "titleJa", max: Limit.title)
        validation.optional(titleEn, "titleEn", max: Limit.title)
        validation.optional(bodyJa, "bodyJa", max: Limit.long)
        validation.optional(bodyEn, "bodyEn", max: Limit.long)
        validation.list(codes, "taxonomyCodes", maxLength: 100)
        validation.countries(countryList, "countries")
        try validation.validate(as: RecordError.self)
    }
}

/// A knowledge-base note, as stored.
public struct KnowledgeNote: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let authorCoordinatorID: UUID
    public let titleJa: String?
    public let titleEn: String?
    public let bodyJa: String?
    public let bodyEn: String?
    public let taxonomyCodes: [String]
    public let countries: [String]
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: KnowledgeNoteDraft {
        KnowledgeNoteDraft(titleJa: titleJa, titleEn: titleEn, bodyJa: bodyJa, bodyEn: bodyEn, taxonomyCodes: taxonomyCodes, countries: countries)
    }

    private enum CodingKeys: String, CodingKey {
        case id, titleJa, titleEn, bodyJa, bodyEn, taxonomyCodes, countries, version, createdAt, updatedAt
        case authorCoordinatorID = "authorCoordinatorId"
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

extension KnowledgeNoteDraft: TrimmedText {}
