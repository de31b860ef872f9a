import Companies
import FoundationEssentials
import Postgres
import Testing
@testable import Matches

/// What building the index reads faster must read exactly as before (docs/matching.md, Freshness and speed).
@Suite struct IndexBuildTests {
    @Test("folded scalars equal the lower-cased text made half-width, for every scalar and for mixed texts")
    func foldedEqualsLowercased() {
        func expected(_ text: String) -> [Unicode.Scalar] { Array(text.lowercased().unicodeScalars.map(TextAnalysis.halfWidth)) }
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(String.UnicodeScalarView([scalar]))
            if TextAnalysis.folded(text) != expected(text) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20).map { String($0, radix: 16) })")
        for text in ["ＬＥＤ照明と太陽光発電、Ａｂｃ。", "ΟΔΟΣ ΣΑΣ σ", "İstanbul Đà Nẵng", "ﬁre ß Straße", "LED-Beleuchtung 街路灯 ｶﾀｶﾅ", ""] {
            #expect(TextAnalysis.folded(text) == expected(text), "\(text)")
        }
        // The phrase search normalises kana after folding; the text as it read it before: kana normalised, then half-width.
        for text in ["ｶﾞｽﾀｰﾋﾞﾝとﾊﾟﾈﾙ、ＬＥＤ", "ガスタービン", "ｳﾞｧＡﾞ", "Ａ゛ｶ゛"] {
            #expect(TextAnalysis.normalisedKana(TextAnalysis.folded(text))
                == TextAnalysis.normalisedKana(Array(text.lowercased().unicodeScalars)).map(TextAnalysis.halfWidth), "\(text)")
        }
    }

    @Test("packed terms give back the sorted numbers they were made of, at every size of gap")
    func packedTermsRoundTrip() {
        let lists: [[Int32]] = [
            [], [0], [0, 0], [0, 1, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, Int32.max],
            [5, 5, 6], Array(stride(from: 3, to: 60_000, by: 517)),
        ]
        for list in lists { #expect(PackedTerms(list).terms == list, "\(list.prefix(5))") }
    }

    @Test("a company's technologies read from their column arrays as written: absent texts, quotes, braces, commas, line breaks, codes")
    func technologiesReadAsWritten() async throws {
        let world = try await MatchWorld.fresh()
        defer { world.pool.close() }
        let company = try await world.company("Arrays Inc.")
        let drafts = [
            CompanyTechnologyDraft(titleEn: #"Say "hi", {braces} and \back\slash"#, descriptionEn: "NULL", taxonomyCodes: ["solar_pv", "battery_storage"],
                                   maturity: .pilot, disclosure: .coordinators),
            CompanyTechnologyDraft(titleJa: "太陽光\n発電、「屋根」", descriptionJa: "  前後の空白  ", maturity: .concept, disclosure: .partners),
            CompanyTechnologyDraft(titleJa: "+", titleEn: "", descriptionEn: "a,b", taxonomyCodes: [], maturity: .commercial, disclosure: .public),
        ]
        var written: [UUID: CompanyTechnologyDraft] = [:]
        for draft in drafts {
            do {
                let technology = try await world.companies.createTechnology(draft, companyID: company.id, by: admin)
                written[technology.id] = draft
            } catch {
                // An empty title is refused by the directory; the rest must still read back.
                #expect(draft.titleEn == "")
            }
        }
        let order: [UUID] = try await world.pool.query("""
            SELECT id FROM company_technologies WHERE company_id = \(company.id) ORDER BY created_at, id
            """).map { try $0.decode("id") }
        let read = try await world.pool.withConnection { try await MatchSourceStore().profiles([company.id], on: $0) }
        let technologies = try #require(read.first?.profile?.technologies)
        #expect(technologies.map(\.id) == order)
        #expect(technologies.count == written.count)
        for technology in technologies {
            let draft = try #require(written[technology.id])
            #expect(technology.titleJa == draft.titleJa)
            #expect(technology.titleEn == draft.titleEn)
            #expect(technology.descriptionJa == draft.descriptionJa)
            #expect(technology.descriptionEn == draft.descriptionEn)
            #expect(technology.taxonomyCodes == (draft.taxonomyCodes ?? []))
            #expect(technology.maturity.rawValue == draft.maturity.rawValue)
            #expect(technology.disclosure.rawValue == draft.disclosure.rawValue)
        }
    }
}
