import Accounts
import App
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

@Suite("Operational routes over real HTTP")
struct OperationalRoutesTests {
    @Test("healthz answers 200 with JSON")
    func healthz() async throws {
        try await withTestServer { port, _ in
            let response = try await TestClient.request(port: port, "GET", "/healthz")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"status":"ok"}"#)
        }
    }

    @Test("the Date header is read from the programme clock, like every other time the application tells")
    func dateHeaderFromTheProgrammeClock() async throws {
        try await withTestServer(clock: .fixed(Date(timeIntervalSince1970: 1_800_000_000.75))) { port, _ in
            let response = try await TestClient.request(port: port, "GET", "/healthz")
            #expect(response.header("Date") == "Fri, 15 Jan 2027 08:00:00 GMT")
        }
    }

    @Test("readyz answers 200 when the database is migrated and 503 when a migration is pending")
    func readyz() async throws {
        try await withTestServer { port, application in
            #expect(try await TestClient.request(port: port, "GET", "/readyz").status == 200)
            try await application.pool.execute("DELETE FROM schema_migrations WHERE version = 1")
            let pending = try await TestClient.request(port: port, "GET", "/readyz")
            #expect(pending.status == 503)
            #expect(pending.header("Retry-After") == "5")
            #expect(pending.header("Content-Type") == "application/problem+json")
        }
    }

    @Test("an unknown path is a 404 problem and a wrong method a 405 with Allow")
    func notFoundAndMethod() async throws {
        try await withTestServer { port, _ in
            let missing = try await TestClient.request(port: port, "GET", "/nope")
            #expect(missing.status == 404)
            let wrongMethod = try await TestClient.request(port: port, "POST", "/healthz")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "GET, HEAD")
            #expect(wrongMethod.header("Content-Type") == "application/problem+json")
        }
    }
}

@Suite("Command line")
struct CommandLineTests {
    @Test("bad usage exits 2 and version exits 0")
    func usage() async {
        #expect(await DominoCommandLine.main(["domino"], environment: [:]) == 2)
        #expect(await DominoCommandLine.main(["domino", "frobnicate"], environment: [:]) == 2)
        #expect(await DominoCommandLine.main(["domino", "serve", "--bogus"], environment: [:]) == 2)
        // `user create` needs --role (a known one), --email and --name, each once.
        for options in [["--role", "admin", "--email", "a@example.jp"], ["--role", "chief", "--email", "a@example.jp", "--name", "A"],
                        ["--role", "admin", "--role", "admin", "--email", "a@example.jp", "--name", "A"], ["--role"]] {
            #expect(await DominoCommandLine.main(["domino", "user", "create"] + options, environment: [:]) == 2, "\(options)")
        }
        #expect(await DominoCommandLine.main(["domino", "version"], environment: [:]) == 0)
        #expect(await DominoCommandLine.main(["domino", "--help"], environment: [:]) == 0)
    }

    @Test("serve on a port another process holds fails naming the address and what to do")
    func portTaken() async throws {
        try await withTestServer { port, application in
            let second = application.makeServer(port: port)
            async let running: Void = second.run()
            let error = await #expect(throws: ListenFailure.self) { _ = try await application.waitUntilListening(second) }
            #expect(error?.description.hasPrefix("cannot listen on 127.0.0.1:\(port) (HOST, PORT): bind: Address already in use; ") == true)
            _ = try? await running
        }
    }

    @Test("a malformed setting stops start-up with the variable's name")
    func badConfiguration() {
        let error = #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["PORT": "eighty"]) }
        #expect(error?.variable == "PORT")
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["DATABASE_URL": "mysql://x"]) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["LOG_LEVEL": "loud"]) }
        for refused in ["5s", "0", "99", "3600001", "-1"] {
            let error = #expect(throws: ConfigurationError.self, "\(refused)") { try AppConfiguration(environment: ["DB_POOL_WAIT_MS": refused]) }
            #expect(error?.description == "DB_POOL_WAIT_MS must be a whole number from 100 to 3600000", "\(refused)")
        }
    }

    @Test("DB_POOL_WAIT_MS is how long the application's pool waits for a connection; unset, production's 5 s")
    func poolWait() throws {
        func acquireTimeout(_ environment: [String: String]) throws -> Duration {
            let configuration = try AppConfiguration(environment: environment.merging(["DOMINO_MIGRATIONS": TestDatabase.migrationsDirectory]) { $1 })
            let application = try Application(configuration: configuration, clock: .test)
            defer { application.pool.close() }
            return application.pool.options.acquireTimeout
        }
        #expect(try acquireTimeout([:]) == .seconds(5))
        #expect(try acquireTimeout(["DB_POOL_WAIT_MS": "60000"]) == .seconds(60))
        #expect(try acquireTimeout(TestDatabase.limitsEnvironment) == TestDatabase.connectionWait)
    }

    @Test("DOMINO_PUBLIC_URL is an origin: a path, query, fragment, user info or bad port stops start-up naming it; a trailing slash is dropped")
    func publicURLIsAnOrigin() throws {
        for refused in [
            "https://domino.example.jp/console", "https://domino.example.jp/console/", "https://domino.example.jp/?next=1",
            "https://domino.example.jp#top", "https://staff:secret@domino.example.jp", "https://@domino.example.jp",
            "ftp://domino.example.jp", "https://", "https://domino.example.jp:99999", "https://domino.example.jp:", "https://domino.example.jp:+80", "domino.example.jp",
        ] {
            let error = #expect(throws: ConfigurationError.self, "\(refused)") { try AppConfiguration(environment: ["DOMINO_PUBLIC_URL": refused]) }
            #expect(error?.variable == "DOMINO_PUBLIC_URL" && error?.message.contains("path") == true, "\(refused)")
        }
        for (given, kept) in [
            ("https://domino.example.jp", "https://domino.example.jp"), ("https://domino.example.jp/", "https://domino.example.jp"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"), ("http://[::1]:8080", "http://[::1]:8080"), ("HTTPS://Domino.Example.JP", "HTTPS://Domino.Example.JP"),
        ] {
            #expect(try AppConfiguration(environment: ["DOMINO_PUBLIC_URL": given]).publicURL == kept)
        }
    }

    @Test("a mail relay without DOMINO_PUBLIC_URL stops start-up naming the variable, except in development")
    func mailRelayNeedsPublicURL() throws {
        let relay = ["DOMINO_SMTP_HOST": "relay.internal"]
        for environment in [relay, relay.merging(["DOMINO_ENV": "production"]) { $1 }, relay.merging(["DOMINO_PUBLIC_URL": ""]) { $1 }] {
            let error = #expect(throws: ConfigurationError.self, "\(environment)") { try AppConfiguration(environment: environment) }
            #expect(error?.variable == "DOMINO_PUBLIC_URL" && error?.message.contains("DOMINO_SMTP_HOST") == true, "\(environment)")
        }
        let given = try AppConfiguration(environment: relay.merging(["DOMINO_PUBLIC_URL": "https://domino.example.jp"]) { $1 })
        #expect(given.publicURL == "https://domino.example.jp")
        #expect(try AppConfiguration(environment: relay.merging(["DOMINO_ENV": "development"]) { $1 }).publicURL == nil)
        #expect(try AppConfiguration(environment: [:]).publicURL == nil, "no relay, no need")
    }

    @Test("an unreachable database is reported as that, with libpq's reason, and exits 1")
    func unreachableDatabase() async throws {
        let environment = ["DATABASE_URL": "postgres:///domino?host=/nonexistent/domino-cli-test&user=postgres"]
        #expect(await DominoCommandLine.main(["domino", "migrate", "status"], environment: environment) == 1)
        let configuration = try AppConfiguration(environment: environment)
        let pool = PostgresPool(configuration: configuration.database, options: .init(maximumConnections: 1))
        defer { pool.close() }
        let error = await #expect(throws: PostgresError.self) { try await pool.execute("SELECT 1") }
        let message = try DominoCommandLine.failureMessage(#require(error))
        #expect(message.hasPrefix("cannot connect to PostgreSQL (DATABASE_URL): connection to server on socket \"/nonexistent/domino-cli-test/.s.PGSQL.5432\" failed"))
    }

    @Test("a migration that cannot be applied is reported in the migrator's words")
    func migrationFailure() throws {
        let error = #expect(throws: PostgresError.self) { _ = try Migrator(directory: "/nonexistent/domino-migrations") }
        #expect(try DominoCommandLine.failureMessage(#require(error)) == "cannot read the migrations directory /nonexistent/domino-migrations")
    }

    @Test("a bad worker setting stops start-up naming the variable, as the others do, not as an invalid request")
    func badWorkerSetting() {
        let error = #expect(throws: ConfigurationError.self) {
            _ = try DominoCommandLine.workerConfiguration(environment: ["WORKER_CONCURRENCY": "0", "JOB_LEASE_SECONDS": "x"])
        }
        #expect(error?.description == "WORKER_CONCURRENCY must be a whole number from 1 to 200; JOB_LEASE_SECONDS must be a whole number from 1 to 3600")
        #expect(throws: Never.self) { _ = try DominoCommandLine.workerConfiguration(environment: [:]) }
    }

    @Test("without DOMINO_SECRETS_KEY, serve, worker and dev refuse to start unless DOMINO_ENV=development")
    func secretsKeyRequired() async throws {
        for command in ["serve", "worker", "dev"] {
            #expect(await DominoCommandLine.main(["domino", command], environment: ["DOMINO_ENV": "production"]) == 1)
        }
        let production = try AppConfiguration(environment: [:])
        let error = #expect(throws: ConfigurationError.self) { try production.requireSecretsKey() }
        #expect(error?.variable == "DOMINO_SECRETS_KEY")
        #expect(throws: Never.self) { try AppConfiguration(environment: ["DOMINO_ENV": "development"]).requireSecretsKey() }
        let keyed = try AppConfiguration(environment: ["DOMINO_SECRETS_KEY": String(repeating: "k", count: 32)])
        #expect(throws: Never.self) { try keyed.requireSecretsKey() }
        #expect(keyed.secretsKey != AppConfiguration.developmentSecretsKey)
    }

    @Test("seed refuses a database with real users unless DOMINO_ENV=development, and creates nothing")
    func seedRefusesRealData() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        _ = try await AccountService(pool: pool, configuration: .test, clock: .test).createUser(
            NewUser(email: "real.admin@city.yokohama.example", displayName: "本物の 管理者", role: .admin, password: "a real administrator passphrase"),
            actor: nil)
        let database = pool.configuration
        let environment = [
            "DATABASE_URL": "postgres:///\(database.value(of: "dbname")!)?host=\(database.value(of: "host")!)&user=postgres",
            "DOMINO_MIGRATIONS": TestDatabase.migrationsDirectory,
        ].merging(TestDatabase.limitsEnvironment) { $1 }
        func demoUsers() async throws -> Int {
            try await pool.query("SELECT count(*) AS n FROM users WHERE email LIKE '%@demo.domino.example'")[0].decode("n")
        }
        #expect(await DominoCommandLine.main(["domino", "seed"], environment: environment) == 1)
        #expect(try await demoUsers() == 0)
        #expect(await DominoCommandLine.main(["domino", "seed"], environment: environment.merging(AppConfiguration.testDevelopmentEnvironment) { $1 }) == 0)
        #expect(try await demoUsers() > 0)
    }

    @Test("migrate applies the project's migrations and status lists them")
    func migrateCommand() async throws {
        let database = try await TestDatabase.empty()
        let environment = [
            "DATABASE_URL": "postgres:///\(database.value(of: "dbname")!)?host=\(database.value(of: "host")!)&user=postgres",
            "DOMINO_MIGRATIONS": TestDatabase.migrationsDirectory,
        ].merging(TestDatabase.limitsEnvironment) { $1 }
        #expect(await DominoCommandLine.main(["domino", "migrate"], environment: environment) == 0)
        #expect(await DominoCommandLine.main(["domino", "migrate", "status"], environment: environment) == 0)
        let pool = TestDatabase.pool(database)
        defer { pool.close() }
        #expect(try await Migrator(directory: TestDatabase.migrationsDirectory).isCurrent(pool))
    }
}

@Suite("API plumbing over real HTTP")
struct APIPlumbingTests {
    @Test("a plain X-Request-Id is echoed and a hostile one replaced")
    func requestID() async throws {
        try await withTestServer { port, _ in
            let echoed = try await TestClient.request(port: port, "GET", "/healthz", headers: ["X-Request-Id": "abc-123"])
            #expect(echoed.header("X-Request-Id") == "abc-123")
            let replaced = try await TestClient.request(port: port, "GET", "/healthz", headers: ["X-Request-Id": "a b<script>"])
            #expect(replaced.header("X-Request-Id") != "a b<script>")
            #expect(replaced.header("X-Request-Id")?.count == 36)
        }
    }

    @Test("metrics count requests by route template and status")
    func metrics() async throws {
        try await withTestServer { port, _ in
            _ = try await TestClient.request(port: port, "GET", "/healthz")
            _ = try await TestClient.request(port: port, "GET", "/nowhere/at/all")
            let metrics = try await TestClient.request(port: port, "GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains(#"domino_http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
            #expect(metrics.text.contains(#"route="unmatched",status="404""#))
            #expect(metrics.text.contains("domino_db_pool_open_connections"))
        }
    }
}
