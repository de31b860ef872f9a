@testable import Matches
import Testing

/// The glossary's function part (GlossaryData+Function.swift): a city writes what it wants done, a profile names the
/// equipment that does it, in either language (docs/matching.md, "The ninth round").
@Suite("The function glossary joins what a plant does to its name")
struct FunctionGlossaryTests {
    static func senses(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        TextAnalysis.terms(text, glossary: glossary).filter { $0.hasPrefix("g:") }
    }

    @Test("a plain-language paraphrase of a function meets the named equipment, in English and in Japanese", arguments: [
        ("boiler", ["We raise steam with coal for the dyeing line", "工場で蒸気をつくっている", "工程への蒸気供給"]),
        ("chiller", ["we need to produce chilled water for the towers", "冷水をつくって各階に送る", "冷水製造設備"]),
        ("water heater", ["units that heat water for the guest rooms", "お湯を沸かす設備が古い"]),
        ("インバータ", ["fans are controlled by throttling valves", "ポンプの回転数を制御する", "バルブ制御をやめたい"]),
        ("incineration", ["we burn garbage at the edge of town", "集めたごみを燃やして処理している"]),
        ("無収水", ["half the water is unaccounted-for water", "請求されない水が多い"]),
        ("leak detection", ["crews that locate leaks in the mains", "漏水検知の機器"]),
        ("space cooling", ["machines to cool the rooms of the school", "部屋を冷やす"]),
        ("storage battery", ["蓄電池", "余った電気を貯めておく", "store surplus electricity for the evening"]),
        ("composting", ["生ごみを肥料に変える", "turning market waste into fertiliser"]),
        ("shore power", ["to power ships at berth", "停泊中の船に電力を送る"]),
        ("emissions accounting", ["we cannot yet calculate emissions by sector", "排出量を算定したい"]),
    ])
    func paraphraseMeetsName(name: String, paraphrases: [String]) {
        let named = Self.senses(name)
        #expect(!named.isEmpty)
        for text in paraphrases {
            #expect(!Self.senses(text).intersection(named).isEmpty, "\(text) does not name \(name)")
        }
    }

    @Test("generic words of saving and improving name no function, and senses the lines keep apart stay apart")
    func genericPhrasesNameNoFunction() {
        let functions = ["boiler", "chiller", "インバータ", "incineration", "storage battery", "energy audit", "energy management system"]
            .map { Self.senses($0) }.reduce(Set<String>()) { $0.union($1) }
        for text in ["reduce energy use and save costs", "電気代を削減したい", "設備を効率化する", "improve efficiency", "省エネを進めたい"] {
            #expect(Self.senses(text).isDisjoint(with: functions), "\(text)")
        }
        // "chilled water" keeps its own sense (冷水): every air-conditioning maker names chillers (docs/matching.md, round 7).
        #expect(Self.senses("chilled water").isDisjoint(with: Self.senses("chiller")))
        #expect(Self.senses("cooling water").isDisjoint(with: Self.senses("space cooling")))
        #expect(Self.senses("hot water").isDisjoint(with: Self.senses("boiler")))
    }

    @Test("a function line joins the one sense it describes and never merges two senses of the other parts")
    func linesJoinOneSense() {
        let others = [GlossaryData.energy, GlossaryData.environment, GlossaryData.urban, GlossaryData.general, GlossaryData.practice]
            .joined(separator: "\n")
        let base = Glossary(others).senseCount
        // The seventh round joined compressed air to air compressors and speed control to inverters on purpose.
        let deliberate: Set<String> = ["空気圧縮機|圧縮空気 ; air compressor|compressed air ; D",
                                       "インバータ|回転数制御 ; inverter|speed control|motor speed control|variable-speed drive ; D"]
        var expected = base
        let lines = GlossaryData.function.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
        #expect(lines.count >= 180)
        for line in lines {
            let change = Glossary(others + "\n" + line).senseCount - base
            #expect(change >= 0 || deliberate.contains(line), "\(line) merges senses of the other parts")
            #expect(change <= 0 || line.hasPrefix("電気炉"), "\(line) names no sense of the other parts")
            expected += change
        }
        // Two lines sharing a function variant would merge their senses too (the profile part comes after: ProfileGlossaryTests).
        #expect(Glossary(others + "\n" + GlossaryData.function).senseCount == expected)
    }
}
