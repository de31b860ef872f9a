import Postgres
import TestSupport
import Testing

struct Refusal: Error {}

@Suite("Transactions")
struct TransactionTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.fresh()
        try await pool.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
    }

    private func count() async throws -> Int {
        try await pool.query("SELECT count(*) AS n FROM notes")[0].decode("n")
    }

    @Test("a transaction commits when its body returns")
    func commits() async throws {
        try await pool.transaction { try await $0.execute("INSERT INTO notes (body) VALUES (\("kept"))") }
        #expect(try await count() == 1)
    }

    @Test("a transaction rolls back when its body throws")
    func rollsBackOnThrow() async throws {
        await #expect(throws: Refusal.self) {
            try await pool.transaction { connection in
                try await connection.execute("INSERT INTO notes (body) VALUES (\("lost"))")
                throw Refusal()
            }
        }
        #expect(try await count() == 0)
    }

    @Test("a transaction rolls back when its task is cancelled")
    func rollsBackOnCancellation() async throws {
        let (inserted, signalInserted) = AsyncStream.makeStream(of: Void.self)
        let (proceed, signalProceed) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            try await pool.transaction { connection in
                try await connection.execute("INSERT INTO notes (body) VALUES (\("cancelled"))")
                signalInserted.yield()
                for await _ in proceed { break }
                try await connection.execute("INSERT INTO notes (body) VALUES (\("never"))")
            }
        }
        for await _ in inserted { break }
        task.cancel()
        signalProceed.yield()
        await #expect(throws: PostgresError.self) { try await task.value }
        #expect(try await count() == 0)
    }

    @Test("a transaction whose BEGIN travels with its first statements: they run inside it, and it commits or rolls back whole")
    func beginWithFirstStatements() async throws {
        try await pool.withConnection { connection in
            let seen = try await connection.transaction(first: ["INSERT INTO notes (body) VALUES (\("first"))", "SELECT count(*) AS n FROM notes"]) { db, replies in
                try await db.execute("INSERT INTO notes (body) VALUES (\("body"))")
                return try replies[1].get()[0].decode("n", as: Int.self)
            }
            #expect(seen == 1)
            await #expect(throws: Refusal.self) {
                try await connection.transaction(first: ["INSERT INTO notes (body) VALUES (\("lost"))"]) { _, replies in
                    _ = try replies[0].get()
                    throw Refusal()
                }
            }
            // A failing first statement: the body sees its error, and the transaction leaves nothing.
            await #expect(throws: PostgresError.self) {
                try await connection.transaction(first: ["INSERT INTO notes (body) VALUES (\("lost too"))", "INSERT INTO notes (body) VALUES (\(String?.none))"]) { _, replies in
                    _ = try replies[1].get()
                }
            }
            // Nested, it is a savepoint.
            try await connection.transaction { outer in
                try await outer.execute("INSERT INTO notes (body) VALUES (\("outer"))")
                try? await outer.transaction(first: ["INSERT INTO notes (body) VALUES (\("inner"))"]) { _, _ in throw Refusal() }
            }
            #expect(!connection.isInTransaction)
        }
        let bodies = try await pool.query("SELECT body FROM notes ORDER BY id").map { try $0.decode("body", as: String.self) }
        #expect(bodies == ["first", "body", "outer"])
    }

    @Test("commit(after:) runs its statements and the COMMIT in one pipeline: their rows come back, the transaction is committed, the session idle")
    func commitAfterStatements() async throws {
        try await pool.withConnection { connection in
            let inserted = try await connection.transaction(first: ["INSERT INTO notes (body) VALUES (\("first"))"]) { db, replies in
                _ = try replies[0].get()
                let rows = try await db.commit(after: ["INSERT INTO notes (body) VALUES (\("last"))", "SELECT count(*) AS n FROM notes"])
                return try rows[1][0].decode("n", as: Int.self)
            }
            #expect(inserted == 2)
            #expect(!connection.isInTransaction)
            // The session is idle, outside any transaction: the next transaction begins afresh.
            try await connection.transaction { try await $0.execute("INSERT INTO notes (body) VALUES (\("after"))") }
        }
        let bodies = try await pool.query("SELECT body FROM notes ORDER BY id").map { try $0.decode("body", as: String.self) }
        #expect(bodies == ["first", "last", "after"])
    }

    @Test("a statement failing in commit(after:) skips the COMMIT, surfaces its own error, and rolls the whole transaction back")
    func commitAfterFailingStatement() async throws {
        try await pool.withConnection { connection in
            let error = await #expect(throws: PostgresError.self) {
                try await connection.transaction(first: ["INSERT INTO notes (body) VALUES (\("first"))"]) { db, replies in
                    _ = try replies[0].get()
                    _ = try await db.commit(after: [
                        "INSERT INTO notes (body) VALUES (\("second"))", "INSERT INTO notes (body) VALUES (\(String?.none))",
                        "INSERT INTO notes (body) VALUES (\("third"))",
                    ])
                }
            }
            #expect(error?.sqlState == .notNullViolation)
            #expect(!connection.isInTransaction)
            try await connection.transaction { try await $0.execute("INSERT INTO notes (body) VALUES (\("after"))") }
        }
        let bodies = try await pool.query("SELECT body FROM notes ORDER BY id").map { try $0.decode("body", as: String.self) }
        #expect(bodies == ["after"])
    }

    @Test("a COMMIT in commit(after:) that fails at commit (a deferred constraint) throws its error and stores nothing")
    func commitAfterFailingCommit() async throws {
        try await pool.execute("CREATE TABLE tags (body text NOT NULL, CONSTRAINT tags_once UNIQUE (body) DEFERRABLE INITIALLY DEFERRED)")
        try await pool.execute("INSERT INTO tags (body) VALUES ('taken')")
        try await pool.withConnection { connection in
            let error = await #expect(throws: PostgresError.self) {
                try await connection.transaction(first: ["INSERT INTO notes (body) VALUES (\("first"))"]) { db, replies in
                    _ = try replies[0].get()
                    _ = try await db.commit(after: ["INSERT INTO tags (body) VALUES (\("taken"))"])
                }
            }
            #expect(error?.sqlState == .uniqueViolation)
            #expect(!connection.isInTransaction)
            try await connection.transaction { try await $0.execute("INSERT INTO notes (body) VALUES (\("after"))") }
        }
        let bodies = try await pool.query("SELECT body FROM notes ORDER BY id").map { try $0.decode("body", as: String.self) }
        #expect(bodies == ["after"])
        #expect(try await pool.query("SELECT count(*)::int AS n FROM tags")[0].decode("n", as: Int.self) == 1)
    }

    @Test("after commit(after:), an error the body throws is thrown but undoes nothing; a swallowed failure before it cannot commit")
    func commitAfterThenThrow() async throws {
        await #expect(throws: Refusal.self) {
            try await pool.transaction { db in
                _ = try await db.commit(after: ["INSERT INTO notes (body) VALUES (\("kept"))"])
                throw Refusal()
            }
        }
        #expect(try await count() == 1)
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { db in
                _ = try? await db.execute("INSERT INTO notes (body) VALUES (\(String?.none))")
                _ = try await db.commit(after: [])
            }
        }
        #expect(try await count() == 1)
    }

    @Test("a nested transaction is a savepoint: its failure keeps the outer work")
    func savepoints() async throws {
        try await pool.transaction { connection in
            try await connection.execute("INSERT INTO notes (body) VALUES (\("outer"))")
            try? await connection.transaction { inner in
                try await inner.execute("INSERT INTO notes (body) VALUES (\("inner"))")
                throw Refusal()
            }
            try await connection.transaction { inner in
                try await inner.execute("INSERT INTO notes (body) VALUES (\("second inner"))")
            }
        }
        let bodies = try await pool.query("SELECT body FROM notes ORDER BY id").map { try $0.decode("body", as: String.self) }
        #expect(bodies == ["outer", "second inner"])
    }

    @Test("a body that swallowed a failed statement cannot commit")
    func swallowedFailure() async throws {
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { connection in
                try await connection.execute("INSERT INTO notes (body) VALUES (\("x"))")
                _ = try? await connection.execute("INSERT INTO notes (body) VALUES (\(String?.none))")
            }
        }
        #expect(try await count() == 0)
    }

    @Test("serialization failures are retried until the transaction succeeds")
    func retriesSerializationFailures() async throws {
        try await pool.execute("CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL)")
        try await pool.execute("INSERT INTO counters VALUES (1, 0)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.retryingTransaction(attempts: 50) { connection in
                        try await connection.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
                        let value: Int = try await connection.query("SELECT value FROM counters WHERE id = 1")[0].decode("value")
                        try await connection.execute("UPDATE counters SET value = \(value + 1) WHERE id = 1")
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pool.query("SELECT value FROM counters")[0].decode("value", as: Int.self) == 8)
    }
}
