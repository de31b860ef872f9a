import DomainKit
import Foundation
import Jobs
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Job queue against PostgreSQL, drained by a worker in this process")
struct JobQueueTests {
    @Test("a job enqueued in a transaction that rolls back does not exist; one that commits does")
    func enqueueFollowsTheTransaction() async throws {
        let pool = try await TestDatabase.fresh()
        struct Abandoned: Error {}
        await #expect(throws: Abandoned.self) {
            try await pool.transaction { db in
                try await JobQueue.enqueue(try probe(label: "rolled back"), on: db)
                throw Abandoned()
            }
        }
        #expect(try await count("SELECT count(*) FROM jobs", in: pool) == 0)
        let id = try await pool.transaction { db in try await JobQueue.enqueue(try probe(label: "committed"), on: db) }
        #expect(id != nil)
        #expect(try await count("SELECT count(*) FROM jobs", in: pool) == 1)
    }

    @Test("a second enqueue while a waiting job holds the unique key is a no-op; after it ran, the key is free again")
    func uniqueKeys() async throws {
        let pool = try await TestDatabase.fresh()
        let first = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2024"), in: pool)
        let second = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2024"), in: pool)
        let otherYear = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2025"), in: pool)
        #expect(first != nil)
        #expect(second == nil)
        #expect(otherYear != nil)
        #expect(try await worker(pool).runOnce() == 2)
        let third = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2024"), in: pool)
        #expect(third != nil && third != first)
    }

    @Test("a running job does not hold its unique key: a recount enqueued while its twin runs is a new job")
    func runningJobDoesNotHoldTheKey() async throws {
        let pool = try await TestDatabase.fresh()
        let running = try #require(try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2025"), in: pool))
        try await pool.execute("""
            UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'busy', lease_expires_at = now() + interval '1 minute' WHERE id = \(running)
            """)
        let next = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2025"), in: pool)
        #expect(next != nil && next != running)
        #expect(try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2025"), in: pool) == nil)
    }

    @Test("a waiting job joined by an enqueue is not claimed until the joining transaction ends, committed or rolled back")
    func joinedJobWaitsForTheJoiner() async throws {
        let pool = try await TestDatabase.fresh()
        let waiting = try #require(try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2027"), in: pool))
        // While the joiner's transaction is open, a worker on another connection passes over the job.
        let (joined, ranWhileJoined) = try await pool.transaction { db in
            let joined = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2027"), on: db)
            return (joined, try await worker(pool).runOnce())
        }
        #expect(joined == nil)
        #expect(ranWhileJoined == 0)
        #expect(try await worker(pool).runOnce() == 1)
        #expect(try await count("SELECT count(*) FROM jobs WHERE id = \(waiting) AND state = 'completed'", in: pool) == 1)

        let second = try #require(try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2027"), in: pool))
        struct Abandoned: Error {}
        let ranWhileRollingBack = Mutex<Int?>(nil)
        await #expect(throws: Abandoned.self) {
            try await pool.transaction { db in
                _ = try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2027"), on: db)
                let ran = try await worker(pool).runOnce()
                ranWhileRollingBack.withLock { $0 = ran }
                throw Abandoned()
            }
        }
        #expect(ranWhileRollingBack.withLock { $0 } == 0)
        #expect(try await worker(pool).runOnce() == 1)
        #expect(try await count("SELECT count(*) FROM jobs WHERE id = \(second) AND state = 'completed'", in: pool) == 1)
        #expect(try await count("SELECT count(*) FROM jobs", in: pool) == 2)
    }

    @Test("a failed attempt whose unique key a waiting twin holds is cancelled, keeping its error: the twin does the work")
    func failureWithAWaitingTwin() async throws {
        let pool = try await TestDatabase.fresh()
        let gate: Int64 = 7_262_026
        // The first attempt stays running while this connection holds the gate, so the twin is surely
        // enqueued while it runs, however slow the machine.
        let (first, twin) = try await pool.withConnection { holder in
            try await holder.execute("SELECT pg_advisory_lock(\(gate))")
            let first = try #require(try await JobQueue.enqueue(try probe(failAttempts: 1, gate: gate, uniqueKey: "kpi.recount:2026"), in: pool))
            let single = worker(pool, concurrency: 1)
            async let ran = single.runOnce()
            while try await jobRow(first, in: pool).state != "running" { await Task.yield() }
            let twin = try #require(try await JobQueue.enqueue(try probe(uniqueKey: "kpi.recount:2026"), in: pool))
            try await holder.execute("SELECT pg_advisory_unlock(\(gate))")
            _ = try await ran
            return (first, twin)
        }
        #expect(try await jobRow(first, in: pool) == JobRow(state: "cancelled", attempts: 1, lastError: "probe failed on purpose at attempt 1"))
        #expect(try await jobRow(twin, in: pool).state == "completed")
    }

    @Test("a job that fails its first two attempts is retried and completes on the third")
    func retries() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(failAttempts: 2, maxAttempts: 5), in: pool))
        try await worker(pool).runOnce()
        #expect(try await jobRow(id, in: pool) == JobRow(state: "completed", attempts: 3, lastError: "probe failed on purpose at attempt 2"))
        #expect(try await count("SELECT count(*) FROM job_probe_runs WHERE job_id = \(id) AND finished_at IS NOT NULL", in: pool) == 1)
        #expect(try await count("SELECT count(*) FROM job_probe_runs WHERE job_id = \(id)", in: pool) == 3)
    }

    @Test("a job that fails every attempt is discarded after max attempts with its last error kept")
    func discard() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(failAttempts: 10, maxAttempts: 3), in: pool))
        try await worker(pool).runOnce()
        #expect(try await jobRow(id, in: pool) == JobRow(state: "discarded", attempts: 3, lastError: "probe failed on purpose at attempt 3"))
    }

    @Test("a failed attempt waits for its backoff: the retry is not due at once")
    func backoffDelaysTheRetry() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(failAttempts: 1), in: pool))
        var handlers = JobHandlers()
        BuiltInJobs.register(into: &handlers)
        let slow = JobWorker(pool: pool, configuration: WorkerConfiguration(backoff: RetryBackoff(base: .seconds(3600), jitter: 0)), handlers: handlers, clock: .test)
        #expect(try await slow.runOnce() == 1)
        #expect(try await jobRow(id, in: pool).state == "retryable")
        // The retry is due one base interval after the failure, which lies between the claim and now.
        let bounded = try await count("""
            SELECT count(*) FROM jobs WHERE id = \(id)
              AND run_at >= attempted_at + interval '3600 seconds' AND run_at <= now() + interval '3600 seconds'
            """, in: pool)
        #expect(bounded == 1)
    }

    @Test("a job of a kind no handler knows fails its attempt with that message")
    func unknownKind() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(NewJob(kind: "nobody.knows", maxAttempts: 1), in: pool))
        try await worker(pool).runOnce()
        #expect(try await jobRow(id, in: pool) == JobRow(
            state: "discarded", attempts: 1, lastError: "no handler is registered for kind nobody.knows on this worker"))
    }

    @Test("a running job whose lease expired is rescued, runs again and completes; the dead attempt stays unfinished")
    func rescue() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(), in: pool))
        // What a worker that died mid-job leaves behind: a started probe run and a lease in the past.
        try await pool.execute("""
            UPDATE jobs SET state = 'running', attempts = 1, attempted_at = now(), locked_by = 'dead-worker',
                            lease_expires_at = now() - interval '1 second' WHERE id = \(id)
            """)
        try await pool.execute("INSERT INTO job_probe_runs (job_id, attempt, worker, started_at) VALUES (\(id), 1, 'dead-worker', now())")
        let survivor = worker(pool, id: "survivor")
        #expect(try await survivor.rescueExpiredLeases() == 1)
        #expect(try await jobRow(id, in: pool).state == "retryable")
        try await survivor.runOnce()
        #expect(try await jobRow(id, in: pool).state == "completed")
        #expect(try await jobRow(id, in: pool).attempts == 2)
        let finishedBy = try await pool.query("SELECT worker FROM job_probe_runs WHERE job_id = \(id) AND finished_at IS NOT NULL")
        #expect(try finishedBy.map { try $0.decode("worker", as: String.self) } == ["survivor"])
    }

    @Test("a lease that has not expired is left alone by the rescuer")
    func liveLeaseIsNotRescued() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(), in: pool))
        try await pool.execute("""
            UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'alive', lease_expires_at = now() + interval '1 hour' WHERE id = \(id)
            """)
        #expect(try await worker(pool).rescueExpiredLeases() == 0)
        #expect(try await jobRow(id, in: pool).state == "running")
    }

    @Test("a worker that lost its lease cannot complete the job: the handler's writes roll back")
    func lostLeaseRollsBack() async throws {
        let pool = try await TestDatabase.fresh()
        let gate: Int64 = 7_262_027
        let id = try await pool.withConnection { holder in
            try await holder.execute("SELECT pg_advisory_lock(\(gate))")
            let id = try #require(try await JobQueue.enqueue(try probe(gate: gate), in: pool))
            let worker = worker(pool, id: "slow")
            async let ran = worker.runOnce()
            // While the probe waits at the gate, an administrator cancels it.
            while try await jobRow(id, in: pool).state != "running" { await Task.yield() }
            _ = try await JobAdmin(pool: pool, clock: .test).cancel(id, by: admin)
            try await holder.execute("SELECT pg_advisory_unlock(\(gate))")
            _ = try await ran
            return id
        }
        #expect(try await jobRow(id, in: pool).state == "cancelled")
        #expect(try await count("SELECT count(*) FROM job_probe_runs WHERE job_id = \(id) AND finished_at IS NOT NULL", in: pool) == 0)
    }

    @Test("enqueue refuses a bad kind, queue, priority and attempts, naming each field, and stores nothing")
    func validation() async throws {
        let pool = try await TestDatabase.fresh()
        let bad = NewJob(kind: "Bad Kind", queue: "", priority: 12, maxAttempts: 0, uniqueKey: "")
        await #expect(throws: JobsError.invalid([
            FieldError(field: "kind", message: "must be 1–100 lowercase letters, digits, '_' or '.', starting with a letter"),
            FieldError(field: "queue", message: "must be 1–50 lowercase letters, digits or '_', starting with a letter"),
            FieldError(field: "priority", message: "must be from 0 (first) to 9"),
            FieldError(field: "maxAttempts", message: "must be from 1 to 100"),
            FieldError(field: "uniqueKey", message: "must be 1–200 characters"),
        ])) {
            try await JobQueue.enqueue(bad, in: pool)
        }
        #expect(try await count("SELECT count(*) FROM jobs", in: pool) == 0)
    }

    @Test("jobs are claimed by priority first, then run-at")
    func priorityOrder() async throws {
        let pool = try await TestDatabase.fresh()
        var late = try probe(label: "late")
        late.priority = 9
        var urgent = try probe(label: "urgent")
        urgent.priority = 0
        try await JobQueue.enqueue(late, in: pool)
        try await JobQueue.enqueue(try probe(label: "normal"), in: pool)
        try await JobQueue.enqueue(urgent, in: pool)
        let single = worker(pool, concurrency: 1)
        try await single.runOnce()
        let order = try await pool.query("SELECT label FROM job_probe_runs ORDER BY id")
        #expect(try order.map { try $0.decode("label", as: String.self) } == ["urgent", "normal", "late"])
    }
}
