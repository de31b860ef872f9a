@testable import Matches
import Testing

/// Compounds met through their parts (docs/matching.md, "The eighteenth round"; `Glossary+Compounds`): a compound written
/// with a synonym of a part of a glossary compound names that compound, in either language, and a part alone names
/// nothing new.
@Suite("Compounds met through their parts")
struct CompoundReadingTests {
    static func senses(_ text: String, glossary: Glossary = .shipped) -> Set<String> { JapaneseWritingTests.senses(text, glossary: glossary) }

    static func sense(ofEnglish english: String, glossary: Glossary = .shipped) -> String? {
        JapaneseWritingTests.sense(ofEnglish: english, glossary: glossary)
    }

    @Test("a Japanese compound no line lists meets its English phrase through its parts", arguments: [
        ("ごみ処理", "waste treatment"),
        ("市のごみ処理を改善する", "waste treatment"),
        ("廃棄物収集", "waste collection"),
        ("ゴミ処理技術の導入", "waste treatment"),
        ("生ごみ処理機", "waste treatment"),
    ])
    func japaneseCompoundMeets(japanese: String, english: String) {
        let sense = Self.sense(ofEnglish: english)
        #expect(sense != nil && Self.senses(japanese).contains(sense ?? ""), "\(japanese) / \(english)")
    }

    @Test("an English compound written with a synonym of a part meets the Japanese compound", arguments: [
        ("refuse treatment", "廃棄物処理"),
        ("garbage treatment for the city", "廃棄物処理"),
        ("rubbish collection", "ごみ収集"),
    ])
    func englishCompoundMeets(english: String, japanese: String) {
        let japaneseSenses = Self.senses(japanese)
        let shared = Self.senses(english).intersection(japaneseSenses)
        #expect(shared.contains(Self.sense(ofEnglish: "waste treatment") ?? "") || shared.contains(Self.sense(ofEnglish: "waste collection") ?? ""),
                "\(english) / \(japanese)")
    }

    @Test("a pattern of senses alone reads in both languages: septic tank sludge is septage (腐敗槽 and 汚泥)")
    func sensesOnlyPattern() {
        let septage = Self.sense(ofEnglish: "septage")
        #expect(septage != nil && Self.senses("a plant that treats septic tank sludge").contains(septage ?? ""))
        #expect(!Self.senses("septic tanks and sewage sludge").contains(septage ?? "-"))
    }

    @Test("a place is named once: a compound's parts do not name again what a line there names")
    func namedOnce() {
        for text in ["非常用電源", "生ごみ処理機", "ごみ処理", "refuse treatment"] {
            let counts = TextAnalysis.termCounts(text).filter { $0.key.hasPrefix("g:") }
            #expect(counts.values.allSatisfy { $0 == 1 }, "\(text): \(counts)")
        }
    }

    @Test("the coverage probe, as an explanation, names the compound that met")
    func probeNamesTheCompound() {
        #expect(GlossaryProbe("ごみ処理").sharedSenses(with: GlossaryProbe("waste treatment")) == ["waste treatment"])
    }

    @Test("a part alone, parts apart or in another order name no compound", arguments: [
        "処理", "ごみの処理", "処理ごみ", "収集", "treatment", "treatment of refuse", "refuse and treatment",
    ])
    func partsAloneNameNothingNew(text: String) {
        let compounds = Set(["waste treatment", "waste collection"].compactMap { Self.sense(ofEnglish: $0) })
        #expect(Self.senses(text).isDisjoint(with: compounds), "\(text)")
    }

    @Test("a compound's parts still name their own senses, and a compound with its own line reads as before")
    func partsKeepTheirSenses() {
        let waste = Self.sense(ofEnglish: "waste") ?? "-"
        #expect(Self.senses("ごみ処理").contains(waste))
        #expect(Self.senses("refuse treatment").contains(waste))
        #expect(Self.senses("ごみ処理") == Self.senses("廃棄物処理"))
        #expect(Self.senses("waste treatment") == [Self.sense(ofEnglish: "waste treatment") ?? "-"])
    }

    @Test("a pattern: a sense and the characters or words as written; characters between two senses fill the gap")
    func patterns() {
        let glossary = Glossary("""
            廃棄物|ごみ ; waste|refuse ; T
            汚泥 ; sludge ; T
            廃棄物処理 ; waste treatment ; T
            廃棄物処理汚泥 ; waste treatment sludge ; T
            """)
        let treatment = Self.sense(ofEnglish: "waste treatment", glossary: glossary)
        let treatmentSludge = Self.sense(ofEnglish: "waste treatment sludge", glossary: glossary)
        #expect(Self.senses("ごみ処理", glossary: glossary).contains(treatment ?? "-"))
        #expect(Self.senses("refuse treatment", glossary: glossary).contains(treatment ?? "-"))
        // 廃棄物処理汚泥 is 廃棄物処理 (a sense) and 汚泥, one level: ごみ処理汚泥 is ごみ, 処理, 汚泥, which no pattern has.
        #expect(!Self.senses("ごみ処理汚泥", glossary: glossary).contains(treatmentSludge ?? "-"))
        #expect(Self.senses("廃棄物処理汚泥", glossary: glossary).contains(treatmentSludge ?? "-"))
        #expect(glossary.compounds.japanese[.sense(0)]?.map(\.parts) == [[.sense(0), .characters(Array("処理".unicodeScalars))]])
        #expect(glossary.compounds.english[.sense(0)]?.map(\.parts) == [[.sense(0), .word("treatment")]])
    }

    @Test("a pattern two senses give is left out, and one-character parts make none")
    func ambiguousAndLoosePatterns() {
        let glossary = Glossary("""
            廃棄物|ごみ ; waste|refuse ; T
            廃棄物処理 ; waste treatment ; T
            廃棄物処理 ; waste disposal ; A
            ごみ炉 ; refuse furnace ; A
            """)
        // The two 廃棄物処理 lines are one sense (they share the variant): the pattern is not ambiguous.
        #expect(Self.senses("ごみ処理", glossary: glossary).contains(Self.sense(ofEnglish: "waste disposal", glossary: glossary) ?? "-"))
        let ambiguous = Glossary("""
            廃棄物|ごみ ; waste|refuse ; T
            廃棄物処理 ; waste treatment ; T
            ごみ処理 ; garbage processing ; A
            ごみ炉 ; refuse furnace ; A
            """)
        #expect(ambiguous.compounds.japanese[.sense(0)] == nil)
        #expect(Self.senses("廃棄物炉", glossary: ambiguous).count == 1)
    }

    @Test("the reader agrees with TextAnalysis on compounds")
    func readerAgrees() {
        for text in ["市のごみ処理と廃棄物収集", "refuse treatment and rubbish collection", "ごみ処理 waste treatment"] {
            var reader = TermReader()
            let reading = reader.read(text)
            let counted = Dictionary(uniqueKeysWithValues: reading.counts.map { (reader.terms[$0.key], $0.value) })
            #expect(counted == TextAnalysis.termCounts(text), "\(text)")
        }
    }
}
