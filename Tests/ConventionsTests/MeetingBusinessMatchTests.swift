import App
import Companies
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The wiring in `Application`: Conventions' accepted meeting becomes a Matches business match.
@Suite("Accepted convention meetings as business matches")
struct MeetingBusinessMatchTests {
    private struct Accepted: Decodable { let status: String; let businessMatchId: UUID? }
    private struct Match: Decodable { let id: UUID; let companyId: UUID; let channel: String; let status: String }

    @Test("a company accepting a meeting over HTTP creates one introduced business match with channel convention, linked both ways")
    func acceptedMeetingIsAMatch() async throws {
        try await withTestServer { port, application in
            let (_, owner) = try await application.token(for: .organizer)
            let conventions = ConventionService(pool: application.pool, clock: application.clock)
            let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(
                CompanyDraft(nameJa: "横浜グリーン電力", size: .sme), by: Principal(userID: owner.userID, role: .admin))
            let (companyToken, _) = try await application.token(for: .company, companyID: company.id)
            let (adminToken, _) = try await application.token(for: .admin)
            let event = try await conventions.createEvent(eventDraft(), by: owner)
            let visitor = try await conventions.register(registration("visitor@example.vn"), eventID: event.id, by: owner)
            let request = try await conventions.requestMeeting(
                MeetingRequestDraft(participantId: visitor.participant.id, companyId: company.id), eventID: event.id, by: owner)

            let decided = try await TestClient.request(
                port: port, "POST", "/v1/meeting-requests/\(request.id)/decision",
                headers: ["Authorization": "Bearer \(companyToken)", "Content-Type": "application/json"], body: #"{"decision":"accepted"}"#)
            #expect(decided.status == 200)
            let accepted = try JSONDecoder().decode(Accepted.self, from: Data(decided.body))
            let matchID = try #require(accepted.businessMatchId)

            let read = try await TestClient.request(port: port, "GET", "/v1/matches/\(matchID)", headers: ["Authorization": "Bearer \(adminToken)"])
            #expect(read.status == 200)
            let match = try JSONDecoder().decode(Match.self, from: Data(read.body))
            #expect(match.companyId == company.id)
            #expect(match.channel == "convention")
            #expect(match.status == "introduced")
            let linked = try await application.pool.query("SELECT count(*)::int AS n FROM matches WHERE meeting_request_id = \(request.id)")
            #expect(try linked[0].decode("n", as: Int.self) == 1)
        }
    }
}
