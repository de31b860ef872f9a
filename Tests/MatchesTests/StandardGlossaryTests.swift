@testable import Matches
import Testing

/// The glossary's standard part (GlossaryData+Standard.swift): the standard terms of the taxonomy's fields that the
/// matcher's reading did not carry across the languages now meet their pairs (docs/matching.md, "The sixteenth round").
@Suite("The standard glossary carries each field's standard terms across the languages")
struct StandardGlossaryTests {
    static func senses(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        TextAnalysis.terms(text, glossary: glossary).filter { $0.hasPrefix("g:") }
    }

    static let others = [GlossaryData.energy, GlossaryData.environment, GlossaryData.urban, GlossaryData.general, GlossaryData.practice,
                         GlossaryData.function, GlossaryData.profile].joined(separator: "\n")
    static let withoutStandard = Glossary(others)

    @Test("a standard term in a Japanese sentence meets its English pair in an English one", arguments: [
        ("下水処理場の汚泥をベルトプレスで脱水する", "a belt press to dewater the sludge"),
        ("ごみ焼却施設のバグフィルターを更新したい", "the bag filters of the incinerator are worn"),
        ("レドックスフロー電池を併設する", "a vanadium redox flow battery next to the solar farm"),
        ("浄水場に限外ろ過膜を導入", "ultrafiltration for the treatment works"),
        ("干潟の保全", "restoring the tidal flats of the bay"),
        ("配水ブロックごとの水圧管理", "pressure management in district metered areas"),
        ("ダイオキシン類の排出を抑える", "dioxins from the old furnaces"),
        ("津波の避難所に非常用電源", "power for evacuation shelters"),
        ("有機ランキンサイクルで排熱から発電", "an organic Rankine cycle unit on the exhaust"),
        ("燃料電池自動車の導入", "a fleet of fuel cell vehicles"),
        ("急速充電器を設置する", "fast chargers along the highway"),
        ("ビル用マルチエアコンの更新", "VRF systems for the offices"),
        ("直接空気回収の実証", "a direct air capture pilot"),
        ("高炉の排出削減", "blast furnaces of the steelworks"),
        ("遮断器の交換", "circuit breakers of the substation"),
        ("倉庫の除湿機", "dehumidifiers in the warehouse"),
        ("家庭の汚水を処理する", "wastewater from households"),
        ("ナトリウム硫黄電池による系統安定化", "a sodium-sulfur battery"),
        ("生態系サービスの評価", "valuing ecosystem services"),
    ])
    func termMeetsPair(japanese: String, english: String) {
        #expect(!Self.senses(japanese).isDisjoint(with: Self.senses(english)), "\(japanese) / \(english)")
    }

    @Test("a pair the part adds met nowhere before it, and meets with it", arguments: [
        ("レドックスフロー電池", "redox flow battery"), ("限外ろ過", "ultrafiltration"), ("干潟", "tidal flat"), ("バグフィルター", "bag filter"),
        ("ダイオキシン類", "dioxins"), ("津波", "tsunami"), ("高炉", "blast furnace"), ("燃料電池自動車", "fuel cell vehicle"),
        ("有機ランキンサイクル", "organic Rankine cycle"), ("汚水", "wastewater"), ("急速充電器", "rapid charger"),
        ("除湿", "dehumidification"), ("ナトリウム硫黄電池", "sodium-sulfur battery"),
    ])
    func pairIsNew(japanese: String, english: String) {
        Self.expectMeetsOnlyWithLines(japanese, english, before: Self.withoutStandard)
    }

    /// The pair met nowhere in the glossary `before` some lines, and meets in the shipped one.
    static func expectMeetsOnlyWithLines(_ japanese: String, _ english: String, before: Glossary) {
        #expect(senses(japanese, glossary: before).isDisjoint(with: senses(english, glossary: before)), "met before: \(japanese)")
        #expect(!senses(japanese).isDisjoint(with: senses(english)), "\(japanese) / \(english)")
    }

    /// The glossary before the twentieth round's lines for the check list's misses (the end of the standard part).
    static let beforeCheckListLines: Glossary = {
        let standard = GlossaryData.standard.split(separator: "\n").prefix { !$0.hasPrefix("# The check list's misses") }
        return Glossary(others + "\n" + standard.joined(separator: "\n"))
    }()

    @Test("a pair of the check list that met nowhere meets through the twentieth round's lines", arguments: [
        ("軽量太陽電池", "lightweight solar module"), ("風力タービン", "wind turbine generator"), ("水路式発電", "conduit hydropower"),
        ("ヤシ殻", "palm shells"), ("調整力", "balancing capacity"), ("島嶼電力", "island power system"), ("ネガワット", "negawatt"),
        ("自動運転制御", "automated operation"), ("監視盤", "control panel"),
        ("省エネ建築", "energy-efficient building"), ("資源回収", "resource recovery"), ("廃プラ", "waste plastics"),
        ("水道施設", "water facilities"), ("水道管", "water mains"), ("淡水化プラント", "desalination plant"),
        ("電動スクーター", "electric scooter"), ("電池交換ステーション", "battery swap station"), ("電解槽", "electrolyzer stack"),
        ("自然環境", "natural environment"), ("自然保護", "nature conservation"), ("海藻藻場", "kelp forest"),
        ("農業用水", "agricultural water"), ("焼畑", "slash-and-burn"),
    ])
    func checkListPairMeets(japanese: String, english: String) {
        Self.expectMeetsOnlyWithLines(japanese, english, before: Self.beforeCheckListLines)
    }

    /// The glossary before the thirty-second round's lines (tune38; the end of the standard part).
    static let beforeRound32Lines: Glossary = {
        let standard = GlossaryData.standard.split(separator: "\n").prefix { !$0.hasPrefix("# The thirty-second round") }
        return Glossary(others + "\n" + standard.joined(separator: "\n"))
    }()

    @Test("a pair the thirty-second round's lines add met nowhere before them, and meets with them", arguments: [
        ("電動商用車", "electric truck"), ("薄くて軽い太陽電池", "light roofs"),
        ("収集ルート", "collection routes"), ("収集システム", "collection systems"),
    ])
    func round32PairMeets(japanese: String, english: String) {
        Self.expectMeetsOnlyWithLines(japanese, english, before: Self.beforeRound32Lines)
    }

    @Test("the thirty-second round's lines meet in sentences", arguments: [
        ("ごみの収集ルートを見直す", "planning the collection routes of the city"),
        ("収集システムの改善を支援する", "advice on collection systems for local governments"),
    ])
    func round32LinesInSentences(japanese: String, english: String) {
        #expect(!Self.senses(japanese).isDisjoint(with: Self.senses(english)), "\(japanese) / \(english)")
    }

    @Test("the check list's lines meet in sentences, and carbon removal is not carbon capture", arguments: [
        ("パーム油工場のヤシ殻を燃料にする", "boilers fired with palm shells from the mills"),
        ("離島の島嶼電力系統に蓄電池を入れる", "batteries for the island grid"),
        ("老朽化した水道管の更新", "replacing the old water mains"),
        ("淡水化プラントの省エネ", "the desalination plant uses too much power"),
        ("焼畑による森林減少", "forest loss from slash-and-burn agriculture"),
    ])
    func checkListLinesInSentences(japanese: String, english: String) {
        #expect(!Self.senses(japanese).isDisjoint(with: Self.senses(english)), "\(japanese) / \(english)")
        #expect(Self.senses("carbon removal").isDisjoint(with: Self.senses("carbon capture")))
    }

    @Test("a standard line joins at most one sense of the other parts and never merges two")
    func linesMergeNothing() {
        var expected = Self.withoutStandard.senseCount
        let lines = GlossaryData.standard.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        #expect(lines.count >= 150)
        for line in lines {
            let joined = Self.withoutStandard.senses(joinedBy: line)
            #expect(joined.count <= 1, "\(line) merges senses of the other parts")
            expected += joined.isEmpty ? 1 : 0
        }
        // Two standard lines sharing a variant would merge their senses too (the bridge part comes after: BridgeGlossaryTests).
        #expect(Glossary(Self.others + "\n" + GlossaryData.standard).senseCount == expected)
    }

    @Test("every Japanese variant of the part can be met: kana and kanji only, as a Japanese run is read")
    func japaneseVariantsAreReadable() {
        let glossary = Glossary(GlossaryData.standard)
        for entry in glossary.entries {
            for variant in entry.japanese {
                #expect(variant.unicodeScalars.allSatisfy(TextAnalysis.isJapanese), "\(variant)")
                #expect(!Self.senses(variant).isEmpty, "\(variant)")
            }
        }
    }

    @Test("a compound no longer names what its first word names alone, and sector words stay out")
    func misreadingsAndSectorWords() {
        // "junction box" named a road junction (交差点) before it was a line of its own.
        #expect(Self.senses("junction box").isDisjoint(with: Self.senses("intersection")))
        #expect(!Self.senses("junction box", glossary: Self.withoutStandard).isDisjoint(with: Self.senses("intersection")))
        // 交通 and 運輸 name a sector: a line for them pulled a climate plan that mentions traffic into transport.
        for text in ["交通", "運輸", "都市"] {
            #expect(Self.senses(text) == Self.senses(text, glossary: Self.withoutStandard), "\(text)")
        }
    }
}
