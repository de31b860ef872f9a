public import FoundationEssentials

/// What a company does in a lead's consortium.
public enum ConsortiumRole: String, Sendable, Codable, CaseIterable {
    case prime
    case partner
    case supplier
}

/// `POST /v1/leads/{id}/companies`.
public struct LeadCompanyDraft: Sendable, Codable, Equatable {
    public var companyId: UUID
    public var role: ConsortiumRole

    public init(companyId: UUID, role: ConsortiumRole) {
        self.companyId = companyId
        self.role = role
    }
}

public struct LeadCompany: Sendable, Equatable, Codable {
    public let companyId: UUID
    public let role: ConsortiumRole
    public let addedAt: Date
}

/// `POST /v1/leads/{id}/local-partners`: a local partner company of the lead's city.
public struct LeadLocalPartnerDraft: Sendable, Codable, Equatable {
    public var localPartnerId: UUID

    public init(localPartnerId: UUID) {
        self.localPartnerId = localPartnerId
    }
}

public struct LeadLocalPartner: Sendable, Equatable, Codable {
    public let localPartnerId: UUID
    public let addedAt: Date
}

/// Everyone on a lead: Japanese companies with their roles, and local partners in the city.
public struct LeadConsortium: Sendable, Equatable, Codable {
    public let companies: [LeadCompany]
    public let localPartners: [LeadLocalPartner]
}
