import App
import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

/// A company has one live business-match record per need (migration 0105; before, `POST /v1/matches` with a need
/// and no lead took any number of identical records, and KPI ② counted each).
@Suite("One live match record per company and need")
struct MatchOneLivePerNeedTests {
    struct Setting {
        let port: Int
        let headers: [String: String]
        let company: UUID
        let need: UUID
        let pool: PostgresPool

        func post(channel: String = "coordinator", extra: String = "") async throws -> TestClient.Response {
            let body = #"{"companyId":"\#(company)","needId":"\#(need)","channel":"\#(channel)"\#(extra)}"#
            return try await TestClient.request(port: port, "POST", "/v1/matches", headers: headers, body: body)
        }

        /// Two live records of the pairing as migration 0105 left them: the pairing's own (the older) and one marked `duplicate_of` it.
        func storedPair() async throws -> (kept: UUID, duplicate: UUID) {
            let kept = UUID()
            let duplicate = UUID()
            try await pool.execute("""
                INSERT INTO matches (id, company_id, need_id, channel, created_at)
                VALUES (\(kept), \(company), \(need), 'coordinator', now() - interval '2 days')
                """)
            try await pool.execute("""
                INSERT INTO matches (id, company_id, need_id, channel, duplicate_of) VALUES (\(duplicate), \(company), \(need), 'direct', \(kept))
                """)
            return (kept, duplicate)
        }

        func count() async throws -> Int {
            try await pool.query("SELECT count(*)::int AS n FROM matches WHERE need_id = \(need)")[0].decode("n")
        }
    }

    static func setting(port: Int, application: Application) async throws -> Setting {
        let cities = CityService(pool: application.pool, clock: application.clock)
        let city = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
        let need = try await cities.createNeed(CityNeedDraft(cityId: city.id, titleEn: "Waste to energy", source: .policyDialogue), by: admin)
        let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(CompanyDraft(nameEn: "Twice Co.", size: .sme), by: admin)
        let (token, _) = try await application.token(for: .coordinator)
        return Setting(port: port, headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                       company: company.id, need: need.id, pool: application.pool)
    }

    @Test("a second live record for the same company and need is a 409 naming the first, whatever the channel; a declined or withdrawn one does not block")
    func secondIsRefused() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port: port, application: application)
            let first = try await world.post()
            #expect(first.status == 201)
            let firstID = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])["id"] as? String
            for channel in ["coordinator", "direct", "convention"] {
                let again = try await world.post(channel: channel, extra: #","notes":"again""#)
                #expect(again.status == 409, "\(channel): \(again.text)")
                let problem = try JSONDecoder().decode(Problem.self, from: Data(again.body))
                #expect(problem.detail.contains(try #require(firstID)) == true, "the 409 names the live record: \(problem.detail)")
                #expect(problem.errors?.map(\.field) == ["needId"])
            }
            #expect(try await world.count() == 1, "nothing refused is written")

            var moving = world.headers
            moving["If-Match"] = "\"1\""
            let declined = try await TestClient.request(port: port, "POST", "/v1/matches/\(try #require(firstID))/transitions", headers: moving,
                                                        body: #"{"to":"declined"}"#)
            #expect(declined.status == 200)
            let afterDecline = try await world.post(channel: "direct")
            #expect(afterDecline.status == 201, Comment(rawValue: afterDecline.text))
            let secondID = try #require(try JSONSerialization.jsonObject(with: Data(afterDecline.body)) as? [String: Any])["id"] as? String
            let withdrawn = try await TestClient.request(port: port, "POST", "/v1/matches/\(try #require(secondID))/transitions", headers: moving,
                                                         body: #"{"to":"withdrawn"}"#)
            #expect(withdrawn.status == 200)
            #expect(try await world.post().status == 201)
            #expect(try await world.count() == 3)
        }
    }

    @Test("two clients at once for the same company and need: one record is made, the other gets the 409")
    func twoAtOnce() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port: port, application: application)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for channel in ["coordinator", "direct"] {
                    group.addTask { try await world.post(channel: channel).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 409])
            #expect(try await world.count() == 1)
        }
    }

    @Test("a record kept as a duplicate from before the rule still blocks a new one, and the unique index refuses a second live row outright")
    func storedDuplicates() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port: port, application: application)
            let (kept, duplicate) = try await world.storedPair()
            await #expect(throws: PostgresError.self) {
                try await application.pool.execute("""
                    INSERT INTO matches (company_id, need_id, channel) VALUES (\(world.company), \(world.need), 'direct')
                    """)
            }
            let refused = try await world.post()
            #expect(refused.status == 409)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(refused.body)).detail.contains(kept.uuidString) == true, "the oldest live one")
            try await application.pool.execute("UPDATE matches SET status = 'declined' WHERE id = \(kept)")
            let blocked = try await world.post()
            #expect(blocked.status == 409)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(blocked.body)).detail.contains(duplicate.uuidString) == true)
            #expect(try await world.count() == 2)
        }
    }

    @Test("a record kept as a duplicate shows duplicateOf, the pairing's own record, and every other record shows duplicateOf null: one, the list, a create and a move")
    func duplicateOfIsShown() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port: port, application: application)
            let (kept, duplicate) = try await world.storedPair()
            func object(_ response: TestClient.Response) throws -> [String: Any] {
                try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], Comment(rawValue: response.text))
            }
            let one = try object(try await TestClient.request(port: port, "GET", "/v1/matches/\(duplicate)", headers: world.headers))
            #expect(one["duplicateOf"] as? String == kept.uuidString)
            let own = try object(try await TestClient.request(port: port, "GET", "/v1/matches/\(kept)", headers: world.headers))
            #expect(own.keys.contains("duplicateOf") && own["duplicateOf"] is NSNull, "null on the pairing's own record, not left out")
            let list = try object(try await TestClient.request(port: port, "GET", "/v1/matches?needId=\(world.need)", headers: world.headers))
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0["duplicateOf"] is NSNull ? "null" : $0["duplicateOf"] as? String ?? "absent") })
                    == [kept.uuidString: "null", duplicate.uuidString: kept.uuidString])
            var moving = world.headers
            moving["If-Match"] = "\"1\""
            let moved = try await TestClient.request(port: port, "POST", "/v1/matches/\(duplicate)/transitions", headers: moving, body: #"{"to":"withdrawn"}"#)
            #expect(moved.status == 200, Comment(rawValue: moved.text))
            #expect(try object(moved)["duplicateOf"] as? String == kept.uuidString, "a move keeps the mark")
            let declined = try await TestClient.request(port: port, "POST", "/v1/matches/\(kept)/transitions", headers: moving, body: #"{"to":"declined"}"#)
            #expect(declined.status == 200, Comment(rawValue: declined.text))
            let created = try await world.post()
            #expect(created.status == 201, Comment(rawValue: created.text))
            #expect(try object(created)["duplicateOf"] is NSNull)
        }
    }

    @Test("the live record a refused create names is told only to a caller who may read it, as GET /v1/matches/{id} would")
    func liveMatchAsksAsReading() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port: port, application: application)
            let first = try await world.post()
            let created = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any], Comment(rawValue: first.text))
            let firstID = try #require(UUID(uuidString: created["id"] as? String ?? ""))
            let service = MatchService(pool: application.pool, index: MatchIndex(pool: application.pool), clock: application.clock)
            let draft = BusinessMatchDraft(companyId: world.company, needId: world.need, channel: .direct)
            let other = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(CompanyDraft(nameEn: "Other Co.", size: .sme), by: admin)
            for (role, companyID, sees) in [(Role.coordinator, nil, true), (.admin, nil, true), (.viewer, nil, true), (.company, world.company, true),
                                            (.company, other.id, false), (.liaison, nil, false)] as [(Role, UUID?, Bool)] {
                let principal = try await application.token(for: role, companyID: companyID).principal
                #expect(try await service.liveMatch(like: draft, by: principal) == (sees ? firstID : nil), "\(role) \(String(describing: companyID))")
            }
        }
    }
}
