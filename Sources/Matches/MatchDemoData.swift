public import DomainKit
public import Postgres

/// Demo data for `make run`: one business match between a demo company and the first demo need about
/// waste-to-energy, introduced, with its history. Idempotent: the record has a fixed id, and nothing is
/// written when it exists or when the demo company or need is missing.
public enum MatchDemoData {
    public static func load(pool: PostgresPool, story: DemoCalendar) async throws {
        try await pool.execute("""
            WITH made AS (
                INSERT INTO matches (id, company_id, need_id, channel, status, notes)
                SELECT '6d0f5c1e-0b1a-4c2d-9e3f-5a6b7c8d9e01', c.id, n.id, 'coordinator', 'introduced',
                       'Demo: introduced at the Da Nang urban development forum / ダナン都市開発フォーラムで紹介'
                FROM published_companies c, published_needs n
                WHERE c.corporate_number = '7020001034567' AND n.taxonomy_codes && ARRAY['waste_to_energy']
                ORDER BY n.created_at, n.id LIMIT 1
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            )
            INSERT INTO match_status_history (match_id, from_status, to_status, occurred_on)
            SELECT made.id, step.from_status, step.to_status, step.occurred_on FROM made,
                (VALUES (NULL, 'proposed', \(story.day("2025-11-04"))::date), ('proposed', 'introduced', \(story.day("2025-11-20"))::date))
                AS step (from_status, to_status, occurred_on)
            """)
    }
}
