import Postgres
import TestSupport
import Testing

@Suite("SQL fragments: text written in the program, never a value")
struct SQLFragmentTests {
    static let columns: SQLFragment = "id, name, created_at"

    @Test("a fragment can only be written as a literal: its literal type is StaticString and it takes no String")
    func onlyLiterals() {
        // The compiler is the real check (there is no `SQLFragment(String)`, and `appendLiteral` takes
        // StaticString); these pin the two declarations a change would have to loosen.
        #expect(SQLFragment.StringLiteralType.self == StaticString.self)
        #expect(SQLFragment.StringInterpolation.StringLiteralType.self == StaticString.self)
        #expect(!(SQLFragment.self is any LosslessStringConvertible.Type))
        #expect(!(SQLFragment.self is any Decodable.Type))
    }

    @Test("a fragment is spliced as text while values beside it are still binds")
    func splicedAsText() {
        let name = "'; DROP TABLE t; --"
        let query: PostgresQuery = "SELECT \(Self.columns) FROM t WHERE name = \(name)"
        #expect(query.sql == "SELECT id, name, created_at FROM t WHERE name = $1")
        #expect(query.bindCount == 1)
    }

    @Test("fragments compose into fragments, and qualify bare columns with a literal alias")
    func composes() {
        let select: SQLFragment = "SELECT \(Self.columns) FROM t"
        #expect(select.sql == "SELECT id, name, created_at FROM t")
        #expect(Self.columns.qualified(by: "u").sql == "u.id, u.name, u.created_at")
        let multiline: SQLFragment = """
            id,
            name
            """
        #expect(multiline.qualified(by: "x").sql == "x.id, x.name")
    }

    @Test("a composed statement runs on PostgreSQL with its binds")
    func runs() async throws {
        let pool = try await TestDatabase.fresh()
        let order: SQLFragment = "ORDER BY id"
        // `\("x")` is a String literal, so it binds (a literal fragment would need its type spelled).
        let rows = try await pool.query("SELECT \(Self.columns) FROM (SELECT 1 AS id, \("x") AS name, now() AS created_at) t \(order)")
        #expect(try rows[0].decode("name", as: String.self) == "x")
    }
}
