import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of coordinator profiles. `active_leads` is counted, never stored, so it cannot drift.
struct CoordinatorStore {
    static let columns: SQLFragment = """
        id, user_id, display_name, expertise_codes, languages, countries, former_employer, senior, capacity, active, notes,
        version, created_at, updated_at
        """
    static let activeStages = LeadStage.activeStages.map(\.rawValue)

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Coordinator? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("""
            SELECT \(Self.columns), (SELECT count(*) FROM leads l WHERE l.owner_coordinator_id = c.id
                AND l.stage = ANY (\(Self.activeStages))) AS active_leads
            FROM coordinators c WHERE id = \(id) \(lock)
            """)
        return try rows.first.map(Self.coordinator)
    }

    func find(userID: UUID, on db: PostgresConnection) async throws -> Coordinator? {
        let rows = try await db.query("""
            SELECT \(Self.columns), (SELECT count(*) FROM leads l WHERE l.owner_coordinator_id = c.id
                AND l.stage = ANY (\(Self.activeStages))) AS active_leads
            FROM coordinators c WHERE user_id = \(userID)
            """)
        return try rows.first.map(Self.coordinator)
    }

    /// Which of `userIDs` have a profile (one statement, by the unique index on user_id).
    func profiled(_ userIDs: [UUID], on db: PostgresConnection) async throws -> Set<UUID> {
        let rows = try await db.query("SELECT user_id FROM coordinators WHERE user_id = ANY (\(userIDs)::uuid[])")
        return Set(try rows.map { try $0.decode("user_id", as: UUID.self) })
    }

    func list(_ filter: CoordinatorFilter, page: PageRequest, on db: PostgresConnection) async throws -> Page<Coordinator> {
        let pattern = filter.text.map(likePattern)
        let rows = try await db.query("""
            SELECT \(Self.columns), (SELECT count(*) FROM leads l WHERE l.owner_coordinator_id = c.id
                AND l.stage = ANY (\(Self.activeStages))) AS active_leads
            FROM coordinators c
            WHERE (\(pattern)::text IS NULL OR search_form(c.display_name || ' ' || coalesce(c.former_employer, '') || ' '
                    || coalesce(c.notes, '')) LIKE \(pattern))
              AND (\(filter.taxonomyCode)::text IS NULL OR c.expertise_codes && taxonomy_expand(ARRAY[\(filter.taxonomyCode)]::text[]))
              AND (\(filter.country)::text IS NULL OR \(filter.country) = ANY (c.countries))
              AND (\(filter.active)::boolean IS NULL OR c.active = \(filter.active))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (c.created_at, c.id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY c.created_at, c.id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.coordinator), request: page, position: \.position)
    }

    /// The roles whose users may own leads (docs/leads.md, "Owners"), as a condition on a row of Accounts' `account_roles`,
    /// which answers enabled users only: so "not disabled" comes with it.
    static let leadOwningRole: SQLFragment = "role IN ('coordinator', 'admin')"

    /// Which of `userIDs` may own leads (`leadOwningRole`): one statement on the caller's connection, whatever their number,
    /// so a write checks it inside its own transaction.
    func mayOwnLeads(_ userIDs: [UUID], on db: PostgresConnection) async throws -> Set<UUID> {
        let rows = try await db.query("SELECT id FROM account_roles(\(userIDs)::uuid[]) WHERE \(Self.leadOwningRole)")
        return Set(try rows.map { try $0.decode("id", as: UUID.self) })
    }

    /// Profiles that own at least one active lead while their user may no longer own leads (disabled, or no longer a
    /// coordinator or administrator), oldest first, at most `limit`.
    func strandedOwners(limit: Int, on db: PostgresConnection) async throws -> [Coordinator] {
        let rows = try await db.query("""
            SELECT \(Self.columns), (SELECT count(*) FROM leads l WHERE l.owner_coordinator_id = c.id
                AND l.stage = ANY (\(Self.activeStages))) AS active_leads
            FROM coordinators c
            WHERE EXISTS (SELECT 1 FROM leads l WHERE l.owner_coordinator_id = c.id AND l.stage = ANY (\(Self.activeStages)))
              AND NOT EXISTS (SELECT 1 FROM account_roles(ARRAY[c.user_id]) WHERE \(Self.leadOwningRole))
            ORDER BY c.created_at, c.id
            LIMIT \(limit)
            """)
        return try rows.map(Self.coordinator)
    }

    /// nil when the user already has a profile (the unique key decides, so two requests cannot both win).
    func insert(_ draft: CoordinatorDraft, on db: PostgresConnection) async throws -> Coordinator? {
        let rows = try await db.query("""
            INSERT INTO coordinators (user_id, display_name, expertise_codes, languages, countries, former_employer, senior,
                capacity, active, notes)
            VALUES (\(draft.userId), \(draft.displayName), \(draft.codes), \(draft.languageList), \(draft.countryList),
                \(draft.formerEmployer), \(draft.senior ?? false), \(draft.capacityValue), \(draft.active ?? true), \(draft.notes))
            ON CONFLICT (user_id) DO NOTHING
            RETURNING \(Self.columns), 0::bigint AS active_leads
            """)
        return try rows.first.map(Self.coordinator)
    }

    func update(_ id: UUID, version: Int, to draft: CoordinatorDraft, on db: PostgresConnection) async throws -> Coordinator? {
        let rows = try await db.query("""
            UPDATE coordinators c SET user_id = \(draft.userId), display_name = \(draft.displayName),
                expertise_codes = \(draft.codes), languages = \(draft.languageList), countries = \(draft.countryList),
                former_employer = \(draft.formerEmployer), senior = \(draft.senior ?? false), capacity = \(draft.capacityValue),
                active = \(draft.active ?? true), notes = \(draft.notes), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns), (SELECT count(*) FROM leads l WHERE l.owner_coordinator_id = c.id
                AND l.stage = ANY (\(Self.activeStages))) AS active_leads
            """)
        return try rows.first.map(Self.coordinator)
    }

    static func coordinator(_ row: PostgresRow) throws -> Coordinator {
        Coordinator(
            id: try row.decode("id"),
                userId: try row.decode("user_id"), displayName: try row.decode("display_name"),
                expertiseCodes: try row.decode("expertise_codes"), languages: try row.decode("languages"),
                countries: try row.decode("countries"), formerEmployer: try row.decode("former_employer"),
                senior: try row.decode("senior"), capacity: try row.decode("capacity"), active: try row.decode("active"),
                notes: try row.decode("notes"),
            activeLeads: try row.decode("active_leads"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
