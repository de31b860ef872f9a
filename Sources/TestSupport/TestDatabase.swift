import Foundation
public import Postgres

/// Hands each test suite a database of its own, cloned from a template that was migrated once per
/// test process. With `DOMINO_TEST_DATABASE_URL` the databases live on that server; without it, on a
/// throwaway `TestCluster` started on first use.
public actor TestDatabase {
    public static let shared = TestDatabase()

    /// Memoised as tasks, not values: the actor is reentrant across `await`, and without this every
    /// suite starting at once would start a cluster (and migrate a template) of its own.
    private var server: Task<(PostgresConfiguration, TestCluster?), any Error>?
    private var template: Task<String, any Error>?
    private var counter = 0

    /// A new, migrated, empty database and a pool on it. Every suite keeps its pool for the whole
    /// run, so pools are small; the wait for a connection is long because suites run in parallel on
    /// two cores and the wait limit itself is tested on its own (PoolTests).
    /// Statements are limited to `statementLimit`, not production's 30 s: the limit is there to end a
    /// hang, and a test's statement shares two cores with every suite starting at once (CI once saw a
    /// 10,000-row insert cancelled at 30 s). Tests of a limit set their own.
    /// `statementTimeout: false` lifts the server's statement timeout for tests whose statements wait
    /// on each other by design (a queue on a lock), so that how long they wait is not what is tested; such a
    /// queue longer than the pool waits in line for connections too, so those tests lift `acquireTimeout` as well.
    public static func fresh(
        maximumConnections: Int = 6, statementTimeout: Bool = true, acquireTimeout: Duration = connectionWait
    ) async throws -> PostgresPool {
        var configuration = try await shared.cloneTemplate()
        configuration.statementTimeout = statementTimeout ? statementLimit : nil
        return PostgresPool(
            configuration: configuration, options: .init(maximumConnections: maximumConnections, acquireTimeout: acquireTimeout))
    }

    /// Another pool on a test's database, as a second process or client of it opens one, waiting for a
    /// connection as long as `fresh`'s pools do. Not the pool's default 5 s: opening a session is part of
    /// that wait, and on CI's loaded machine a second process's first session took longer (its first
    /// request got a 503, 2026-12-06). Tests of the wait itself set their own.
    public static func pool(_ configuration: PostgresConfiguration, maximumConnections: Int = 2) -> PostgresPool {
        PostgresPool(configuration: configuration, options: .init(maximumConnections: maximumConnections, acquireTimeout: connectionWait))
    }

    public static let statementLimit: Duration = .seconds(120)
    /// `statementLimit` as `AppConfiguration(environment:)` reads it (production's default is 30 s).
    public static let statementLimitEnvironment = ["DB_STATEMENT_TIMEOUT_MS": String(statementLimit.components.seconds * 1000)]
    /// A liveness bound like `statementLimit` and the test server's handler deadline. It was 60 s, and under
    /// `make test-dates` on CI (2027-04-01) a pool test's first sessions did not open within it: every suite
    /// starts at once, and their connects queue for the process's 16 connect threads.
    public static let connectionWait: Duration = .seconds(120)
    /// What a command or process a test starts with an environment of its own gets: `statementLimit`, and
    /// `connectionWait` for its pool instead of production's 5 s (a worker's or a CLI's first session opens
    /// inside that wait, and on CI's loaded machine opening one has taken longer).
    public static let limitsEnvironment = statementLimitEnvironment.merging(
        ["DB_POOL_WAIT_MS": String(connectionWait.components.seconds * 1000)]) { $1 }

    /// Returns once at least `count` sessions of `pool`'s database wait on a lock: what a test that holds a
    /// lock waits for before letting go. Only this database's sessions count (`pg_locks` is the cluster's,
    /// and other tests' databases share it). It polls with the server's `pg_sleep`, not `Task.sleep`, whose
    /// timer never fired under libfaketime (`make test-dates` hung there).
    public static func waitForLockWaiters(_ count: Int, on pool: PostgresPool) async throws {
        while try await pool.query("""
            SELECT pg_sleep(0.02)::text AS slept, (SELECT count(*)::int FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                                   WHERE NOT l.granted AND a.datname = current_database()) AS n
            """)[0].decode("n", as: Int.self) < count {}
    }

    /// The server's configuration (database `postgres`), for tests that manage databases themselves.
    public static func serverConfiguration() async throws -> PostgresConfiguration {
        try await shared.ensureServer()
    }

    /// A new database with nothing in it: no migrations applied, for migrator tests.
    public static func empty() async throws -> PostgresConfiguration {
        try await shared.createDatabase(template: "template0")
    }

    public static var migrationsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations").path
    }

    private func ensureServer() async throws -> PostgresConfiguration {
        if server == nil {
            server = Task {
                if let url = ProcessInfo.processInfo.environment["DOMINO_TEST_DATABASE_URL"], !url.isEmpty {
                    return (try PostgresConfiguration(url: url), nil)
                }
                let started = try await TestCluster.start()
                return (started.configuration, started)
            }
        }
        return try await server!.value.0
    }

    private func cloneTemplate() async throws -> PostgresConfiguration {
        if template == nil {
            template = Task {
                let database = try await createDatabase(template: "template0")
                let pool = Self.pool(database, maximumConnections: 1)
                try await Migrator(directory: Self.migrationsDirectory).migrate(pool)
                pool.close()
                // createDatabase names the database it made (`with("dbname", …)`), so the value is there.
                return database.value(of: "dbname")!
            }
        }
        return try await createDatabase(template: try await template!.value)
    }

    private func createDatabase(template: String) async throws -> PostgresConfiguration {
        let server = try await ensureServer()
        counter += 1
        let name = "domino_test_\(getpid())_\(counter)"
        // A copy waits for a checkpoint, and with every suite starting at once on a slow disk that wait
        // is longer than the statement limit the tests themselves run under; it is setup, not a test.
        var copier = server
        copier.statementTimeout = .seconds(600)
        // Identifiers cannot be parameters; both names are made here from a counter and the pid.
        let connection = try await PostgresConnection.connect(copier)
        try await connection.runScript(
            "CREATE DATABASE \(quotedIdentifier(name)) TEMPLATE \(quotedIdentifier(template)) STRATEGY FILE_COPY")
        return server.with("dbname", name)
    }
}
