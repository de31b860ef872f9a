import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of coordinators' pins and exclusions, and of the match records the ranking filters on.
struct NeedDecisionStore {
    struct Decision {
        var company: UUID
        var decision: DecisionKind
        var reason: String
    }

    func decisions(for need: UUID, on db: PostgresConnection) async throws -> [Decision] {
        let rows = try await db.query("""
            SELECT company_id, decision, reason FROM need_company_decisions WHERE need_id = \(need) ORDER BY company_id
            """)
        return try rows.map { row in
            let raw: String = try row.decode("decision")
            return Decision(company: try row.decode("company_id"), decision: try known(DecisionKind(rawValue: raw), raw), reason: try row.decode("reason"))
        }
    }

    /// The companies already on a lead, which `excludeLead` leaves out of a ranking: those with a live
    /// match record on the lead, and the lead's consortium as Coordinators publishes it (migration 0058).
    /// The companies on a lead, or nil when no lead has that id (a mistyped `excludeLead` is the caller's error,
    /// not a ranking that silently leaves nobody out).
    func companiesAlreadyOnLead(_ lead: UUID, on db: PostgresConnection) async throws -> Set<UUID>? {
        let rows = try await db.query("""
            SELECT on_lead.company_id FROM published_leads lead
            LEFT JOIN LATERAL (
                SELECT company_id FROM matches WHERE lead_id = lead.id AND status NOT IN ('declined', 'withdrawn')
                UNION
                SELECT company_id FROM published_lead_companies WHERE lead_id = lead.id
            ) on_lead ON true
            WHERE lead.id = \(lead)
            """)
        guard !rows.isEmpty else { return nil }
        return Set(try rows.compactMap { try $0.decode("company_id", as: UUID?.self) })
    }

    static let columns: SQLFragment = "need_id, company_id, decision, reason, decided_by, version, created_at, updated_at"

    func list(for need: UUID, on db: PostgresConnection) async throws -> [NeedCompanyDecision] {
        try await db.query("""
            SELECT \(Self.columns) FROM need_company_decisions WHERE need_id = \(need) ORDER BY created_at, company_id
            """).map(Self.decision)
    }

    func find(need: UUID, company: UUID, on db: PostgresConnection) async throws -> NeedCompanyDecision? {
        try await db.query("""
            SELECT \(Self.columns) FROM need_company_decisions WHERE need_id = \(need) AND company_id = \(company) FOR UPDATE
            """).first.map(Self.decision)
    }

    func insert(_ draft: NeedCompanyDecisionDraft, need: UUID, company: UUID, by user: UUID, on db: PostgresConnection) async throws -> NeedCompanyDecision? {
        // ON CONFLICT: two coordinators deciding at once; the second is told it already exists.
        try await db.query("""
            INSERT INTO need_company_decisions (need_id, company_id, decision, reason, decided_by)
            VALUES (\(need), \(company), \(draft.decision.rawValue), \(draft.reason), \(user))
            ON CONFLICT (need_id, company_id) DO NOTHING
            RETURNING \(Self.columns)
            """).first.map(Self.decision)
    }

    func update(_ draft: NeedCompanyDecisionDraft, need: UUID, company: UUID, version: Int, by user: UUID, on db: PostgresConnection) async throws -> NeedCompanyDecision? {
        try await db.query("""
            UPDATE need_company_decisions
            SET decision = \(draft.decision.rawValue), reason = \(draft.reason), decided_by = \(user), version = version + 1, updated_at = now()
            WHERE need_id = \(need) AND company_id = \(company) AND version = \(version)
            RETURNING \(Self.columns)
            """).first.map(Self.decision)
    }

    func delete(need: UUID, company: UUID, version: Int, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("""
            DELETE FROM need_company_decisions WHERE need_id = \(need) AND company_id = \(company) AND version = \(version)
            """) == 1
    }

    /// Whether a company exists and is not archived.
    func companyIsActive(_ id: UUID, on db: PostgresConnection) async throws -> Bool {
        try await !db.query("SELECT 1 FROM published_companies WHERE id = \(id) AND NOT archived").isEmpty
    }

    static func decision(_ row: PostgresRow) throws -> NeedCompanyDecision {
        let raw: String = try row.decode("decision")
        return NeedCompanyDecision(
            needId: try row.decode("need_id"), companyId: try row.decode("company_id"), decision: try known(DecisionKind(rawValue: raw), raw),
            reason: try row.decode("reason"), decidedBy: try row.decode("decided_by"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
