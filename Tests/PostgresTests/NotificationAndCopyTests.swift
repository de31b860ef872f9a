import Foundation
import Postgres
import TestSupport
import Testing

@Suite("LISTEN/NOTIFY and COPY")
struct NotificationAndCopyTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.fresh()
    }

    @Test("notifications sent after listen arrive in order as an async sequence")
    func notifications() async throws {
        let notifications = try await pool.listen(channels: ["jobs", "kpi"])
        try await pool.notify("jobs", payload: "ping")
        try await pool.notify("other", payload: "not ours")
        try await pool.notify("kpi", payload: "横浜")
        var iterator = notifications.makeAsyncIterator()
        #expect(try await iterator.next() == PostgresNotification(channel: "jobs", payload: "ping"))
        #expect(try await iterator.next() == PostgresNotification(channel: "kpi", payload: "横浜"))
    }

    @Test("COPY loads 100,000 rows, escaping tabs, newlines and backslashes")
    func copy100k() async throws {
        try await pool.execute("CREATE TABLE imported (id int8 PRIMARY KEY, name text, note text, at timestamptz)")
        let stored = try await pool.withConnection { connection in
            try await connection.copyIn("COPY imported (id, name, note, at) FROM STDIN") { writer in
                for index in 0..<100_000 {
                    let note: String? = index % 10 == 0 ? nil : "line\t\(index)\nnext \\ 横浜"
                    try writer.appendRow([index, "company \(index)", note, Date(timeIntervalSince1970: Double(index))])
                    try await connection.flushIfFull(&writer)
                }
            }
        }
        #expect(stored == 100_000)
        let row = try await pool.query("SELECT count(*) AS n, count(note) AS notes FROM imported")[0]
        #expect(try row.decode("n", as: Int.self) == 100_000)
        #expect(try row.decode("notes", as: Int.self) == 90_000)
        let sample = try await pool.query("SELECT note FROM imported WHERE id = 7")[0]
        #expect(try sample.decode("note", as: String.self) == "line\t7\nnext \\ 横浜")
    }

    @Test("a failing COPY inside a transaction stores nothing and leaves the session usable")
    func copyFailure() async throws {
        try await pool.execute("CREATE TABLE strict_rows (id int PRIMARY KEY)")
        try await pool.withConnection { connection async throws in
            await #expect(throws: PostgresError.self) {
                try await connection.transaction { transaction in
                    try await transaction.copyIn("COPY strict_rows (id) FROM STDIN") { writer in
                        try writer.appendRow([1])
                        try writer.appendRow([1])
                    }
                }
            }
            #expect(try await connection.query("SELECT count(*) AS n FROM strict_rows")[0].decode("n", as: Int.self) == 0)
        }
    }
}
