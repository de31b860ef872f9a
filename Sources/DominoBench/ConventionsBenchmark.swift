import Accounts
import App
import Conventions
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench conventions` (issue 15): the public registration page under load, and the check-in
/// desk through the console.
///
/// Registration: 16 guests at once, each opening the page (`GET /events/{id}/register`, which sets the
/// double-submit cookie) and posting the form (`POST`, the whole registration: rate-limit row, participant,
/// seat under the event's lock, confirmation in the outbox, redirect). The limit of 20 submissions per
/// client address per hour holds: the server runs with `TRUST_PROXY=1`, as behind nginx, and each guest
/// comes from an address of its own in `X-Forwarded-For` (one post per address), so no request is
/// refused by the limit and every one is a real registration; a 429 would be counted as an error.
/// The desk: an organizer signed in to the console posts door codes to `/conventions/events/{id}/desk`
/// with `Accept: application/json` (what desk.js sends), 32 desks at once.
enum ConventionsBenchmark {
    static let guests = 1_000
    static let guestClients = 16
    static let deskCodes = 1_000
    static let desks = 32

    static func run() async throws {
        let database = try await BenchDatabase.open()
        var configuration = AppConfiguration(
            database: database.configuration, poolSize: desks, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        configuration.trustProxy = true
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: desks))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let application = try Application(configuration: configuration, pool: pool, clock: .system)
        let email = "desk-\(UUID().uuidString.prefix(8).lowercased())@bench.domino.example", password = "load test passphrase 2026"
        _ = try await application.accounts.createUser(NewUser(email: email, displayName: "Desk", role: .organizer, password: password), actor: nil)
        let token = try await application.accounts.login(email: email, password: password, clientAddress: "127.0.0.1").token
        guard let organizer = try await application.accounts.authenticate(token: token) else { throw BenchError("the bench token did not authenticate") }
        let today = application.clock.today()
        // Registration opens now and the event is in a month, so the public page shows its form.
        let start = today.adding(days: 30).startInJapan.addingTimeInterval(9 * 3600)
        let open = try await application.conventions.createEvent(
            EventDraft(kind: .convention, titleEn: "Registration benchmark", startsAt: start, endsAt: start.addingTimeInterval(8 * 3600),
                       format: .inPerson, inPersonCapacity: guests), by: organizer)
        let (doorID, codes) = try await CheckInBenchmark.prepareEvent(application.conventions, people: deskCodes, on: today, by: organizer)

        let server = application.makeServer(port: 0)
        let (registration, desk) = try await withThrowingTaskGroup(of: (CheckInBenchmark.Run, CheckInBenchmark.Run)?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    let registration = try await registerGuests(port: port, eventID: open.id)
                    let cookie = try await ConsoleBenchmark.signIn(port: port, email: email, password: password)
                    let desk = try await checkInAtDesk(port: port, cookie: cookie, eventID: doorID, codes: codes)
                    await server.shutdown(deadline: .after(.seconds(2)))
                    return (registration, desk)
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
            }
            var measured: (CheckInBenchmark.Run, CheckInBenchmark.Run)?
            for try await outcome in group where outcome != nil { measured = outcome }
            guard let measured else { throw BenchError("the conventions benchmark produced no result") }
            return measured
        }
        let registered = try await pool.query("SELECT count(*) AS n FROM registrations WHERE event_id = \(open.id)")[0].decode("n", as: Int.self)
        let checkedIn = try await pool.query("SELECT count(*) AS n FROM check_ins WHERE event_id = \(doorID)")[0].decode("n", as: Int.self)
        print("## Conventions: the public registration page and the console's check-in desk\n")
        print("| path | requests | rate /s | p50 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|")
        for (label, run) in [
            ("public page: GET the form + POST it (one registration), \(guestClients) guests at once, one address each", registration),
            ("desk: POST /conventions/events/{id}/desk (JSON), \(desks) desks at once", desk),
        ] {
            let summary = LatencySummary(nanoseconds: run.latencies)
            print("| \(label) | \(summary.count) | \(formatted(Double(summary.count) / run.elapsed.seconds, decimals: 0)) | "
                  + "\(formatted(summary.p50Milliseconds, decimals: 2)) | \(formatted(summary.p99Milliseconds, decimals: 2)) | \(run.failures) |")
        }
        print("\nstored: \(registered) registrations of \(guests) guests; \(checkedIn) check-ins of \(codes.count) codes\n")
        pool.close()
    }

    /// Guest k opens the page and posts the form from address 10.x.y.z of its own.
    static func registerGuests(port: Int, eventID: UUID) async throws -> CheckInBenchmark.Run {
        let path = "/events/\(eventID.uuidString.lowercased())/register"
        return try await concurrently(guests, clients: guestClients) { index in
            let address = "10.\(index / 65_536 % 256).\(index / 256 % 256).\(index % 256)"
            let page = try await TestClient.request(port: port, "GET", path, headers: ["X-Forwarded-For": address])
            guard page.status == 200, let range = page.text.range(of: "name=\"_csrf\" value=\"") else { return false }
            let csrf = String(page.text[range.upperBound...].prefix { $0 != "\"" })
            let body = "_csrf=\(csrf)&nameEn=Guest+\(index)&email=guest\(index)%40bench.domino.example&country=VN&sector=industry"
                + "&role=overseas_company&consent=yes"
            let posted = try await TestClient.request(port: port, "POST", path, headers: [
                "X-Forwarded-For": address, "Content-Type": "application/x-www-form-urlencoded", "Cookie": "domino_public_csrf=\(csrf)",
            ], body: body)
            return posted.status == 303
        }
    }

    /// Desk k types codes k, k + 32, …; the desk page's session token goes with each post.
    static func checkInAtDesk(port: Int, cookie: String, eventID: UUID, codes: [String]) async throws -> CheckInBenchmark.Run {
        let path = "/conventions/events/\(eventID.uuidString.lowercased())/desk"
        let page = try await TestClient.request(port: port, "GET", path, headers: ["Cookie": cookie])
        guard page.status == 200, let range = page.text.range(of: "name=\"_csrf\" value=\"") else { throw BenchError("the desk page answered \(page.status)") }
        let csrf = String(page.text[range.upperBound...].prefix { $0 != "\"" })
        return try await concurrently(codes.count, clients: desks) { index in
            let response = try await TestClient.request(port: port, "POST", path, headers: [
                "Cookie": cookie, "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded",
            ], body: "_csrf=\(csrf)&code=\(codes[index])")
            return response.status == 200 && response.text.contains("\"ok\"")
        }
    }

    /// `count` requests over `clients` tasks (task k takes k, k + clients, …); the latency of each.
    static func concurrently(_ count: Int, clients: Int, _ body: @escaping @Sendable (Int) async throws -> Bool) async throws -> CheckInBenchmark.Run {
        let started = ContinuousClock.now
        var latencies: [UInt64] = []
        var failures = 0
        try await withThrowingTaskGroup(of: ([UInt64], Int).self) { group in
            for first in 0..<clients {
                group.addTask {
                    var mine: [UInt64] = []
                    var failed = 0
                    for index in stride(from: first, to: count, by: clients) {
                        let sent = ContinuousClock.now
                        if try await !body(index) { failed += 1 }
                        mine.append(CheckInBenchmark.nanoseconds(since: sent))
                    }
                    return (mine, failed)
                }
            }
            for try await (mine, failed) in group {
                latencies += mine
                failures += failed
            }
        }
        return CheckInBenchmark.Run(elapsed: started.duration(to: ContinuousClock.now), latencies: latencies, failures: failures)
    }
}
