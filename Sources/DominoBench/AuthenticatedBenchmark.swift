import Accounts
import App
import Companies
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench me`: authenticated reads through the whole application under `wrk -c64`, each beside
/// pgbench running the statements the server runs for it, at the same concurrency on the same database
/// (issue 19, item 1): `GET /v1/companies/{id}` (one row by primary key) with verified tokens reused
/// (`VerifiedTokenCache`: the company statement, plus the shared fence) and with `DOMINO_TOKEN_CACHE=off`
/// (the token lookup, then the company statement), and `GET /v1/me` (no statement but the fence).
enum AuthenticatedBenchmark {
    static func run() async throws {
        let seconds = environmentInteger("BENCH_SECONDS", default: 10)
        let database = try await BenchDatabase.open()
        // The server as it ships: its default pool (DB_POOL_SIZE), unless BENCH_POOL_SIZE says otherwise.
        var configuration = AppConfiguration(
            database: database.configuration, port: 0, logLevel: .error, migrationsDirectory: TestDatabase.migrationsDirectory)
        configuration.poolSize = environmentInteger("BENCH_POOL_SIZE", default: configuration.poolSize)
        let pool = PostgresPool(configuration: database.configuration, options: .init(maximumConnections: configuration.poolSize))
        try await Migrator(directory: TestDatabase.migrationsDirectory).migrate(pool)
        let application = try Application(configuration: configuration, pool: pool, clock: .system)
        let email = "bench-\(UUID().uuidString.prefix(8).lowercased())@bench.domino.example"
        _ = try await application.accounts.createUser(
            NewUser(email: email, displayName: "Load Runner", role: .coordinator, password: "load test passphrase 2026"), actor: nil)
        let token = try await application.accounts.login(email: email, password: "load test passphrase 2026", clientAddress: "127.0.0.1").token
        let companyID = try await DirectoryPlaceholders.company(in: pool)
        var uncached = configuration
        uncached.cachesVerifiedTokens = false

        print("## HTTP: authenticated reads vs pgbench running the same statements\n")
        print("| load | rate /s | p50 ms | p99 ms | errors | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|")
        let bearer = ["Authorization: Bearer \(token)"]
        let cached = try await serve(application, path: "/v1/companies/\(companyID)", seconds: seconds, headers: bearer)
        printRow("GET /v1/companies/{id}, tokens reused, wrk -t\(WrkRun.threads) -c\(WrkRun.connections), pool \(configuration.poolSize)", cached)
        let plain = try await serve(
            try Application(configuration: uncached, pool: pool, clock: .system), path: "/v1/companies/\(companyID)", seconds: seconds, headers: bearer)
        printRow("GET /v1/companies/{id}, DOMINO_TOKEN_CACHE=off", plain)
        let me = try await serve(application, path: "/v1/me", seconds: seconds, headers: bearer)
        printRow("GET /v1/me, tokens reused (no statement of its own)", me)

        // pgbench runs the statements the server sends (AccountService.tokenLookup,
        // CompanyService.companyStatement), with their parameters as pgbench can give them: the secret as
        // a hex text variable (decoded and hashed per execution, as the server's bytea is hashed), the
        // kind as a literal, now() for the two times, the company id as a variable.
        let secretHex = try Self.secretHex(of: token)
        // pgbench must find the token, or it would measure a cheaper statement that returns nothing.
        let found = try await pool.query(
            "SELECT count(*) AS found FROM auth_tokens WHERE token_digest = sha256(decode(\(secretHex), 'hex'))")[0]
            .decode("found", as: Int.self)
        guard found == 1 else { throw BenchError("the secret given to pgbench matches \(found) tokens, not 1") }
        let tokenStatement = Self.substituted(AccountService.tokenLookup(secret: Data(), kind: .session, now: Self.placeholderInstant, stampBefore: Self.placeholderInstant).sql, [
            ("$5", "now() - interval '60 seconds'"), ("$4", "now()"), ("$3", "now()"), ("$2", "'session'"), ("$1", "decode(:secret, 'hex')"),
        ])
        let companyStatement = Self.substituted(CompanyService.companyStatement(id: companyID).sql, [("$1", ":company::uuid")])
        var ratios: [String] = []
        for (label, name, statements, api) in [
            ("the company statement (what a request runs with tokens reused)", "pgbench-company", [companyStatement], cached),
            ("token lookup + company statement (what a request ran before)", "pgbench-token-company", [tokenStatement, companyStatement], plain),
            ("the token lookup alone", "pgbench-token", [tokenStatement], nil),
        ] as [(String, String, [String], WrkRun?)] {
            let scriptPath = database.logDirectory + "/\(name).sql"
            let script = statements.map { $0.split(separator: "\n").joined(separator: " ") + ";\n" }.joined()
            try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
            let output = try await database.pgbench([
                "-f", scriptPath, "-M", "prepared", "-n", "-c", "\(WrkRun.connections)", "-j", "2", "-T", "\(seconds)",
                "-D", "secret=\(secretHex)", "-D", "company=\(companyID.uuidString.lowercased())", "-l", "--log-prefix=\(database.logDirectory)/\(name)",
            ])
            guard let tps = PgbenchRun.parseTransactionsPerSecond(output) else { throw BenchError("pgbench printed no tps line: \(output)") }
            let latency = try PgbenchRun.readLatencies(in: database.logDirectory, named: name)
            print("| pgbench, \(label), -c\(WrkRun.connections) -M prepared | \(formatted(tps, decimals: 0)) | "
                  + "\(formatted(latency.p50Milliseconds, decimals: 3)) | \(formatted(latency.p99Milliseconds, decimals: 3)) | 0 | |")
            if let api { ratios.append("\(formatted(100 * api.requestsPerSecond / tps, decimals: 0)) % of pgbench running \(label)") }
        }
        print("\nratio GET /v1/companies/{id} ÷ pgbench: tokens reused " + ratios.joined(separator: "; DOMINO_TOKEN_CACHE=off ")
              + "; tokens reused ÷ off: \(formatted(cached.requestsPerSecond / plain.requestsPerSecond, decimals: 2))×\n")
        pool.close()
    }

    private static func serve(_ application: Application, path: String, seconds: Int, headers: [String]) async throws -> WrkRun {
        let server = application.makeServer(port: 0)
        return try await withThrowingTaskGroup(of: WrkRun?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    let run = try await WrkRun.measure(url: "http://127.0.0.1:\(port)\(path)", seconds: seconds, headers: headers)
                    await server.shutdown(deadline: .after(.seconds(2)))
                    return run
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
            }
            var measured: WrkRun?
            for try await outcome in group where outcome != nil { measured = outcome }
            guard let measured else { throw BenchError("the \(path) benchmark produced no result") }
            return measured
        }
    }

    private static func printRow(_ label: String, _ run: WrkRun) {
        let rss = peakResidentMegabytes() ?? .nan
        print("| \(label) | \(formatted(run.requestsPerSecond, decimals: 0)) | \(formatted(run.p50Milliseconds, decimals: 3)) | "
              + "\(formatted(run.p99Milliseconds, decimals: 3)) | \(run.errors) | \(formatted(rss, decimals: 1)) |")
    }

    /// `sql` with its `$n` placeholders replaced (highest first, so `$1` does not eat `$10`).
    private static func substituted(_ sql: String, _ arguments: [(String, String)]) -> String {
        arguments.reduce(sql) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// The 32 secret bytes of a bearer token (`dmn_` + base64url), as hex for a pgbench variable.
    /// Only the statement's text is kept (its parameters are replaced by pgbench's), so the instants it is
    /// built with never reach the server and need not be read from any clock.
    static let placeholderInstant = Date(timeIntervalSince1970: 0)

    static func secretHex(of token: String) throws -> String {
        guard let underscore = token.firstIndex(of: "_"),
              let bytes = Data(base64URLEncoded: String(token[token.index(after: underscore)...])) else {
            throw BenchError("the bench token is not prefix + base64url")
        }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
