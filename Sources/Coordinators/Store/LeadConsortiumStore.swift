import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of a lead's consortium: companies with their roles, and local partners. The unique keys
/// decide a race between two additions of the same member.
struct LeadConsortiumStore {
    func consortium(of lead: UUID, on db: PostgresConnection) async throws -> LeadConsortium {
        let companies = try await db.query("""
            SELECT company_id, role, added_at FROM lead_companies WHERE lead_id = \(lead) ORDER BY added_at, company_id
            """)
        let partners = try await db.query("""
            SELECT local_partner_id, added_at FROM lead_local_partners WHERE lead_id = \(lead) ORDER BY added_at, local_partner_id
            """)
        return LeadConsortium(
            companies: try companies.map { row in
                let role: String = try row.decode("role")
                return LeadCompany(
                    companyId: try row.decode("company_id"), role: try known(ConsortiumRole(rawValue: role), role),
                    addedAt: try row.decode("added_at"))
            },
            localPartners: try partners.map { LeadLocalPartner(localPartnerId: try $0.decode("local_partner_id"), addedAt: try $0.decode("added_at")) })
    }

    /// nil when the company is already on the lead (the unique key decides).
    func addCompany(_ draft: LeadCompanyDraft, lead: UUID, on db: PostgresConnection) async throws -> LeadCompany? {
        let rows = try await db.query("""
            INSERT INTO lead_companies (lead_id, company_id, role) VALUES (\(lead), \(draft.companyId), \(draft.role.rawValue))
            ON CONFLICT (lead_id, company_id) DO NOTHING
            RETURNING added_at
            """)
        return try rows.first.map { LeadCompany(companyId: draft.companyId, role: draft.role, addedAt: try $0.decode("added_at")) }
    }

    func removeCompany(_ company: UUID, lead: UUID, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("DELETE FROM lead_companies WHERE lead_id = \(lead) AND company_id = \(company)") == 1
    }

    func addLocalPartner(_ partner: UUID, lead: UUID, on db: PostgresConnection) async throws -> LeadLocalPartner? {
        let rows = try await db.query("""
            INSERT INTO lead_local_partners (lead_id, local_partner_id) VALUES (\(lead), \(partner))
            ON CONFLICT (lead_id, local_partner_id) DO NOTHING
            RETURNING added_at
            """)
        return try rows.first.map { LeadLocalPartner(localPartnerId: partner, addedAt: try $0.decode("added_at")) }
    }

    func removeLocalPartner(_ partner: UUID, lead: UUID, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("DELETE FROM lead_local_partners WHERE lead_id = \(lead) AND local_partner_id = \(partner)") == 1
    }
}
