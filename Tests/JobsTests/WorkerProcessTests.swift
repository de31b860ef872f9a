import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

/// The worker as production runs it: separate `domino worker` processes on one database.
@Suite("Worker processes", .serialized)
struct WorkerProcessTests {
    @Test("two worker processes run 10,000 jobs: every job runs once, none twice, all complete")
    func tenThousandJobs() async throws {
        // The 10,000-row setup and the counts run beside every suite's start on two cores: CI once saw one
        // of them outlast the statement limit, then 30 s (57014). How long they take is not under test
        // here; the wait below bounds the whole test.
        let pool = try await TestDatabase.fresh(statementTimeout: false)
        try await pool.execute("""
            INSERT INTO jobs (kind, payload) SELECT 'jobs.probe', jsonb_build_object('label', 'bulk ' || n) FROM generate_series(1, 10000) AS n
            """)
        // What is under test is that SKIP LOCKED never hands one job to two claims; a second attempt may only
        // come from that. Under CI's load one probe once ran at attempt 2 alone (make test, 2026-12-05): a
        // statement past the 30 s limit, or a 30 s lease outlived, is a failed attempt or a rescue, both
        // correct and tested elsewhere. Limits of ten minutes keep either from happening here.
        let patient = ["JOB_LEASE_SECONDS": "600", "DB_STATEMENT_TIMEOUT_MS": "600000"]
        try await withWorkers([try WorkerProcess.start(pool.configuration, id: "alpha", environment: patient),
                               try WorkerProcess.start(pool.configuration, id: "beta", environment: patient)]) {
            try await waitUntil("every probe completed", limit: .seconds(600)) {  // 10,000 jobs beside the whole suite on two cores
                try await count("SELECT count(*) FROM jobs WHERE kind = 'jobs.probe' AND state = 'completed'", in: pool) == 10_000
            }
        }
        #expect(try await count("SELECT count(*) FROM job_probe_runs", in: pool) == 10_000)
        #expect(try await count("SELECT count(DISTINCT job_id) FROM job_probe_runs WHERE finished_at IS NOT NULL", in: pool) == 10_000)
        // Each job ran at its first attempt; any other is named with the error its earlier attempt left.
        let repeated = try await pool.query("SELECT id, attempts, last_error FROM jobs WHERE attempts <> 1 ORDER BY id LIMIT 5")
        let why = try repeated.map { row in
            "job \(try row.decode("id", as: Int64.self)), attempt \(try row.decode("attempts", as: Int.self)): \(try row.decode("last_error", as: String?.self) ?? "-")"
        }
        #expect(why.isEmpty, "\(why)")
        // Both processes took part (SKIP LOCKED shares the queue rather than serialising on it).
        #expect(try await count("SELECT count(DISTINCT worker) FROM job_probe_runs", in: pool) == 2)
    }

    @Test("a worker killed with SIGKILL mid-job: another worker rescues the job after the lease and completes it")
    func killedWorker() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(label: "long", sleepMilliseconds: 600_000, maxAttempts: 3), in: pool))
        let doomed = try WorkerProcess.start(pool.configuration, id: "doomed", environment: ["JOB_LEASE_SECONDS": "2"])
        do {
            try await waitUntil("the doomed worker started the job") {
                try await count("SELECT count(*) FROM job_probe_runs WHERE job_id = \(id)", in: pool) == 1
            }
        } catch {
            await doomed.kill9()
            throw error
        }
        await doomed.kill9()
        // The second attempt must not sleep, or it would never finish: shorten the payload's wait.
        try await pool.execute("UPDATE jobs SET payload = '{\"label\": \"long\"}' WHERE id = \(id)")
        // The survivor rescues at start, then every half lease. Its own lease is `WorkerProcess`'s 600 s (with 2 s, a
        // survivor starved for two seconds under CI's load would rescue its own claim and run the job a third time),
        // so it starts once the doomed lease has run out, and its first rescue finds the job.
        try await waitUntil("the doomed worker's lease ran out") {
            try await count("SELECT count(*) FROM jobs WHERE id = \(id) AND lease_expires_at < now()", in: pool) == 1
        }
        try await withWorkers([try WorkerProcess.start(pool.configuration, id: "survivor")]) {
            try await waitUntil("the job completed") { try await jobRow(id, in: pool).state == "completed" }
        }
        let runs = try await pool.query("SELECT worker, attempt, finished_at IS NOT NULL AS finished FROM job_probe_runs WHERE job_id = \(id) ORDER BY id")
        #expect(try runs.map { "\(try $0.decode("worker", as: String.self)) \(try $0.decode("attempt", as: Int.self)) \(try $0.decode("finished", as: Bool.self))" }
                == ["doomed 1 false", "survivor 2 true"])
        #expect(try await jobRow(id, in: pool).lastError?.hasPrefix("the lease of worker doomed expired") == true)
    }

    @Test("heartbeats keep a job that outlives its lease with its worker: a second worker never rescues it")
    func heartbeatKeepsTheLease() async throws {
        let pool = try await TestDatabase.fresh()
        // Twenty-four seconds of work against an eight-second lease: only heartbeats (every third of the lease)
        // keep it. The lease leaves a starved worker process over five seconds between heartbeats, since the
        // whole suite shares two cores (a two-second lease was once rescued under a loaded machine, and CI has
        // seen single statements wait 30 s).
        let id = try #require(try await JobQueue.enqueue(try probe(label: "long", sleepMilliseconds: 24_000), in: pool))
        let environment = ["JOB_LEASE_SECONDS": "8"]
        let first = try WorkerProcess.start(pool.configuration, id: "holder", environment: environment)
        try await killingOnFailure(first) {
            try await waitUntil("the job started") { try await jobRow(id, in: pool).state == "running" }
        }
        try await withWorkers([first, try WorkerProcess.start(pool.configuration, id: "rescuer", environment: environment)]) {
            try await waitUntil("the job completed") { try await jobRow(id, in: pool).state == "completed" }
        }
        #expect(try await jobRow(id, in: pool) == JobRow(state: "completed", attempts: 1, lastError: nil))
        let runs = try await pool.query("SELECT worker FROM job_probe_runs WHERE job_id = \(id)")
        #expect(try runs.map { try $0.decode("worker", as: String.self) } == ["holder"])
    }

    @Test("a periodic job runs once per period with two workers")
    func periodicOncePerPeriod() async throws {
        let pool = try await TestDatabase.fresh()
        let environment = ["DOMINO_PROBE_EVERY_SECONDS": "1"]
        try await withWorkers([try WorkerProcess.start(pool.configuration, id: "one", environment: environment),
                               try WorkerProcess.start(pool.configuration, id: "two", environment: environment)]) {
            try await waitUntil("four periods have run") {
                try await count("SELECT count(*) FROM job_probe_runs WHERE finished_at IS NOT NULL", in: pool) >= 4
            }
        }
        #expect(try await count("SELECT count(*) FROM (SELECT label FROM job_probe_runs GROUP BY label HAVING count(*) > 1) AS twice", in: pool) == 0)
        #expect(try await count("SELECT count(*) FROM jobs WHERE kind = 'jobs.probe'", in: pool)
                == (try await count("SELECT count(*) FROM periodic_job_periods WHERE name = 'jobs.probe.periodic'", in: pool)))
    }

    @Test("SIGTERM: a running job within the grace period finishes, and the worker exits 0")
    func gracefulShutdownFinishes() async throws {
        let pool = try await TestDatabase.fresh()
        // Waiting for the probe's run row, which stays once written, not for the state "running", which a job of
        // 1.5 s left before a starved test process looked (make test, 22:38 UTC: it waited two minutes for a job
        // already completed). Five seconds of work keep SIGTERM inside the run however late the test looks. The grace
        // period is the most the setting allows: the job's last statements must fit in it on a loaded machine.
        let id = try #require(try await JobQueue.enqueue(try probe(sleepMilliseconds: 5000), in: pool))
        let worker = try WorkerProcess.start(pool.configuration, id: "graceful", environment: ["SHUTDOWN_GRACE_SECONDS": "600"])
        try await killingOnFailure(worker) {
            try await waitUntil("the job started") { try await count("SELECT count(*) FROM job_probe_runs WHERE job_id = \(id)", in: pool) > 0 }
        }
        let later = try #require(try await JobQueue.enqueue(try probe(label: "after SIGTERM"), in: pool))
        let (exitedCleanly, output) = await worker.terminate()
        #expect(exitedCleanly, "\(output)")
        #expect(try await jobRow(id, in: pool).state == "completed")
        // Stopped claiming: a job enqueued just before SIGTERM may have been claimed, never half-run.
        #expect(["available", "completed"].contains(try await jobRow(later, in: pool).state))
    }

    @Test("SIGTERM: a job still running at the end of the grace period is released without using an attempt")
    func gracefulShutdownReleases() async throws {
        let pool = try await TestDatabase.fresh()
        let id = try #require(try await JobQueue.enqueue(try probe(sleepMilliseconds: 600_000), in: pool))
        let worker = try WorkerProcess.start(pool.configuration, id: "impatient", environment: ["SHUTDOWN_GRACE_SECONDS": "1"])
        try await killingOnFailure(worker) { try await waitUntil("the job started") { try await jobRow(id, in: pool).state == "running" } }
        let (exitedCleanly, output) = await worker.terminate()
        #expect(exitedCleanly, "\(output)")
        #expect(try await jobRow(id, in: pool) == JobRow(state: "available", attempts: 0, lastError: "released by worker impatient at shutdown"))
    }
}
