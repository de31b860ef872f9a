@testable import Matches
import Testing

/// Japanese as companies write it (docs/matching.md, "The seventeenth round"): terms that mix Latin letters or digits
/// with Japanese (LED照明, CO2回収, EVバス, ＮＡＳ電池 in full width), CO₂ with a subscript, and the long-vowel mark ー,
/// which technical writing leaves out at a word's end only.
@Suite("Japanese as companies write it: mixed scripts and long vowels")
struct JapaneseWritingTests {
    static func senses(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        TextAnalysis.terms(text, glossary: glossary).filter { $0.hasPrefix("g:") }
    }

    /// The sense of the line an English variant belongs to: the longest term its words make, the variant itself.
    static func sense(ofEnglish english: String, glossary: Glossary = .shipped) -> String? {
        glossary.senses(inWords: TextAnalysis.words(english)).first.map { "g:\($0)" }
    }

    @Test("a mixed variant in a Japanese sentence meets its English pair", arguments: [
        ("NAS電池を変電所に併設する", "sodium-sulfur battery"),
        ("ＮＡＳ電池を変電所に併設する", "sodium-sulfur battery"),
        ("工場排ガスからのCO2回収", "carbon capture"),
        ("工場排ガスからのＣＯ２回収", "carbon capture"),
        ("工場排ガスからのCO₂回収", "carbon capture"),
        ("RO膜による海水淡水化", "reverse osmosis"),
        ("路線にEVバスを導入", "electric bus"),
        ("CO2冷媒の冷凍機", "CO2 refrigerant"),
    ])
    func mixedVariantMeets(japanese: String, english: String) {
        let sense = Self.sense(ofEnglish: english)
        #expect(sense != nil && Self.senses(japanese).contains(sense ?? ""), "\(japanese) / \(english)")
    }

    @Test("a mixed variant's Latin end meets a whole Latin word only; its Japanese end may sit inside a compound")
    func mixedVariantEdges() {
        let glossary = Glossary("""
            NAS電池 ; NAS battery ; A
            オンサイトPPA ; on-site PPA ; A
            """)
        let nas = Self.senses("NAS battery", glossary: glossary)
        let ppa = Self.senses("on-site PPA", glossary: glossary)
        #expect(!nas.isEmpty && !ppa.isEmpty)
        #expect(nas.isSubset(of: Self.senses("大型NAS電池システムを納入", glossary: glossary)))
        #expect(Self.senses("XNAS電池", glossary: glossary).isEmpty)
        #expect(Self.senses("2NAS電池", glossary: glossary).isEmpty)
        #expect(ppa.isSubset(of: Self.senses("オンサイトPPAモデル", glossary: glossary)))
        #expect(Self.senses("オンサイトPPAX", glossary: glossary).isEmpty)
        #expect(glossary.senses(inMixed: Array("nas電池".unicodeScalars)).count == 1)
    }

    @Test("mixed runs are Japanese written against Latin letters or digits, folded; a space or a mark ends one")
    func mixedRuns() {
        func runs(_ text: String) -> [String] { TextAnalysis.mixedRuns(text).map { String(String.UnicodeScalarView($0)) } }
        #expect(runs("ＬＥＤ照明とEVバス、CO₂回収。LED 照明") == ["led照明とevバス", "co2回収"])
        #expect(runs("照明 only English words") == [])
    }

    @Test("sub- and superscript digits read as digits, as NFKC folds them: CO₂ is CO2")
    func scriptDigits() {
        #expect(TextAnalysis.terms("CO₂ emissions and m² of roof") == TextAnalysis.terms("CO2 emissions and m2 of roof"))
        #expect(TextAnalysis.words("CO₂").map(\.original) == ["CO2"])
        #expect(TextAnalysis.folded("ＣＯ₂") == Array("co2".unicodeScalars))
    }

    @Test("a short katakana term is not found where its long vowel is missing: メーター is not in メタン", arguments: [
        "メタン発酵", "メタノール", "メタネーション", "バイオメタン",
    ])
    func meterIsNotMethane(text: String) {
        let meter = Self.senses("メーター")
        #expect(!meter.isEmpty)
        #expect(meter.isDisjoint(with: Self.senses(text)), "\(text)")
    }

    @Test("a katakana term still matches with or without its final ー, alone and in compounds", arguments: [
        ("メータ", "メーター"), ("電気メータ", "電気メーター"), ("スマートメータ", "スマートメーター"), ("モータ", "モーター"),
        ("高効率モータ", "高効率モーター"), ("ソーラパネル", "ソーラーパネル"), ("コンプレッサ", "コンプレッサー"),
    ])
    func finalMarkOptional(technical: String, everyday: String) {
        #expect(!Self.senses(everyday).isEmpty)
        #expect(Self.senses(technical) == Self.senses(everyday), "\(technical) / \(everyday)")
    }

    @Test("every Japanese variant of the glossary is found in itself and in its technical form, without its words' final ー")
    func variantsStillFound() {
        let glossary = Glossary.shipped
        var checked = 0
        for entry in glossary.entries {
            for variant in entry.japanese where !variant.unicodeScalars.contains(where: Glossary.isLatin) {
                let written = Array(Glossary.folded(variant).unicodeScalars)
                let technical = written.indices.filter { index in
                    !(Glossary.isProlongedSoundMark(written[index]) && (index + 1 == written.count || !Glossary.isKatakana(written[index + 1])))
                }.map { written[$0] }
                let sense = glossary.senses(joinedBy: "\(variant) ; ; A")
                #expect(sense.count == 1, "\(variant)")
                #expect(!sense.isDisjoint(with: glossary.senses(inJapanese: written).map(\.sense)), "\(variant)")
                #expect(!sense.isDisjoint(with: glossary.senses(inJapanese: technical).map(\.sense)), "\(variant) as \(technical)")
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    @Test("the ー a variant needs in the text: before a word's last kana only")
    func requiredMarks() {
        #expect(Glossary.requiredMarks(of: "メーター") == [0])
        #expect(Glossary.requiredMarks(of: "メータ") == [0])
        #expect(Glossary.requiredMarks(of: "スマートメーター") == [3])
        #expect(Glossary.requiredMarks(of: "ソーラーパネル") == [0])
        #expect(Glossary.requiredMarks(of: "ヒートポンプ") == [])
        #expect(Glossary.requiredMarks(of: "センサー") == [])
        #expect(Glossary.requiredMarks(of: "電気メーター") == [2])
    }

    @Test("a katakana word's final ー is not read into the bigrams: both spellings give one reading, and ター is no term")
    func finalMarkNotInBigrams() {
        func read(_ text: String) -> Set<String> { TextAnalysis.terms(text).filter { $0.hasPrefix("j:") || $0.hasPrefix("g:") } }
        for (technical, everyday) in [("スマートメータの設置", "スマートメーターの設置"), ("モータ更新", "モーター更新"), ("地域エネルギーセンタ", "地域エネルギーセンター")] {
            #expect(read(technical) == read(everyday), "\(technical) / \(everyday)")
        }
        #expect(!TextAnalysis.terms("スマートメーター").contains("j:ター"))
        // An ー inside a word is its own: メータ is not メタ, ソーラーパネル not ソラパネル.
        #expect(TextAnalysis.terms("メーター").contains("j:メータ") && TextAnalysis.terms("ソーラーパネル").contains("j:ソーラーパネル"))
        #expect(TextAnalysis.withoutFinalLongVowels(Array("センター長とモーター".unicodeScalars)) == Array("センタ長とモータ".unicodeScalars))
        // Explanations read the need's text as scoring does: the stretch met is the word without its final ー.
        #expect(JapaneseReading("スマートメーターの設置").metStretches(read("スマートメータ")).stretches.values.contains("スマートメータ"))
    }

    @Test("a need ranks the same companies with the same parts whether it writes スマートメーター or スマートメータ")
    func bothSpellingsRankAlike() async {
        let titles = ["スマートメーター導入", "スマートメータの設置", "防災センター", "高効率モーター", "メーター検針", "太陽光発電"]
        var state = MatchIndexState(vocabulary: ConceptVocabulary(RankingReferenceTests.taxonomy))
        for (index, title) in titles.enumerated() {
            let profile = CompanyProfile(nameEn: "Company \(index)", technologies: [TechnologyProfile(titleJa: title, maturity: .commercial)])
            state.apply(profile.id, profile: profile, version: 1)
        }
        let matcher = Matcher()
        func ranking(_ text: String) -> [String] {
            let need = NeedProfile(cityNameEn: "Hue", cityNameJa: "フエ", country: "VN", title: text, text: text, taxonomyCodes: [])
            return matcher.rank(matcher.analyse(need, in: state), in: state, limit: 10, include: { _ in true })
                .map { "\($0.features.profile.nameEn ?? "") \($0.parts.text)" }
        }
        let everyday = ranking("スマートメーターの導入"), technical = ranking("スマートメータの導入")
        #expect(everyday == technical)
        // センター shared nothing with a smart meter but the ー of its last kana (ター). モーター still shares ータ with
        // メーター: bigrams, not the ー.
        #expect(everyday.contains("Company 2 0.0"), "\(everyday)")
        // Nor does モーター, now that a katakana word is one term: ータ was the end of two different words.
        #expect(everyday.contains("Company 3 0.0"), "\(everyday)")
    }

    @Test("a katakana word is one term, not its bigrams: インバーター and インフラ, モーター and メーター share none")
    func katakanaWordWhole() {
        func japanese(_ text: String) -> Set<String> { TextAnalysis.terms(text).filter { $0.hasPrefix("j:") } }
        #expect(japanese("インバーター").isDisjoint(with: japanese("充電インフラ")))
        #expect(japanese("高効率モーター").isDisjoint(with: japanese("スマートメーター")))
        #expect(japanese("エネルギー管理").isDisjoint(with: japanese("エネファーム")))
        // Kanji are still read pair by pair, and a kanji meets a katakana word's first or last letter as a pair.
        // (気バ joins 電気 and バス, words the glossary knows: it names the join; ス導 crosses the edge of 電気バス into
        // 導入, which the glossary does not know: a pair of its own kind.)
        #expect(japanese("電気バス導入") == ["j:電気", "j:電気|バス", "j:バス", "j:ス導|", "j:導入"])
        #expect(japanese("モータ更新") == japanese("モーター更新"))
        #expect(japanese("ガ") == ["j:ガ"])
        // The same word in two texts still meets, whole.
        #expect(japanese("インバーター更新").contains("j:インバータ") && japanese("高効率インバータ").contains("j:インバータ"))
    }

    @Test("a need meets a company through a katakana word it writes, not through a piece of a different one")
    func katakanaWordRanks() {
        let ranked = Self.textParts(titles: ["インバーター製造", "充電インフラ整備", "エネファーム販売", "電気自動車"], need: "充電インフラとエネルギー")
        #expect(ranked.first?.hasPrefix("Company 1 ") == true, "\(ranked)")
        // イン (インバーター) and エネ (エネファーム) were bigrams of the need's words.
        #expect(ranked.contains("Company 0 0.0") && ranked.contains("Company 2 0.0"), "\(ranked)")
    }

    /// "Company N text" for a directory of companies N, each with one Japanese technology titled `titles[N]`, ranked for an
    /// untagged need that writes `need`.
    static func textParts(titles: [String], need text: String) -> [String] {
        var state = MatchIndexState(vocabulary: ConceptVocabulary(RankingReferenceTests.taxonomy))
        for (index, title) in titles.enumerated() {
            let profile = CompanyProfile(nameEn: "Company \(index)", technologies: [TechnologyProfile(titleJa: title, maturity: .commercial)])
            state.apply(profile.id, profile: profile, version: 1)
        }
        let matcher = Matcher()
        let need = NeedProfile(cityNameEn: "Hue", cityNameJa: "フエ", country: "VN", title: text, text: text, taxonomyCodes: [])
        return matcher.rank(matcher.analyse(need, in: state), in: state, limit: 10, include: { _ in true })
            .map { "\($0.features.profile.nameEn ?? "") \($0.parts.text)" }
    }

    @Test("a kanji pair across a known word's edge meets only such a pair: 廃棄物発電 and 生物発光 share no 物発")
    func pairAcrossWordsMeetsItsKind() {
        func japanese(_ text: String) -> Set<String> { TextAnalysis.terms(text).filter { $0.hasPrefix("j:") } }
        #expect(japanese("廃棄物発電").isDisjoint(with: japanese("生物発光検査")), "\(japanese("生物発光検査"))")
        // The same two words joined in another text still meet there, and the pairs inside a word as before.
        #expect(japanese("廃棄物発電所の建設").isSuperset(of: ["j:廃棄物|発電", "j:廃棄", "j:棄物", "j:発電"]))
        #expect(japanese("下水汚泥").contains("j:汚泥") && japanese("下水汚泥").contains("j:下水|汚泥"), "\(japanese("下水汚泥"))")
        // A need for 廃棄物発電 gives a company for 生物発光 (bioluminescence, a word the glossary lacks) no text; it met it
        // through 物発 before.
        let ranked = Self.textParts(titles: ["生物発光検査", "廃棄物発電所"], need: "廃棄物発電の導入")
        #expect(ranked.first?.hasPrefix("Company 1 ") == true && ranked.contains("Company 0 0.0"), "\(ranked)")
    }

    @Test("a pair that joins two known words names the join: 廃棄物|発電 and 微生物|発酵 share no 物発")
    func joinOfKnownWordsIsExact() {
        func japanese(_ text: String) -> Set<String> { TextAnalysis.terms(text).filter { $0.hasPrefix("j:") } }
        #expect(japanese("廃棄物発電").isDisjoint(with: japanese("微生物発酵")), "\(japanese("微生物発酵"))")
        // The same join meets itself with more around either word (its shortest known words name it: 廃棄物, 発電).
        #expect(japanese("産業廃棄物発電所").contains("j:廃棄物|発電"), "\(japanese("産業廃棄物発電所"))")
        // Beside a word the glossary does not know the pair keeps the mark of an edge (ス導 of 電気バス|導入).
        #expect(japanese("電気バス導入").contains("j:ス導|"))
        // A need for 廃棄物発電 gives a company for 微生物発酵 no text: they met through 物発| before.
        let ranked = Self.textParts(titles: ["微生物発酵槽", "産業廃棄物発電所"], need: "廃棄物発電の導入")
        #expect(ranked.first?.hasPrefix("Company 1 ") == true && ranked.contains("Company 0 0.0"), "\(ranked)")
    }

    @Test("a pair met alone across a known word's edge is a fragment; met within a stretch, the stretch is listed")
    func pairAcrossWordsIsFragment() {
        #expect(JapaneseReading("廃棄物発電の導入").metStretches(["j:廃棄物|発電"]).fragments == ["j:廃棄物|発電"])
        let whole = JapaneseReading("廃棄物発電の導入").metStretches(["j:廃棄", "j:棄物", "j:廃棄物|発電", "j:発電"])
        #expect(whole.fragments.isEmpty && whole.stretches["j:廃棄物|発電"] == "廃棄物発電", "\(whole)")
        // A pair inside a word the glossary knows is no fragment: 汚泥 is met alone, and listed.
        #expect(JapaneseReading("下水汚泥の処理").metStretches(["j:汚泥"]).fragments.isEmpty)
    }

    @Test("a one-character piece right after a Latin word or a number is its suffix, not a term; a one-kanji word elsewhere stays")
    func suffixOfLatinWord() {
        func japanese(_ text: String) -> Set<String> { TextAnalysis.terms(text).filter { $0.hasPrefix("j:") } }
        #expect(japanese("LED化").isEmpty && japanese("ＬＥＤ化").isEmpty && japanese("2030年").isEmpty, "\(japanese("LED化"))")
        #expect(!japanese("EV用の充電器").contains("j:用") && japanese("EV用の充電器").contains("j:充電"), "\(japanese("EV用の充電器"))")
        // Not after a word: a piece of one kanji is a word (熱, 炉), and a longer piece after a Latin word is read as before.
        #expect(japanese("熱を回収").contains("j:熱") && japanese("化を進める").contains("j:化"))
        #expect(japanese("LED照明").contains("j:照明"), "\(japanese("LED照明"))")
    }

    @Test("a kanji before okurigana is a verb's or an adjective's stem, no evidence; before a particle it is a noun, listed")
    func okuriganaStemIsFragment() {
        for (text, stem) in [("使う", "使"), ("減らす", "減"), ("生じる", "生"), ("高い", "高"), ("広がる", "広"), ("増やす", "増"),
                             ("生かす", "生"), ("確かに", "確"), ("関する", "関")] {
            #expect(JapaneseReading(text).metStretches(["j:" + stem]).fragments == ["j:" + stem], "\(text)")
        }
        for (text, noun) in [("熱を", "熱"), ("水の", "水"), ("炉が", "炉"), ("熱や水", "熱"), ("熱から", "熱"), ("水または", "水"),
                             ("熱だけ", "熱"), ("水です", "水"), ("炉で", "炉"), ("熱と", "熱"), ("熱", "熱"), ("熱を使う", "熱")] {
            #expect(JapaneseReading(text).metStretches(["j:" + noun]).fragments.isEmpty, "\(text)")
        }
        // A kanji the text writes once as a noun is listed, though it writes it as a stem elsewhere.
        #expect(JapaneseReading("生の魚と生じる熱").metStretches(["j:生"]).fragments.isEmpty)
    }

    @Test("an adverb of one kanji and に, も or だ (IPAdic's adverbs) is no evidence; the same kanji as a noun is")
    func kanjiAdverbIsFragment() {
        for (text, kanji) in [("特に", "特"), ("主に", "主"), ("更に", "更"), ("既に", "既"), ("最も", "最"), ("常に運転", "常"), ("甚だ", "甚")] {
            #expect(JapaneseReading(text).metStretches(["j:" + kanji]).fragments == ["j:" + kanji], "\(text)")
        }
        for (text, noun) in [("熱に", "熱"), ("水も", "水"), ("炉だ", "炉"), ("主の家と主に", "主")] {
            #expect(JapaneseReading(text).metStretches(["j:" + noun]).fragments.isEmpty, "\(text)")
        }
    }

    @Test("a unit of the SI Brochure, alone or after a number, is a measurement; a bare number, an acronym or a meter is not")
    func unitIsMeasurement() {
        for word in ["MW", "10MW", "kWh", "tonnes", "60t", "m3", "Nm3", "day", "Hours", "kV"] {
            #expect(TextAnalysis.isMeasurement(word), "\(word)")
        }
        for word in ["1600", "PV", "EV", "pH", "dam", "Da", "meters", "mw2", "CO2", "units", "equipment"] {
            #expect(!TextAnalysis.isMeasurement(word), "\(word)")
        }
        let terms = TextAnalysis.measurementTerms("A 10MW plant burning 600 tonnes a day")
        for word in ["10MW", "tonnes", "day"] { #expect(terms.contains("w:" + TextAnalysis.words(word)[0].stem), "\(word) \(terms)") }
        for word in ["plant", "600"] { #expect(!terms.contains("w:" + TextAnalysis.words(word)[0].stem), "\(word) \(terms)") }
    }

    @Test("a unit written in katakana is a measurement term: トン, キロワット; not トンネル or ボルト")
    func katakanaUnitIsMeasurement() {
        let terms = TextAnalysis.measurementTerms("1日600トンのごみ、10キロワット・メガワットの発電とトンネル、ボルトの締付")
        for word in ["トン", "キロワット", "メガワット"] { #expect(terms.contains("j:" + word), "\(word) \(terms)") }
        for word in ["ごみ", "トンネル", "ボルト", "600"] { #expect(!terms.contains("j:" + word), "\(word) \(terms)") }
        #expect(TextAnalysis.terms("1日600トンのごみ").contains("j:トン"))
    }

    @Test("a katakana word's last letter and the kanji after it are no evidence: a script boundary inside a pair")
    func katakanaEdgePairIsFragment() {
        func met(_ text: String) -> (stretches: [String: String], fragments: Set<String>) {
            JapaneseReading(text).metStretches(TextAnalysis.terms(text).filter { $0.hasPrefix("j:") })
        }
        let city = met("ダナン市内の街路灯")
        #expect(city.fragments.count == 1 && city.fragments.allSatisfy { $0.contains("ン市") }, "\(city)")
        #expect(city.stretches.values.contains("市内") && !city.stretches.values.contains { $0.contains("ン市") }, "\(city)")
        // A kanji before a katakana word still pairs with its first letter, inside the stretch (電気バス).
        let bus = met("電気バスの導入")
        #expect(bus.fragments.isEmpty && bus.stretches["j:バス"] == "電気バス", "\(bus)")
    }

    @Test("the index's reader finds the mixed variants as TextAnalysis does")
    func readerAgrees() {
        let texts = ["ＬＥＤ照明とEVバス、CO₂回収", "電気バス導入と充電インフラ", "ｲﾝﾊﾞｰﾀｰ更新", "ガ", "NAS電池 and NAS電池", "XNAS電池", "メタン発酵とスマートメーター", "CO2冷媒のRO膜", "LED照明", "廃棄物発電と下水汚泥", "スマートメーター設置", "LED化と2030年", "化", "IoT化", "化を"]
        var reader = TermReader()
        for text in texts + texts.reversed() {
            let reading = reader.read(text)
            let counts = Dictionary(uniqueKeysWithValues: reading.counts.map { (reader.terms[$0.key], $0.value) })
            #expect(counts == TextAnalysis.termCounts(text), "\(text)")
        }
    }
}
