import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import Testing

@Suite("Consortium proposals, opportunities and coverage")
struct MatchReportTests {
    @Test("a consortium covers every code of the need greedily, best-scoring first, and names what stays uncovered")
    func consortium() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Zero-carbon island", codes: ["solar_pv", "battery_storage", "microgrid", "geothermal"])
        let both = try await world.company("Solar and storage", titleEn: "PV with batteries", codes: ["solar_pv", "battery_storage"])
        let solarOnly = try await world.company("Solar", titleEn: "PV", codes: ["solar_pv"], records: [record("VN", "Da Nang", "Solar farm")])
        let grid = try await world.company("Grid", titleEn: "Island grids", codes: ["microgrid"])
        let proposal = try await world.matching.consortium(for: need.id, ConsortiumRequest(), by: coordinator)
        #expect(proposal.requested == ["battery_storage", "geothermal", "microgrid", "solar_pv"])
        #expect(proposal.members.map(\.companyId) == [both.id, grid.id])
        #expect(proposal.members.map(\.covers) == [["battery_storage", "solar_pv"], ["microgrid"]])
        #expect(proposal.uncovered == ["geothermal"])
        #expect(!proposal.members.contains { $0.companyId == solarOnly.id })

        let capped = try await world.matching.consortium(for: need.id, ConsortiumRequest(maxMembers: 1), by: coordinator)
        #expect(capped.members.map(\.companyId) == [both.id])
        #expect(capped.uncovered == ["geothermal", "microgrid"])
        let error = await #expect(throws: MatchesError.self) {
            try await world.matching.consortium(for: need.id, ConsortiumRequest(maxMembers: 11), by: coordinator)
        }
        #expect(error?.problem.errors?.first?.field == "maxMembers")
    }

    @Test("opportunities rank open needs for a company; a company user sees only its own company's")
    func opportunities() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let fit = try await world.need(in: city, titleEn: "Desalination plant", codes: ["water_reuse"])
        let near = try await world.need(in: city, titleEn: "Drinking water supply", codes: ["water_supply"])
        let closed = try await world.cities.createNeed(
            CityNeedDraft(cityId: city.id, titleEn: "Old desalination", taxonomyCodes: ["water_reuse"], source: .policyDialogue, status: .closed), by: admin)
        _ = try await world.need(in: city, titleEn: "EV chargers", codes: ["ev_charging"])
        let company = try await world.company("RO", titleEn: "Reverse osmosis membranes", codes: ["water_reuse"])
        let other = try await world.company("Other", titleEn: "Chargers", codes: ["ev_charging"])
        let own = Principal(userID: UUID(), role: .company, companyID: company.id)

        let list = try await world.matching.opportunities(for: company.id, limit: 20, by: own)
        #expect(list.items.map(\.needId) == [fit.id, near.id])
        // The need's own titles ride along, so a reader sees it in their language (the console's opportunities).
        #expect(list.items.map(\.titleEn) == ["Desalination plant", "Drinking water supply"])
        #expect(list.items.allSatisfy { $0.titleJa == nil })
        #expect(!list.items.map(\.needId).contains(closed.id))
        #expect(list.items.first?.explanation.matchedCodes.first?.fit == .exact)
        await #expect(throws: MatchesError.notFound("company")) {
            try await world.matching.opportunities(for: other.id, limit: 20, by: own)
        }
        #expect(try await world.matching.opportunities(for: other.id, limit: 20, by: coordinator).items.count == 1)
    }

    @Test("coverage lists open needs with fewer than three credible companies, fewest first")
    func coverage() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let covered = try await world.need(in: city, titleEn: "LED street lights", codes: ["lighting"])
        let thin = try await world.need(in: city, titleEn: "Heat pumps for hotels", codes: ["heat_pump"])
        let empty = try await world.need(in: city, titleEn: "Seagrass restoration", codes: ["blue_carbon"])
        for index in 0..<3 { try await world.company("Light \(index)", titleEn: "LED street lighting", codes: ["lighting"]) }
        try await world.company("Heat", titleEn: "Heat pump water heaters", codes: ["heat_pump"])
        let report = try await world.matching.coverage(by: viewer)
        #expect(report.items.map(\.needId) == [empty.id, thin.id])
        #expect(report.items.map(\.credibleCompanies) == [0, 1])
        #expect(report.items.map(\.titleEn) == ["Seagrass restoration", "Heat pumps for hotels"])
        #expect(!report.items.map(\.needId).contains(covered.id))
        #expect(report.credibleScore == MatchWeights.standard.credibleScore)
        #expect(report.needsRanked == 3 && report.openNeeds == 3)
    }

    @Test("beyond the newest 2,000 open needs, coverage and opportunities say how many they ranked out of how many")
    func rankedOutOfOpen() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let company = try await world.company("Light", titleEn: "LED street lighting", codes: ["lighting"])
        try await world.pool.execute("""
            INSERT INTO city_needs (city_id, title_en, taxonomy_codes, source)
            SELECT \(city.id), 'LED street lights ' || n, ARRAY['lighting'], 'inquiry' FROM generate_series(1, 2001) AS n
            """)
        try await world.pool.execute("UPDATE city_needs SET status = 'closed' WHERE title_en = 'LED street lights 1'")
        let report = try await world.matching.coverage(by: viewer)
        #expect(report.openNeeds == 2000 && report.needsRanked == 2000)
        _ = try await world.need(in: city, titleEn: "Solar carports", codes: ["solar_pv"])
        let opportunities = try await world.matching.opportunities(for: company.id, limit: 5, by: coordinator)
        #expect(opportunities.openNeeds == 2001 && opportunities.needsRanked == 2000)
        #expect(opportunities.items.count == 5)
    }
}
