import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of a lead's consortium and activities.
struct LeadActivityStore {
    static let columns = """
        a.id, a.lead_id, a.kind, a.occurred_on, a.participants, a.notes, a.next_action, a.next_action_due_on,
        a.next_action_done, a.created_by, a.version, a.created_at, a.updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> LeadActivity? {
        let lock = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(unescaped: Self.columns) FROM lead_activities a WHERE a.id = \(id) \(unescaped: lock)")
        return try rows.first.map(Self.activity)
    }

    func list(of lead: UUID, page: PageRequest, on db: PostgresConnection) async throws -> Page<LeadActivity> {
        let rows = try await db.query("""
            SELECT \(unescaped: Self.columns) FROM lead_activities a
            WHERE a.lead_id = \(lead)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (a.created_at, a.id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY a.created_at, a.id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.activity), request: page, position: \.position)
    }

    func insert(_ draft: LeadActivityDraft, lead: UUID, by user: UUID, on db: PostgresConnection) async throws -> LeadActivity {
        let rows = try await db.query("""
            INSERT INTO lead_activities AS a (lead_id, kind, occurred_on, participants, notes, next_action, next_action_due_on,
                next_action_done, created_by)
            VALUES (\(lead), \(draft.kind.rawValue), \(draft.occurredOn), \(draft.participantList), \(draft.notes),
                \(draft.nextAction), \(draft.nextActionDueOn), \(draft.nextActionDone ?? false), \(user))
            RETURNING \(unescaped: Self.columns)
            """)
        return try Self.activity(rows[0])
    }

    func update(_ id: UUID, version: Int, to draft: LeadActivityDraft, on db: PostgresConnection) async throws -> LeadActivity? {
        let rows = try await db.query("""
            UPDATE lead_activities a SET kind = \(draft.kind.rawValue), occurred_on = \(draft.occurredOn),
                participants = \(draft.participantList), notes = \(draft.notes), next_action = \(draft.nextAction),
                next_action_due_on = \(draft.nextActionDueOn), next_action_done = \(draft.nextActionDone ?? false),
                version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(unescaped: Self.columns)
            """)
        return try rows.first.map(Self.activity)
    }

    /// Open next actions due before `today` (Japan's date), oldest first; of one owner, or of all.
    /// Keyset paging on (due date, id).
    func overdue(
        today: CalendarDate, owner: UUID?, limit: Int, on db: PostgresConnection
    ) async throws -> [OverdueAction] {
        let rows = try await db.query("""
            SELECT \(unescaped: Self.columns), l.title AS lead_title, l.owner_coordinator_id,
                (\(today)::date - a.next_action_due_on) AS days_overdue
            FROM lead_activities a JOIN leads l ON l.id = a.lead_id
            WHERE a.next_action IS NOT NULL AND NOT a.next_action_done AND a.next_action_due_on < \(today)
              AND (\(owner)::uuid IS NULL OR l.owner_coordinator_id = \(owner))
            ORDER BY a.next_action_due_on, a.id
            LIMIT \(limit)
            """)
        return try rows.map { row in
            OverdueAction(
                activity: try Self.activity(row), leadTitle: try row.decode("lead_title"),
                ownerCoordinatorId: try row.decode("owner_coordinator_id"), daysOverdue: Int(try row.decode("days_overdue", as: Int32.self)))
        }
    }

    // MARK: Consortium

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

    static func activity(_ row: PostgresRow) throws -> LeadActivity {
        let kind: String = try row.decode("kind")
        return LeadActivity(
            id: try row.decode("id"), leadID: try row.decode("lead_id"),
            fields: LeadActivityDraft(
                kind: try known(ActivityKind(rawValue: kind), kind), occurredOn: try row.decode("occurred_on"),
                participants: try row.decode("participants"), notes: try row.decode("notes"), nextAction: try row.decode("next_action"),
                nextActionDueOn: try row.decode("next_action_due_on"), nextActionDone: try row.decode("next_action_done")),
            createdBy: try row.decode("created_by"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
