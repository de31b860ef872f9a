import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of leads, their needs and their stage history.
struct LeadStore {
    static let columns: SQLFragment = """
        l.id, l.title, l.city_id, l.source_channel, l.source_reference, l.source_liaison_base_id, l.owner_coordinator_id,
        l.estimated_value_yen, l.expected_close_on, l.stage, last.reason AS stage_reason, last.changed_at AS stage_changed_at,
        l.version, l.created_at, l.updated_at,
        ARRAY(SELECT n.need_id FROM lead_needs n WHERE n.lead_id = l.id ORDER BY n.need_id) AS need_ids,
        \(Self.lastActivityOn) AS last_activity_on
        """
    /// The day of the lead's latest activity, or of its creation (the first history row's day, on the programme
    /// clock) when that is later or there is none; `greatest` skips the null of a lead without activities.
    static let lastActivityOn: SQLFragment = """
        greatest((SELECT max(a.occurred_on) FROM lead_activities a WHERE a.lead_id = l.id),
                 coalesce((SELECT h.occurred_on FROM lead_stage_history h WHERE h.lead_id = l.id ORDER BY h.id LIMIT 1),
                          (l.created_at AT TIME ZONE 'Asia/Tokyo')::date))
        """
    /// Leads with the latest row of their history: when, and why, the current stage was entered.
    static let withLatestChange: SQLFragment = """
        leads l CROSS JOIN LATERAL (SELECT h.reason, h.changed_at FROM lead_stage_history h WHERE h.lead_id = l.id
            ORDER BY h.id DESC LIMIT 1) last
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Lead? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE OF l" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM \(Self.withLatestChange) WHERE l.id = \(id) \(lock)")
        return try rows.first.map(Self.lead)
    }

    /// `onlySourceBase` confines a liaison user to the leads its base brought; `quietSince` keeps the leads still worked
    /// (`LeadStage.isActive`) whose last activity is on or before that day (going cold).
    func list(_ filter: LeadFilter, onlySourceBase: UUID?, quietSince: CalendarDate?, page: PageRequest, on db: PostgresConnection) async throws -> Page<Lead> {
        let pattern = filter.text.map(likePattern)
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM \(Self.withLatestChange)
            WHERE (\(onlySourceBase)::uuid IS NULL OR l.source_liaison_base_id = \(onlySourceBase))
              AND (\(filter.stage?.rawValue)::text IS NULL OR l.stage = \(filter.stage?.rawValue))
              AND (\(filter.cityID)::uuid IS NULL OR l.city_id = \(filter.cityID))
              AND (\(filter.country)::text IS NULL
                   OR EXISTS (SELECT 1 FROM published_cities c WHERE c.id = l.city_id AND c.country = \(filter.country)))
              AND (\(filter.ownerCoordinatorID)::uuid IS NULL OR l.owner_coordinator_id = \(filter.ownerCoordinatorID))
              AND (\(pattern)::text IS NULL OR search_form(l.title || ' ' || coalesce(l.source_reference, '')) LIKE \(pattern))
              AND (\(quietSince)::date IS NULL OR (l.stage = ANY (\(CoordinatorStore.activeStages)) AND \(Self.lastActivityOn) <= \(quietSince)))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (l.created_at, l.id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY l.created_at, l.id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.lead), request: page, position: \.position)
    }

    func insert(_ draft: LeadDraft, owner: UUID, on db: PostgresConnection) async throws -> UUID {
        let rows = try await db.query("""
            INSERT INTO leads (title, city_id, source_channel, source_reference, source_liaison_base_id, owner_coordinator_id,
                estimated_value_yen, expected_close_on)
            VALUES (\(draft.title), \(draft.cityId), \(draft.sourceChannel.rawValue), \(draft.sourceReference),
                \(draft.sourceLiaisonBaseId), \(owner), \(draft.estimatedValueYen), \(draft.expectedCloseOn))
            RETURNING id
            """)
        return try rows[0].decode("id")
    }

    /// Writes every field when the version still matches; false when it does not.
    func update(_ id: UUID, version: Int, to draft: LeadDraft, owner: UUID, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("""
            UPDATE leads SET title = \(draft.title), city_id = \(draft.cityId), source_channel = \(draft.sourceChannel.rawValue),
                source_reference = \(draft.sourceReference), source_liaison_base_id = \(draft.sourceLiaisonBaseId),
                owner_coordinator_id = \(owner), estimated_value_yen = \(draft.estimatedValueYen),
                expected_close_on = \(draft.expectedCloseOn), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            """) == 1
    }

    /// Replaces the set of needs: removes those no longer listed, adds the new ones.
    func setNeeds(_ needs: [UUID], of lead: UUID, on db: PostgresConnection) async throws {
        try await db.execute("DELETE FROM lead_needs WHERE lead_id = \(lead) AND NOT (need_id = ANY (\(needs)))")
        try await db.execute("""
            INSERT INTO lead_needs (lead_id, need_id) SELECT \(lead), unnest(\(needs)::uuid[]) ON CONFLICT DO NOTHING
            """)
    }

    /// Moves the stage and appends the history row in the caller's transaction, so neither exists
    /// without the other. `at` is the service's clock.
    func transition(
        _ id: UUID, version: Int, from: LeadStage?, to: LeadStage, reason: String?, note: String?, by user: UUID, at: Date,
        occurredOn day: CalendarDate, on db: PostgresConnection
    ) async throws -> Bool {
        if let from {
            let changed = try await db.execute("""
                UPDATE leads SET stage = \(to.rawValue), version = version + 1, updated_at = now()
                WHERE id = \(id) AND version = \(version) AND stage = \(from.rawValue)
                """)
            guard changed == 1 else { return false }
        }
        try await db.execute("""
            INSERT INTO lead_stage_history (lead_id, from_stage, to_stage, reason, note, changed_by, changed_at, occurred_on)
            VALUES (\(id), \(from?.rawValue), \(to.rawValue), \(reason), \(note), \(user), \(at), \(day))
            """)
        return true
    }

    func history(of lead: UUID, on db: PostgresConnection) async throws -> [LeadStageChange] {
        let rows = try await db.query("""
            SELECT from_stage, to_stage, reason, note, occurred_on, changed_by, changed_at FROM lead_stage_history
            WHERE lead_id = \(lead) ORDER BY id
            """)
        return try rows.map { row in
            let from: String? = try row.decode("from_stage")
            let to: String = try row.decode("to_stage")
            return LeadStageChange(
                from: try from.map { try known(LeadStage(rawValue: $0), $0) }, to: try known(LeadStage(rawValue: to), to),
                reason: try row.decode("reason"), note: try row.decode("note"), occurredOn: try row.decode("occurred_on"), changedBy: try row.decode("changed_by"),
                changedAt: try row.decode("changed_at"))
        }
    }

    /// Active leads of a coordinator. The caller locks the coordinator's row first, so two writers
    /// cannot both see room for one more lead.
    func activeCount(owner: UUID, on db: PostgresConnection) async throws -> Int {
        let rows = try await db.query("""
            SELECT count(*) AS n FROM leads WHERE owner_coordinator_id = \(owner) AND stage = ANY (\(CoordinatorStore.activeStages))
            """)
        return try rows[0].decode("n")
    }

    /// Counts and value per group. Fiscal years are of the expected close date: a date's fiscal year
    /// is the calendar year of the date three months earlier (April 1 starts it), the same as
    /// `FiscalYear(containing:)` for that day in Japan.
    func pipeline(by grouping: PipelineGrouping, onlySourceBase: UUID?, on db: PostgresConnection) async throws -> [PipelineGroup] {
        let key: SQLFragment = switch grouping {
        case .stage: "l.stage"
        case .city: "l.city_id::text"
        case .coordinator: "l.owner_coordinator_id::text"
        case .fiscalYear: "coalesce('FY' || extract(year FROM l.expected_close_on - interval '3 months')::integer, 'none')"
        }
        let rows = try await db.query("""
            SELECT \(key) AS key, count(*) AS n, coalesce(sum(l.estimated_value_yen), 0)::bigint AS value
            FROM leads l
            WHERE (\(onlySourceBase)::uuid IS NULL OR l.source_liaison_base_id = \(onlySourceBase))
            GROUP BY 1 ORDER BY 1
            """)
        return try rows.map { PipelineGroup(key: try $0.decode("key"), count: try $0.decode("n"), valueYen: try $0.decode("value")) }
    }

    static func lead(_ row: PostgresRow) throws -> Lead {
        let channel: String = try row.decode("source_channel")
        let stage: String = try row.decode("stage")
        return Lead(
            id: try row.decode("id"),
                title: try row.decode("title"), cityId: try row.decode("city_id"), needIds: try row.decode("need_ids"),
                sourceChannel: try known(LeadSourceChannel(rawValue: channel), channel),
                sourceReference: try row.decode("source_reference"), sourceLiaisonBaseId: try row.decode("source_liaison_base_id"),
                ownerCoordinatorId: try row.decode("owner_coordinator_id"), estimatedValueYen: try row.decode("estimated_value_yen"),
                expectedCloseOn: try row.decode("expected_close_on"),
            stage: try known(LeadStage(rawValue: stage), stage), stageReason: try row.decode("stage_reason"),
            stageChangedAt: try row.decode("stage_changed_at"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"),
            lastActivityOn: try row.decode("last_activity_on"))
    }
}
