import Cities
import Companies
public import DomainKit
public import FoundationEssentials
import Postgres

extension CoordinatorService {
    public func consortium(of leadID: UUID, by principal: Principal) async throws -> LeadConsortium {
        try await pool.withConnection { db in
            _ = try await visibleLead(leadID, by: principal, on: db)
            return try await consortia.consortium(of: leadID, on: db)
        }
    }

    /// The company must exist and not be archived; a company already on the lead is a 409.
    public func addCompany(_ draft: LeadCompanyDraft, to leadID: UUID, by principal: Principal) async throws -> LeadCompany {
        try await requireActiveCompany(draft.companyId, by: principal)
        return try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            guard let added = try await consortia.addCompany(draft, lead: leadID, on: db) else {
                throw RecordError.conflict("The company is already on this lead.", field: "companyId")
            }
            return added
        }
    }

    /// A consortium member must be a company the directory knows and has not archived (422 otherwise).
    func requireActiveCompany(_ id: UUID, by principal: Principal) async throws {
        let company = try await existing { try await companies.company(id, by: principal) }
        guard let company, !company.isArchived else {
            throw RecordError.invalid([FieldError(field: "companyId", message: "is not a known, active company")])
        }
    }

    public func removeCompany(_ companyID: UUID, from leadID: UUID, by principal: Principal) async throws {
        try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            guard try await consortia.removeCompany(companyID, lead: leadID, on: db) else {
                throw RecordError.notFound("company on this lead")
            }
        }
    }

    /// The partner must be a local partner company of the lead's city.
    public func addLocalPartner(_ draft: LeadLocalPartnerDraft, to leadID: UUID, by principal: Principal) async throws -> LeadLocalPartner {
        let partner = try await existing { try await cities.localPartner(draft.localPartnerId, by: principal) }
        return try await write(by: principal) { db in
            let lead = try await writableLead(leadID, by: principal, on: db)
            guard let partner else {
                throw RecordError.invalid([FieldError(field: "localPartnerId", message: "is not a known local partner company")])
            }
            guard partner.cityID == lead.cityId else {
                throw RecordError.invalid([FieldError(field: "localPartnerId", message: "is a partner in another city than the lead's")])
            }
            guard let added = try await consortia.addLocalPartner(partner.id, lead: leadID, on: db) else {
                throw RecordError.conflict("The local partner is already on this lead.", field: "localPartnerId")
            }
            return added
        }
    }

    public func removeLocalPartner(_ partnerID: UUID, from leadID: UUID, by principal: Principal) async throws {
        try await write(by: principal) { db in
            _ = try await writableLead(leadID, by: principal, on: db)
            guard try await consortia.removeLocalPartner(partnerID, lead: leadID, on: db) else {
                throw RecordError.notFound("local partner on this lead")
            }
        }
    }
}
