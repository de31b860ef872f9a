import FoundationEssentials
@testable import Matches
import Testing

@Suite("The matcher's building blocks")
struct TextAnalysisTests {
    @Test("Japanese text becomes kanji and katakana bigrams; pairs of hiragana are dropped; English words are stemmed")
    func terms() {
        let terms = TextAnalysis.terms("廃棄物発電です。Solar panels and batteries")
        // 物発 joins 廃棄物 and 発電, words the glossary knows: a term that names the join (TextAnalysis.pieceTerms).
        #expect(terms.isSuperset(of: ["j:廃棄", "j:棄物", "j:廃棄物|発電", "j:発電", "w:solar", "w:panel"]))
        #expect(!terms.contains("j:物発") && !terms.contains("j:物発|"))
        #expect(terms.contains("w:" + TextAnalysis.stem("battery")))
        #expect(!terms.contains("j:です"))
        #expect(!terms.contains("w:and"))
    }

    @Test("the Porter stemmer gives the published outputs", arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"), ("agreed", "agre"),
        ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"), ("hopping", "hop"), ("falling", "fall"),
        ("filing", "file"), ("happy", "happi"), ("relational", "relat"), ("conditional", "condit"),
        ("generalizations", "gener"), ("oscillators", "oscil"), ("adjustment", "adjust"), ("effective", "effect"),
        ("goodness", "good"), ("hopeful", "hope"), ("allowance", "allow"), ("electrical", "electr"),
    ])
    func porter(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test("a need's and a profile's different endings meet: incinerator, incineration, incinerators")
    func endingsMeet() {
        let stems = Set(["incinerator", "incineration", "incinerators"].map(TextAnalysis.stem))
        #expect(stems.count == 1)
        #expect(TextAnalysis.stem("efficiency") == TextAnalysis.stem("efficient"))
    }

    @Test("the glossary gives a Japanese term and its English pair the same sense, whichever language a text is in")
    func glossaryBridges() {
        let japanese = TextAnalysis.terms("ストーカ式の焼却炉でごみ発電を行う").filter { $0.hasPrefix("g:") }
        let english = TextAnalysis.terms("An incinerator for waste-to-energy").filter { $0.hasPrefix("g:") }
        #expect(japanese.intersection(english).count >= 2)
        let leak = TextAnalysis.terms("漏水探知機").filter { $0.hasPrefix("g:") }
        #expect(leak.isSuperset(of: TextAnalysis.terms("water leakage").filter { $0.hasPrefix("g:") }))
        #expect(leak.isSuperset(of: TextAnalysis.terms("leak detection").filter { $0.hasPrefix("g:") }))
    }

    @Test("what a plant does meets its name: a Japanese verb phrase in any conjugation, an English phrase of its function")
    func functionsMeetNames() {
        func senses(_ text: String) -> Set<String> { TextAnalysis.terms(text).filter { $0.hasPrefix("g:") } }
        let battery = senses("蓄電池")
        #expect(!battery.isEmpty)
        // The line is written without the ending (電気をため), so ためる, ためて, ためておき all name the battery.
        for text in ["昼の電気をためる", "昼に発電した電気をためておき", "電気をためて夜に使う", "We want to store electricity for the night"] {
            #expect(senses(text).isSuperset(of: battery), "\(text)")
        }
        let production = senses("水素製造").subtracting(senses("水素"))
        #expect(!production.isEmpty)
        #expect(senses("余った電力で水素をつくり、輸送に使う").isSuperset(of: production))
        #expect(senses("a compressed-air system").isSuperset(of: senses("air compressor")))
        #expect(senses("海水から真水を得る施設").isSuperset(of: senses("desalination")))
        // Not every sentence with 電気 or 水素 names them.
        #expect(senses("電気代が高い").isDisjoint(with: battery))
        #expect(senses("水素ステーション").isDisjoint(with: production))
    }

    @Test("the glossary segments Japanese by the longest term, and an English compound names its head too")
    func longestMatch() {
        let glossary = Glossary("""
            下水 ; sewage ; A
            汚泥 ; sludge ; A
            下水汚泥 ; sewage sludge ; A
            熱回収 ; heat recovery ; A
            廃熱 ; waste heat ; A
            廃熱回収 ; waste heat recovery ; A
            """)
        let run = Array("下水汚泥の処理".unicodeScalars)
        let found = glossary.senses(inJapanese: run)
        #expect(found.first?.range == 0..<4)
        #expect(Set(found.map { glossary.name(of: $0.sense) }) == ["sewage sludge", "sewage", "sludge"])
        let words = TextAnalysis.words("waste heat recovery units")
        #expect(Set(glossary.senses(inWords: words).map(glossary.name(of:))) == ["waste heat recovery", "heat recovery"])
    }

    @Test("an English glossary term meets its inflections (plurals, -ed, -ing), not the derivations Porter joins it with")
    func glossaryInflections() {
        let glossary = Glossary("""
            発電機 ; generator ; A
            再生可能エネルギー ; renewables ; A
            炭化 ; carbonization ; A
            焼却炉 ; incinerator ; A
            漏水探知 ; leak detection ; A
            """)
        func names(_ text: String) -> Set<String> { Set(glossary.senses(inWords: TextAnalysis.words(text)).map(glossary.name(of:))) }
        // Porter's full stems are equal ("gener", "renew", "carbon"); the words mean other things.
        #expect(TextAnalysis.stem("generation") == TextAnalysis.stem("generator"))
        #expect(names("power generation in general; renew the buses; carbon credits").isEmpty)
        #expect(names("two generators, renewables, carbonization") == ["generator", "renewables", "carbonization"])
        #expect(names("incinerators; leaks detection") == ["incinerator", "leak detection"])
    }

    @Test("half-width katakana and decomposed voicing marks read as the usual full-width kana (ｿｰﾗｰﾊﾟﾈﾙ is ソーラーパネル)")
    func kanaNormalised() {
        #expect(TextAnalysis.terms("ｿｰﾗｰﾊﾟﾈﾙとﾊﾞｲｵｶﾞｽ発電") == TextAnalysis.terms("ソーラーパネルとバイオガス発電"))
        // カ + U+3099 (NFD, as some systems store text) is ガ; ウ + ﾞ is ヴ; a mark after a kanji composes with nothing.
        #expect(TextAnalysis.normalisedKana(Array("ハ\u{309A}ネルのカ\u{3099}ス".unicodeScalars)) == Array("パネルのガス".unicodeScalars))
        #expect(TextAnalysis.normalisedKana(Array("ｳﾞｪﾝﾄ熱ﾞ".unicodeScalars)) == Array("ヴェント熱".unicodeScalars))
        #expect(TextAnalysis.terms("ﾋｰﾄﾎﾟﾝﾌﾟ").contains { $0.hasPrefix("g:") })
        var reader = TermReader()
        #expect(Set(reader.read("ﾋｰﾄﾎﾟﾝﾌﾟ給湯機").counts.keys.map { reader.terms[$0] }) == TextAnalysis.terms("ヒートポンプ給湯機"))
    }

    @Test("a katakana term matches with or without its prolonged sound mark (モータ is モーター), and ranges are the text's")
    func prolongedSoundMark() {
        let glossary = Glossary("""
            モーター ; motor ; A
            ブロワ ; blower ; A
            """)
        let run = Array("高効率モータとターボブロワー".unicodeScalars)
        let found = glossary.senses(inJapanese: run)
        #expect(found.map { glossary.name(of: $0.sense) } == ["motor", "blower"])
        #expect(found.map(\.range) == [3..<6, 10..<14])
        #expect(TextAnalysis.terms("インバータ・高効率モータ", glossary: glossary) .contains { $0.hasPrefix("g:") })
        #expect(TextAnalysis.terms("モーター", glossary: glossary).filter { $0.hasPrefix("g:") }
            == TextAnalysis.terms("モータ", glossary: glossary).filter { $0.hasPrefix("g:") })
    }

    @Test("every line of the shipped glossary has both languages and a known source")
    func shippedGlossary() {
        let glossary = Glossary.shipped
        #expect(glossary.entries.count >= 300)
        for entry in glossary.entries {
            #expect(!entry.japanese.isEmpty && !entry.english.isEmpty, "\(entry)")
            #expect(["T", "M", "P", "J", "C", "S", "E", "I", "A", "D"].contains(entry.source), "\(entry)")
        }
    }

    @Test("the index's reader gives every text the same terms and counts as TextAnalysis, also when it has met the words before")
    func readerAgreesWithTextAnalysis() {
        let texts = [
            "廃棄物発電です。Solar panels and batteries", "ストーカ式の焼却炉でごみ発電を行う", "An incinerator for waste-to-energy",
            "漏水探知機 and water leakage; leak detection", "ＬＥＤ照明 for ITS and its street lamps", "Its buses need EV charging",
            "waste heat recovery from waste heat", "", "の", "製", "Đà Nẵng の下水汚泥", "Solar panels and batteries",
            "ダクタイル鋳鉄管とネットワーク・プラットフォーム", "ductile pipes, a network platform, Indonesia's grid",
        ]
        var reader = TermReader()
        for text in texts + texts.reversed() {
            let reading = reader.read(text)
            let counts = Dictionary(uniqueKeysWithValues: reading.counts.map { (reader.terms[$0.key], $0.value) })
            #expect(counts == TextAnalysis.termCounts(text), "\(text)")
            #expect(reading.words == TextAnalysis.words(text), "\(text)")
        }
    }

    @Test("a technology's taxonomy terms are the same whether its words are read apart or with the terms")
    func foundNumbersAgree() {
        let vocabulary = ConceptVocabulary([
            TaxonomyTerm(code: "public_transport", parentCode: nil, nameEn: "Public transport", nameJa: "公共交通", synonyms: ["ITS", "LED照明"]),
        ])
        let text = "公共交通\nPublic transport with ITS\nＬＥＤ照明"
        let words = TextAnalysis.words("公共交通\nPublic transport with ITS") + TextAnalysis.words("ＬＥＤ照明")
        #expect(Set(vocabulary.foundNumbers(in: text, words: words).map { vocabulary.foundTerms[Int($0)] }) == vocabulary.concepts(in: text))
        #expect(vocabulary.concepts(in: text).count == 4)
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

    @Test("the top list keeps the best entries by score, then evidence, then name, then company id, whatever the order they come in")
    func topList() {
        let ids = (0..<60).map { _ in UUID() }
        let parts = ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0)
        var entries: [TopList.Entry] = []
        for (position, id) in ids.enumerated() {
            let score = Double((position * 7919) % 5) / 10
            let evidence = Double((position * 31) % 3) / 10
            entries.append(TopList.Entry(score: score, evidence: evidence, name: "company \(position % 4)", key: CompanyKey(id),
                                         slot: Int32(position), parts: parts))
        }
        func before(_ a: TopList.Entry, _ b: TopList.Entry) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.evidence != b.evidence { return a.evidence > b.evidence }
            if a.name != b.name { return a.name < b.name }
            return ids[Int(a.slot)].uuidString < ids[Int(b.slot)].uuidString
        }
        let expected: [Int32] = entries.sorted(by: before).map(\.slot)
        for limit in [1, 5, 17, 60, 80] {
            var list = TopList(limit: limit)
            for entry in entries where list.admits(entry) { list.insert(entry) }
            let slots: [Int32] = list.sorted().map(\.slot)
            #expect(slots == Array(expected.prefix(limit)))
        }
    }
}
