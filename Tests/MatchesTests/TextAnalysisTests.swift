import FoundationEssentials
@testable import Matches
import Testing

@Suite("The matcher's building blocks")
struct TextAnalysisTests {
    @Test("Japanese text becomes kanji and katakana bigrams; pairs of hiragana are dropped; English words lose plurals")
    func terms() {
        let terms = TextAnalysis.terms("廃棄物発電です。Solar panels and batteries")
        #expect(terms.isSuperset(of: ["j:廃棄", "j:棄物", "j:物発", "j:発電", "w:solar", "w:panel", "w:battery"]))
        #expect(!terms.contains("j:です"))
        #expect(!terms.contains("w:and"))
    }

    @Test("taxonomy terms are found in either language; a short acronym only as written")
    func concepts() {
        let vocabulary = ConceptVocabulary([
            TaxonomyTerm(code: "mobility", parentCode: nil, nameEn: "Transport and mobility", nameJa: "交通", synonyms: []),
            TaxonomyTerm(code: "public_transport", parentCode: "mobility", nameEn: "Public transport", nameJa: "公共交通",
                         synonyms: ["ITS", "bus rapid transit"]),
            TaxonomyTerm(code: "solar_pv", parentCode: nil, nameEn: "Solar photovoltaics", nameJa: "太陽光発電", synonyms: ["solar panel", "ＰＶ"]),
        ])
        func codes(_ text: String) -> Set<String> { Set(vocabulary.concepts(in: text).map { vocabulary.codes[$0.concept] }) }
        #expect(codes("Its buses need a Bus Rapid Transit line") == ["public_transport"])
        #expect(codes("its buses") == [])
        #expect(codes("ITS for junctions") == ["public_transport"])
        #expect(codes("屋根に太陽光発電を設置") == ["solar_pv"])
        #expect(codes("Solar panels on schools") == ["solar_pv"])
        #expect(codes("PV modules") == ["solar_pv"])
    }

    @Test("the top list keeps the best entries by score, equal scores by company id, whatever the order they come in")
    func topList() {
        let ids = (0..<60).map { _ in UUID() }
        let entries = ids.enumerated().map { position, id in
            TopList.Entry(score: Double((position * 7919) % 13) / 10, key: CompanyKey(id), slot: Int32(position),
                          parts: ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0))
        }
        let expected = entries.sorted {
            $0.score != $1.score ? $0.score > $1.score : ids[Int($0.slot)].uuidString < ids[Int($1.slot)].uuidString
        }
        for limit in [1, 5, 17, 60, 80] {
            var list = TopList(limit: limit)
            for entry in entries where list.admits(entry) { list.insert(entry) }
            #expect(list.sorted().map(\.slot) == expected.prefix(limit).map(\.slot))
        }
    }
}
