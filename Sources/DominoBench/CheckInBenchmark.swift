import Accounts
import App
import Conventions
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench checkin`: the door of a convention (issue 19, item 3). Registered people check in by
/// code over HTTP (`POST /v1/events/{id}/check-ins`), 32 clients at once, each on its own keep-alive
/// connection; every request is a transaction (find the code, insert the check-in, mark the registration
/// attended, audit rows, the KPI recount's unique job). Three rows, so that the time can be placed:
/// the first four check-ins of each client (a cold server: its pool opens PostgreSQL sessions and
/// prepares statements), then 2,000 on the warm server, then 1,000 through `ConventionService.checkIn`
/// directly at the same concurrency (no HTTP, no token): the database's and the service's share.
/// A `domino worker` process runs throughout, as in production: each check-in's commit enqueues the
/// KPI recount of its fiscal year, the worker keeps claiming and running it, so the check-ins meet the
/// recount's unique key in every state (waiting, running, newly inserted). During the warm and the
/// service-level runs a sampler counts the sessions waiting on a lock every 10 ms and says on which
/// (`LockWaitSampler`), and, when the server loads `pg_stat_statements`, the statements PostgreSQL ran
/// are printed with their calls and time, and the CPU time per check-in of this process (HTTP server,
/// clients, service), of the PostgreSQL sessions and of the worker (`CPUTimes`).
enum CheckInBenchmark {
    static let people = 2_000
    static let clients = 32
    static let coldPerClient = 4
    static let serviceLevel = 1_000

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
        let today = application.clock.today()
        let cold = clients * coldPerClient
        let (eventID, codes) = try await prepareEvent(application.conventions, people: cold + people + serviceLevel, on: today, by: organizer)

        // The registrations' confirmation mails (no relay here) would keep the worker busy failing them;
        // the door's own jobs are the KPI recounts its check-ins enqueue.
        try await pool.execute("DELETE FROM jobs WHERE kind <> 'kpi.recount'")
        let worker = try JobsBenchmark.startWorker(try JobsBenchmark.workerExecutable(), database.configuration, id: "bench-door")
        try await JobsBenchmark.waitForListeners(1, pool)
        let server = application.makeServer(port: 0)
        let observer = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: 1))
        let (coldRun, ((warmRun, warmCPU), warmWaits)) = try await withThrowingTaskGroup(of: (Run, ((Run, CPUTimes.Spent), LockWaitSampler.Summary))?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    let coldRun = try await checkInEveryone(port: port, token: token, eventID: eventID, day: today, codes: codes[0..<cold])
                    _ = await StatementStatistics.reset(observer)
                    let warm = try await LockWaitSampler.sampling(observer) {
                        try await CPUTimes.measuring(observer, worker: worker.pid) {
                            try await checkInEveryone(port: port, token: token, eventID: eventID, day: today, codes: codes[cold..<(cold + people)])
                        }
                    }
                    await server.shutdown(deadline: .after(.seconds(2)))
                    return (coldRun, warm)
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
            }
            var measured: (Run, ((Run, CPUTimes.Spent), LockWaitSampler.Summary))?
            for try await outcome in group where outcome != nil { measured = outcome }
            guard let measured else { throw BenchError("the check-in benchmark produced no result") }
            return measured
        }
        let recountsWarm = try await completedRecounts(pool)
        await StatementStatistics.print("the warm HTTP run", observer)
        _ = await StatementStatistics.reset(observer)
        let ((serviceRun, serviceCPU), serviceWaits) = try await LockWaitSampler.sampling(observer) {
            try await CPUTimes.measuring(observer, worker: worker.pid) {
                try await checkInThroughService(
                    application.conventions, eventID: eventID, day: today, codes: codes[(cold + people)...], by: organizer)
            }
        }
        await StatementStatistics.print("the service-level run", observer)
        _ = await worker.terminate()
        let checkedIn = try await pool.query("SELECT count(*) AS n FROM check_ins WHERE event_id = \(eventID)")[0].decode("n", as: Int.self)
        let recounts = try await completedRecounts(pool)
        print("## HTTP: door check-in, POST /v1/events/{id}/check-ins by code\n")
        print("| load | check-ins | rate /s | p50 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|---:|")
        for (label, run) in [
            ("cold server: the first \(coldPerClient) of each of \(clients) keep-alive clients", coldRun),
            ("warm server: \(people) codes, \(clients) keep-alive clients", warmRun),
            ("ConventionService.checkIn, no HTTP, \(clients) tasks", serviceRun),
        ] {
            let summary = LatencySummary(nanoseconds: run.latencies)
            print("| \(label) | \(summary.count) | \(formatted(Double(summary.count) / run.elapsed.seconds, decimals: 0)) | "
                  + "\(formatted(summary.p50Milliseconds, decimals: 3)) | \(formatted(summary.p99Milliseconds, decimals: 3)) | \(run.failures) |")
        }
        print("\nstored: \(checkedIn) check-ins of \(codes.count) codes; KPI recounts the worker completed: "
              + "\(recountsWarm) by the end of the warm HTTP run, \(recounts) in all")
        warmCPU.print("the warm HTTP run", checkIns: people)
        serviceCPU.print("the service-level run", checkIns: serviceLevel)
        LockWaitSampler.print("the warm HTTP run", warmWaits)
        LockWaitSampler.print("the service-level run", serviceWaits)
        print("")
        observer.close()
        pool.close()
    }

    static func completedRecounts(_ pool: PostgresPool) async throws -> Int {
        try await pool.query("SELECT count(*) AS n FROM jobs WHERE kind = 'kpi.recount' AND state = 'completed'")[0].decode("n", as: Int.self)
    }

    struct Run: Sendable {
        let elapsed: Duration
        let latencies: [UInt64]
        let failures: Int
    }

    /// An in-person event today (the door checks people in on the event's day) with `people`
    /// registrations, imported in one CSV, and their codes.
    static func prepareEvent(_ service: ConventionService, people: Int, on day: CalendarDate, by organizer: Principal) async throws -> (UUID, [String]) {
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

    /// Client k checks in codes k, k + 32, k + 64, … of `codes`; the wall time runs from the first
    /// request to the last answer.
    static func checkInEveryone(port: Int, token: String, eventID: UUID, day: CalendarDate, codes: ArraySlice<String>) async throws -> Run {
        let codes = Array(codes)
        return try await concurrently(codes.count) { indices in
            let client = try await TestClient.connect(port: port)
            defer { client.close() }
            var mine: [UInt64] = []
            var failed = 0
            for index in indices {
                let body = #"{"code":"\#(codes[index])","day":"\#(day)"}"#
                let request = "POST /v1/events/\(eventID)/check-ins HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                let sent = ContinuousClock.now
                try await client.send(request)
                let response = try await client.readResponse()
                mine.append(nanoseconds(since: sent))
                if response.status != 201 { failed += 1 }
            }
            return (mine, failed)
        }
    }

    /// The same check-ins through the service call the route makes, at the same concurrency.
    static func checkInThroughService(
        _ service: ConventionService, eventID: UUID, day: CalendarDate, codes: ArraySlice<String>, by organizer: Principal
    ) async throws -> Run {
        let codes = Array(codes)
        return try await concurrently(codes.count) { indices in
            var mine: [UInt64] = []
            var failed = 0
            for index in indices {
                let sent = ContinuousClock.now
                let outcome = try await service.checkIn(CheckInRequest(code: codes[index], day: day), eventID: eventID, by: organizer)
                mine.append(nanoseconds(since: sent))
                if !outcome.created { failed += 1 }
            }
            return (mine, failed)
        }
    }

    /// Runs `clients` tasks, task k taking indices k, k + clients, …, and gathers their latencies.
    static func concurrently(_ count: Int, _ body: @escaping @Sendable (StrideTo<Int>) async throws -> ([UInt64], Int)) async throws -> Run {
        let started = ContinuousClock.now
        var latencies: [UInt64] = []
        var failures = 0
        try await withThrowingTaskGroup(of: ([UInt64], Int).self) { group in
            for first in 0..<clients {
                group.addTask { try await body(stride(from: first, to: count, by: clients)) }
            }
            for try await (mine, failed) in group {
                latencies += mine
                failures += failed
            }
        }
        return Run(elapsed: started.duration(to: ContinuousClock.now), latencies: latencies, failures: failures)
    }

    static func nanoseconds(since start: ContinuousClock.Instant) -> UInt64 {
        let took = start.duration(to: ContinuousClock.now)
        return UInt64(took.components.seconds) * 1_000_000_000 + UInt64(took.components.attoseconds / 1_000_000_000)
    }
}
