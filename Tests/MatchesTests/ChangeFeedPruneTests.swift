import Cities
import Companies
import DomainKit
import Foundation
import Jobs
import Matches
import Postgres
import TestSupport
import Testing

@Suite("Pruning the matching change feed")
struct ChangeFeedPruneTests {
    @Test("the prune deletes changes older than the window and keeps the rest; an index keeps applying edits after it, and one whose horizon is behind the pruned changes rebuilds")
    func prune() async throws {
        let world = try await MatchWorld.fresh()
        let behind = MatchService(pool: world.pool, index: MatchIndex(pool: world.pool), clock: .test)
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Battery storage for the grid", codes: ["battery_storage"])
        let company = try await world.company("Late bloomer", titleEn: "Mangrove planting", codes: ["blue_carbon"])
        // Listed (a limit, not a filter, decides the length), sharing nothing with the need.
        #expect(try await world.ranking(need).items.map(\.parts.taxonomy) == [0])
        #expect(try await behind.matches(for: need.id, filter: MatchFilter(), by: coordinator).items.map(\.parts.taxonomy) == [0])

        // An edit that the up-to-date index applies and the other does not see before it is pruned.
        _ = try await world.companies.createTechnology(
            CompanyTechnologyDraft(titleEn: "Lithium-ion BESS", taxonomyCodes: ["battery_storage"], maturity: .pilot, disclosure: .public),
            companyID: company.id, by: admin)
        #expect(try await world.ranking(need).ids == [company.id])
        try await world.pool.execute("""
            UPDATE matching_company_changes SET changed_at = now() - interval '8 days' WHERE company_id = \(company.id)
            """)
        let recent = try await world.company("Newcomer", titleEn: "Seagrass restoration", codes: ["blue_carbon"])
        let recentRows = try await changeRows(of: [recent.id], in: world.pool)

        try await runPrune(world.pool)
        #expect(try await changeRows(of: [company.id], in: world.pool) == 0)
        #expect(try await changeRows(of: [recent.id], in: world.pool) == recentRows)
        #expect(recentRows > 0)
        let pruned: Int = try await world.pool.query("""
            SELECT coalesce(sum(pruned), 0)::int FROM matching_company_pruned_changes WHERE company_id = \(company.id)
            """)[0].decode(column: 0)
        #expect(pruned > 0)

        // Behind the pruned changes: rebuilt, so the pruned edit is there.
        #expect(try await behind.matches(for: need.id, filter: MatchFilter(), by: coordinator).items.first.map { ($0.companyId, $0.parts.taxonomy) }
            .map { $0 == (company.id, 1) } == true)
        // Past them: the company's version did not go down, so its next edit is applied.
        _ = try await world.companies.updateCompany(company.id, ifVersion: 1, by: admin) { $0.archived = true }
        #expect(try await !world.ranking(need).ids.contains(company.id))
        #expect(try await !behind.matches(for: need.id, filter: MatchFilter(), by: coordinator).ids.contains(company.id))

        // A second prune raises the floor past the first.
        let firstFloor = try await prunedThrough(world.pool)
        try await world.pool.execute("UPDATE matching_company_changes SET changed_at = now() - interval '8 days' WHERE company_id = \(company.id)")
        try await runPrune(world.pool)
        #expect(try await prunedThrough(world.pool) > firstFloor)
        #expect(try await !world.ranking(need).ids.contains(company.id))
    }

    func prunedThrough(_ pool: PostgresPool) async throws -> UInt64 {
        let text: String = try await pool.query("SELECT pruned_through::text FROM matching_change_feed_floor")[0].decode(column: 0)
        return try #require(UInt64(text))
    }

    func changeRows(of companies: [UUID], in pool: PostgresPool) async throws -> Int {
        try await pool.query("SELECT count(*)::int FROM matching_company_changes WHERE company_id = ANY (\(companies))")[0].decode(column: 0)
    }

    /// Enqueues the nightly job and drains the queue with a worker that runs it.
    func runPrune(_ pool: PostgresPool) async throws {
        var handlers = JobHandlers()
        ChangeFeedPrune.register(into: &handlers)
        let configuration = WorkerConfiguration(id: "prune-test", concurrency: 1, lease: .seconds(30), backoff: RetryBackoff(base: .zero, jitter: 0))
        _ = try await pool.withConnection { db in try await JobQueue.enqueue(try ChangeFeedPrune.nightly.makeJob(TestClock.standardStart), on: db) }
        try await JobWorker(pool: pool, configuration: configuration, handlers: handlers, clock: .test).runOnce()
        let unfinished: Int = try await pool.query("""
            SELECT count(*)::int FROM jobs WHERE kind = \(ChangeFeedPrune.kind) AND state <> 'completed'
            """)[0].decode(column: 0)
        #expect(unfinished == 0)
    }
}
