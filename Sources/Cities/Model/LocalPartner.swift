import DomainKit
public import FoundationEssentials

/// The writable fields of a local partner company (現地パートナー企業) in a city.
public struct LocalPartnerDraft: Sendable, Codable, Equatable {
    public var name: String
    public var sector: String?
    public var contact: String?
    public var notes: String?

    public init(name: String, sector: String? = nil, contact: String? = nil, notes: String? = nil) {
        self.name = name
        self.sector = sector
        self.contact = contact
        self.notes = notes
    }

    public func validate() throws(CitiesError) {
        var validation = Validation()
        validation.required(name, "name", max: TextLimit.name)
        validation.optional(sector, "sector", max: TextLimit.shortText)
        validation.optional(contact, "contact", max: TextLimit.shortText)
        validation.optional(notes, "notes", max: TextLimit.long)
        try validation.validateCities()
    }
}

@dynamicMemberLookup
public struct LocalPartner: Sendable, Equatable, Encodable {
    public let id: UUID
    public let cityID: UUID
    public let fields: LocalPartnerDraft
    /// The liaison base whose staff reported it, if any.
    public let reportedByLiaisonBaseID: UUID?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public subscript<Value>(dynamicMember keyPath: KeyPath<LocalPartnerDraft, Value>) -> Value { fields[keyPath: keyPath] }
    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    private enum CodingKeys: String, CodingKey { case id, cityId, reportedByLiaisonBaseId, version, createdAt, updatedAt }

    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cityID, forKey: .cityId)
        try container.encodeIfPresent(reportedByLiaisonBaseID, forKey: .reportedByLiaisonBaseId)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// A node of the decarbonization taxonomy, with its children (two levels).
public struct TaxonomyNode: Sendable, Equatable, Encodable {
    public let code: String
    public let nameEn: String
    public let nameJa: String
    public let synonyms: [String]
    public var children: [TaxonomyNode]
}
