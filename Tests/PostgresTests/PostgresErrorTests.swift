import Postgres
import TestSupport
import Testing

@Suite("Server errors keep SQLSTATE and fields")
struct PostgresErrorTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.fresh()
        try await pool.withConnection { connection in
            try await connection.runScript("""
                CREATE TABLE parents (id int PRIMARY KEY);
                CREATE TABLE children (
                    id int PRIMARY KEY,
                    parent_id int REFERENCES parents (id),
                    email text NOT NULL UNIQUE CONSTRAINT email_has_at CHECK (email LIKE '%@%')
                );
                INSERT INTO parents VALUES (1);
                INSERT INTO children VALUES (1, 1, 'a@example.com');
                """)
        }
    }

    @Test("a unique violation names its constraint but never logs the value")
    func unique() async throws {
        let error = await #expect(throws: PostgresError.self) {
            try await pool.execute("INSERT INTO children VALUES (\(2), \(1), \("a@example.com"))")
        }
        #expect(error?.sqlState == .uniqueViolation)
        #expect(error?.violation == .unique(constraint: "children_email_key"))
        #expect(error?.table == "children")
        #expect(error?.detail?.contains("a@example.com") == true)
        #expect(error.map { String(describing: $0) }?.contains("a@example.com") == false)
    }

    @Test("foreign-key, check and not-null violations are told apart")
    func otherViolations() async throws {
        let foreign = await #expect(throws: PostgresError.self) {
            try await pool.execute("INSERT INTO children VALUES (\(3), \(99), \("b@example.com"))")
        }
        #expect(foreign?.violation == .foreignKey(constraint: "children_parent_id_fkey"))
        let check = await #expect(throws: PostgresError.self) {
            try await pool.execute("INSERT INTO children VALUES (\(4), \(1), \("no-at-sign"))")
        }
        #expect(check?.violation == .check(constraint: "email_has_at"))
        let notNull = await #expect(throws: PostgresError.self) {
            try await pool.execute("INSERT INTO children VALUES (\(5), \(1), \(String?.none))")
        }
        #expect(notNull?.violation == .notNull(column: "email"))
    }

    @Test("a syntax error carries its SQLSTATE and leaves the connection usable")
    func syntaxError() async throws {
        try await pool.withConnection { connection async throws in
            let error = await #expect(throws: PostgresError.self) { try await connection.query("SELEC 1") }
            #expect(error?.sqlState == .syntaxError)
            #expect(try await connection.query("SELECT 1 AS one")[0].decode("one", as: Int.self) == 1)
        }
    }

    @Test("a per-query timeout cancels a slow statement and the session's default comes back")
    func statementTimeout() async throws {
        try await pool.withConnection { connection in
            let error = await #expect(throws: PostgresError.self) {
                try await connection.query("SELECT pg_sleep(5)", timeout: .milliseconds(50))
            }
            #expect(error?.sqlState == .queryCanceled)
            let setting = try await connection.query("SELECT current_setting('statement_timeout') AS value")
            #expect(try setting[0].decode("value", as: String.self) == "2min")  // TestDatabase.statementLimit
        }
    }

    @Test("pipelined statements fail independently and answer in order")
    func pipelineIsolation() async throws {
        try await pool.withConnection { connection in
            let results = try await connection.pipeline([
                "SELECT \(1) AS n", "SELECT 1/0 AS n", "SELECT \(3) AS n",
            ])
            #expect(try results[0].get()[0].decode("n", as: Int.self) == 1)
            #expect(throws: PostgresError.self) { try results[1].get() }
            #expect(try results[2].get()[0].decode("n", as: Int.self) == 3)
        }
    }
}
