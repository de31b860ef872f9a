import App
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// An activity says what happened or what comes next (ux14): a kind and a day alone are refused, over
/// the API as in the console; activities stored empty before the rule stay as they are.
@Suite("An activity holds notes or a next action")
struct EmptyActivityTests {
    @Test("a kind and a day alone are a 422 naming notes and write nothing; notes alone or a next action alone are logged")
    func refusedOverHTTP() async throws {
        try await withTestServer { port, application in
            let (token, lead, _) = try await LeadRoutesHTTPTests().setUp(application)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let path = "/v1/leads/\(lead.id)/activities"
            for body in [#"{"kind":"call","occurredOn":"2026-11-30"}"#, #"{"kind":"call","occurredOn":"2026-11-30","notes":null,"participants":["URENCO"]}"#] {
                let empty = try await TestClient.request(port: port, "POST", path, headers: headers, body: body)
                #expect(empty.status == 422, "\(body)")
                #expect(empty.text.contains(#""field":"notes""#) && empty.text.contains("say what happened or what comes next"), "\(empty.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", path, headers: headers)
            #expect(listed.text.contains(#""items":[]"#), "nothing was written: \(listed.text)")
            let notes = try await TestClient.request(port: port, "POST", path, headers: headers, body: #"{"kind":"call","occurredOn":"2026-11-30","notes":"初回連絡"}"#)
            #expect(notes.status == 201)
            let next = try await TestClient.request(port: port, "POST", path, headers: headers, body: #"{"kind":"email","occurredOn":"2026-11-30","nextAction":"見積りを送る"}"#)
            #expect(next.status == 201)
        }
    }

    @Test("notes or a next action of zero-width characters alone are as empty as spaces: 422, nothing written")
    func zeroWidthIsEmpty() async throws {
        try await withTestServer { port, application in
            let (token, lead, _) = try await LeadRoutesHTTPTests().setUp(application)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let path = "/v1/leads/\(lead.id)/activities"
            for body in [#"{"kind":"call","occurredOn":"2026-11-30","notes":"\u200b"}"#, #"{"kind":"call","occurredOn":"2026-11-30","notes":"\u2060\ufeff\u00ad"}"#,
                         #"{"kind":"call","occurredOn":"2026-11-30","nextAction":" \u200b "}"#] {
                let blank = try await TestClient.request(port: port, "POST", path, headers: headers, body: body)
                #expect(blank.status == 422 && blank.text.contains("must not be empty"), "\(body): \(blank.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", path, headers: headers)
            #expect(listed.text.contains(#""items":[]"#), "nothing was written: \(listed.text)")
        }
    }

    @Test("an edit may not empty an activity; one stored empty before the rule is untouched and may still be marked done")
    func edits() async throws {
        try await withTestServer { port, application in
            let (token, lead, _) = try await LeadRoutesHTTPTests().setUp(application)
            let posted = try await TestClient.request(port: port, "POST", "/v1/leads/\(lead.id)/activities",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: #"{"kind":"call","occurredOn":"2026-11-30","notes":"初回連絡"}"#)
            let noted = try #require(posted.text.range(of: #""id":""#).map { String(posted.text[$0.upperBound...].prefix(36)) })
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json", "If-Match": "\"1\""]
            let emptied = try await TestClient.request(port: port, "PATCH", "/v1/activities/\(noted)", headers: headers, body: #"{"notes":null}"#)
            #expect(emptied.status == 422 && emptied.text.contains(#""field":"notes""#), "\(emptied.text)")
            // A row from before the rule: a kind and a day only.
            let day = try #require(CalendarDate("2026-10-01"))
            let old = try await application.pool.withConnection { db in
                try await db.query("""
                    INSERT INTO lead_activities (lead_id, kind, occurred_on, participants)
                    VALUES (\(lead.id), 'meeting', \(day), \([String]())) RETURNING id
                    """)[0].decode("id", as: UUID.self)
            }
            let done = try await TestClient.request(port: port, "PATCH", "/v1/activities/\(old)", headers: headers, body: #"{"nextActionDone":true}"#)
            #expect(done.status == 200, "\(done.text)")
            headers["If-Match"] = "\"2\""
            let given = try await TestClient.request(port: port, "PATCH", "/v1/activities/\(old)", headers: headers, body: #"{"notes":"面談の記録を後から"}"#)
            #expect(given.status == 200 && given.text.contains("面談の記録を後から"))
        }
    }
}
