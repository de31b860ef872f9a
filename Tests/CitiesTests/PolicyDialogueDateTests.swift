import App
import Cities
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// A policy dialogue records one that took place (harden11): a date after today in Japan, on the
/// programme clock the server was given (never the machine's), is a 422 on `heldOn`, on a new record
/// and on a correction alike; today itself is fine, and tomorrow becomes fine once the clock gets there.
@Suite("Policy dialogue dates")
struct PolicyDialogueDateTests {
    struct Created: Decodable { let id: String }

    @Test("a dialogue dated after today is refused on create and correction; the clock moving on lets the same date in")
    func afterToday() async throws {
        // 2026-10-15 23:00 in Japan: 2026-10-16 is tomorrow, for one more hour (the sign-in outlives the wait).
        let clock = TestClock(try #require(CalendarDate(year: 2026, month: 10, day: 15)).startInJapan.addingTimeInterval(23 * 3600))
        try await withTestServer(clock: clock.programme) { port, application in
            let (coordinator, _) = try await application.token(for: .coordinator)
            let headers = ["Authorization": "Bearer \(coordinator)", "Content-Type": "application/json"]
            let city = try await TestClient.request(port: port, "POST", "/v1/cities", headers: headers,
                                                   body: #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
            let cityID = try JSONDecoder().decode(Created.self, from: Data(city.body)).id
            let dialogues = "/v1/cities/\(cityID)/policy-dialogues"
            func dialogue(_ day: String) -> String {
                #"{"heldOn":"\#(day)","participants":["Da Nang People's Committee"],"topics":["waste-to-energy"]}"#
            }
            func fields(_ response: TestClient.Response) throws -> [FieldError] {
                try JSONDecoder().decode(Problem.self, from: Data(response.body)).errors ?? []
            }

            let tomorrow = try await TestClient.request(port: port, "POST", dialogues, headers: headers, body: dialogue("2026-10-16"))
            #expect(tomorrow.status == 422)
            #expect(try fields(tomorrow) == [FieldError(field: "heldOn", message: PolicyDialogueDraft.afterToday)])
            let today = try await TestClient.request(port: port, "POST", dialogues, headers: headers, body: dialogue("2026-10-15"))
            #expect(today.status == 201)
            let path = "/v1/policy-dialogues/\(try JSONDecoder().decode(Created.self, from: Data(today.body)).id)"
            let corrected = try await TestClient.request(port: port, "PATCH", path, headers: headers.merging(["If-Match": "\"1\""]) { $1 },
                                                        body: dialogue("2026-10-16"))
            #expect(corrected.status == 422)
            #expect(try fields(corrected).map(\.field) == ["heldOn"])
            #expect(try await TestClient.request(port: port, "GET", path, headers: headers).header("ETag") == "\"1\"")

            clock.advance(seconds: 2 * 3600)
            let next = try await TestClient.request(port: port, "PATCH", path, headers: headers.merging(["If-Match": "\"1\""]) { $1 },
                                                   body: dialogue("2026-10-16"))
            #expect(next.status == 200)
        }
    }
}
