import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Values round-trip through PostgreSQL")
struct PostgresCodingTests {
    let pool: PostgresPool

    init() async throws {
        pool = try await TestDatabase.fresh()
    }

    private func roundTrip<Value: PostgresEncodable & PostgresDecodable & Equatable>(
        _ value: Value?, as sqlType: String
    ) async throws -> Value? {
        let rows = try await pool.query("SELECT \(value)::\(unescaped: sqlType) AS value")
        return try rows[0].decode("value", as: Value?.self)
    }

    @Test("text keeps empty strings, Japanese, emoji and quotes", arguments: [
        "", "横浜市の脱炭素", "Da Nang 🌏 ダナン", "O'Brien \"quoted\" \\ backslash", String(repeating: "長", count: 10_000),
    ])
    func text(_ value: String) async throws {
        #expect(try await roundTrip(value, as: "text") == value)
    }

    @Test("integers keep their extremes", arguments: [Int64.min, -1, 0, 1, Int64.max])
    func integers(_ value: Int64) async throws {
        #expect(try await roundTrip(value, as: "int8") == value)
        #expect(try await roundTrip(Int(value), as: "int8") == Int(value))
    }

    @Test("int4 values decode as Int32 and refuse what does not fit")
    func int32() async throws {
        #expect(try await roundTrip(Int32.min, as: "int4") == Int32.min)
        let big = try await pool.query("SELECT 3000000000::int8 AS value")
        #expect(throws: PostgresError.self) { try big[0].decode("value", as: Int32.self) }
    }

    @Test("booleans and doubles round-trip")
    func boolAndDouble() async throws {
        #expect(try await roundTrip(true, as: "bool") == true)
        #expect(try await roundTrip(false, as: "bool") == false)
        for value in [0.1, -2.5e-300, 1.7976931348623157e308, Double.infinity] {
            #expect(try await roundTrip(value, as: "float8") == value)
        }
    }

    @Test("timestamps keep microseconds, including before 1970")
    func timestamps() async throws {
        for seconds in [0.0, 1_700_000_000.123456, -1_000_000_000.5, -2_208_988_800.000001] {
            let date = Date(timeIntervalSince1970: seconds)
            let back = try #require(try await roundTrip(date, as: "timestamptz"))
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_001)
        }
    }

    @Test("the first instant of year 0001 and the last second of 9999 (the \"never\" of an expiry) round-trip")
    func timestampExtremes() async throws {
        for seconds in [-62_135_596_800.0, 253_402_300_799.0, 253_402_300_799.5] {
            let back = try #require(try await roundTrip(Date(timeIntervalSince1970: seconds), as: "timestamptz"))
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_01)
        }
        await #expect(throws: PostgresError.self) { _ = try await roundTrip(Date(timeIntervalSince1970: 253_402_300_800), as: "timestamptz") }
    }

    @Test("a timestamp in another zone's text is read as the same instant")
    func timestampOffset() async throws {
        let rows = try await pool.query("SELECT '2024-04-01 00:00:00+09'::timestamptz AS value")
        let date: Date = try rows[0].decode("value")
        #expect(date.timeIntervalSince1970 == 1_711_897_200)
    }

    @Test("calendar dates round-trip, including leap days and early years")
    func calendarDates() async throws {
        for text in ["2024-02-29", "1969-12-31", "0001-01-01", "2025-03-31"] {
            let date = try #require(CalendarDate(text))
            #expect(try await roundTrip(date, as: "date") == date)
        }
        #expect(CalendarDate("2023-02-29") == nil)
    }

    @Test("UUIDs and bytea round-trip")
    func uuidAndBytes() async throws {
        let id = UUID()
        #expect(try await roundTrip(id, as: "uuid") == id)
        let bytes = Data((0...255).map(UInt8.init) + [0, 0, 92, 39])
        #expect(try await roundTrip(bytes, as: "bytea") == bytes)
        #expect(try await roundTrip(Data(), as: "bytea") == Data())
    }

    struct Profile: Codable, Equatable, Sendable {
        let name: String
        let tags: [String]
        let nested: [String: Int]
    }

    @Test("jsonb carries Codable values, large ones too")
    func json() async throws {
        let profile = Profile(
            name: "横浜 Engineering 🌱", tags: (0..<5_000).map { "tag-\($0)" },
            nested: Dictionary(uniqueKeysWithValues: (0..<1_000).map { ("k\($0)", $0) }))
        let rows = try await pool.query("SELECT \(JSONB(profile)) AS value")
        #expect(try rows[0].decode("value", as: JSONB<Profile>.self).value == profile)
    }

    @Test("arrays of text, integers and UUIDs round-trip, with awkward elements")
    func arrays() async throws {
        let texts = ["", "a,b", "{braces}", "quote\"d", "back\\slash", "NULL", "日本語", " spaced "]
        #expect(try await roundTrip(texts, as: "text[]") == texts)
        #expect(try await roundTrip([Int](), as: "int8[]") == [])
        #expect(try await roundTrip([Int64.min, 0, Int64.max].map(Int.init), as: "int8[]") == [Int.min, 0, Int.max])
        let ids = [UUID(), UUID()]
        #expect(try await roundTrip(ids, as: "uuid[]") == ids)
    }

    @Test("arrays of text with NULL elements read as nil (PostgresTextArray), quoted \"NULL\" as text; [String] refuses them")
    func textArraysWithNulls() async throws {
        let texts: [String?] = [
            "a", nil, "NULL", "", "a,b", "{braces}", "quote\"d", "back\\slash", "\\\"", "日本語 🌱", " spaced ", "line\nbreak", nil,
        ]
        // Gathered by the server, as array_agg gathers a column, with NULL where the list has nil.
        let nulls = texts.indices.filter { texts[$0] == nil }.map { $0 + 1 }
        let rows = try await pool.query("""
            SELECT (SELECT array_agg(CASE WHEN n = ANY(\(nulls)::int8[]) THEN NULL ELSE v END ORDER BY n)
                    FROM unnest(\(texts.map { $0 ?? "" })::text[]) WITH ORDINALITY AS t (v, n)) AS mixed,
                   '{}'::text[] AS empty, ARRAY[NULL]::text[] AS only_null, ARRAY['x', 'y']::text[] AS plain
            """)
        #expect(try rows[0].decode("mixed", as: PostgresTextArray.self) == PostgresTextArray(texts))
        #expect(try rows[0].decode("empty", as: PostgresTextArray.self).elements.isEmpty)
        #expect(try rows[0].decode("only_null", as: PostgresTextArray.self) == PostgresTextArray([nil]))
        #expect(try rows[0].decode("plain", as: PostgresTextArray.self) == PostgresTextArray(["x", "y"]))
        let refused = #expect(throws: PostgresError.self) { try rows[0].decode("mixed", as: [String].self) }
        #expect(refused?.kind == .decoding)
        let malformed = #expect(throws: PostgresError.self) {
            try Array(#"{"open"#.utf8).withUnsafeBufferPointer { (bytes) throws(PostgresError) in
                try PostgresTextArray.decode(bytes, type: .textArray)
            }
        }
        #expect(malformed?.kind == .decoding)
    }

    @Test("NULL reads as nil into an Optional and as a named error otherwise")
    func nulls() async throws {
        #expect(try await roundTrip(String?.none, as: "text") == nil)
        let rows = try await pool.query("SELECT NULL::text AS missing")
        let error = #expect(throws: PostgresError.self) { try rows[0].decode("missing", as: String.self) }
        #expect(error?.kind == .decoding)
        #expect(error?.column == "missing")
    }

    @Test("a wrong type and an absent column are errors that name the column")
    func wrongTypes() async throws {
        let rows = try await pool.query("SELECT 'abc'::text AS word")
        let wrong = #expect(throws: PostgresError.self) { try rows[0].decode("word", as: Int.self) }
        #expect(wrong?.message.contains("word") == true)
        let absent = #expect(throws: PostgresError.self) { try rows[0].decode("nope", as: String.self) }
        #expect(absent?.column == "nope")
    }

    @Test("text with a NUL character is refused before it reaches the server")
    func nulInText() async throws {
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT \("a\u{0}b") AS value") }
        #expect(error?.kind == .encoding)
    }

    @Test("interpolated values are parameters, never SQL")
    func injectionIsImpossible() async throws {
        let hostile = "'; DROP TABLE schema_migrations; --"
        let rows = try await pool.query("SELECT \(hostile) AS value")
        #expect(try rows[0].decode("value", as: String.self) == hostile)
        #expect(try await pool.query("SELECT count(*) AS n FROM schema_migrations")[0].decode("n", as: Int.self) >= 1)
    }

    @Test("appended fragments are renumbered after the first query's parameters")
    func appendRenumbers() async throws {
        var query: PostgresQuery = "SELECT \(1) + \(2)"
        query.append(" + \(30) AS total")
        #expect(query.sql == "SELECT $1 + $2 + $3 AS total")
        #expect(try await pool.query(query)[0].decode("total", as: Int.self) == 33)
    }
}
