import App
import DomainKit
import Foundation
import TestSupport
import Testing

@Suite("Timestamps in bodies and queries are read as written or refused naming the field")
struct TimestampFieldTests {
    /// Found probing dates (session of 2026-12-04): `2027-02-30T10:00:00+09:00` created an event on March 2
    /// (201), and a date alone or a time without its offset was a 400 "not valid JSON" naming no field.
    @Test("an impossible date, a date alone or a time without offset is a 422 naming the field; nothing is written")
    func refusedAndNamed() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let json = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            func event(startsAt: String, endsAt: String = "2025-04-02T17:00:00+09:00") -> String {
                #"{"kind":"workshop","titleEn":"Da Nang workshop","startsAt":"\#(startsAt)","endsAt":"\#(endsAt)","format":"online","onlineCapacity":40}"#
            }
            for (startsAt, words) in [("2025-02-30T10:00:00+09:00", "2025-02-30 is not a day of the calendar"),
                                      ("2025-02-29T10:00:00+09:00", "2025-02-29 is not a day of the calendar"),
                                      ("2025-13-01T10:00:00+09:00", "is not a day of the calendar"),
                                      ("2025-04-01", "a date alone is not a time"),
                                      ("2025-04-01T09:00:00", "the offset from UTC is missing")] {
                let answer = try await TestClient.request(port: port, "POST", "/v1/events", headers: json, body: event(startsAt: startsAt))
                #expect(answer.status == 422, "\(startsAt): \(answer.text)")
                #expect(answer.text.contains(#""field":"startsAt""#) && answer.text.contains(words), "\(startsAt): \(answer.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", "/v1/events", headers: json)
            #expect(listed.text.contains(#""items":[]"#), "\(listed.text)")

            // The first half hour of FY2025 in Japan, written in UTC with a fraction and in Da Nang's offset.
            for startsAt in ["2025-03-31T15:30:00.250Z", "2025-03-31T22:30:00+07:00"] {
                let created = try await TestClient.request(port: port, "POST", "/v1/events", headers: json, body: event(startsAt: startsAt))
                #expect(created.status == 201, "\(created.text)")
                #expect(created.text.contains(#""startsAt":"2025-03-31T15:30:00Z""#) && created.text.contains(#""fiscalYear":2025"#), "\(created.text)")
                let id = try #require(created.text.firstMatch(of: /"id":"([0-9A-F-]+)"/)?.1)
                let patched = try await TestClient.request(
                    port: port, "PATCH", "/v1/events/\(id)",
                    headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json", "If-Match": #""1""#],
                    body: #"{"endsAt":"2025-04-31T17:00:00+09:00"}"#)
                #expect(patched.status == 422 && patched.text.contains(#""field":"endsAt""#), "\(patched.text)")
            }

            let audit = try await TestClient.request(port: port, "GET", "/v1/audit?from=2025-02-30T00:00:00%2B09:00", headers: json)
            #expect(audit.status == 400 && audit.text.contains(#""field":"from""#) && audit.text.contains("not a day of the calendar"), "\(audit.text)")
        }
    }
}
