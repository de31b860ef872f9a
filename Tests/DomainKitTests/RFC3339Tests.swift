import DomainKit
import Foundation
import Testing

@Suite("Timestamps are read as RFC 3339 says, never rolled into another day")
struct RFC3339Tests {
    static func seconds(_ text: String) -> Double? {
        try? RFC3339.instant(text).get().timeIntervalSince1970
    }

    @Test("the last and first half hour of a Japanese fiscal year, in Japan time and in UTC, name the instants they say")
    func fiscalYearEdge() throws {
        // 2025-03-31T14:30:00Z is 23:30 on March 31 in Japan; 15:30Z is 00:30 on April 1.
        #expect(Self.seconds("2025-03-31T23:30:00+09:00") == 1_743_431_400)
        #expect(Self.seconds("2025-03-31T14:30:00Z") == 1_743_431_400)
        #expect(Self.seconds("2025-04-01T00:30:00+09:00") == 1_743_435_000)
        #expect(Self.seconds("2025-03-31T15:30:00z") == 1_743_435_000)
        #expect(Self.seconds("2025-03-31t22:30:00+07:00") == 1_743_435_000)  // Da Nang
        #expect(Self.seconds("2025-04-01T00:30:00+0900") == 1_743_435_000)
        #expect(Self.seconds("2025-03-31T15:30:00.25Z") == 1_743_435_000.25)
        #expect(abs((Self.seconds("2025-03-31T15:30:00.1234567890Z") ?? 0) - 1_743_435_000.123456) < 0.000_001)
        #expect(FiscalYear(containing: try RFC3339.instant("2025-03-31T23:30:00+09:00").get()) == FiscalYear(2024))
        #expect(FiscalYear(containing: try RFC3339.instant("2025-03-31T15:30:00Z").get()) == FiscalYear(2025))
        #expect(Self.seconds("2024-02-29T10:00:00+09:00") != nil)
    }

    @Test("an impossible date or time, a date alone, a missing offset and years outside 0001 to 9999 are refused with the reason",
          arguments: [
            ("2025-02-30T10:00:00+09:00", "2025-02-30 is not a day of the calendar"),
            ("2025-02-29T10:00:00+09:00", "2025-02-29 is not a day of the calendar"),
            ("2025-13-01T10:00:00+09:00", "is not a day of the calendar"),
            ("2025-04-01T24:00:00+09:00", "24:00:00 is not a time of day"),
            ("2025-04-01T00:30:60+09:00", "is not a time of day"),
            ("2025-04-01", "a date alone is not a time"),
            ("2025-04-01T00:30:00", "the offset from UTC is missing"),
            ("2025-04-01T00:30:00+25:00", "the offset from UTC must be Z or like +09:00"),
            ("2025-04-01T00:30+09:00", "such as 2026-04-01T09:00:00+09:00"),
            ("2025-04-01 00:30:00+09:00", "such as 2026-04-01T09:00:00+09:00"),
            ("2025-04-01T00:30:00.Z", "such as 2026-04-01T09:00:00+09:00"),
            ("0001-01-01T00:00:00+09:00", "years 0001 to 9999"),
            ("9999-12-31T23:59:59-01:00", "years 0001 to 9999"),
            ("9999-12-31T23:59:59.999999Z", "years 0001 to 9999"),
          ])
    func refused(text: String, reason: String) {
        guard case .failure(let refusal) = RFC3339.instant(text) else {
            Issue.record("\(text) was read")
            return
        }
        #expect(refusal.message.hasPrefix(RFC3339.rule) && refusal.message.contains(reason), "\(text): \(refusal.message)")
    }

    @Test("the API's JSON decoder names the field of a refused timestamp")
    func decoderNamesTheField() throws {
        struct Body: Decodable { let window: Window }
        struct Window: Decodable { let closesAt: Date }
        let error = #expect(throws: DecodingError.self) {
            try APIJSON.decoder.decode(Body.self, from: Data(#"{"window":{"closesAt":"2025-02-30T17:00:00+09:00"}}"#.utf8))
        }
        guard case .dataCorrupted(let context) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(context.codingPath.map(\.stringValue) == ["window", "closesAt"])
        #expect(context.debugDescription.contains("2025-02-30 is not a day of the calendar"))
        let read = try APIJSON.decoder.decode(Body.self, from: Data(#"{"window":{"closesAt":"2025-03-31T15:30:00Z"}}"#.utf8))
        #expect(read.window.closesAt.timeIntervalSince1970 == 1_743_435_000)
    }
}
