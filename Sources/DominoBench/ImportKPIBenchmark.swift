import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport

/// `DominoBench import-kpi` (perf37): what the per-row KPI triggers (`kpi_touch`, deferred to commit; docs/kpi.md)
/// cost a large import. The registrations import at its per-file limit (`BENCH_IMPORT_ROWS`, 10,000 new people, one
/// transaction) through `ConventionService.importRegistrations`, three times with the triggers and three times with
/// `kpi_touch` disabled on `registrations` and `participants` — in this bench's own database only —, alternating, each
/// into a new event. Then the writes of a check-in import of as many rows (10,000 `check_ins` in one statement, in one
/// transaction, as the attendance import's single transaction writes them), with and without `check_ins`' trigger,
/// the statement and the commit timed apart: the deferred trigger events run at the commit.
enum ImportKPIBenchmark {
    static func run() async throws {
        let rows = environmentInteger("BENCH_IMPORT_ROWS", default: 10_000)
        let database = try await BenchDatabase.open()
        var connection = database.configuration
        connection.statementTimeout = nil
        let configuration = AppConfiguration(
            database: connection, poolSize: 4, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        let pool = PostgresPool(configuration: connection, options: .init(maximumConnections: 4))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let application = try Application(configuration: configuration, pool: pool, clock: .system)
        let organizer = try await GojuonBenchmark.benchOrganizer(application, name: "import")
        let start = application.clock.today().adding(days: 30).startInJapan.addingTimeInterval(9 * 3600)

        func setTrigger(_ enabled: Bool, on tables: [String]) async throws {
            for table in tables {
                try await pool.execute(PostgresQuery(stringLiteral: "ALTER TABLE \(table) \(enabled ? "ENABLE" : "DISABLE") TRIGGER kpi_touch"))
            }
        }
        var importSeconds: [Bool: [Double]] = [true: [], false: []]
        var lastEvent: UUID?
        for round in 0..<6 {
            let triggers = round % 2 == 0
            try await setTrigger(triggers, on: ["registrations", "participants"])
            let event = try await application.conventions.createEvent(
                EventDraft(kind: .convention, titleEn: "Import benchmark \(round)", startsAt: start, endsAt: start.addingTimeInterval(8 * 3600),
                           format: .inPerson, inPersonCapacity: rows), by: organizer)
            var csv = "email,nameEn,sector,role\n"
            for index in 0..<rows { csv += "import\(round)-\(index)@bench.domino.example,Guest \(round)-\(index),industry,local_company\n" }
            let started = ContinuousClock.now
            let report = try await application.conventions.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: false, by: organizer)
            importSeconds[triggers, default: []].append(started.duration(to: ContinuousClock.now).seconds)
            guard report.registered == rows else { throw BenchError("only \(report.registered) of \(rows) registered") }
            lastEvent = event.id
        }
        try await setTrigger(true, on: ["registrations", "participants"])
        guard let lastEvent else { throw BenchError("no import ran") }
        print("## KPI triggers: the registrations import of \(rows) new people (one transaction), seconds\n")
        print("| kpi_touch | runs | median s | rows/s |")
        print("|---|---|---:|---:|")
        for triggers in [true, false] {
            let runs = importSeconds[triggers, default: []]
            let median = runs.sorted()[runs.count / 2]
            print("| \(triggers ? "on" : "off (bench database only)") | \(runs.map { formatted($0, decimals: 2) }.joined(separator: ", ")) | "
                  + "\(formatted(median, decimals: 2)) | \(formatted(Double(rows) / median, decimals: 0)) |")
        }

        print("\n## KPI triggers: \(rows) check-ins in one transaction, statement and commit apart (ms; three runs each, median)\n")
        print("| kpi_touch on check_ins | insert ms | commit ms |")
        print("|---|---:|---:|")
        let day = application.clock.today().adding(days: 30)
        for triggers in [true, false] {
            try await setTrigger(triggers, on: ["check_ins"])
            var inserts: [Double] = [], commits: [Double] = []
            for _ in 0..<3 {
                try await pool.execute("DELETE FROM check_ins WHERE event_id = \(lastEvent)")
                try await pool.withConnection { db in
                    try await db.execute("BEGIN")
                    let started = ContinuousClock.now
                    try await db.execute("""
                        INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
                        SELECT r.event_id, r.id, \(day.description)::date, 'in_person', 'code', now() FROM registrations r WHERE r.event_id = \(lastEvent)
                        """)
                    let inserted = ContinuousClock.now
                    try await db.execute("COMMIT")
                    inserts.append(started.duration(to: inserted).seconds * 1_000)
                    commits.append(inserted.duration(to: ContinuousClock.now).seconds * 1_000)
                }
            }
            print("| \(triggers ? "on" : "off (bench database only)") | \(formatted(inserts.sorted()[1], decimals: 1)) | \(formatted(commits.sorted()[1], decimals: 1)) |")
        }
        try await setTrigger(true, on: ["check_ins"])
        print("")
        pool.close()
    }
}
