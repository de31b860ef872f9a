public import DomainKit
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
        try validation.validate(as: CitiesError.self)
    }
}

/// A local partner company as stored.
public struct LocalPartner: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let cityID: UUID
    public let name: String
    /// Free text: the programme has no closed list of sectors for partners.
    public let sector: String?
    public let contact: String?
    public let notes: String?
    /// The liaison base whose staff reported it, if any.
    public let reportedByLiaisonBaseID: UUID?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: LocalPartnerDraft { LocalPartnerDraft(name: name, sector: sector, contact: contact, notes: notes) }

    private enum CodingKeys: String, CodingKey {
        case id, name, sector, contact, notes, version, createdAt, updatedAt
        case cityID = "cityId"
        case reportedByLiaisonBaseID = "reportedByLiaisonBaseId"
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

extension LocalPartnerDraft: TrimmedText {}
