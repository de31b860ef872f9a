import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport

/// `DominoBench matching`: the matcher at national scale (issue 5): BENCH_MATCH_COMPANIES companies
/// (default 100,000) with three technologies each, loaded with SQL into a throwaway database. Prints
/// the index build time, p50/p99 of ranking one need fresh (no cached answer; every ranking also asks
/// the change feed), the time from a committed company edit to a ranking that shows it, and peak RSS. The
/// build's CPU time is printed beside its wall time: on a shared machine the wall time follows the load.
enum MatchingBenchmark {
    static func run() async throws {
        let companies = environmentInteger("BENCH_MATCH_COMPANIES", default: 100_000)
        let rounds = environmentInteger("BENCH_MATCH_ROUNDS", default: 200)
        let pool = try await TestDatabase.fresh(maximumConnections: 4)
        let loadStart = ContinuousClock.now
        let (needs, japaneseNeeds) = try await seed(pool, companies: companies)
        let loaded = ContinuousClock.now - loadStart

        let index = MatchIndex(pool: pool)
        let buildStart = ContinuousClock.now
        let buildCPUStart = processCPUSeconds()
        try await index.build()
        let built = ContinuousClock.now - buildStart
        let buildCPU = processCPUSeconds() - buildCPUStart
        let service = MatchService(pool: pool, index: index, clock: .system)
        let principal = Principal(userID: UUID(), role: .coordinator)

        func rankings(of needs: [UUID]) async throws -> LatencySummary {
            var samples: [UInt64] = []
            for round in 0..<rounds {
                let start = ContinuousClock.now
                _ = try await service.matches(for: needs[round % needs.count], filter: MatchFilter(), by: principal)
                samples.append(nanoseconds(ContinuousClock.now - start))
            }
            return LatencySummary(nanoseconds: samples)
        }
        let latency = try await rankings(of: needs)
        // The same for needs written in Japanese only: their explanations read the Japanese text (JapaneseReading).
        let japaneseLatency = try await rankings(of: japaneseNeeds)

        // An edit: a company gets a technology the first need asks for; time until a ranking shows it.
        var refreshSamples: [UInt64] = []
        for round in 0..<10 {
            let need = needs[0]
            let company: UUID = try await pool.query("SELECT id FROM companies ORDER BY id OFFSET \(round * 97) LIMIT 1")[0].decode("id")
            let start = ContinuousClock.now
            try await pool.execute("""
                INSERT INTO company_technologies (company_id, title_en, taxonomy_codes, maturity, disclosure)
                SELECT \(company), 'Bench edit: ' || name_en, ARRAY[code], 'commercial', 'public'
                FROM taxonomy WHERE code = (SELECT taxonomy_codes[1] FROM city_needs WHERE id = \(need))
                """)
            _ = try await service.matches(for: need, filter: MatchFilter(limit: 100), by: principal)
            refreshSamples.append(nanoseconds(ContinuousClock.now - start))
        }
        let refresh = LatencySummary(nanoseconds: refreshSamples)
        let statistics = await index.statistics()

        print("\nmatching: \(statistics.companies) companies, \(companies * 3) technologies (loaded in \(seconds(loaded)) s), "
              + "\(needs.count) needs in English, \(japaneseNeeds.count) in Japanese")
        print("| measure | value |")
        print("|---|---|")
        print("| index build (cold, whole directory) | \(seconds(built)) s |")
        print("| index build, CPU time of this process | \(formatted(buildCPU, decimals: 1)) s |")
        print("| one fresh ranking, p50 (\(rounds) rankings) | \(formatted(latency.p50Milliseconds)) ms |")
        print("| one fresh ranking, p99 | \(formatted(latency.p99Milliseconds)) ms |")
        print("| one fresh ranking, need in Japanese, p50 / p99 | \(formatted(japaneseLatency.p50Milliseconds)) / \(formatted(japaneseLatency.p99Milliseconds)) ms |")
        print("| edit committed → ranking shows it, p50 (10 edits) | \(formatted(refresh.p50Milliseconds)) ms |")
        print("| edit committed → ranking shows it, max | \(formatted(refresh.p99Milliseconds)) ms |")
        print("| peak RSS of the process | \(peakResidentMegabytes().map { formatted($0, decimals: 0) } ?? "–") MB |")
        pool.close()
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        UInt64(duration.components.seconds) * 1_000_000_000 + UInt64(duration.components.attoseconds / 1_000_000_000)
    }

    static func seconds(_ duration: Duration) -> String {
        formatted(Double(nanoseconds(duration)) / 1_000_000_000, decimals: 1)
    }

    /// Synthetic companies whose technologies are described with the taxonomy's own names and synonyms,
    /// half in English and half in Japanese, a quarter untagged. Triggers are off for the bulk load
    /// (session_replication_role): the index is built after it, so the change feed is not needed.
    /// The needs: one per second leaf of the taxonomy in English (the set every earlier run ranked), and one per other leaf
    /// in Japanese only.
    static func seed(_ pool: PostgresPool, companies: Int) async throws -> (english: [UUID], japanese: [UUID]) {
        try await pool.withConnection { db in
            try await db.execute("SET session_replication_role = replica")
            try await db.execute("""
                INSERT INTO overseas_cities (name_ja, name_en, country, relationship) VALUES
                    ('ダナン', 'Da Nang', 'VN', 'mou_partner'), ('バンコク', 'Bangkok', 'TH', 'mou_partner'), ('セブ', 'Cebu', 'PH', 'mou_partner')
                """)
            try await db.execute("""
                INSERT INTO companies (name_en, name_ja, size, in_yokohama, languages, countries_with_experience)
                SELECT 'Bench company ' || g, CASE WHEN g % 2 = 0 THEN 'ベンチ株式会社' || g END,
                       CASE WHEN g % 5 = 0 THEN 'large' ELSE 'sme' END, g % 3 = 0,
                       CASE WHEN g % 2 = 0 THEN ARRAY['ja', 'en'] ELSE ARRAY['ja'] END,
                       ARRAY[(ARRAY['VN', 'TH', 'PH', 'ID', 'MY', 'IN'])[1 + g % 6]]
                FROM generate_series(1, \(companies)) AS g
                """)
            try await db.execute("""
                WITH t AS (SELECT row_number() OVER (ORDER BY code) - 1 AS n, code, name_en, name_ja, synonyms
                           FROM taxonomy WHERE parent_code IS NOT NULL),
                     c AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM companies)
                INSERT INTO company_technologies (company_id, title_en, title_ja, description_en, description_ja, taxonomy_codes, maturity, disclosure)
                SELECT c.id,
                       CASE WHEN (c.k + j) % 2 = 0 THEN t.name_en || ' for industry' END,
                       CASE WHEN (c.k + j) % 2 = 1 THEN t.name_ja || 'の導入支援' END,
                       CASE WHEN (c.k + j) % 2 = 0 THEN 'We design, build and maintain ' || array_to_string(t.synonyms, ', ')
                            || ' for factories, hospitals and city governments, product line ' || (c.k % 997) || '.' END,
                       CASE WHEN (c.k + j) % 2 = 1 THEN array_to_string(t.synonyms, '、') || 'の設計・施工・保守を行います。製品群' || (c.k % 997) END,
                       CASE WHEN (c.k + j) % 4 = 0 THEN '{}'::text[] ELSE ARRAY[t.code] END,
                       (ARRAY['concept', 'pilot', 'commercial'])[1 + ((c.k + j) % 3)::integer], 'public'
                FROM c CROSS JOIN generate_series(0, 2) AS j
                JOIN t ON t.n = (c.k * 7 + j * 13) % (SELECT count(*) FROM t)
                """)
            try await db.execute("""
                INSERT INTO company_track_records (company_id, country, city, year, summary, disclosure)
                SELECT id, (ARRAY['VN', 'TH', 'PH'])[1 + (k % 3)::integer], (ARRAY['Da Nang', 'Bangkok', 'Cebu'])[1 + (k % 3)::integer],
                       2015 + (k % 10)::integer, 'Delivered project number ' || k, 'public'
                FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM companies) c WHERE k % 2 = 0
                """)
            try await db.execute("""
                INSERT INTO city_needs (city_id, title_en, title_ja, description_en, description_ja, taxonomy_codes, source)
                SELECT (SELECT id FROM overseas_cities ORDER BY name_en OFFSET (n % 3) LIMIT 1),
                       CASE WHEN n % 2 = 0 THEN 'We need ' || lower(name_en) END, CASE WHEN n % 2 = 1 THEN name_ja || 'を導入したい' END,
                       CASE WHEN n % 2 = 0 THEN 'The city asks for ' || synonyms[1] || ' to cut emissions in public facilities.' END,
                       CASE WHEN n % 2 = 1 THEN '市は公共施設の排出を減らすため、' || name_ja || 'の設計と施工、運転の支援を求めています。' END,
                       CASE WHEN n % 4 < 2 THEN ARRAY[code] ELSE '{}'::text[] END, 'policy_dialogue'
                FROM (SELECT row_number() OVER (ORDER BY code) AS n, * FROM taxonomy WHERE parent_code IS NOT NULL) t
                """)
            try await db.execute("SET session_replication_role = origin")
            try await db.execute("ANALYZE")
            let english = try await db.query("SELECT id FROM city_needs WHERE title_en IS NOT NULL ORDER BY id").map { try $0.decode("id", as: UUID.self) }
            let japanese = try await db.query("SELECT id FROM city_needs WHERE title_en IS NULL ORDER BY id").map { try $0.decode("id", as: UUID.self) }
            return (english, japanese)
        }
    }
}
