import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport

/// `DominoBench gojuon` (perf37): what 五十音順 costs. The key: `reading_order` of `BENCH_GOJUON_NAMES` (10,000)
/// readings, hiragana and katakana names of people and companies, by the migrated `gojuon_key` and by migration
/// 0139's body (`GojuonReference`, a session function) in the same session, five runs each. The list: an event of
/// `BENCH_GOJUON_REGISTRATIONS` (2,000) people with readings, imported through the service; its registrations
/// through `ConventionService.registrations` (what `GET /v1/events/{id}/registrations` and the console call), a page
/// of 50 `BENCH_GOJUON_PAGES` (100) times each: the first page in 五十音順, the page after it (the keyset compares
/// every row's key with the cursor's), and the first page as entered beside them.
enum GojuonBenchmark {
    static func run() async throws {
        let names = environmentInteger("BENCH_GOJUON_NAMES", default: 10_000)
        let people = environmentInteger("BENCH_GOJUON_REGISTRATIONS", default: 2_000)
        let pages = environmentInteger("BENCH_GOJUON_PAGES", default: 100)
        let database = try await BenchDatabase.open()
        let configuration = AppConfiguration(
            database: database.configuration, poolSize: 4, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: 4))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let application = try Application(configuration: configuration, pool: pool, clock: .system)

        print("## 五十音順: the key (\(names) readings, milliseconds for all; five runs, median)\n")
        print("| key | ms (median of 5) | µs a name |")
        print("|---|---:|---:|")
        try await pool.withConnection { db in
            try await db.execute(GojuonReference.createFunction)
            try await db.execute(PostgresQuery(stringLiteral: "CREATE TEMP TABLE bench_readings AS \(readings(names))"))
            for (label, call) in [
                ("gojuon_key (migrated), through reading_order", "reading_order(r, NULL, NULL)"),
                ("0139's body (pg_temp.gojuon_key_0139)", "'0' || pg_temp.gojuon_key_0139(r)"),
            ] {
                var runs: [Double] = []
                for _ in 1...5 {
                    let started = ContinuousClock.now
                    _ = try await db.query(PostgresQuery(stringLiteral: "SELECT count(\(call)) FROM bench_readings"))
                    runs.append(started.duration(to: ContinuousClock.now).seconds * 1_000)
                }
                let median = runs.sorted()[2]
                print("| \(label) | \(formatted(median, decimals: 1)) | \(formatted(median * 1_000 / Double(names), decimals: 1)) |")
            }
        }

        let organizer = try await benchOrganizer(application, name: "gojuon")
        let start = application.clock.today().adding(days: 30).startInJapan.addingTimeInterval(9 * 3600)
        let event = try await application.conventions.createEvent(
            EventDraft(kind: .convention, titleEn: "五十音順 benchmark", startsAt: start, endsAt: start.addingTimeInterval(8 * 3600),
                       format: .inPerson, inPersonCapacity: people), by: organizer)
        let personReadings: [String] = try await pool.query(PostgresQuery(stringLiteral: readings(people))).map { try $0.decode("r") }
        var csv = "email,nameJa,nameReading,sector,role\n"
        for (index, reading) in personReadings.enumerated() { csv += "gojuon\(index)@bench.domino.example,参加者 \(index),\(reading),industry,local_company\n" }
        let report = try await application.conventions.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: false, by: organizer)
        guard report.registered == people else { throw BenchError("only \(report.registered) of \(people) registered") }
        try await pool.execute("ANALYZE")

        let service = application.conventions
        let firstPage = try await service.registrations(of: event.id, RegistrationFilter(order: .reading), page: PageRequest(limit: 50), by: organizer)
        guard let cursor = firstPage.nextCursor else { throw BenchError("the first page in 五十音順 has no next page") }
        print("\n## 五十音順: the registrations of an event of \(people), a page of 50 (\(pages) times each)\n")
        print("| page | p50 ms | p99 ms |")
        print("|---|---:|---:|")
        for (label, filter, after) in [
            ("first page, as entered", RegistrationFilter(), nil as String?),
            ("first page, 五十音順", RegistrationFilter(order: .reading), nil),
            ("second page, 五十音順 (after the first's cursor)", RegistrationFilter(order: .reading), cursor),
        ] {
            var latencies: [UInt64] = []
            for _ in 0..<pages {
                let page = try PageRequest.parse(limit: 50, cursor: after)
                let sent = ContinuousClock.now
                _ = try await service.registrations(of: event.id, filter, page: page, by: organizer)
                latencies.append(CheckInBenchmark.nanoseconds(since: sent))
            }
            let summary = LatencySummary(nanoseconds: latencies)
            print("| \(label) | \(formatted(summary.p50Milliseconds, decimals: 2)) | \(formatted(summary.p99Milliseconds, decimals: 2)) |")
        }
        print("")
        pool.close()
    }

    /// A new organizer of `application`, signed in.
    static func benchOrganizer(_ application: Application, name: String) async throws -> Principal {
        let email = "\(name)-\(UUID().uuidString.prefix(8).lowercased())@bench.domino.example", password = "load test passphrase 2026"
        _ = try await application.accounts.createUser(NewUser(email: email, displayName: name, role: .organizer, password: password), actor: nil)
        let token = try await application.accounts.login(email: email, password: password, clientAddress: "127.0.0.1").token
        guard let organizer = try await application.accounts.authenticate(token: token) else { throw BenchError("the bench token did not authenticate") }
        return organizer
    }

    /// `count` readings, in order: half hiragana people (family and given name), a quarter the same in katakana, a quarter
    /// company names in katakana (long vowels, small and voiced kana and ゞ among them).
    static func readings(_ count: Int) -> String {
        """
            SELECT CASE n % 4 WHEN 3 THEN company WHEN 2 THEN kana_fold(person) ELSE person END AS r
            FROM generate_series(1, \(count)) AS n, LATERAL (SELECT
                (ARRAY['さとう', 'すずき', 'たかはし', 'たなか', 'いとう', 'わたなべ', 'やまもと', 'なかむら', 'こばやし', 'かとう', 'よしだ', 'やまだ',
                       'ささき', 'やまぐち', 'まつもと', 'いのうえ', 'きむら', 'はやし', 'しみず', 'やまざき'])[1 + n % 20]
                || ' ' || (ARRAY['はなこ', 'いちろう', 'ゆうき', 'しょうた', 'みさき', 'りょう', 'だいすけ', 'けんじ', 'あやか', 'ゆい', 'じゅんぺい'])[1 + n / 20 % 11]
                    AS person,
                (ARRAY['ヨコハマ グリーン エネルギー', 'カーボン ニュートラル コーポレーション', 'キューピー', 'みなとみらい パワー', 'いすゞ',
                       'ジャパン リサイクル', 'ベイ ソーラー', 'エコ テクノロジーズ', 'ハイドロ ジェン', 'ワールド ウォーター'])[1 + n / 4 % 10] AS company) AS names
            ORDER BY n
            """
    }
}
