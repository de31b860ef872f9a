import DomainKit
public import Postgres

/// The demo's business matches through the liaison bases (KPI ②), so the KPI dashboard of `make run`
/// has a history: in each fiscal year the caller names (the programme's first to the current one,
/// counted from the programme clock, so it never rots), demo companies introduced to demo needs, spread
/// over the year, in the current year only on days already past. Each year introduces pairs of its own (the
/// years before took the first ones): a company has one live record per need (migration 0105), so no pair's
/// need is introduced twice. Idempotent: each record's id is derived from its year and its number, and an
/// existing one is skipped.
extension MatchDemoData {
    /// Liaison-base matches introduced in the programme's first years, then in every later year.
    static let history = [11, 22, 31]
    static let laterYears = 28

    public static func loadHistory(pool: PostgresPool, years: ClosedRange<Int>, today: CalendarDate) async throws {
        var earlierPairs = 0
        for (index, startYear) in years.enumerated() {
            let year = FiscalYear(startYear)
            // One every 9th day from 20 April; in the year still running, every 18th and none after today
            // (about half the pace, so this year's rating is not already won).
            let daysPast = today.daysSinceEpoch - year.firstDay.daysSinceEpoch - 19
            let running = year.contains(today)
            let count = min(index < history.count ? history[index] : laterYears, daysPast < 0 ? 0 : running ? daysPast / 18 + 1 : Int.max)
            let step = running ? 18 : 9
            defer { earlierPairs += count }
            // Pairs of a demo company and a demo need, each introduced through the need's liaison base (or the
            // first base). The year's records are numbers `g` after the earlier years'; past the last pair they
            // go round the pairs again as records of the company in the need's city, with no need, since the
            // pair's own record is still live.
            try await pool.execute("""
                WITH pairs AS (
                    SELECT c.id AS company_id, n.id AS need_id, n.city_id,
                           coalesce(n.source_liaison_base_id, (SELECT id FROM published_liaison_bases ORDER BY id LIMIT 1)) AS base_id,
                           row_number() OVER (ORDER BY c.corporate_number, n.id) AS k, count(*) OVER () AS pair_count
                    FROM published_companies c CROSS JOIN published_needs n
                    WHERE c.corporate_number IS NOT NULL
                ), made AS (
                    INSERT INTO matches (id, company_id, need_id, city_id, channel, liaison_base_id, status, notes, created_at)
                    SELECT md5('demo liaison match ' || \(startYear) || ' ' || g)::uuid, company_id, CASE WHEN g <= pair_count THEN need_id END,
                           city_id, 'liaison_base', base_id, 'introduced', 'Demo: introduced through the liaison base / 連絡拠点経由で紹介',
                           (\(year.firstDay)::date + 19 + \(step)::int * (g - 1 - \(earlierPairs)::int))::timestamp AT TIME ZONE 'Asia/Tokyo'
                    FROM generate_series(\(earlierPairs)::int + 1, \(earlierPairs + count)::int) AS g
                    JOIN pairs ON pairs.k = (g - 1) % pairs.pair_count + 1
                    WHERE base_id IS NOT NULL
                    ON CONFLICT DO NOTHING
                    RETURNING id, created_at
                )
                INSERT INTO match_status_history (match_id, from_status, to_status, occurred_on)
                SELECT made.id, step.from_status, step.to_status, (made.created_at AT TIME ZONE 'Asia/Tokyo')::date
                FROM made, (VALUES (NULL, 'proposed'), ('proposed', 'introduced')) AS step (from_status, to_status)
                """)
        }
    }
}
