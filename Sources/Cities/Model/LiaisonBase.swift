public import DomainKit
public import FoundationEssentials
public import Postgres

public enum LiaisonBaseKind: String, Sendable, Codable, CaseIterable {
    /// A Yokohama company's office abroad acting as liaison office (海外連携事務所).
    case companyLiaisonOffice = "company_liaison_office"
    /// One of Yokohama City's own overseas offices.
    case yokohamaOverseasOffice = "yokohama_overseas_office"
}

/// The writable fields of an overseas liaison base (海外連携拠点).
public struct LiaisonBaseDraft: Sendable, Codable, Equatable {
    public var name: String
    public var operatorName: String
    /// The operating company in the directory, if it is there; one the directory does not hold is a 422
    /// (the foreign key of migration 0007, named by `CityService.constraints`).
    public var companyId: UUID?
    public var cityId: UUID
    public var kind: LiaisonBaseKind
    public var activeFrom: CalendarDate?
    public var activeUntil: CalendarDate?
    public var contactName: String?
    public var contactEmail: String?
    public var contactPhone: String?
    public var notes: String?

    public init(
        name: String, operatorName: String, companyId: UUID? = nil, cityId: UUID, kind: LiaisonBaseKind,
        activeFrom: CalendarDate? = nil, activeUntil: CalendarDate? = nil, contactName: String? = nil,
        contactEmail: String? = nil, contactPhone: String? = nil, notes: String? = nil
    ) {
        self.name = name
        self.operatorName = operatorName
        self.companyId = companyId
        self.cityId = cityId
        self.kind = kind
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.notes = notes
    }

    /// The refusal of an edit that moves a base to another city (`updateLiaisonBase`, harden12). The console words it.
    public static let cityFixed = "cannot change: a base collects its own city's needs and leads; add a base for the other city"

    public func validate() throws(CitiesError) {
        var validation = Validation()
        validation.required(name, "name", max: TextLimit.name)
        validation.required(operatorName, "operatorName", max: TextLimit.name)
        validation.date(activeFrom, "activeFrom")
        validation.date(activeUntil, "activeUntil")
        if let activeFrom, let activeUntil {
            validation.check(activeUntil >= activeFrom, "activeUntil", "must not be before activeFrom")
        }
        validation.optional(contactName, "contactName", max: TextLimit.name)
        validation.optional(contactEmail, "contactEmail", max: TextLimit.shortText)
        if let contactEmail {
            // Deliberately loose: one @ with text either side. Deliverability is the mail server's call.
            let parts = contactEmail.split(separator: "@", omittingEmptySubsequences: false)
            validation.check(parts.count == 2 && !parts[0].isEmpty && parts[1].contains("."), "contactEmail", "must be an email address")
        }
        validation.optional(contactPhone, "contactPhone", max: TextLimit.phone)
        validation.optional(notes, "notes", max: TextLimit.long)
        try validation.validate(as: CitiesError.self)
    }
}

/// An overseas liaison base as stored, with the country of its city.
public struct LiaisonBase: Sendable, Equatable, Encodable, Versioned {
    public let id: UUID
    public let name: String
    public let operatorName: String
    public let companyId: UUID?
    public let cityId: UUID
    public let kind: LiaisonBaseKind
    public let activeFrom: CalendarDate?
    public let activeUntil: CalendarDate?
    public let contactName: String?
    public let contactEmail: String?
    public let contactPhone: String?
    public let notes: String?
    /// The country of the base's city.
    public let country: String
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    var position: PageCursor { PageCursor(createdAt: createdAt, id: id) }

    public var draft: LiaisonBaseDraft {
        LiaisonBaseDraft(
            name: name, operatorName: operatorName, companyId: companyId, cityId: cityId, kind: kind, activeFrom: activeFrom,
            activeUntil: activeUntil, contactName: contactName, contactEmail: contactEmail, contactPhone: contactPhone, notes: notes)
    }
}

public struct LiaisonBaseFilter: Sendable, Equatable {
    public var cityID: UUID?
    public var kind: LiaisonBaseKind?

    public init(cityID: UUID? = nil, kind: LiaisonBaseKind? = nil) {
        self.cityID = cityID
        self.kind = kind
    }
}

extension LiaisonBaseDraft: TrimmedText {}
