import App
import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

@Suite("Business-match records")
struct BusinessMatchTests {
    @Test("a match moves proposed → introduced → meeting_held → negotiating → won → commercialized, each step in the history")
    func happyPath() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let company = try await world.company("Mover", titleEn: "Incinerator", codes: ["waste_to_energy"])
        var match = try await world.matching.createMatch(
            BusinessMatchDraft(companyId: company.id, cityId: city.id, counterpartKind: .cityGovernment, channel: .coordinator), by: coordinator)
        #expect(match.status == .proposed)
        let steps: [MatchStatus] = [.introduced, .meetingHeld, .negotiating, .won, .commercialized]
        for step in steps {
            match = try await world.matching.transition(
                match.id, MatchTransitionRequest(to: step, occurredOn: CalendarDate("2025-06-01"), note: "→ \(step.rawValue)"),
                ifVersion: match.version, by: coordinator)
        }
        #expect(match.status == .commercialized)
        #expect(match.version == 6)
        let history = try await world.matching.history(of: match.id, by: viewer)
        #expect(history.map(\.toStatus) == [.proposed] + steps)
        #expect(history.dropFirst().map(\.fromStatus) == [.proposed, .introduced, .meetingHeld, .negotiating, .won])
        #expect(history.dropFirst().allSatisfy { $0.occurredOn == CalendarDate("2025-06-01") && $0.actorUserId == coordinator.userID })
    }

    @Test("a refused transition is a 422 naming the allowed ones; final statuses allow none; a stale version is a 412; the future is refused")
    func refused() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let company = try await world.company("Skipper", titleEn: "Incinerator", codes: ["waste_to_energy"])
        let match = try await world.matching.createMatch(BusinessMatchDraft(companyId: company.id, cityId: city.id, channel: .direct), by: admin)
        let skip = await #expect(throws: MatchesError.self) {
            try await world.matching.transition(match.id, MatchTransitionRequest(to: .won), ifVersion: 1, by: coordinator)
        }
        #expect(skip?.problem.status == 422)
        #expect(skip?.problem.errors == [FieldError(field: "to", message: "from proposed only introduced, declined, withdrawn")])
        let future = await #expect(throws: MatchesError.self) {
            try await world.matching.transition(
                match.id, MatchTransitionRequest(to: .introduced, occurredOn: CalendarDate("2999-01-01")), ifVersion: 1, by: coordinator)
        }
        #expect(future?.problem.errors?.first?.field == "occurredOn")
        // A day inside a fiscal year whose KPIs were reported is refused too (the test clock is in FY2026).
        try await world.pool.execute("INSERT INTO kpi_closes (fiscal_year) VALUES (2025)")
        let closed = await #expect(throws: MatchesError.self) {
            try await world.matching.transition(
                match.id, MatchTransitionRequest(to: .introduced, occurredOn: CalendarDate("2026-03-31")), ifVersion: 1, by: coordinator)
        }
        #expect(closed?.problem.status == 422 && closed?.problem.errors?.first?.field == "occurredOn")
        let declined = try await world.matching.transition(match.id, MatchTransitionRequest(to: .declined), ifVersion: 1, by: coordinator)
        await #expect(throws: MatchesError.staleVersion(current: 2)) {
            try await world.matching.transition(match.id, MatchTransitionRequest(to: .introduced), ifVersion: 1, by: coordinator)
        }
        let final = await #expect(throws: MatchesError.self) {
            try await world.matching.transition(match.id, MatchTransitionRequest(to: .introduced), ifVersion: declined.version, by: coordinator)
        }
        #expect(final?.problem.errors?.first?.message == "declined is final")
        #expect(try await world.matching.history(of: match.id, by: admin).count == 2)
    }

    @Test("a record made from a suggestion keeps the algorithm version and the score parts of that moment")
    func fromSuggestion() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Heat pumps", codes: ["heat_pump"])
        let company = try await world.company("Heat", titleEn: "CO2 heat pump water heaters", codes: ["heat_pump"])
        let list = try await world.ranking(need)
        let ranked = try #require(list.item(company))
        let match = try await world.matching.createMatch(
            BusinessMatchDraft(companyId: company.id, needId: need.id, channel: .coordinator, fromSuggestion: true), by: coordinator)
        #expect(match.suggestion == SuggestionSnapshot(algorithmVersion: list.algorithmVersion, score: ranked.score, parts: ranked.parts))
        _ = try await world.companies.createTrackRecord(record("VN", "Da Nang", "Heat pump retrofit"), companyID: company.id, by: admin)
        #expect(try await world.ranking(need).item(company)?.score != ranked.score)
        #expect(try await world.matching.match(match.id, by: viewer).suggestion?.score == ranked.score)
    }

    @Test("bad drafts are 422s naming the fields, and nothing is written")
    func invalid() async throws {
        let world = try await MatchWorld.fresh()
        let company = try await world.company("Somebody")
        let error = await #expect(throws: MatchesError.self) {
            try await world.matching.createMatch(
                BusinessMatchDraft(companyId: company.id, counterpartKind: .localPartner, channel: .liaisonBase, fromSuggestion: true), by: admin)
        }
        #expect(Set(error?.problem.errors?.map(\.field) ?? []) == ["needId", "liaisonBaseId", "localPartnerId", "fromSuggestion"])
        let unknown = await #expect(throws: MatchesError.self) {
            try await world.matching.createMatch(BusinessMatchDraft(companyId: UUID(), cityId: UUID(), channel: .direct), by: admin)
        }
        #expect(unknown?.problem.errors?.map(\.field) == ["companyId", "cityId"])
        #expect(try await world.pool.query("SELECT count(*) AS n FROM matches")[0].decode("n", as: Int.self) == 0)
    }

    @Test("concurrent requests for the same company and lead make one live record; the others get 409; a declined one frees the lead")
    func uniqueUnderConcurrency() async throws {
        try await withTestServer { port, application in
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let company = try await companies.createCompany(CompanyDraft(nameEn: "Racer", inYokohama: true, size: .sme), by: admin)
            let (token, _) = try await application.token(for: .coordinator)
            let lead = try await application.pool.withConnection { try await insertBareLead(on: $0) }
            let body = #"{"companyId":"\#(company.id)","leadId":"\#(lead)","channel":"coordinator"}"#
            let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await TestClient.request(port: port, "POST", "/v1/matches", headers: headers, body: body).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 409, 409, 409, 409, 409])
            let live = try await application.pool.query("SELECT id FROM matches WHERE lead_id = \(lead)")
            #expect(live.count == 1)
            let id: UUID = try live[0].decode("id")
            var transition = headers
            transition["If-Match"] = "\"1\""
            let declined = try await TestClient.request(port: port, "POST", "/v1/matches/\(id)/transitions", headers: transition, body: #"{"to":"declined"}"#)
            #expect(declined.status == 200)
            let again = try await TestClient.request(port: port, "POST", "/v1/matches", headers: headers, body: body)
            #expect(again.status == 201)
        }
    }

    @Test("a company user sees only its own company's matches; another's is a 404")
    func companyUser() async throws {
        try await withTestServer { port, application in
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let cities = CityService(pool: application.pool, clock: application.clock)
            let service = MatchService(pool: application.pool, index: application.matchIndex, clock: application.clock)
            let city = try await cities.createCity(CityDraft(nameJa: "セブ", nameEn: "Cebu", country: "PH", relationship: .mouPartner), by: admin)
            let mine = try await companies.createCompany(CompanyDraft(nameEn: "Mine", inYokohama: true, size: .sme), by: admin)
            let theirs = try await companies.createCompany(CompanyDraft(nameEn: "Theirs", inYokohama: true, size: .sme), by: admin)
            let own = try await service.createMatch(BusinessMatchDraft(companyId: mine.id, cityId: city.id, channel: .direct), by: admin)
            let other = try await service.createMatch(BusinessMatchDraft(companyId: theirs.id, cityId: city.id, channel: .direct), by: admin)
            let (token, _) = try await application.token(for: .company, companyID: mine.id)
            let headers = ["Authorization": "Bearer \(token)"]
            let list = try await TestClient.request(port: port, "GET", "/v1/matches", headers: headers)
            #expect(list.status == 200)
            let page = try JSONDecoder().decode(Page<MatchID>.self, from: Data(list.text.utf8))
            #expect(page.items.map(\.id) == [own.id])
            #expect(try await TestClient.request(port: port, "GET", "/v1/matches/\(own.id)", headers: headers).status == 200)
            #expect(try await TestClient.request(port: port, "GET", "/v1/matches/\(other.id)", headers: headers).status == 404)
            #expect(try await TestClient.request(port: port, "GET", "/v1/matches/\(other.id)/history", headers: headers).status == 404)
            let bad = try await TestClient.request(port: port, "GET", "/v1/matches?status=lost", headers: headers)
            #expect(bad.status == 400)
        }
    }

    /// A record took a need of one city with another city, and a move dated before the last one, so its history ran backwards.
    @Test("a record's need, lead, city and partner are of one city; a move is not dated before the last move, but may be before the record was made")
    func oneCityAndForwardHistory() async throws {
        let world = try await MatchWorld.fresh()
        let daNang = try await world.city()
        let cebu = try await world.city("Cebu City", "セブ市", country: "PH")
        let need = try await world.need(in: daNang, titleEn: "Waste to energy", codes: ["waste_to_energy"])
        let company = try await world.company("Burner", titleEn: "Incinerator", codes: ["waste_to_energy"])
        let mixed = await #expect(throws: MatchesError.self) {
            try await world.matching.createMatch(BusinessMatchDraft(companyId: company.id, needId: need.id, cityId: cebu.id, channel: .direct), by: coordinator)
        }
        #expect(mixed?.problem.status == 422 && mixed?.problem.errors?.map(\.field) == ["needId"])
        let count: Int = try await world.pool.query("SELECT count(*)::int FROM matches")[0].decode(column: 0)
        #expect(count == 0)

        var match = try await world.matching.createMatch(
            BusinessMatchDraft(companyId: company.id, needId: need.id, cityId: daNang.id, channel: .direct), by: coordinator)
        // Recorded late: the first move is dated before the record was made (the test clock's today).
        match = try await world.matching.transition(
            match.id, MatchTransitionRequest(to: .introduced, occurredOn: CalendarDate("2025-06-10")), ifVersion: match.version, by: coordinator)
        let backwards = await #expect(throws: MatchesError.self) {
            try await world.matching.transition(
                match.id, MatchTransitionRequest(to: .meetingHeld, occurredOn: CalendarDate("2025-06-09")), ifVersion: match.version, by: coordinator)
        }
        #expect(backwards?.problem.status == 422 && backwards?.problem.errors?.first?.field == "occurredOn")
        match = try await world.matching.transition(
            match.id, MatchTransitionRequest(to: .meetingHeld, occurredOn: CalendarDate("2025-06-10")), ifVersion: match.version, by: coordinator)
        #expect(match.status == .meetingHeld)
    }
}

private struct MatchID: Decodable, Sendable {
    var id: UUID
}

@Suite("Matching demo data")
struct MatchDemoDataTests {
    @Test("the demo match loads twice without change, with its history, and the demo need ranks the demo company")
    func loadsTwice() async throws {
        let world = try await MatchWorld.fresh()
        try await CityDemoData.load(pool: world.pool)
        try await CompanyDemoData.load(pool: world.pool, at: TestClock.standardStart)
        try await MatchDemoData.load(pool: world.pool, story: DemoCalendar(today: CalendarDate(inJapanAt: TestClock.standardStart)))
        try await MatchDemoData.load(pool: world.pool, story: DemoCalendar(today: CalendarDate(inJapanAt: TestClock.standardStart)))
        let page = try await world.matching.businessMatches(BusinessMatchFilter(), page: PageRequest(), by: viewer)
        #expect(page.items.count == 1)
        let match = try #require(page.items.first)
        #expect(match.status == .introduced)
        #expect(try await world.matching.history(of: match.id, by: viewer).map(\.toStatus) == [.proposed, .introduced])
        let need = try #require(match.needId)
        let ranking = try await world.matching.matches(for: need, filter: MatchFilter(), by: coordinator)
        #expect(ranking.ids.contains(match.companyId))
    }
}
