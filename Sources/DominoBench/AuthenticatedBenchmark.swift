import Accounts
import App
import DomainKit
import EventIO
import Foundation
import HTTPServer
import Postgres
import TestSupport

/// `DominoBench me`: the whole application serving `GET /v1/me` (bearer-token lookup in PostgreSQL,
/// then the user row) under `wrk -c64`, beside pgbench running the token-lookup statement itself at
/// the same concurrency on the same database: how much of the database's own rate the API keeps.
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

        print("## HTTP: authenticated GET /v1/me vs pgbench running the token lookup\n")
        print("| load | rate /s | p50 ms | p99 ms | errors | peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|")
        let server = application.makeServer(port: 0)
        let api = try await withThrowingTaskGroup(of: WrkRun?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                let port = try await server.waitUntilListening()
                do {
                    let run = try await WrkRun.measure(
                        url: "http://127.0.0.1:\(port)/v1/me", seconds: seconds, headers: ["Authorization: Bearer \(token)"])
                    await server.shutdown(deadline: .after(.seconds(2)))
                    return run
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
            }
            var measured: WrkRun?
            for try await outcome in group where outcome != nil { measured = outcome }
            guard let measured else { throw BenchError("the /v1/me benchmark produced no result") }
            return measured
        }
        let rss = peakResidentMegabytes() ?? .nan
        print("| GET /v1/me, wrk -t\(WrkRun.threads) -c\(WrkRun.connections), pool \(configuration.poolSize) | \(formatted(api.requestsPerSecond, decimals: 0)) | "
              + "\(formatted(api.p50Milliseconds, decimals: 3)) | \(formatted(api.p99Milliseconds, decimals: 3)) | \(api.errors) | \(formatted(rss, decimals: 1)) |")

        // pgbench runs the statement the server sends (AccountService.tokenLookup), with its parameters
        // as pgbench can give them: the secret as a hex text variable (decoded and hashed per execution,
        // as the server's bytea is hashed), the kind as a literal, and now() for the two times. Beside
        // it, the five-column lookup this table compared against before /v1/me read the user row in
        // the same statement, so that old and new ratios can be compared.
        var ratios: [String] = []
        let secretHex = try Self.secretHex(of: token)
        // pgbench must find the token, or it would measure a cheaper statement that returns nothing.
        let found = try await pool.query(
            "SELECT count(*) AS found FROM auth_tokens WHERE token_digest = sha256(decode(\(secretHex), 'hex'))")[0]
            .decode("found", as: Int.self)
        guard found == 1 else { throw BenchError("the secret given to pgbench matches \(found) tokens, not 1") }
        var statement = AccountService.tokenLookup(secret: Data(), kind: .session, now: Date(), stampBefore: Date()).sql
        for (placeholder, argument) in [
            ("$5", "now() - interval '60 seconds'"), ("$4", "now()"), ("$3", "now()"), ("$2", "'session'"),
            ("$1", "decode(:secret, 'hex')"),
        ] {
            statement = statement.replacingOccurrences(of: placeholder, with: argument)
        }
        let digest = try await pool.query("SELECT encode(token_digest, 'hex') AS digest FROM auth_tokens LIMIT 1")[0]
            .decode("digest", as: String.self)
        let fiveColumns = """
            WITH found AS (SELECT t.token_digest, t.user_id, t.scopes, u.role, u.company_id, u.liaison_base_id FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_digest = decode('\(digest)', 'hex') AND t.kind = 'session' AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled), stamped AS (UPDATE auth_tokens SET last_used_at = now() WHERE token_digest = (SELECT token_digest FROM found) AND (last_used_at IS NULL OR last_used_at <= now() - interval '60 seconds')) SELECT user_id, scopes, role, company_id, liaison_base_id FROM found
            """
        for (label, name, sql) in [
            ("the server's statement", "pgbench-token", statement),
            ("the earlier five-column lookup", "pgbench-five", fiveColumns),
        ] {
            let scriptPath = database.logDirectory + "/\(name).sql"
            try (sql.split(separator: "\n").joined(separator: " ") + ";\n").write(toFile: scriptPath, atomically: true, encoding: .utf8)
            let output = try await database.pgbench([
                "-f", scriptPath, "-M", "prepared", "-n", "-c", "\(WrkRun.connections)", "-j", "2", "-T", "\(seconds)",
                "-D", "secret=\(secretHex)", "-l", "--log-prefix=\(database.logDirectory)/\(name)",
            ])
            guard let tps = PgbenchRun.parseTransactionsPerSecond(output) else { throw BenchError("pgbench printed no tps line: \(output)") }
            let latency = try PgbenchRun.readLatencies(in: database.logDirectory, named: name)
            print("| pgbench, \(label), -c\(WrkRun.connections) -M prepared | \(formatted(tps, decimals: 0)) | "
                  + "\(formatted(latency.p50Milliseconds, decimals: 3)) | \(formatted(latency.p99Milliseconds, decimals: 3)) | 0 | |")
            ratios.append("\(formatted(100 * api.requestsPerSecond / tps, decimals: 0)) % of \(label)")
        }
        print("\nratio /v1/me ÷ pgbench: " + ratios.joined(separator: "; ") + "\n")
        print("pgbench ran the server's statement as: " + statement.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") + "\n")
        pool.close()
    }

    /// The 32 secret bytes of a bearer token (`dmn_` + base64url), as hex for a pgbench variable.
    static func secretHex(of token: String) throws -> String {
        guard let underscore = token.firstIndex(of: "_"),
              let bytes = Data(base64URLEncoded: String(token[token.index(after: underscore)...])) else {
            throw BenchError("the bench token is not prefix + base64url")
        }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
