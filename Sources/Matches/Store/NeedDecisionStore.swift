import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of coordinators' pins and exclusions, and of the match records the ranking filters on.
struct NeedDecisionStore {
    struct Decision {
        var company: UUID
        var decision: String
        var reason: String
    }

    func decisions(for need: UUID, on db: PostgresConnection) async throws -> [Decision] {
        let rows = try await db.query("""
            SELECT company_id, decision, reason FROM need_company_decisions WHERE need_id = \(need) ORDER BY company_id
            """)
        return try rows.map { Decision(company: try $0.decode("company_id"), decision: try $0.decode("decision"), reason: try $0.decode("reason")) }
    }

    /// The companies already on a lead, which `excludeLead` leaves out of a ranking. Today these are the
    /// companies with a live match record on the lead; when the Coordinators module's `lead_companies`
    /// (migration 0009) is merged, this one function also reads the lead's consortium.
    func companiesAlreadyOnLead(_ lead: UUID, on db: PostgresConnection) async throws -> Set<UUID> {
        let rows = try await db.query("""
            SELECT DISTINCT company_id FROM matches WHERE lead_id = \(lead) AND status NOT IN ('declined', 'withdrawn')
            """)
        return Set(try rows.map { try $0.decode("company_id") })
    }
}
