import DomainKit
import Postgres
import TestSupport
import Testing

/// `Problem(database:)`, the one mapping of PostgreSQL errors that the API and the console share, on
/// errors PostgreSQL itself raised.
@Suite("Database errors as problems")
struct DatabaseProblemTests {
    /// The error `sql` raises, nil when it runs.
    static func error(of sql: PostgresQuery, _ pool: PostgresPool) async -> PostgresError? {
        do {
            _ = try await pool.query(sql)
            return nil
        } catch {
            return error
        }
    }

    @Test("the caller's data is a 409 or 422, a concurrent change or an absent database a 503, anything else nil (a bug)")
    func mapping() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        try await pool.withConnection {
            try await $0.runScript("""
                CREATE TABLE refused_parent (id integer PRIMARY KEY);
                CREATE TABLE refused (code varchar(4) UNIQUE, amount smallint CHECK (amount >= 0), parent integer REFERENCES refused_parent,
                                      named text NOT NULL DEFAULT 'x');
                INSERT INTO refused (code) VALUES ('a');
                """)
        }
        let cases: [(PostgresQuery, Int?)] = [
            ("INSERT INTO refused (code) VALUES ('a')", 409),
            ("INSERT INTO refused (amount) VALUES (-1)", 422),
            ("INSERT INTO refused (parent) VALUES (7)", 422),
            ("INSERT INTO refused (named) VALUES (NULL)", 422),
            ("INSERT INTO refused (code) VALUES ('abcdef')", 422),
            ("INSERT INTO refused (amount) VALUES (70000)", 422),
            ("SELECT 1 / 0", nil),
            ("SELECT * FROM no_such_table", nil),
        ]
        for (sql, status) in cases {
            let error = try #require(await Self.error(of: sql, pool), "\(sql) raised nothing")
            #expect(Problem(database: error)?.status == status, "\(error)")
            #expect(!(Problem(database: error)?.detail.contains("refused") ?? false), "the detail names no table or constraint")
        }
        // Raised by the server when a concurrent transaction wins; the same request succeeds when sent again.
        for state in [SQLState.serializationFailure, .deadlockDetected] {
            let problem = try #require(Problem(database: PostgresError(.server, "could not serialize access", sqlState: state)))
            #expect(problem.status == 503 && problem.retryAfterSeconds != nil)
        }
        #expect(Problem(database: PostgresError(.poolTimeout, "no connection"))?.status == 503)
    }
}
