import App
import Companies
import Conventions
import DomainKit
import Postgres
import Foundation
import TestSupport
import Testing

@Suite("Conventions' constraint table over real HTTP")
struct ConventionConstraintFieldHTTPTests {
    @Test("a meeting request for an unknown company is a 422 naming companyId; a merge that would repeat a meeting request is a 409 naming it")
    func namedFields() async throws {
        try await withTestServer { port, application in
            let (token, principal) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let service = ConventionService(pool: application.pool, clock: application.clock)
            let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(CompanyDraft(nameEn: "Yokohama Green Energy", size: .sme), by: principal)
            let event = try await service.createEvent(eventDraft(format: .inPerson), by: principal)
            let first = try await service.register(MergeTests.draft("an.nguyen@example.vn", nameEn: "Nguyen An"), eventID: event.id, by: principal)
            let second = try await service.register(MergeTests.draft("annguyen@danangsolar.vn", nameEn: "AN NGUYEN"), eventID: event.id, by: principal)
            func requestMeeting(_ participant: UUID, _ company: UUID) async throws -> TestClient.Response {
                try await TestClient.request(
                    port: port, "POST", "/v1/events/\(event.id)/meeting-requests", headers: headers,
                    body: #"{"participantId":"\#(participant)","companyId":"\#(company)"}"#)
            }
            func problem(_ response: TestClient.Response) throws -> Problem {
                try JSONDecoder().decode(Problem.self, from: Data(response.body))
            }
            let meetings: PostgresQuery = "SELECT count(*) AS n FROM meeting_requests"

            // meeting_requests_company_id_fkey: the service does not look the company up; the key does.
            let unknown = try await requestMeeting(first.participant.id, UUID())
            #expect(unknown.status == 422)
            #expect(try problem(unknown).errors == [FieldError(field: "companyId", message: "is not a known company")])
            #expect(try await application.pool.query(meetings)[0].decode("n", as: Int.self) == 0)

            // meeting_requests_event_id_participant_id_company_id_key: both people asked to meet the same
            // company at this event, so moving the duplicate's request onto the person kept repeats it.
            #expect(try await requestMeeting(first.participant.id, company.id).status == 201)
            #expect(try await requestMeeting(second.participant.id, company.id).status == 201)
            let merge = try await TestClient.request(
                port: port, "POST", "/v1/participants/\(first.participant.id)/merge", headers: headers,
                body: #"{"duplicateId":"\#(second.participant.id)"}"#)
            #expect(merge.status == 409)
            let conflict = try problem(merge)
            #expect(conflict.detail == "This participant already asked to meet this company at this event.")
            #expect(conflict.errors?.map(\.field) == ["companyId"])
            let unmerged = try await application.pool.query("SELECT count(*) AS n FROM participants WHERE merged_into IS NOT NULL")
            #expect(try unmerged[0].decode("n", as: Int.self) == 0)
            #expect(try await application.pool.query(meetings)[0].decode("n", as: Int.self) == 2)
        }
    }
}
