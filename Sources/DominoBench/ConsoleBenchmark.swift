import Accounts
import App
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench console`: each console page on the demo data, signed in as the demo coordinator,
/// under `wrk -c16` (16 concurrent requests of one signed-in session), next to the `/v1` route that
/// serves the same data with a bearer token; then each page's weight with its assets and the number
/// of requests before first paint (the page, its stylesheet and its script: the icon does not block).
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
        let token = try await application.accounts.login(email: email, password: password, clientAddress: "127.0.0.1").token
        let need: String = try await pool.query("SELECT id::text FROM city_needs ORDER BY reported_at DESC, id LIMIT 1")[0].decode(column: 0)
        let lead: String = try await pool.query("""
            SELECT l.id::text FROM leads l JOIN coordinators c ON c.id = l.owner_coordinator_id JOIN users u ON u.id = c.user_id
            WHERE u.email = \(email) ORDER BY l.created_at, l.id LIMIT 1
            """)[0].decode(column: 0)
        let company: String = try await pool.query("SELECT id::text FROM companies WHERE NOT archived ORDER BY created_at, id LIMIT 1")[0].decode(column: 0)
        // (page, console path, the API route serving the same data)
        let pages: [(String, String, String)] = [
            ("home", "/", "/v1/leads"),
            ("needs list", "/needs", "/v1/needs"),
            ("need + ranking", "/needs/\(need)", "/v1/needs/\(need)/matches"),
            ("lead", "/leads/\(lead)", "/v1/leads/\(lead)"),
            ("company", "/companies/\(company)", "/v1/companies/\(company)/technologies"),
            ("KPI dashboard", "/kpi", "/v1/kpi/report"),
            ("knowledge", "/knowledge", "/v1/knowledge-notes"),
        ]

        let server = application.makeServer(port: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    try await measure(port: port, pages: pages, token: token, email: email, password: password, seconds: seconds)
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

    private static func measure(port: Int, pages: [(String, String, String)], token: String, email: String, password: String, seconds: Int) async throws {
        let cookie = try await signIn(port: port, email: email, password: password)
        print("## Console pages vs the /v1 route serving the same data (demo data, wrk -t\(WrkRun.threads) -c\(concurrency), \(seconds) s each)\n")
        print("| page | console p50 ms | console p99 ms | console rate /s | errors | API route | API p50 ms | API p99 ms | API rate /s |")
        print("|---|---:|---:|---:|---:|---|---:|---:|---:|")
        for (name, path, api) in pages {
            let page = try await WrkRun.measure(url: "http://127.0.0.1:\(port)\(path)", seconds: seconds, headers: ["Cookie: \(cookie)"], connections: concurrency)
            let route = try await WrkRun.measure(
                url: "http://127.0.0.1:\(port)\(api)", seconds: seconds, headers: ["Authorization: Bearer \(token)"], connections: concurrency)
            print("| \(name) | \(formatted(page.p50Milliseconds, decimals: 2)) | \(formatted(page.p99Milliseconds, decimals: 2)) | "
                  + "\(formatted(page.requestsPerSecond, decimals: 0)) | \(page.errors + route.errors) | `GET \(api.replacingOccurrences(of: #"[0-9a-f-]{36}"#, with: "{id}", options: .regularExpression))` | "
                  + "\(formatted(route.p50Milliseconds, decimals: 2)) | \(formatted(route.p99Milliseconds, decimals: 2)) | \(formatted(route.requestsPerSecond, decimals: 0)) |")
        }
        print("\n## Console page weight (goal: under 100 KB with assets; first paint in at most 3 requests)\n")
        print("| page | HTML KB | with assets KB | requests before first paint |")
        print("|---|---:|---:|---:|")
        for (name, path, _) in pages {
            let response = try await TestClient.request(port: port, "GET", path, headers: ["Cookie": cookie])
            guard response.status == 200 else { throw BenchError("\(path) answered \(response.status)") }
            let assets = assetPaths(in: response.text)
            var total = response.body.count
            for asset in assets.all { total += try await TestClient.request(port: port, "GET", asset).body.count }
            print("| \(name) | \(formatted(Double(response.body.count) / 1024, decimals: 1)) | \(formatted(Double(total) / 1024, decimals: 1)) | \(1 + assets.blocking) |")
        }
        print("")
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
