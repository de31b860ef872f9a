public import Accounts
public import App
public import DomainKit
import EventIO
import HTTPServer
public import Postgres

/// The real application on an ephemeral port over a fresh database, for end-to-end tests. The server
/// runs in a child task of `withTestServer`, so it cannot outlive the test. Its clock is the standard
/// test instant unless the test gives one; `configure` may set what the environment would.
/// `queuesByDesign`: the test's requests wait on each other by design (a queue on one lock), so how long
/// the last of the line waits is not what is tested: the handler deadline, the pool's wait for a connection
/// and the statement timeout are lifted to 10 minutes or off (on a loaded CI run the 30th of 30 registrations
/// for one event waited past the pool's 60 s for a connection and got a 503).
public func withTestServer<Value: Sendable>(
    clock: ProgrammeClock = .test,
    queuesByDesign: Bool = false,
    configure: (inout AppConfiguration) -> Void = { _ in },
    _ body: (_ port: Int, _ application: Application) async throws -> Value
) async throws -> Value {
    let pool = try await TestDatabase.fresh(statementTimeout: !queuesByDesign, acquireTimeout: .seconds(queuesByDesign ? 600 : 60))
    var configuration = AppConfiguration.test(database: pool.configuration, poolSize: 10)
    if queuesByDesign { configuration.handlerTimeout = .seconds(600) }
    configure(&configuration)
    let application = try Application(configuration: configuration, pool: pool, clock: clock)
    let server = application.makeServer(port: 0)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        do {
            let port = try await server.waitUntilListening()
            let value = try await body(port, application)
            await server.shutdown(deadline: .after(.seconds(5)))
            try await group.waitForAll()
            pool.close()
            return value
        } catch {
            await server.shutdown(deadline: .now)
            group.cancelAll()
            pool.close()
            throw error
        }
    }
}

extension AppConfiguration {
    /// What a test's application runs with: its database, an ephemeral port, errors only in the log, and the
    /// handler deadline as a liveness bound, not production's 30 s: a test's request shares two cores with every
    /// suite at once, and under `make test-dates` a console page past 30 s got the server's 503 (twice in one
    /// session). Tests of the limit set their own. Passwords are stored at bcrypt's floor (`AccountService.Configuration.test`).
    public static func test(database: PostgresConfiguration, poolSize: Int) -> AppConfiguration {
        var configuration = AppConfiguration(
            database: database, poolSize: poolSize, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        configuration.handlerTimeout = .seconds(120)
        configuration.passwordCost = AccountService.Configuration.test.passwordCost
        return configuration
    }

    /// The environment of a `domino` command or process a test runs on its throwaway database as development: the
    /// development secrets key and seed are allowed, and passwords are stored at the tests' cost.
    public static let testDevelopmentEnvironment = [
        "DOMINO_ENV": "development", "DOMINO_PASSWORD_COST": String(AccountService.Configuration.test.passwordCost),
    ]
}

extension AccountService.Configuration {
    /// Production's settings with passwords at bcrypt's floor, 4: a hash at production's 12 is about 250 ms of
    /// PostgreSQL's CPU, and the suite stores and checks thousands of passwords (docs/architecture.md, "Tests").
    /// Still bcrypt through pgcrypto: tests of passwords hash and verify as production does, only cheaper.
    public static var test: Self { Self(passwordCost: minimumPasswordCost) }
}

extension TestClient {
    /// Sends one request on a new connection and reads the response.
    public static func request(
        port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: String = ""
    ) async throws -> Response {
        try await request(port: port, method, path, fields: headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }, body: body)
    }

    /// The same with a body of bytes that need not be UTF-8 (a file in UTF-16 or Shift_JIS).
    public static func request(
        port: Int, _ method: String, _ path: String, headers: [String: String] = [:], bytes: [UInt8]
    ) async throws -> Response {
        let client = try await connect(port: port)
        defer { client.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(bytes.count)\r\n\r\n"
        try await client.send(Array(head.utf8) + bytes)
        return try await client.readResponse()
    }

    /// The same with header fields in the order given, a name possibly more than once.
    public static func request(
        port: Int, _ method: String, _ path: String, fields: [(name: String, value: String)], body: String = ""
    ) async throws -> Response {
        let client = try await connect(port: port)
        defer { client.close() }
        var text = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        if !body.isEmpty { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n" + body
        try await client.send(text)
        return try await client.readResponse(bodyless: method == "HEAD")
    }
}
