import Accounts
import App
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench console`: each console page on the demo data under 16 separate signed-in sessions of
/// the demo coordinator (16 logins, one wrk thread and connection each, so sessions are touched and
/// authenticated as 16 people's would be), next to the `/v1` route that serves the same data under 16
/// bearer tokens; responses counted by status code and timeouts apart, so an error says what it was;
/// then each page's weight with its assets and the requests before first paint (the page, its
/// stylesheet and its script: the icon does not block).
enum ConsoleBenchmark {
    static let concurrency = 16

    static func run() async throws {
        let seconds = environmentInteger("BENCH_SECONDS", default: 10)
        let database = try await BenchDatabase.open()
        let configuration = AppConfiguration(
            database: database.configuration, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: configuration.poolSize))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let application = try Application(configuration: configuration, pool: pool, clock: .system)
        _ = try await application.loadDemoData()
        let email = "coordinator@demo.domino.example", password = "yokohama-demo-2026"
        var issued: [String] = []
        for _ in 0..<concurrency {
            issued.append(try await application.accounts.login(email: email, password: password, clientAddress: "127.0.0.1").token)
        }
        let tokens = issued
        let need: String = try await pool.query("SELECT id::text FROM city_needs ORDER BY reported_at DESC, id LIMIT 1")[0].decode(column: 0)
        let lead: String = try await pool.query("""
            SELECT l.id::text FROM leads l JOIN coordinators c ON c.id = l.owner_coordinator_id JOIN users u ON u.id = c.user_id
            WHERE u.email = \(email) ORDER BY l.created_at, l.id LIMIT 1
            """)[0].decode(column: 0)
        let company: String = try await pool.query("SELECT id::text FROM companies WHERE NOT archived ORDER BY created_at, id LIMIT 1")[0].decode(column: 0)
        // The demo company with meeting requests, and the convention they were made at.
        let requested: [String] = try await pool.query("""
            SELECT company_id::text, event_id::text FROM meeting_requests ORDER BY created_at, id LIMIT 1
            """).first.map { [try $0.decode(column: 0), try $0.decode(column: 1)] } ?? [company, UUID().uuidString.lowercased()]
        // (page, console path, the API route serving the same data)
        let pages: [(String, String, String)] = [
            ("home", "/", "/v1/leads"),
            ("needs list", "/needs", "/v1/needs"),
            ("need + ranking", "/needs/\(need)", "/v1/needs/\(need)/matches"),
            ("lead", "/leads/\(lead)", "/v1/leads/\(lead)"),
            ("company", "/companies/\(company)", "/v1/companies/\(company)/technologies"),
            ("KPI dashboard", "/kpi", "/v1/kpi/report"),
            ("knowledge", "/knowledge", "/v1/knowledge-notes"),
            ("company meetings", "/companies/\(requested[0])/meetings", "/v1/events/\(requested[1])/meeting-requests"),
        ]

        let server = application.makeServer(port: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    try await measure(port: port, pages: pages, tokens: tokens, email: email, password: password, seconds: seconds)
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
                await server.shutdown(deadline: .after(.seconds(2)))
            }
            try await group.waitForAll()
        }
        pool.close()
    }

    private static func measure(port: Int, pages: [(String, String, String)], tokens: [String], email: String, password: String, seconds: Int) async throws {
        var cookies: [String] = []
        for _ in tokens { cookies.append(try await signIn(port: port, email: email, password: password)) }
        print("## Console pages vs the /v1 route serving the same data (demo data, \(concurrency) signed-in sessions, one wrk connection each, \(seconds) s each)\n")
        print("| page | console p50 ms | console p99 ms | console rate /s | console answers | API route | API p50 ms | API p99 ms | API rate /s | API answers |")
        print("|---|---:|---:|---:|---|---|---:|---:|---:|---|")
        for (name, path, api) in pages {
            let page = try await WrkRun.measure(url: "http://127.0.0.1:\(port)\(path)", seconds: seconds, header: "Cookie", sessions: cookies)
            let route = try await WrkRun.measure(
                url: "http://127.0.0.1:\(port)\(api)", seconds: seconds, header: "Authorization", sessions: tokens.map { "Bearer \($0)" })
            print("| \(name) | \(formatted(page.p50Milliseconds, decimals: 2)) | \(formatted(page.p99Milliseconds, decimals: 2)) | "
                  + "\(formatted(page.requestsPerSecond, decimals: 0)) | \(answers(page)) | `GET \(api.replacingOccurrences(of: #"[0-9a-f-]{36}"#, with: "{id}", options: .regularExpression))` | "
                  + "\(formatted(route.p50Milliseconds, decimals: 2)) | \(formatted(route.p99Milliseconds, decimals: 2)) | \(formatted(route.requestsPerSecond, decimals: 0)) | \(answers(route)) |")
        }
        print("\n## Console page weight (goal: under 100 KB with assets; first paint in at most 3 requests)\n")
        print("| page | HTML KB | with assets KB | requests before first paint |")
        print("|---|---:|---:|---:|")
        for (name, path, _) in pages {
            let response = try await TestClient.request(port: port, "GET", path, headers: ["Cookie": cookies[0]])
            guard response.status == 200 else { throw BenchError("\(path) answered \(response.status)") }
            let assets = assetPaths(in: response.text)
            var total = response.body.count
            for asset in assets.all { total += try await TestClient.request(port: port, "GET", asset).body.count }
            print("| \(name) | \(formatted(Double(response.body.count) / 1024, decimals: 1)) | \(formatted(Double(total) / 1024, decimals: 1)) | \(1 + assets.blocking) |")
        }
        print("")
    }

    /// "200×1234, 503×2, 3 timeouts": what came back, so an error is told apart from a slow page.
    static func answers(_ run: WrkRun) -> String {
        var parts = run.statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }
        if run.timeouts > 0 { parts.append("\(run.timeouts) timeouts") }
        let otherSocketErrors = run.errors - run.timeouts - run.statuses.filter { $0.key >= 400 }.values.reduce(0, +)
        if otherSocketErrors > 0 { parts.append("\(otherSocketErrors) socket errors") }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }

    /// The assets a page references, and how many of them a browser loads before first paint
    /// (stylesheets and scripts; a deferred script is fetched in parallel but counted, to be strict).
    static func assetPaths(in html: String) -> (all: [String], blocking: Int) {
        var all: [String] = []
        var blocking = 0
        var rest = Substring(html)
        while let range = rest.range(of: "=\"/assets/") {
            let start = rest.index(range.lowerBound, offsetBy: 2)
            let path = String(rest[start...].prefix { $0 != "\"" })
            if !all.contains(path) {
                all.append(path)
                if path.hasSuffix(".css") || path.hasSuffix(".js") { blocking += 1 }
            }
            rest = rest[range.upperBound...]
        }
        return (all, blocking)
    }

    /// Signs in through the login form (double-submit CSRF cookie first), returning the Cookie header value.
    static func signIn(port: Int, email: String, password: String) async throws -> String {
        let form = try await TestClient.request(port: port, "GET", "/login")
        guard let loginCookie = cookie(in: form, named: "domino_login_csrf"),
              let range = form.text.range(of: "name=\"_csrf\" value=\"") else { throw BenchError("the login page has no CSRF token") }
        let csrf = String(form.text[range.upperBound...].prefix { $0 != "\"" })
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let response = try await TestClient.request(
            port: port, "POST", "/login",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "domino_login_csrf=\(loginCookie)"],
            body: "email=\(encoded(email))&password=\(encoded(password))&_csrf=\(encoded(csrf))")
        guard response.status == 303, let session = cookie(in: response, named: "domino_session") else {
            throw BenchError("signing in to the console answered \(response.status)")
        }
        return "domino_session=\(session)"
    }

    private static func cookie(in response: TestClient.Response, named name: String) -> String? {
        for (header, value) in response.headers where header.lowercased() == "set-cookie" && value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}
