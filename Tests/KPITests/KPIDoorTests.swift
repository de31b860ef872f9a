import Foundation
import Jobs
import KPI
import Postgres
import Synchronization
import Testing
import TestSupport

/// The recount behind a busy door (issue 19, migration 0073): coalesced while writes keep coming, never
/// two at once for a year, and never a lost check-in. Every test orders events; none waits for the clock.
@Suite("KPI recount at a busy door")
struct KPIDoorTests {
    static let day = "2024-06-01"

    /// A convention in FY2024 with `people` registrations, the year recounted once by the job (which
    /// records its start in `kpi_recount_starts`).
    static func convention(_ f: KPIFixture, people: Int) async throws -> (UUID, [UUID]) {
        let event = try await f.event(kind: "convention", fiscalYear: 2024, startsAt: "\(day)T09:00:00+09:00")
        var registrations: [UUID] = []
        for _ in 0..<people { registrations.append(try await f.registration(event: event, participant: try await f.participant())) }
        try await settle(f.pool)
        return (event, registrations)
    }

    static func waitingRecounts(_ pool: PostgresPool) async throws -> [(id: Int64, delay: Double)] {
        try await pool.query("""
            SELECT id, extract(epoch FROM run_at - created_at)::float8 AS delay FROM jobs
            WHERE unique_key = 'kpi.recount:2024' AND state IN ('available', 'retryable') ORDER BY id
            """).map { (try $0.decode("id"), try $0.decode("delay")) }
    }

    @Test("many check-ins at once with recounts running among them: once settled, KPI ③ equals the people checked in")
    func concurrentCheckIns() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 12)
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 48)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, registration) in registrations.enumerated() {
                group.addTask {
                    try await f.checkIn(event: event, registration: registration, day: Self.day)
                    // Every eighth task also runs the waiting recount, so recounts start and commit between
                    // and during the other check-ins' commits.
                    if index % 8 == 0 {
                        try await bringDue(pool)
                        _ = try await kpiWorker(pool, id: "door-\(index)").runOnce()
                    }
                }
            }
            try await group.waitForAll()
        }
        try await settle(pool)
        let stored: Int = try await pool.query("SELECT count(*)::int FROM check_ins WHERE event_id = \(event)")[0].decode(column: 0)
        #expect(stored == 48)
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 48)
    }

    @Test("a check-in soon after the year's recount started waits for one recount, due two seconds after that start, which later check-ins join")
    func coalesced() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 3)
        // The year's last recount started later than any check-in below: the pace's cap applies.
        try await pool.execute("UPDATE kpi_recount_starts SET started_at = now() + interval '1 day' WHERE fiscal_year = 2024")
        try await f.checkIn(event: event, registration: registrations[0], day: Self.day)
        let first = try await Self.waitingRecounts(pool)
        #expect(first.count == 1)
        #expect(first.first?.delay == 2)
        try await f.checkIn(event: event, registration: registrations[1], day: Self.day)
        try await f.checkIn(event: event, registration: registrations[2], day: Self.day)
        #expect(try await Self.waitingRecounts(pool).map(\.id) == first.map(\.id))
        try await settle(pool)
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 3)
    }

    @Test("a check-in in a quiet moment, long after the year's last recount, is recounted at once")
    func quietMomentRecountsAtOnce() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 1)
        try await pool.execute("UPDATE kpi_recount_starts SET started_at = now() - interval '1 hour' WHERE fiscal_year = 2024")
        try await f.checkIn(event: event, registration: registrations[0], day: Self.day)
        #expect(try await Self.waitingRecounts(pool).map(\.delay) == [0])
    }

    @Test("a recount job superseded by a newer start skips its count; the newer one counts")
    func superseded() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 1)
        let store = KPIStore()
        let older = try await store.recordRecountStart(fiscalYear: 2024, in: pool)
        let newer = try await store.recordRecountStart(fiscalYear: 2024, in: pool)
        #expect(newer == older + 1)
        try await f.checkIn(event: event, registration: registrations[0], day: Self.day)
        let snapshots: Int = try await pool.query("SELECT count(*)::int FROM kpi_snapshots")[0].decode(column: 0)
        #expect(try await pool.transaction { try await store.recount(fiscalYear: 2024, unlessSupersededAfter: older, on: $0) } == false)
        #expect(try await pool.query("SELECT count(*)::int FROM kpi_snapshots")[0].decode(column: 0, as: Int.self) == snapshots)
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 0)
        #expect(try await pool.transaction { try await store.recount(fiscalYear: 2024, unlessSupersededAfter: newer, on: $0) })
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 1)
    }

    @Test("a registration marked attended enqueues no recount of its own; moved to another participant (a merge), it does")
    func registrationColumns() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (_, registrations) = try await Self.convention(f, people: 1)
        try await pool.execute("UPDATE registrations SET status = 'attended', version = version + 1 WHERE id = \(registrations[0])")
        #expect(try await Self.waitingRecounts(pool).isEmpty)
        let other = try await f.participant()
        try await pool.execute("UPDATE registrations SET participant_id = \(other) WHERE id = \(registrations[0])")
        #expect(try await Self.waitingRecounts(pool).count == 1)
    }

    @Test("a check-in rolled back stores nothing and enqueues no recount")
    func rolledBack() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 1)
        let jobsBefore: Int = try await pool.query("SELECT count(*)::int FROM jobs")[0].decode(column: 0)
        await #expect(throws: KPITestFailure.self) {
            try await pool.transaction { db in
                try await db.execute("""
                    INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
                    VALUES (\(event), \(registrations[0]), \(Self.day)::date, 'in_person', 'code', now())
                    """)
                throw KPITestFailure(message: "the desk gave up")
            }
        }
        #expect(try await pool.query("SELECT count(*)::int FROM jobs")[0].decode(column: 0, as: Int.self) == jobsBefore)
        #expect(try await pool.query("SELECT count(*)::int FROM check_ins")[0].decode(column: 0, as: Int.self) == 0)
    }

    @Test("a second recount of a year waits for the first to commit, then counts what committed meanwhile")
    func recountsOfAYearTakeTurns() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 4)
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 1)
        let (released, release) = AsyncStream<Void>.makeStream()
        let (first, started) = AsyncStream<Void>.makeStream()
        let firstRecount = Task {
            try await pool.transaction { db in
                try await db.execute("SELECT kpi_recount(2024)")
                started.yield()
                for await _ in released { break }
            }
        }
        for await _ in first { break }
        let secondRecount = Task { try await pool.execute("SELECT kpi_recount(2024)") }
        // The second recount is blocked (on the year with migration 0073; before it, on the first one's
        // counts, having already counted) before the check-in commits.
        while try await pool.query("""
            SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query = 'SELECT kpi_recount(2024)'
            """).isEmpty {
            try Task.checkCancellation()
        }
        try await f.checkIn(event: event, registration: registrations[0], day: Self.day)
        release.yield()
        try await firstRecount.value
        _ = try await secondRecount.value
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 1)
    }

    /// A transaction that runs `statement` and stays open until `commit` is called.
    static func openTransaction(_ pool: PostgresPool, _ statement: PostgresQuery) async -> (Task<Void, any Error>, commit: @Sendable () -> Void) {
        let (ranStream, ran) = AsyncStream<Void>.makeStream()
        let (commitStream, commit) = AsyncStream<Void>.makeStream()
        let task = Task {
            try await pool.transaction { db in
                try await db.execute(statement)
                // What the check-in's trigger does at commit; the trigger's own call is then a no-op (once per year and transaction).
                try await db.execute("SELECT kpi_enqueue_recount(2024)")
                ran.yield()
                for await _ in commitStream { break }
            }
        }
        for await _ in ranStream { break }
        return (task, { commit.yield() })
    }

    /// Starts a recount of FY2024 and returns once it waits on a lock, or has finished (`Flag` set).
    static func recountUntilBlocked(_ pool: PostgresPool) async throws -> (Task<Void, any Error>, Flag) {
        let finished = Flag()
        let recount = Task {
            try await pool.execute("SELECT kpi_recount(2024)")
            finished.set()
        }
        while try await pool.query("""
            SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query = 'SELECT kpi_recount(2024)'
            """).isEmpty, !finished.isSet {
            try Task.checkCancellation()
        }
        return (recount, finished)
    }

    @Test("a check-in that joins the waiting recount leaves the job free to claim; the recount waits for it at its barrier, then counts it")
    func recountWaitsForJoinedWrites() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 4)
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 2)
        try await f.checkIn(event: event, registration: registrations[0], day: Self.day)
        #expect(try await Self.waitingRecounts(pool).count == 1)
        let (write, commit) = await Self.openTransaction(pool, """
            INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
            VALUES (\(event), \(registrations[1]), \(Self.day)::date, 'in_person', 'code', now())
            """)
        // Joined without a lock on the job's row: a claim could take it now (migration 0087).
        let claimable = try await pool.query("""
            SELECT id FROM jobs WHERE unique_key = 'kpi.recount:2024' AND state IN ('available', 'retryable') FOR UPDATE SKIP LOCKED
            """)
        #expect(claimable.count == 1)
        // The recount blocks at its barrier until the joined check-in's transaction ends.
        let (recount, finished) = try await Self.recountUntilBlocked(pool)
        #expect(!finished.isSet)
        commit()
        try await write.value
        try await recount.value
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 2)
    }

    @Test("while a recount waits at its barrier, a check-in neither waits for it nor is lost: it joins the waiting job through the queue")
    func writeDuringBarrier() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 4)
        defer { pool.close() }
        let f = try await KPIFixture.make(pool)
        let (event, registrations) = try await Self.convention(f, people: 2)
        try await f.checkIn(event: event, registration: registrations[0], day: Self.day)
        let waiting = try await Self.waitingRecounts(pool).map(\.id)
        #expect(waiting.count == 1)
        // A write that joined holds the year's lock shared, so a recount waits at its barrier.
        let (holder, commit) = await Self.openTransaction(pool, "SELECT 1")
        let (recount, finished) = try await Self.recountUntilBlocked(pool)
        // A check-in now cannot take the lock (a waiter is queued for it) and joins through `enqueue_job`.
        try await f.checkIn(event: event, registration: registrations[1], day: Self.day)
        #expect(!finished.isSet)
        #expect(try await Self.waitingRecounts(pool).map(\.id) == waiting)
        commit()
        try await holder.value
        try await recount.value
        #expect(try await storedCount("convention_participants", 2024, in: pool) == 2)
    }
}

/// A flag one task sets and another reads.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
