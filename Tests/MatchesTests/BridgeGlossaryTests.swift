@testable import Matches
import Testing

/// The glossary's bridge part (GlossaryData+Bridge.swift) and what found it: the terms of real profiles that met no sense in
/// the other language (`GlossaryProbe.unmet`, `DominoBench glossary-coverage --profiles`; docs/matching.md, "The
/// thirty-third round").
@Suite("The bridge glossary carries what real profiles say across the languages")
struct BridgeGlossaryTests {
    static func senses(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        TextAnalysis.terms(text, glossary: glossary).filter { $0.hasPrefix("g:") }
    }

    static let others = [GlossaryData.energy, GlossaryData.environment, GlossaryData.urban, GlossaryData.general, GlossaryData.practice,
                         GlossaryData.function, GlossaryData.profile, GlossaryData.standard].joined(separator: "\n")
    static let withoutBridge = Glossary(others)

    @Test("a profile's term meets its pair in the other language, in a sentence", arguments: [
        ("部分負荷時の効率が高い冷凍機", "chillers that keep their efficiency at part load"),
        ("電力使用量の見える化", "showing electricity consumption to tenants"),
        ("セラミック平膜による膜分離活性汚泥法", "flat sheet membranes for an MBR"),
        ("ごみ収集の塵芥車", "a refuse collection vehicle"),
        ("着脱式バッテリーの電動バイク", "electric motorbikes with swappable batteries"),
        ("気象予報と河川の警報", "flood forecasting and warnings"),
        ("デジタルタコグラフで急加速・急ブレーキを記録", "a digital tachograph recording harsh braking"),
        ("粒状活性炭による高度浄水処理", "granular activated carbon filters"),
        ("産業用ヒートポンプ", "heat pumps for industrial users"),
        ("長寿命化による更新費用の削減", "life extension of the old pumps"),
        ("衛星画像による森林の地図化", "mapping forests from satellite imagery"),
        ("直流で給電する", "DC power for the data centre"),
    ])
    func termMeetsPair(japanese: String, english: String) {
        #expect(!Self.senses(japanese).isDisjoint(with: Self.senses(english)), "\(japanese) / \(english)")
    }

    @Test("a pair the part adds met nowhere before it, and meets with it", arguments: [
        ("負荷", "load"), ("使用量", "consumption"), ("平膜", "flat sheet membrane"), ("微生物", "microbes"),
        ("予報", "forecasting"), ("分析計", "gas analysers"), ("生活排水", "domestic wastewater"), ("長寿命", "long life"),
        ("産業用", "industrial"), ("塵芥車", "refuse collection vehicle"), ("塩ビ", "PVC"), ("通信機器", "telecommunications"),
    ])
    func pairIsNew(japanese: String, english: String) {
        #expect(Self.senses(japanese, glossary: Self.withoutBridge).isDisjoint(with: Self.senses(english, glossary: Self.withoutBridge)),
                "met before: \(japanese)")
        #expect(!Self.senses(japanese).isDisjoint(with: Self.senses(english)), "\(japanese) / \(english)")
    }

    @Test("generic heads left out stay apart: water leakage is not a refrigerant leak, cash flow is no flow rate, a verb is no shop")
    func genericHeadsStayApart() {
        #expect(Self.senses("冷媒の漏えい").isDisjoint(with: Self.senses("water leakage")))
        #expect(Self.senses("流量").isDisjoint(with: Self.senses("cash flow")))
        #expect(Self.senses("店舗").isDisjoint(with: Self.senses("store electricity")))
        #expect(Self.senses("国際交流").isDisjoint(with: Self.senses("alternating current")))
    }

    @Test("a bridge line joins at most one sense of the other parts and never merges two")
    func linesMergeNothing() {
        Self.expectJoinsAtMostOneSense(part: GlossaryData.bridge, others: Self.others, atLeast: 80)
    }

    /// Each line of a glossary `part` joins at most one sense of the glossary of the `others` parts (a line that repeats a
    /// variant of two senses would merge them), and no two lines of the part share a variant: the part adds one sense per
    /// line that joins none. Used by the profile part's tests too.
    static func expectJoinsAtMostOneSense(part: String, others: String, atLeast minimum: Int) {
        let base = Glossary(others)
        var expected = base.senseCount
        let lines = part.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        #expect(lines.count >= minimum)
        for line in lines {
            let joined = base.senses(joinedBy: line)
            #expect(joined.count <= 1, "\(line) merges senses of the other parts")
            expected += joined.isEmpty ? 1 : 0
        }
        #expect(Glossary(others + "\n" + part).senseCount == expected)
    }

    @Test("the unmet terms of a profile: what is left of a Japanese piece after the glossary's terms, and English words in no sense")
    func unmetTerms() {
        let japanese = GlossaryProbe.unmet("下水処理場の送風機を更新し、溶存マンガンを除去する").japanese
        #expect(japanese.contains("溶存"), "\(japanese)")
        #expect(!japanese.contains { $0.contains("下水") || $0.contains("送風") }, "\(japanese)")
        // A katakana word with a loanword key crosses on its own (LoanwordKey), so it is not listed.
        #expect(!GlossaryProbe.unmet("プロジェクト").japanese.contains("プロジェクト"))
        let english = GlossaryProbe.unmet("Waste heat recovery for 3 MW gensets, with a zorbing widget").english
        #expect(english.contains("zorbing") && english.contains("widget"), "\(english)")
        #expect(!english.contains("heat") && !english.contains("recovery") && !english.contains("mw") && !english.contains("3"), "\(english)")
    }
}
