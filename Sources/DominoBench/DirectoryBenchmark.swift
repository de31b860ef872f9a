import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport

/// `DominoBench directory`: the company directory at national scale. Imports `BENCH_COMPANIES`
/// (100,000) companies with two technologies each from generated CSV files through
/// `CompanyService.importCompanies` (the function the import route calls, without HTTP), in files of
/// `BENCH_IMPORT_ROWS` (20,000, the most one file may have) rows; then times `CompanyService.companies` (the list route's service
/// call, without HTTP) for a text query and a taxonomy filter, one request at a time.
enum DirectoryBenchmark {
    /// Child codes the generated technologies are tagged with, with a title in each language.
    static let technologies: [(code: String, ja: String, en: String)] = [
        ("waste_to_energy", "ストーカ式焼却炉の熱回収", "Stoker incinerator heat recovery"),
        ("solar_pv", "屋根置き太陽光の保守", "Rooftop solar operation and maintenance"),
        ("battery_storage", "定置用蓄電池の制御", "Stationary battery dispatch"),
        ("sewage_treatment", "下水処理場の曝気最適化", "Aeration control for sewage plants"),
        ("water_supply", "漏水検知サービス", "Leak detection for water utilities"),
        ("biogas", "食品廃棄物のメタン発酵", "Food waste anaerobic digestion"),
        ("ev", "電動バスの運行管理", "Electric bus fleet management"),
        ("ems", "工場のエネルギー見える化", "Factory energy monitoring"),
        ("heat_pump", "業務用ヒートポンプ給湯", "Commercial heat pump water heating"),
        ("lighting", "街路灯のLED化", "LED street lighting retrofit"),
        ("recycling", "資源ごみの選別ライン", "Material recovery sorting line"),
        ("hydrogen_use", "燃料電池の導入支援", "Fuel cell deployment"),
    ]
    static let queries = 200

    static func run() async throws {
        let companies = environmentInteger("BENCH_COMPANIES", default: 100_000)
        let rowsPerFile = environmentInteger("BENCH_IMPORT_ROWS", default: 20_000)
        let database = try await BenchDatabase.open()
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: 4))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let service = CompanyService(pool: pool, clock: .system)
        let admin = Principal(userID: UUID(), role: .admin)

        print("## Directory: company CSV import and search (service level, no HTTP)\n")
        var imported = 0
        var seconds = 0.0
        let companiesPerFile = max(1, rowsPerFile / 2)
        var first = 0
        while first < companies {
            let file = csvFile(companies: first..<min(companies, first + companiesPerFile))
            let start = ContinuousClock.now
            let report = try await service.importCompanies(csv: file, dryRun: false, by: admin)
            seconds += (ContinuousClock.now - start).seconds
            guard report.errors.isEmpty else { throw BenchError("the generated file had errors: \(report.errors.prefix(3))") }
            imported += report.rows
            first += companiesPerFile
        }
        let files = (companies + companiesPerFile - 1) / companiesPerFile
        let copySeconds = try await bareCopySeconds(database: database, pool: pool, files: files, companiesPerFile: companiesPerFile)
        print("| import | companies | technology rows | files | seconds | rows/s |")
        print("|---|---:|---:|---:|---:|---:|")
        print("| CSV, \(rowsPerFile) rows per file, dryRun=false | \(companies) | \(imported) | "
              + "\(files) | \(formatted(seconds, decimals: 1)) | \(formatted(Double(imported) / seconds, decimals: 0)) |")
        print("| bare COPY of the same rows into copies of both tables with the same indexes, no triggers | \(companies) | \(imported) | "
              + "\(files) | \(formatted(copySeconds, decimals: 1)) | \(formatted(Double(imported) / copySeconds, decimals: 0)) |")
        print("\nratio import ÷ bare COPY: \(formatted(100 * copySeconds / seconds, decimals: 0)) %\n")
        try await pool.execute("ANALYZE")

        print("\n| search, first page of 50, viewer | requests | p50 ms | p99 ms |")
        print("|---|---:|---:|---:|")
        let viewer = Principal(userID: UUID(), role: .viewer)
        let cases: [(String, CompanyFilter)] = [
            ("q=廃棄物発電 (synonym bridge, many matches)", CompanyFilter(text: "廃棄物発電")),
            ("q=leak detection (text, many matches)", CompanyFilter(text: "leak detection")),
            ("q=Bench Works 77777 (one company)", CompanyFilter(text: "Bench Works 77777")),
            ("q=存在しない技術 (no match)", CompanyFilter(text: "存在しない技術")),
            ("taxonomyCode=water (parent code)", CompanyFilter(taxonomyCode: "water")),
            ("taxonomyCode=hydrogen_use", CompanyFilter(taxonomyCode: "hydrogen_use")),
        ]
        for (name, filter) in cases {
            var samples: [UInt64] = []
            for _ in 0..<queries {
                let start = ContinuousClock.now
                _ = try await service.companies(filter, page: PageRequest(limit: 50), by: viewer)
                samples.append(UInt64((ContinuousClock.now - start).seconds * 1_000_000_000))
            }
            let summary = LatencySummary(nanoseconds: samples)
            print("| \(name) | \(summary.count) | \(formatted(summary.p50Milliseconds, decimals: 3)) | \(formatted(summary.p99Milliseconds, decimals: 3)) |")
        }
        print("")
        pool.close()
    }

    /// The anchor of the import (issue 19, item 4): the rows the import stored, written out with COPY TO
    /// and loaded again with bare COPY FROM, file by file as the import ran, into tables made `LIKE` the
    /// real ones `INCLUDING ALL` (the same columns, defaults, checks and indexes, GIN included) but with
    /// no triggers and no foreign keys. Only the COPY FROM statements are timed.
    static func bareCopySeconds(database: BenchDatabase, pool: PostgresPool, files: Int, companiesPerFile: Int) async throws -> Double {
        try await pool.withConnection { db in
            try await db.runScript("""
                DROP TABLE IF EXISTS bare_companies, bare_technologies;
                CREATE TABLE bare_companies (LIKE companies INCLUDING ALL);
                CREATE TABLE bare_technologies (LIKE company_technologies INCLUDING ALL);
                """)
        }
        var seconds = 0.0
        for file in 0..<files {
            let companiesPath = database.logDirectory + "/bare-companies-\(file).copy"
            let technologiesPath = database.logDirectory + "/bare-technologies-\(file).copy"
            // Server-side files (the bench's own cluster; the user is its superuser). Paths from code only.
            try await pool.withConnection { db in
                try await db.runScript("""
                    BEGIN;
                    CREATE TEMP TABLE bare_file ON COMMIT DROP AS
                        SELECT id FROM companies ORDER BY created_at, id LIMIT \(companiesPerFile) OFFSET \(file * companiesPerFile);
                    COPY (SELECT c.* FROM companies c JOIN bare_file f USING (id)) TO '\(companiesPath)';
                    COPY (SELECT t.* FROM company_technologies t JOIN bare_file f ON f.id = t.company_id ORDER BY t.id) TO '\(technologiesPath)';
                    COMMIT;
                    """)
            }
            let start = ContinuousClock.now
            try await pool.withConnection { db in
                try await db.runScript("""
                    BEGIN;
                    COPY bare_companies FROM '\(companiesPath)';
                    COPY bare_technologies FROM '\(technologiesPath)';
                    COMMIT;
                    """)
            }
            seconds += (ContinuousClock.now - start).seconds
        }
        return seconds
    }

    /// One file of the import layout: two technology rows per company, with a valid 法人番号 each.
    static func csvFile(companies range: Range<Int>) -> [UInt8] {
        var csv = CSVWriter()
        csv.appendRow([
            "corporateNumber", "nameJa", "nameEn", "municipality", "inYokohama", "size", "countriesWithExperience",
            "technologyTitleJa", "technologyTitleEn", "technologyDescriptionEn", "technologyTaxonomyCodes", "technologyMaturity",
            "technologyDisclosure",
        ])
        for index in range {
            let base = String(100_000_000_000 + index).map { Int(String($0))! }
            let number = "\(CorporateNumber.checkDigit(base: base))" + base.map(String.init).joined()
            for offset in 0..<2 {
                let technology = technologies[(index * 2 + offset) % technologies.count]
                csv.appendRow([
                    number, "ベンチ工業\(index)株式会社", "Bench Works \(index) Co., Ltd.", "Yokohama", "true",
                    index % 5 == 0 ? "large" : "sme", ["VN", "TH", "PH", "ID"][index % 4],
                    technology.ja, technology.en, "\(technology.en) delivered by company \(index).", technology.code, "commercial",
                    offset == 0 ? "public" : "partners",
                ])
            }
        }
        return csv.takeBytes()
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
