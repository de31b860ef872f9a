import App
import EventIO
import Foundation
import Glibc
import Jobs
import Postgres
import TestSupport

/// `DominoBench jobs`: the queue as production runs it, real `domino worker` processes (release
/// build) on one database. No-op job throughput with 1 and 2 workers, and the time from an enqueue's
/// commit to its claim (p50/p99, both read from PostgreSQL's clock, so no clock skew enters).
enum JobsBenchmark {
    static func run() async throws {
        let jobs = environmentInteger("BENCH_JOBS", default: 20_000)
        let latencyJobs = environmentInteger("BENCH_LATENCY_JOBS", default: 1_000)
        let database = try await BenchDatabase.open()
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: 4))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let executable = try workerExecutable()

        print("## Jobs: no-op throughput and enqueue-to-start latency (domino worker processes)\n")
        print("| workers × concurrency | jobs | seconds | jobs/s |")
        print("|---|---:|---:|---:|")
        var rates: [Int: Double] = [:]
        for workerCount in [1, 2] {
            try await pool.execute("TRUNCATE jobs")
            let workers = try (0..<workerCount).map { try startWorker(executable, database.configuration, id: "bench-\($0)") }
            try await waitForListeners(workerCount, pool)
            // Timed by PostgreSQL's clock, from the commit of the insert to the last completion, so the
            // polling below (cheap, and rare enough not to load the machine) does not enter the figure.
            // The start is read just before the commit, so the figure includes the commit.
            let committed: Double = try await pool.transaction { db in
                try await db.execute("INSERT INTO jobs (kind) SELECT 'jobs.noop' FROM generate_series(1, \(jobs))")
                try await db.notify(JobQueue.channel)
                return try await db.query("SELECT extract(epoch FROM clock_timestamp())::float8 AS t")[0].decode("t")
            }
            while try await pool.query("SELECT count(*) FROM jobs WHERE finalized_at IS NULL")[0].decode(column: 0, as: Int.self) > 0 {
                try await EventLoop.sleep(for: .milliseconds(250))
            }
            let finished: Double = try await pool.query("SELECT extract(epoch FROM max(finalized_at))::float8 AS t FROM jobs")[0].decode("t")
            for worker in workers { _ = await worker.terminate() }
            let seconds = finished - committed
            rates[workerCount] = Double(jobs) / seconds
            print("| \(workerCount) × \(concurrency) | \(jobs) | \(formatted(seconds, decimals: 2)) | \(formatted(Double(jobs) / seconds, decimals: 0)) |")
        }
        try await anchor(database, pool, jobs: jobs, workers: rates)

        try await pool.execute("TRUNCATE jobs")
        let worker = try startWorker(executable, database.configuration, id: "bench-latency")
        try await waitForListeners(1, pool)
        // Warm-up: the worker's pool opens its connections on first use (tens of ms each on a busy
        // machine); a cold start is not what a running worker's latency looks like.
        try await pool.execute("INSERT INTO jobs (kind) SELECT 'jobs.noop' FROM generate_series(1, \(concurrency * 10))")
        try await pool.notify(JobQueue.channel)
        try await waitUntilDone(pool)
        try await pool.execute("TRUNCATE jobs")
        // One job per transaction, paced: each NOTIFY wakes the idle worker.
        for _ in 0..<latencyJobs {
            try await JobQueue.enqueue(NewJob(kind: BuiltInJobs.noop), in: pool)
            try await EventLoop.sleep(for: pace)
        }
        try await waitUntilDone(pool)
        _ = await worker.terminate()
        let row = try await pool.query("""
            SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM attempted_at - created_at)) * 1000 AS p50,
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM attempted_at - created_at)) * 1000 AS p99
            FROM jobs WHERE kind = 'jobs.noop'
            """)[0]
        print("\n| enqueue → start, 1 warm worker, \(latencyJobs) jobs, one per transaction every \(pace) | p50 ms | p99 ms |")
        print("|---|---:|---:|")
        print("| LISTEN/NOTIFY wake-up | \(formatted(try row.decode("p50", as: Double.self), decimals: 2)) | \(formatted(try row.decode("p99", as: Double.self), decimals: 2)) |\n")
        pool.close()
    }

    static let concurrency = 20

    /// `domino` from the same build directory as this benchmark.
    static func workerExecutable() throws -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("domino").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("\(executable) is missing: build it with swift build -c release --product domino")
        }
        return executable
    }

    /// The anchor, in the same run: pgbench running the worker's own statements (`JobQueue.claimStatement`
    /// for a batch of `concurrency`, then `JobQueue.completeStatement` for the ids it claimed), one
    /// transaction per batch, with 1 and 2 clients on the same cluster: what PostgreSQL itself does with
    /// the queue's SQL on these cores, with no worker, handler or network code around it.
    static func anchor(_ database: BenchDatabase, _ pool: PostgresPool, jobs: Int, workers: [Int: Double]) async throws {
        let seconds = environmentInteger("BENCH_SECONDS", default: 10)
        let claim = JobQueue.claimStatement(queues: ["default"], limit: concurrency, worker: "", lease: .seconds(30)).sql
        let complete = JobQueue.completeStatement([], worker: "").sql
        // pgbench passes :variables as parameters (-M prepared); the worker's name is per client.
        let worker = "('pgbench-' || :client_id)"
        let claimSQL = substituted(claim, [("$5", "30"), ("$4", worker), ("$3", "\(concurrency)"), ("$2", "\(concurrency)"), ("$1", "'{default}'")])
        let completeSQL = substituted(complete, [("$2", worker), ("$1", ":ids::bigint[]")])
        // An empty claim gives an empty array, not NULL, so a client that ran dry does not abort the run.
        let script = "WITH claimed AS (\(oneLine(claimSQL))) SELECT coalesce(array_agg(id), '{}') AS ids FROM claimed\n\\gset\n\(oneLine(completeSQL));\n"
        let scriptPath = database.logDirectory + "/pgbench-jobs.sql"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        print("\n| anchor: pgbench, claim \(concurrency) + complete them, one transaction per batch, -M prepared | batches/s | jobs/s | workers ÷ pgbench |")
        print("|---|---:|---:|---:|")
        for clients in [1, 2] {
            try await pool.execute("TRUNCATE jobs")
            // Enough waiting jobs that no client runs dry during the run (about 20,000 a second per client
            // on a quiet machine; 200,000 ran dry with two); a run that did is flagged below.
            try await pool.execute("INSERT INTO jobs (kind) SELECT 'jobs.noop' FROM generate_series(1, \(max(jobs, 40_000 * seconds * clients)))")
            try await pool.execute("VACUUM ANALYZE jobs")
            let output = try await database.pgbench(["-f", scriptPath, "-M", "prepared", "-n", "-c", "\(clients)", "-j", "\(clients)", "-T", "\(seconds)"])
            guard let tps = PgbenchRun.parseTransactionsPerSecond(output) else { throw BenchError("pgbench printed no tps line: \(output)") }
            let left = try await pool.query("SELECT count(*) FROM jobs WHERE state = 'available'")[0].decode(column: 0, as: Int.self)
            if left == 0 { print("(the \(clients)-client run ran out of waiting jobs: its rate is too high; raise the jobs inserted)") }
            let rate = tps * Double(concurrency)
            let ratio = workers[clients].map { "\(clients) worker\(clients == 1 ? "" : "s"): \(formatted(100 * $0 / rate, decimals: 0)) %" } ?? "–"
            print("| \(clients) client\(clients == 1 ? "" : "s") | \(formatted(tps, decimals: 0)) | \(formatted(rate, decimals: 0)) | \(ratio) |")
        }
        try await pool.execute("TRUNCATE jobs")
    }

    static func substituted(_ sql: String, _ arguments: [(String, String)]) -> String {
        arguments.reduce(sql) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    static func oneLine(_ sql: String) -> String {
        sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
    static let pace: Duration = .milliseconds(5)

    static func waitUntilDone(_ pool: PostgresPool) async throws {
        while try await pool.query("SELECT count(*) FROM jobs WHERE state <> 'completed' AND kind = 'jobs.noop'")[0].decode(column: 0, as: Int.self) > 0 {
            try await EventLoop.sleep(for: .milliseconds(100))
        }
    }

    static func startWorker(_ executable: String, _ configuration: PostgresConfiguration, id: String) throws -> Subprocess {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))
        let url = "postgres:///?" + configuration.parameters.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }
            .joined(separator: "&")
        return try Subprocess.start("env", [
            "DATABASE_URL=\(url)", "DOMINO_MIGRATIONS=\(TestDatabase.migrationsDirectory)", "WORKER_ID=\(id)", "LOG_LEVEL=warning",
            "WORKER_CONCURRENCY=\(concurrency)", "DB_POOL_SIZE=\(concurrency + 5)", "DOMINO_ENV=development", executable, "worker",
        ])
    }

    /// Workers are ready once their LISTEN sessions exist; measuring earlier would time start-up.
    static func waitForListeners(_ count: Int, _ pool: PostgresPool) async throws {
        while try await pool.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'")[0].decode(column: 0, as: Int.self) < count {
            try await EventLoop.sleep(for: .milliseconds(20))
        }
    }
}
