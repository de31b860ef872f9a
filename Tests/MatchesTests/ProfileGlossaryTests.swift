@testable import Matches
import Testing

/// The glossary's profile part (GlossaryData+Profile.swift): the words Japanese company profiles use that no other line
/// reached now cross the languages (docs/matching.md, "The tenth round").
@Suite("The profile glossary carries what Japanese profiles say across the languages")
struct ProfileGlossaryTests {
    static func senses(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        TextAnalysis.terms(text, glossary: glossary).filter { $0.hasPrefix("g:") }
    }

    static let withoutProfile = Glossary([GlossaryData.energy, GlossaryData.environment, GlossaryData.urban, GlossaryData.general,
                                          GlossaryData.practice, GlossaryData.function].joined(separator: "\n"))

    @Test("a Japanese profile's term meets its English pair", arguments: [
        ("配管の保温工事", "insulating the piping of the plant"),
        ("廃タイヤとゴムの再資源化", "rubber from old tyres"),
        ("ターボブロワによる省エネ", "replacing the turbo blowers"),
        ("エアコンプレッサの更新", "an air compressor for the workshop"),
        ("オイルフリー圧縮機", "oil-free compressors"),
        ("サプライチェーン全体の排出量", "emissions across the supply chain"),
        ("CO2の液化と輸送", "liquefaction of captured CO2"),
        ("冷蔵倉庫の冷凍設備", "a refrigerated warehouse"),
        ("手選別ライン", "sorting of mixed recyclables"),
        ("生分解性樹脂の製品", "biodegradable packaging"),
        ("アミン吸収液による回収", "amine solvent capture"),
        ("半導体工場のクリーンルーム", "cleanroom air handling for a semiconductor plant"),
        ("耐震補強と断熱改修", "seismic retrofit of schools"),
        ("家庭用の燃料電池", "fuel cells for households"),
    ])
    func termMeetsPair(japanese: String, english: String) {
        #expect(!Self.senses(japanese).isDisjoint(with: Self.senses(english)), "\(japanese) / \(english)")
    }

    @Test("the pairs the part adds met nowhere before it")
    func pairsAreNew() {
        for (japanese, english) in [("配管", "piping"), ("エアコンプレッサ", "air compressor"), ("サプライチェーン", "supply chain"),
                                    ("液化", "liquefaction"), ("タイヤ", "tyres"), ("半導体", "semiconductor"), ("クリーンルーム", "cleanroom"),
                                    ("選別", "sorting"), ("ゴム", "rubber")] {
            #expect(Self.senses(japanese, glossary: Self.withoutProfile).isDisjoint(with: Self.senses(english, glossary: Self.withoutProfile)),
                    "\(japanese) / \(english)")
        }
    }

    @Test("a profile line joins at most one sense of the other parts and never merges two")
    func linesMergeNothing() {
        let others = [GlossaryData.energy, GlossaryData.environment, GlossaryData.urban, GlossaryData.general, GlossaryData.practice,
                      GlossaryData.function].joined(separator: "\n")
        BridgeGlossaryTests.expectJoinsAtMostOneSense(part: GlossaryData.profile, others: others, atLeast: 50)
    }

    @Test("process words and place names stay out of the part")
    func processWordsStayOut() {
        for text in ["設計", "建設", "運営", "開発", "設備", "design", "construction", "operation", "アジア", "office"] {
            #expect(Self.senses(text) == Self.senses(text, glossary: Self.withoutProfile), "\(text)")
        }
    }
}
