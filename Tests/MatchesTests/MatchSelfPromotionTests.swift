import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import Testing

/// Issue 16's thirty-first round (docs/matching.md): a company that claims everything does not top the ranking.
@Suite("A company that claims every code or the whole vocabulary does not outrank specific ones")
struct MatchSelfPromotionTests {
    /// Every leaf code of the taxonomy, at most the 50 one technology may carry.
    static func leafCodes(_ world: MatchWorld) async throws -> [String] {
        try await world.pool.withConnection { db in
            try await db.query("""
                SELECT code FROM taxonomy t WHERE NOT EXISTS (SELECT 1 FROM taxonomy c WHERE c.parent_code = t.code) ORDER BY code LIMIT 50
                """).map { try $0.decode("code") as String }
        }
    }

    @Test("a technology tagged with every leaf code ranks below an honest specific company and below a broad company whose specific technology answers the need")
    func stuffedCodes() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let sludge = try await world.need(
            in: city, titleEn: "Sewage sludge to fuel", descriptionEn: "The city wants to dry the sludge of its treatment plant into solid fuel.",
            codes: ["sludge_energy"])
        let lamps = try await world.need(
            in: city, titleEn: "Street lamps", descriptionEn: "The city wants to replace its mercury street lamps.", codes: ["lighting"])
        let stuffed = try await world.company(
            "Claims everything", titleEn: "Decarbonization solutions", descriptionEn: "We provide decarbonization solutions for cities.",
            codes: try await Self.leafCodes(world))
        // Specific, but untagged and described in Japanese only: it meets the English need through the glossary.
        let honest = try await world.company("Sludge dryers", titleJa: "下水汚泥の乾燥設備", descriptionJa: "汚泥を乾燥させて固形燃料にします。")
        // A broad company: a dozen specific technologies across sectors, one of them the plain answer to the lamps need.
        let broad = try await world.company(
            "Broad", titleEn: "LED street lighting", descriptionEn: "LED luminaires for roads.", codes: ["lighting"])
        for (title, code) in [("Rooftop solar", "solar_pv"), ("Storage batteries", "battery_storage"), ("Gas engine cogeneration", "cogeneration"),
                              ("Chillers", "hvac"), ("Stoker incinerators", "waste_to_energy"), ("Leak detection", "water_supply"),
                              ("Electric buses", "public_transport"), ("Micro hydro", "small_hydro"), ("Food waste biogas", "biogas"),
                              ("Heat pumps", "heat_pump"), ("Building energy management", "ems")] {
            _ = try await world.companies.createTechnology(
                CompanyTechnologyDraft(titleEn: title, taxonomyCodes: [code], maturity: .commercial, disclosure: .public),
                companyID: broad.id, by: admin)
        }
        let forSludge = try await world.ranking(sludge)
        let stuffedRank = try #require(forSludge.ids.firstIndex(of: stuffed.id))
        let honestRank = try #require(forSludge.ids.firstIndex(of: honest.id))
        #expect(honestRank < stuffedRank, "\(forSludge.items.map { ($0.companyNameEn ?? "", $0.score, $0.parts) })")
        // The stuffed technology's code counts 5/50 of an exact code: the parts still add up to the score.
        let parts = try #require(forSludge.item(stuffed)?.parts)
        #expect(parts.taxonomy < 0.2)
        // The explanation says why: the code counted 5 of 50.
        #expect(forSludge.item(stuffed)?.explanation.matchedCodes.first?.counted == 0.1)
        #expect(forSludge.item(honest)?.explanation.matchedConcepts.allSatisfy { $0.counted == nil } == true)
        let forLamps = try await world.ranking(lamps)
        #expect(forLamps.ids.first == broad.id, "\(forLamps.items.map { ($0.companyNameEn ?? "", $0.score, $0.parts) })")
        #expect(forLamps.item(broad)?.parts.taxonomy == 1)
    }

    @Test("the same claim split into technologies of a few codes each still ranks below an honest specific company, and says why")
    func splitClaims() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let sludge = try await world.need(
            in: city, titleEn: "Sewage sludge to fuel", descriptionEn: "The city wants to dry the sludge of its treatment plant into solid fuel.",
            codes: ["sludge_energy"])
        let leaves = try await Self.leafCodes(world)
        let stuffed = try await world.company("Claims everything, split", titleEn: "Decarbonization solutions 1",
                                              descriptionEn: "We provide decarbonization solutions for cities.", codes: Array(leaves.prefix(4)))
        for (number, start) in stride(from: 4, to: leaves.count, by: 4).enumerated() {
            _ = try await world.companies.createTechnology(
                CompanyTechnologyDraft(titleEn: "Decarbonization solutions \(number + 2)", descriptionEn: "We provide decarbonization solutions for cities.",
                                       taxonomyCodes: Array(leaves[start..<min(start + 4, leaves.count)]), maturity: .commercial, disclosure: .public),
                companyID: stuffed.id, by: admin)
        }
        let honest = try await world.company("Sludge dryers", titleJa: "下水汚泥の乾燥設備", descriptionJa: "汚泥を乾燥させて固形燃料にします。")
        let list = try await world.ranking(sludge)
        let stuffedRank = try #require(list.ids.firstIndex(of: stuffed.id))
        let honestRank = try #require(list.ids.firstIndex(of: honest.id))
        #expect(honestRank < stuffedRank, "\(list.items.map { ($0.companyNameEn ?? "", $0.score, $0.parts) })")
        // No technology claims more than four codes: the company's breadth (every leaf, against broadClaims) spreads them.
        let counted = try #require(list.item(stuffed)?.explanation.matchedCodes.first?.counted)
        #expect(abs(counted - MatchWeights.standard.broadClaims / Double(leaves.count)) < 0.001)
    }

    @Test("descriptions that list the whole vocabulary rank below an honest specific company")
    func stuffedText() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(
            in: city, titleEn: "Leak detection", descriptionEn: "The water utility wants to find leaks in its distribution pipes to cut non-revenue water.")
        let glossary = GlossaryProbe.everyVariant
        var english = glossary.english.joined(separator: ", ")
        english = String(english.prefix(19_000))
        var japanese = glossary.japanese.joined(separator: "、")
        japanese = String(japanese.prefix(19_000))
        let stuffed = try await world.company("Every word", titleEn: "Solutions", titleJa: "ソリューション", descriptionEn: english, descriptionJa: japanese)
        let honest = try await world.company("Leak finders", titleJa: "漏水探知", descriptionJa: "音聴式の漏水探知で配水管の漏水を見つけ、無収水を減らします。")
        let list = try await world.ranking(need)
        let stuffedRank = try #require(list.ids.firstIndex(of: stuffed.id))
        let honestRank = try #require(list.ids.firstIndex(of: honest.id))
        #expect(honestRank < stuffedRank, "\(list.items.map { ($0.companyNameEn ?? "", $0.score, $0.parts) })")
    }
}
