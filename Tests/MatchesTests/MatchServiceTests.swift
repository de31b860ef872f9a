import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

@Suite("Matching service rules: freshness, disclosure, filters, decisions, outcomes")
struct MatchServiceTests {
    @Test("a company edit is in the next ranking of every process's index, without a restart")
    func freshness() async throws {
        let world = try await MatchWorld.fresh()
        let otherProcess = MatchService(pool: world.pool, index: MatchIndex(pool: world.pool), clock: .test)
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Battery storage for the grid", codes: ["battery_storage"])
        let company = try await world.company("Late bloomer", titleEn: "Mangrove planting", codes: ["blue_carbon"])
        // Listed (a limit, not a filter, decides the length), sharing nothing with the need.
        #expect(try await world.ranking(need).items.map(\.parts.taxonomy) == [0])
        #expect(try await otherProcess.matches(for: need.id, filter: MatchFilter(), by: coordinator).items.map(\.parts.taxonomy) == [0])

        _ = try await world.companies.createTechnology(
            CompanyTechnologyDraft(titleEn: "Lithium-ion BESS", taxonomyCodes: ["battery_storage"], maturity: .pilot, disclosure: .public),
            companyID: company.id, by: admin)
        #expect(try await world.ranking(need).items.map(\.parts.taxonomy) == [1])
        #expect(try await otherProcess.matches(for: need.id, filter: MatchFilter(), by: coordinator).items.map(\.parts.taxonomy) == [1])

        _ = try await world.companies.updateCompany(company.id, ifVersion: 1, by: admin) { $0.archived = true }
        #expect(try await world.ranking(need).ids.isEmpty)
        #expect(try await otherProcess.matches(for: need.id, filter: MatchFilter(), by: coordinator).ids.isEmpty)
    }

    @Test("a removed technology or track record is out of the next ranking of every process's index: its codes, words and record no longer count")
    func removal() async throws {
        let world = try await MatchWorld.fresh()
        let otherProcess = MatchService(pool: world.pool, index: MatchIndex(pool: world.pool), clock: .test)
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Battery storage for the grid", codes: ["battery_storage"])
        let company = try await world.company("Leaver", titleEn: "Mangrove planting", codes: ["blue_carbon"],
                                              records: [record("VN", "Da Nang", "Grid battery pilot")])
        let storage = try await world.companies.createTechnology(
            CompanyTechnologyDraft(titleEn: "Grid battery storage", taxonomyCodes: ["battery_storage"], maturity: .pilot, disclosure: .public),
            companyID: company.id, by: admin)
        let rankings = { [try await world.ranking(need), try await otherProcess.matches(for: need.id, filter: MatchFilter(), by: coordinator)] }
        for ranking in try await rankings() {
            let ranked = try #require(ranking.item(company))
            #expect(ranked.parts.taxonomy == 1 && !ranked.explanation.matchedWords.isEmpty && ranked.explanation.trackRecords.count == 1)
        }

        try await world.companies.removeTechnology(storage.id, ifVersion: storage.version, by: admin)
        let kept = try #require(try await world.companies.trackRecords(of: company.id, page: PageRequest(), by: admin).items.first)
        try await world.companies.removeTrackRecord(kept.id, ifVersion: kept.version, by: admin)
        for ranking in try await rankings() {
            let ranked = try #require(ranking.item(company))
            #expect(ranked.parts.taxonomy == 0 && ranked.explanation.matchedWords.isEmpty && ranked.explanation.trackRecords.isEmpty)
        }
    }

    @Test("a technology disclosed to coordinators counts for everyone but is explained only to admin and coordinator")
    func disclosure() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Sewage sludge to fuel", codes: ["sludge_energy"])
        let company = try await world.company(
            "Discreet", titleEn: "Sludge drying to fuel", codes: ["sludge_energy"], disclosure: .coordinators,
            records: [record("VN", "Da Nang", "Sludge fuel plant", disclosure: .coordinators)])
        let forCoordinator = try #require(try await world.ranking(need).item(company))
        let forViewer = try #require(try await world.ranking(need, by: viewer).item(company))
        #expect(forViewer.score == forCoordinator.score)
        #expect(forCoordinator.explanation.matchedCodes.map(\.companyCode) == ["sludge_energy"])
        #expect(forCoordinator.explanation.trackRecords.count == 1)
        #expect(forViewer.explanation.matchedCodes.isEmpty)
        #expect(forViewer.explanation.matchedConcepts.isEmpty)
        #expect(forViewer.explanation.matchedWords.isEmpty)
        #expect(forViewer.explanation.trackRecords.isEmpty)
    }

    @Test("yokohamaOnly, yusaOnly and excludeLead narrow the ranking")
    func filters() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "EV buses", codes: ["ev"])
        let local = try await world.company("Local", titleEn: "Electric buses", codes: ["ev"])
        let outside = try await world.company("Outside", titleEn: "Electric buses", codes: ["ev"], inYokohama: false)
        let member = try await world.company(
            "Member", titleEn: "Electric buses", codes: ["ev"], yusaSince: CalendarDate("2022-04-01"))
        #expect(Set(try await world.ranking(need).ids) == [local.id, outside.id, member.id])
        #expect(Set(try await world.ranking(need, MatchFilter(yokohamaOnly: true)).ids) == [local.id, member.id])
        #expect(try await world.ranking(need, MatchFilter(yusaOnly: true)).ids == [member.id])
        #expect(try await world.ranking(need, MatchFilter(limit: 1)).ids.count == 1)

        let lead = try await world.pool.withConnection { db in
            let lead = try await insertBareLead(cityID: city.id, on: db)
            try await db.execute("INSERT INTO matches (company_id, lead_id, channel) VALUES (\(local.id), \(lead), 'coordinator')")
            try await db.execute("""
                INSERT INTO matches (company_id, lead_id, channel, status) VALUES (\(outside.id), \(lead), 'coordinator', 'declined')
                """)
            return lead
        }
        #expect(Set(try await world.ranking(need, MatchFilter(excludeLead: lead)).ids) == [outside.id, member.id])
        // A company in the lead's consortium is on the lead too, with or without a match record.
        _ = try await world.pool.withConnection { db in
            try await db.execute("INSERT INTO lead_companies (lead_id, company_id, role) VALUES (\(lead), \(member.id), 'partner')")
        }
        #expect(try await world.ranking(need, MatchFilter(excludeLead: lead)).ids == [outside.id])
    }

    @Test("a pinned company comes first with its reason, even sharing nothing; an excluded one is listed apart with its reason")
    func decisions() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Chillers for hospitals", codes: ["hvac"])
        let best = try await world.company("Best", titleEn: "Inverter chillers", codes: ["hvac"])
        let excluded = try await world.company("Excluded", titleEn: "Inverter chillers", codes: ["hvac"])
        let pinned = try await world.company("Pinned", titleEn: "Mangrove planting", codes: ["blue_carbon"])
        _ = try await world.pool.withConnection { db in
            try await db.execute("""
                INSERT INTO need_company_decisions (need_id, company_id, decision, reason) VALUES
                    (\(need.id), \(pinned.id), 'pinned', '市長の要望'), (\(need.id), \(excluded.id), 'excluded', 'No capacity this year')
                """)
        }
        let list = try await world.ranking(need)
        #expect(list.ids == [pinned.id, best.id])
        #expect(list.items.first?.decision?.reason == "市長の要望")
        #expect(list.items[0].parts.taxonomy == 0 && list.items[0].parts.text == 0)
        #expect(abs(list.items[0].score - MatchWeights.standard.readiness * list.items[0].parts.readiness) < 0.000_01)
        #expect(list.excluded.map(\.companyId) == [excluded.id])
        #expect(list.excluded.first?.reason == "No capacity this year")
    }

    @Test("a won match on the platform counts as a track record in that city")
    func outcomesFeedBack() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let earlier = try await world.need(in: city, titleEn: "Landfill gas capture", codes: ["landfill"])
        let need = try await world.need(in: city, titleEn: "Landfill improvement", codes: ["landfill"])
        let company = try await world.company("Winner", titleEn: "Semi-aerobic landfill", codes: ["landfill"])
        #expect(try await world.ranking(need).item(company)?.parts.trackRecord == 0)
        _ = try await world.pool.withConnection { db in
            try await db.execute("""
                INSERT INTO matches (company_id, need_id, channel, status) VALUES (\(company.id), \(earlier.id), 'coordinator', 'won')
                """)
        }
        let item = try #require(try await world.ranking(need).item(company))
        #expect(item.parts.trackRecord == 1)
        #expect(item.explanation.trackRecords.map(\.fromPlatform) == [true])
        #expect(try await world.ranking(need, by: viewer).item(company)?.explanation.trackRecords.isEmpty == true)
    }
}
