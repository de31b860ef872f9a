import Accounts
import App
import Conventions
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench checkin`: the door of a convention. 2,000 registered people check in by code over HTTP
/// (`POST /v1/events/{id}/check-ins`), 32 clients at once, each on its own keep-alive connection;
/// every request is a transaction (find the code, insert the check-in, mark the registration attended,
/// audit rows). Prints throughput and latency percentiles measured at the client.
enum CheckInBenchmark {
    static let people = 2_000
    static let clients = 32

    static func run() async throws {
        let database = try await BenchDatabase.open()
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: clients))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let configuration = AppConfiguration(
            database: database.configuration, poolSize: clients, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        let application = try Application(configuration: configuration, pool: pool, clock: .system)
        let email = "door-\(UUID().uuidString.prefix(8).lowercased())@bench.domino.example"
        _ = try await application.accounts.createUser(
            NewUser(email: email, displayName: "Door Staff", role: .organizer, password: "load test passphrase 2026"), actor: nil)
        let token = try await application.accounts.login(email: email, password: "load test passphrase 2026", clientAddress: "127.0.0.1").token
        guard let organizer = try await application.accounts.authenticate(token: token) else { throw BenchError("the bench token did not authenticate") }
        let (eventID, codes) = try await prepareEvent(application.conventions, on: application.clock.today(), by: organizer)

        let server = application.makeServer(port: 0)
        let (elapsed, latencies, failures) = try await withThrowingTaskGroup(of: (Duration, [UInt64], Int)?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    let result = try await checkInEveryone(port: port, token: token, eventID: eventID, codes: codes)
                    await server.shutdown(deadline: .after(.seconds(2)))
                    return result
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
            }
            var measured: (Duration, [UInt64], Int)?
            for try await outcome in group where outcome != nil { measured = outcome }
            guard let measured else { throw BenchError("the check-in benchmark produced no result") }
            return measured
        }
        let checkedIn = try await pool.query("SELECT count(*) AS n FROM check_ins WHERE event_id = \(eventID)")[0].decode("n", as: Int.self)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let summary = LatencySummary(nanoseconds: latencies)
        print("## HTTP: door check-in, POST /v1/events/{id}/check-ins by code\n")
        print("| load | check-ins | rate /s | p50 ms | p99 ms | errors | stored |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print("| \(people) codes, \(clients) keep-alive clients | \(summary.count) | \(formatted(Double(summary.count) / seconds, decimals: 0)) | "
              + "\(formatted(summary.p50Milliseconds, decimals: 3)) | \(formatted(summary.p99Milliseconds, decimals: 3)) | \(failures) | \(checkedIn) |\n")
        pool.close()
    }

    /// An in-person event today (the door checks people in on the event's day) with `people`
    /// registrations, imported in one CSV, and their codes.
    static func prepareEvent(_ service: ConventionService, on day: CalendarDate, by organizer: Principal) async throws -> (UUID, [String]) {
        let start = day.startInJapan.addingTimeInterval(8 * 3600)
        let event = try await service.createEvent(
            EventDraft(kind: .convention, titleEn: "Door benchmark", startsAt: start, endsAt: start.addingTimeInterval(8 * 3600),
                       format: .inPerson, inPersonCapacity: people),
            by: organizer)
        var csv = "email,nameEn,sector,role\n"
        for index in 0..<people { csv += "door\(index)@bench.domino.example,Guest \(index),industry,local_company\n" }
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: false, by: organizer)
        guard report.registered == people else { throw BenchError("only \(report.registered) of \(people) registered") }
        var codes: [String] = []
        var page = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(limit: 100), by: organizer)
        while true {
            codes += page.items.compactMap(\.code)
            guard let after = page.nextCursor.flatMap(PageCursor.init(encoded:)) else { break }
            page = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(limit: 100, after: after), by: organizer)
        }
        return (event.id, codes)
    }

    /// Client k checks in codes k, k + 32, k + 64, …; the wall time runs from the first request to the
    /// last answer.
    static func checkInEveryone(port: Int, token: String, eventID: UUID, codes: [String]) async throws -> (Duration, [UInt64], Int) {
        let clock = ContinuousClock()
        let started = clock.now
        var latencies: [UInt64] = []
        var failures = 0
        try await withThrowingTaskGroup(of: ([UInt64], Int).self) { group in
            for first in 0..<clients {
                group.addTask {
                    let client = try await TestClient.connect(port: port)
                    defer { client.close() }
                    var mine: [UInt64] = []
                    var failed = 0
                    for index in stride(from: first, to: codes.count, by: clients) {
                        let body = #"{"code":"\#(codes[index])","day":"2026-12-01"}"#
                        let request = "POST /v1/events/\(eventID)/check-ins HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                        let sent = clock.now
                        try await client.send(request)
                        let response = try await client.readResponse()
                        let took = sent.duration(to: clock.now)
                        mine.append(UInt64(took.components.seconds) * 1_000_000_000 + UInt64(took.components.attoseconds / 1_000_000_000))
                        if response.status != 201 { failed += 1 }
                    }
                    return (mine, failed)
                }
            }
            for try await (mine, failed) in group {
                latencies += mine
                failures += failed
            }
        }
        return (started.duration(to: clock.now), latencies, failures)
    }
}
