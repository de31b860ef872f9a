import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of a lead's activities and their next actions.
struct LeadActivityStore {
    static let columns: SQLFragment = """
        a.id, a.lead_id, a.kind, a.occurred_on, a.participants, a.notes, a.next_action, a.next_action_due_on,
        a.next_action_done, a.created_by, a.version, a.created_at, a.updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> LeadActivity? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM lead_activities a WHERE a.id = \(id) \(lock)")
        return try rows.first.map(Self.activity)
    }

    func list(of lead: UUID, page unordered: PageRequest, order: ActivityOrder = .oldest, on db: PostgresConnection) async throws -> Page<LeadActivity> {
        let page = try unordered.ordered(by: order)
        // The order's direction and keyset comparison from a closed enum: both read the index on (lead_id, created_at, id),
        // newest first backwards, and the cursor's condition stays one row comparison the index can range over.
        let (direction, after): (SQLFragment, SQLFragment) = order == .newest ? ("DESC", "<") : ("ASC", ">")
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM lead_activities a
            WHERE a.lead_id = \(lead)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (a.created_at, a.id) \(after) (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY a.created_at \(direction), a.id \(direction)
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
            RETURNING \(Self.columns)
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
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.activity)
    }

    /// Open next actions due before `today` (Japan's date), oldest first; of one owner, or of all.
    /// Keyset paging on (due date, id).
    func overdue(
        today: CalendarDate, owner: UUID?, limit: Int, on db: PostgresConnection
    ) async throws -> [OverdueAction] {
        let rows = try await db.query("""
            SELECT \(Self.columns), l.title AS lead_title, l.owner_coordinator_id,
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

    static func activity(_ row: PostgresRow) throws -> LeadActivity {
        let kind: String = try row.decode("kind")
        return LeadActivity(
            id: try row.decode("id"), leadID: try row.decode("lead_id"),
                kind: try known(ActivityKind(rawValue: kind), kind), occurredOn: try row.decode("occurred_on"),
                participants: try row.decode("participants"), notes: try row.decode("notes"), nextAction: try row.decode("next_action"),
                nextActionDueOn: try row.decode("next_action_due_on"), nextActionDone: try row.decode("next_action_done"),
            createdBy: try row.decode("created_by"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
