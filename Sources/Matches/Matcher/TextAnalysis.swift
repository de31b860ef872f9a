/// How the matcher reads free text in Japanese and English: normalised (lower case, full-width ASCII to
/// half-width, punctuation to spaces), split into English words, Japanese character bigrams and katakana words.
/// Japanese has no spaces and a dictionary tokeniser is a dependency we do not take; bigrams of
/// kanji and katakana catch compound words (廃棄物発電 → 廃棄 棄物 物発 発電) well enough to score
/// overlap, and the taxonomy terms do the precise work (ConceptVocabulary).
enum TextAnalysis {
    /// One word as written and in the form used for matching (lower case, plural `s` removed).
    struct Word: Equatable {
        var original: String
        var stem: String
        /// Porter's step 1 only: what the glossary compares (Glossary.senses(inWords:)).
        var inflection: String
    }

    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F: true
        default: false
        }
    }

    static func isHiragana(_ scalar: Unicode.Scalar) -> Bool {
        (0x3040...0x309F).contains(scalar.value)
    }

    /// Letters and digits of any script but Japanese; Vietnamese or Thai place names stay words.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII first: the Unicode property look-up is the slow path of building the index.
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return !isJapanese(scalar) && scalar.properties.isAlphabetic
    }

    /// Full-width ASCII (Ｌ Ｅ Ｄ, １２) as half-width, so ＬＥＤ照明 and LED照明 read the same; and, as NFKC folds
    /// them, sub- and superscript digits as digits, so CO₂ is CO2 (before, CO₂ was the word "co" and nothing).
    static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0xB2 { return scalar }
        if (0xFF01...0xFF5E).contains(value), let narrow = Unicode.Scalar(value - 0xFEE0) { return narrow }
        switch value {
        case 0x2080...0x2089: return Unicode.Scalar(UInt8(value - 0x2080) + 0x30)
        case 0x2070, 0x2074...0x2079: return Unicode.Scalar(UInt8(value - 0x2070) + 0x30)
        case 0xB9: return "1"
        case 0xB2, 0xB3: return Unicode.Scalar(UInt8(value - 0xB0) + 0x30)
        default: return scalar
        }
    }

    /// The scalars of `text` lower-cased, then full-width ASCII made half-width: what Japanese terms are compared
    /// with. The same as `text.lowercased().unicodeScalars.map(TextAnalysis.halfWidth)` (a test holds them equal
    /// for every scalar), which lower-cases scalar by scalar, without making a lower-cased copy of every text:
    /// ASCII is lowered by arithmetic and Japanese has no case, so only other scalars look up their mapping.
    /// Lower-casing whole texts was a tenth of an index build (docs/benchmarks.md, Matching). The glossary's
    /// keys and the taxonomy phrases' search both fold through here.
    static func folded(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                scalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar)
            } else if TextAnalysis.isJapanese(scalar) {
                scalars.append(scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { scalars.append(TextAnalysis.halfWidth(lower)) }
            }
        }
        return scalars
    }

    /// Half-width katakana (ｿｰﾗｰﾊﾟﾈﾙ, as old systems and Excel exports write it) as full-width, and a voicing
    /// mark that follows a kana, half-width (ﾊﾞ) or combining (U+3099, U+309A: decomposed text, NFD), composed
    /// with it: the katakana part of Unicode's NFKC, so ｿｰﾗｰ and ソーラー are one term. A mark that composes with
    /// nothing is dropped. Everything else is kept as it is.
    static func normalisedKana(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains(where: { (0xFF66...0xFF9F).contains($0.value) || (0x3099...0x309A).contains($0.value) }) else { return scalars }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if (0xFF66...0xFF9D).contains(value), let wide = Unicode.Scalar(halfWidthKatakana[Int(value - 0xFF66)]) {
                out.append(wide)
            } else if value == 0xFF9E || value == 0x3099 || value == 0xFF9F || value == 0x309A {
                let semi = value == 0xFF9F || value == 0x309A
                if let last = out.last, let composed = voiced(last, semi: semi) { out[out.count - 1] = composed }
            } else {
                out.append(scalar)
            }
        }
        return out
    }

    /// ｦ (U+FF66) to ﾝ (U+FF9D) in full width, in JIS X 0201 order.
    private static let halfWidthKatakana: [UInt32] = [
        0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6,
        0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
        0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE,
        0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3,
    ]

    /// The hiragana that take a voicing mark (か to と, は to ほ; katakana are these + 0x60), and a semi-voicing one.
    private static let takesVoicing: Set<UInt32> = [
        0x304B, 0x304D, 0x304F, 0x3051, 0x3053, 0x3055, 0x3057, 0x3059, 0x305B, 0x305D, 0x305F, 0x3061, 0x3064, 0x3066, 0x3068,
        0x306F, 0x3072, 0x3075, 0x3078, 0x307B,
    ]
    private static let takesSemi: Set<UInt32> = [0x306F, 0x3072, 0x3075, 0x3078, 0x307B]

    /// The kana with a voicing (ガ, ヴ, が) or semi-voicing (パ, ぱ) mark, nil when it takes none. In both syllabaries
    /// the voiced kana follows its plain one (+1) and the semi-voiced its voiced one (+2).
    private static func voiced(_ kana: Unicode.Scalar, semi: Bool) -> Unicode.Scalar? {
        let value = kana.value
        let base = value >= 0x30A0 ? value - 0x60 : value
        guard (0x3041...0x30FA).contains(value) else { return nil }
        if semi { return takesSemi.contains(base) ? Unicode.Scalar(value + 2) : nil }
        if value == 0x30A6 { return Unicode.Scalar(0x30F4) }
        return takesVoicing.contains(base) ? Unicode.Scalar(value + 1) : nil
    }

    /// English stems by the Porter algorithm ("incinerators", "incineration" → "inciner").
    static func stem(_ lower: String) -> String { PorterStemmer.stem(lower) }

    /// The words of `text` in order, stop words included (phrases such as "combined heat and power"
    /// need them).
    static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let original = String(current)
            let stems = PorterStemmer.stems(original.lowercased())
            words.append(Word(original: original, stem: stems.stem, inflection: stems.inflection))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars.lazy.map(halfWidth) {
            if isWordScalar(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    /// The runs of Japanese characters in `text`, as scalar arrays.
    static func japaneseRuns(_ text: String) -> [[Unicode.Scalar]] { markedJapaneseRuns(text).map(\.run) }

    /// The runs of Japanese characters in `text`, each marked `afterWord` when it follows a Latin letter or a digit
    /// with no space between (LED化, ＥＶ用, 2030年): its first character, when a piece of its own, is that word's suffix
    /// (`japaneseTerms`).
    static func markedJapaneseRuns(_ text: String) -> [(run: [Unicode.Scalar], afterWord: Bool)] {
        var runs: [(run: [Unicode.Scalar], afterWord: Bool)] = []
        var current: [Unicode.Scalar] = []
        var afterWord = false, previousIsWord = false
        for scalar in text.unicodeScalars {
            if isJapanese(scalar) {
                if current.isEmpty { afterWord = previousIsWord }
                current.append(scalar)
            } else if !current.isEmpty {
                runs.append((current, afterWord))
                current = []
            }
            previousIsWord = isWordScalar(halfWidth(scalar))
        }
        if !current.isEmpty { runs.append((current, afterWord)) }
        return runs
    }

    /// The mixed runs of `text`: Japanese written against Latin letters or digits with no space between (LED照明,
    /// EVバス, CO2回収, ＬＥＤ照明 as ASCII), folded (`halfWidth`, ASCII in lower case), each holding both scripts. The
    /// glossary's mixed variants are found here (`Glossary.senses(inMixed:)`), and nothing else is: the Latin part
    /// stays an English word and the Japanese part a Japanese run, as before.
    static func mixedRuns(_ text: String) -> [[Unicode.Scalar]] {
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        var scripts = (japanese: false, latin: false)
        func flush() {
            if scripts.japanese && scripts.latin { runs.append(run) }
            run.removeAll(keepingCapacity: true)
            scripts = (false, false)
        }
        for scalar in text.unicodeScalars.lazy.map(halfWidth) {
            if isJapanese(scalar) {
                run.append(scalar)
                scripts.japanese = true
            } else if Glossary.isLatin(scalar) {
                run.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar)
                scripts.latin = true
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    /// Common English words that carry no topic (compared as written, lower case, before stemming).
    static let stopWords: Set<String> = Set("""
        a an and are as at be by can for from has have in into is it its of on or our so that the their them they this to
        up we with which while who will would than then there these those not no do does all any about also each other
        more most much many some such only own same very was were been being but if per via
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// How often each term occurs in `text`: English word stems (`w:`), Japanese character bigrams (`j:`),
    /// the glossary's senses (`g:`, the same for a Japanese and an English term) and loanword keys (`k:`, the
    /// same for a katakana word and the English word it was borrowed from: LoanwordKey). Japanese runs are segmented
    /// by the glossary (longest match) and also read as bigrams, so a term the glossary lacks still counts
    /// within the language (`japaneseTerms`). Stop words and hiragana (particles, endings) are left out.
    static func termCounts(_ text: String, glossary: Glossary = .shipped) -> [String: Int] {
        var counts: [String: Int] = [:]
        let words = words(text)
        for word in words where word.stem.count > 1 && !stopWords.contains(word.original.lowercased()) {
            counts["w:" + word.stem, default: 0] += 1
            if glossary.senses(inWords: [word]).isEmpty, let key = LoanwordKey.key(english: word.original) { counts[LoanwordKey.englishPrefix + key, default: 0] += 1 }
        }
        for sense in glossary.senses(inWords: words) { counts["g:\(sense)", default: 0] += 1 }
        for run in mixedRuns(text) {
            for sense in glossary.senses(inMixed: normalisedKana(run)) { counts["g:\(sense)", default: 0] += 1 }
        }
        for (written, afterWord) in markedJapaneseRuns(text) {
            let run = normalisedKana(written)
            let folded = run.map(halfWidth)
            let found = glossary.senses(inJapanese: folded)
            for found in found { counts["g:\(found.sense)", default: 0] += 1 }
            japaneseTerms(of: run, known: found.map(\.range), afterWord: afterWord) { counts[$0, default: 0] += 1 }
            loanwordKeys(of: folded, glossary: glossary) { counts[$0, default: 0] += 1 }
        }
        return counts
    }

    /// The Japanese terms of a run (`j:`): the run is cut where hiragana stand (particles and endings: は, を,
    /// する), each piece of kanji and katakana is read as character bigrams, a piece of one character as itself
    /// (熱, 炉, 水 are words). A bigram across a particle (の更 in 機の更新) names nothing. A katakana word is one
    /// term, not its bigrams (`pieceTerms`). `known` are the places of `written` where the glossary found a term
    /// (`Glossary.senses(inJapanese:)`): a bigram across a known word's edge joins two words (物発 of 廃棄物発電, 水汚 of
    /// 下水汚泥) and is a pair of its own kind (`pieceTerms`, `wordEdges`). A run `afterWord` follows a Latin letter or a
    /// digit with no space between (`markedJapaneseRuns`): a piece of one character that begins it is that word's suffix
    /// (化 of LED化, 用 of EV用, 型, 式, 年 of 2030年, 基 of 3基), which names nothing of its own, so it is no term (method
    /// revision 15); the Latin word or the number is read as before, and a longer piece (LED照明's 照明) too.
    static func japaneseTerms(of written: [Unicode.Scalar], known: [Range<Int>], afterWord: Bool = false, _ body: (String) -> Void) {
        let (run, edges) = readRun(written, known: known)
        japanesePieces(of: run) { piece in
            if piece.count == 1 {
                guard !afterWord || piece.lowerBound > 0 else { return }
                body("j:" + String(String.UnicodeScalarView([run[piece.lowerBound]])))
            } else {
                pieceTerms(run, piece, edges: edges) { term, _ in body(term) }
            }
        }
    }

    /// A Japanese run (kana normalised: `normalisedKana`) as `japaneseTerms` reads it: without the ー that ends a katakana
    /// word (`withoutFinalLongVowels`), with its word edges (`wordEdges`) found from the glossary's terms in `written`
    /// folded (`halfWidth`), or from `known` when the caller has looked them up already. The one reading of a run for
    /// scoring and for explanations.
    static func readRun(_ written: [Unicode.Scalar], known: [Range<Int>]? = nil, glossary: Glossary = .shipped)
        -> (run: [Unicode.Scalar], edges: [Int: String]) {
        let known = known ?? glossary.senses(inJapanese: written.map(halfWidth)).map(\.range)
        let run = withoutFinalLongVowels(written)
        return (run, wordEdges(of: written, read: run, known: known))
    }

    /// For each place between two characters of `run` (the run as `japaneseTerms` reads it: `written` without its final
    /// ー) where a word the glossary knows begins or ends (`known`, ranges of `written`), the join it names: where a known
    /// word ends there and another begins, the two words (the shortest of each side, as read: 廃棄物発電 holds 廃棄物 and
    /// 発電, so the place between 物 and 発 is the join 廃棄物|発電), and "" where only one side is a known word (下水処理場
    /// with 処理場 known and 下水 not: "" between 水 and 処). Empty when nothing is known.
    static func wordEdges(of written: [Unicode.Scalar], read run: [Unicode.Scalar], known: [Range<Int>]) -> [Int: String] {
        guard !known.isEmpty else { return [:] }
        // The place in `run` of each place of `written`: the final ー dropped before it are not there.
        var place = Array(0...written.count)
        if run.count != written.count {
            var kept = 0
            for index in written.indices {
                place[index] = kept
                if !endsWord(written, index) { kept += 1 }
            }
            place[written.count] = kept
        }
        // The shortest known word ending and beginning at each place, as places of `run`.
        var ending: [Int: Range<Int>] = [:]
        var beginning: [Int: Range<Int>] = [:]
        for range in known {
            let read = place[range.lowerBound]..<place[range.upperBound]
            guard !read.isEmpty else { continue }
            if ending[read.upperBound].map({ read.count < $0.count }) ?? true { ending[read.upperBound] = read }
            if beginning[read.lowerBound].map({ read.count < $0.count }) ?? true { beginning[read.lowerBound] = read }
        }
        var edges: [Int: String] = [:]
        for edge in Set(ending.keys).union(beginning.keys) {
            if let left = ending[edge], let right = beginning[edge] {
                edges[edge] = String(String.UnicodeScalarView(run[left])) + "|" + String(String.UnicodeScalarView(run[right]))
            } else {
                edges[edge] = ""
            }
        }
        return edges
    }

    /// The terms of a piece of two characters or more, in order, each with the characters it covers: a katakana word
    /// (two letters or more) whole, as a loanword is one word and its bigrams are not parts of it (イン of インバータ
    /// and インフラ, ータ of モータ and メータ met nothing the two texts share), and a bigram of every other two
    /// neighbours (kanji, or a kanji and a katakana word's first or last letter: 電気バス gives 電気, 気バ and バス). Two
    /// neighbours with a known word's edge between them (`edges`, `wordEdges`) are a term of another kind: where the edge
    /// joins two known words, `j:` + the join (物発 of 廃棄物発電 is `j:廃棄物|発電`), which meets the same two words joined
    /// and not 微生物|発酵, whose pair is 物発 too; where one side is a word the glossary does not know, `j:` + the pair + `|`,
    /// which meets only a pair across an edge, not the 物発 of an unknown word (生物発光).
    static func pieceTerms(_ run: [Unicode.Scalar], _ piece: Range<Int>, edges: [Int: String], _ body: (String, Range<Int>) -> Void) {
        var index = piece.lowerBound
        while index < piece.upperBound {
            if Glossary.isKatakana(run[index]) {
                var end = index + 1
                while end < piece.upperBound, Glossary.isKatakana(run[end]) { end += 1 }
                if end - index > 1 { body("j:" + String(String.UnicodeScalarView(run[index..<end])), index..<end) }
                if end < piece.upperBound { body(pairTerm(run, at: end - 1, across: edges[end]), (end - 1)..<(end + 1)) }
                index = end
            } else {
                if index + 1 < piece.upperBound { body(pairTerm(run, at: index, across: edges[index + 1]), index..<(index + 2)) }
                index += 1
            }
        }
    }

    /// A run without the ー that ends a katakana word: technical writing leaves it out (JIS Z 8301: モータ, センサ,
    /// スマートメータ), everyday writing keeps it (モーター, スマートメーター), and both are standard. Kept, it made the
    /// bigram ター of every メーター, センター and モーター, which the other spelling never meets. An ー inside a katakana
    /// word (メー|タ, ソーラー|パネル) is the word's own and stays; the glossary finds a variant with or without a final
    /// ー already (Glossary.requiredMarks(of:)). The run as it is when it has no such ー.
    static func withoutFinalLongVowels(_ run: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard run.indices.contains(where: { endsWord(run, $0) }) else { return run }
        return run.indices.filter { !endsWord(run, $0) }.map { run[$0] }
    }

    /// Whether the character of `run` at `index` is an ー that ends a katakana word (`withoutFinalLongVowels`).
    private static func endsWord(_ run: [Unicode.Scalar], _ index: Int) -> Bool {
        Glossary.isProlongedSoundMark(run[index]) && index > 0 && Glossary.isKatakana(run[index - 1])
            && (index + 1 == run.count || !Glossary.isKatakana(run[index + 1]))
    }

    /// The particles and the words that follow a noun written in kana (from the grammar, not from any text): the case particles
    /// (格助詞 が を に へ と から より で まで の, and や), the binding and adverbial ones (係助詞・副助詞 は も こそ しか だけ ばかり
    /// ほど くらい ぐらい など ずつ のみ か), the copula (だ, です) and the conjunctions written in kana between nouns (および, または,
    /// ならびに, あるいは, もしくは). Longest first, so that から is not read as か.
    static let particles: [[Unicode.Scalar]] = [
        "ならびに", "あるいは", "もしくは", "および", "または", "ばかり", "くらい", "ぐらい", "から", "より", "まで", "など", "こそ", "しか",
        "だけ", "ほど", "ずつ", "のみ", "です", "は", "が", "を", "に", "へ", "と", "で", "の", "や", "も", "か", "だ",
    ].map { Array($0.unicodeScalars) }

    /// The kana that, after が, や, か or で, continue a verb or an adjective, not a particle: 広がる, 上がった (が + る り ら れ ろ
    /// っ), 増やす, 冷やし (や + す し さ せ), 生かす, 確かに, 豊かな (か + す し さ せ な に), 茹でる (で + る れ). The other
    /// particles of `particles` never begin an okurigana.
    private static let okuriganaAfter: [Unicode.Scalar: Set<Unicode.Scalar>] = [
        "が": ["る", "り", "ら", "れ", "ろ", "っ"], "や": ["す", "し", "さ", "せ"], "か": ["す", "し", "さ", "せ", "な", "に"],
        "で": ["る", "れ"],
    ]

    /// Whether the kanji of `run` at `index`, a piece of its own, is the stem of a verb or an adjective: hiragana follow it
    /// directly and they do not begin with a particle (`particles`), so they are its okurigana (使う, 減らす, 生じる, 高い; a
    /// noun before する is a verb too: 関する, 対する). Japanese grammar writes a noun's particle right after it (熱を, 水の,
    /// 炉が) and a stem's ending right after the stem; telling them apart needs no dictionary. A kanji at a run's end or
    /// before punctuation is a noun as before. Explanations only (`metStretches`): read as no term, the stems lowered the
    /// development part's figures (docs/matching.md, "The twenty-sixth round"), so they still score.
    static func isStem(_ run: [Unicode.Scalar], at index: Int) -> Bool {
        let next = index + 1
        guard next < run.count, isHiragana(run[next]), !Glossary.isKatakana(run[index]) else { return false }
        for particle in particles where run.count - next >= particle.count && run[next..<(next + particle.count)].elementsEqual(particle) {
            let after = next + particle.count
            if particle.count == 1, after < run.count, okuriganaAfter[particle[0]]?.contains(run[after]) == true { return true }
            return false
        }
        return true
    }

    /// The adverbs written as one kanji and one kana (特に, 主に, 更に, 既に, 最も, 未だ): every entry of IPAdic's adverb list
    /// (`Adverb.csv`, part of speech 副詞; IPAdic 2.7.0, as Debian's mecab-ipadic ships it) that is one kanji followed by に, も
    /// or だ. Those kana are particles elsewhere (熱に, 水も, 炉だ), so `isStem` reads the kanji as a noun; in these words they
    /// end an adverb, and the kanji names nothing a company could share. Explanations only, like `isStem`.
    static let kanjiAdverbs: Set<String> = Set("""
        世に 主に 互に 今に 仮に 偏に 備に 優に 先に 共に 具に 切に 別に 割に 単に 厳に 啻に 夙に 妙に 嫌に 実に 尚も 尤も 已に 常に
        平に 後に 徐に 徒に 恰も 既に 時に 暗に 更に 最も 未だ 本に 楽に 次に 正に 殊に 毫も 特に 猶も 現に 甚だ 異に 直に 真に 終に
        苟も 誠に 諸に 遂に 順に 頓に
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Whether the kanji of `run` at `index`, a piece of its own, begins one of `kanjiAdverbs` (特 of 特に, 最 of 最も).
    static func isAdverb(_ run: [Unicode.Scalar], at index: Int) -> Bool {
        index + 1 < run.count && kanjiAdverbs.contains(String(String.UnicodeScalarView(run[index...(index + 1)])))
    }

    /// Unit symbols, as the SI Brochure writes them (BIPM, 9th edition, 2019: the SI units of tables 2 and 4 with the prefixes
    /// of table 7, and the non-SI units accepted for use with the SI of table 8), for the quantities a city's need states:
    /// power, energy, mass, length, area, volume, pressure, voltage, frequency, time; and Nm3 (the normal cubic metre, m3 of
    /// gas at 0 °C and 101.325 kPa, as JIS and the gas industry write it; not in the brochure). Compared as written: a symbol's
    /// case is its meaning (MW, mW). Prefixes are joined only where a need writes them for these quantities, so no symbol
    /// spells a word or an acronym (PV and EV would be petavolt and exavolt, pH picohenry, dam decametre).
    static let unitSymbols: Set<String> = Set("""
        W kW MW GW TW Wh kWh MWh GWh TWh J kJ MJ GJ TJ PJ t kt Mt Gt g mg kg m2 m3 mm cm km km2 Nm3 L mL kL Pa kPa MPa hPa
        V kV VA kVA MVA Hz kHz MHz min ha
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// The names of the same units (lower case, British and American spellings, singular and plural). Not metre or meter
    /// alone: a meter is also a device (water meters, smart meters).
    static let unitNames: Set<String> = Set("""
        watt watts kilowatt kilowatts megawatt megawatts gigawatt gigawatts joule joules kilojoule kilojoules megajoule megajoules
        gigajoule gigajoules tonne tonnes kilogram kilograms kilogramme kilogrammes gram grams kilometre kilometres kilometer
        kilometers litre litres liter liters hectare hectares minute minutes hour hours day days volt volts kilovolt kilovolts
        pascal pascals hertz
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// The same units' names in katakana, as JIS Z 8000 and the 計量単位令 (the Measurement Act's order on units, its
    /// appended tables) write them: a katakana word is one term, so 600トン or 10メガワット is a unit wherever it stands. Not
    /// ボルト alone, which is also a bolt (as meter is also a device), nor the kanji units (分, 時間, 日): a kanji is read as
    /// bigrams with its neighbours, not as a word.
    static let katakanaUnitNames: Set<String> = Set("""
        ワット キロワット メガワット ギガワット テラワット ジュール キロジュール メガジュール ギガジュール テラジュール ペタジュール
        トン キロトン メガトン グラム キログラム ミリグラム メートル キロメートル センチメートル ミリメートル リットル キロリットル
        ミリリットル ヘクタール パスカル キロパスカル メガパスカル ヘクトパスカル キロボルト ボルトアンペア キロボルトアンペア
        ヘルツ キロヘルツ メガヘルツ
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Whether an English word is a measurement: a unit (`unitSymbols`, `unitNames`) standing alone or right after a number
    /// (MW, 10MW, tonnes, 60t). A measurement says how much, not what technology; a bare number is not one (the need's
    /// numbers carry signal: docs/matching.md, "The twenty-fifth round").
    static func isMeasurement(_ word: String) -> Bool {
        let unit = String(word.drop(while: \.isNumber))
        return !unit.isEmpty && (unitSymbols.contains(unit) || unitNames.contains(unit.lowercased()))
    }

    /// The English terms (`w:`, and loanword keys `ke:`) of `text` that it writes only as measurements (`isMeasurement`), and
    /// its katakana units (`j:`, `kj:`): explanations do not list them. They still score.
    static func measurementTerms(_ text: String) -> Set<String> {
        var measurements: Set<String> = [], others: Set<String> = []
        for word in words(text) {
            var terms = ["w:" + word.stem]
            if let key = LoanwordKey.key(english: word.original) { terms.append(LoanwordKey.englishPrefix + key) }
            if isMeasurement(word.original) { measurements.formUnion(terms) } else { others.formUnion(terms) }
        }
        // A katakana unit (トン, キロワット: `katakanaUnitNames`), its term and its loanword key; a key that a katakana word of
        // the need that is no unit shares stays listed, as an English word's does.
        for run in japaneseRuns(text).map({ withoutFinalLongVowels(normalisedKana($0)) }) {
            for range in LoanwordKey.katakanaWords(in: run) where range.count > 1 {
                let word = Array(run[range])
                var terms = ["j:" + String(String.UnicodeScalarView(word))]
                if let key = LoanwordKey.key(katakana: word) { terms.append(LoanwordKey.katakanaPrefix + key) }
                if katakanaUnitNames.contains(String(String.UnicodeScalarView(word))) { measurements.formUnion(terms) } else { others.formUnion(terms) }
            }
        }
        return measurements.subtracting(others)
    }

    /// The pieces of a run that `japaneseTerms` reads: the stretches of kanji and katakana between hiragana.
    static func japanesePieces(of run: [Unicode.Scalar], _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < run.count {
            guard !isHiragana(run[start]) else { start += 1; continue }
            var end = start + 1
            while end < run.count, !isHiragana(run[end]) { end += 1 }
            body(start..<end)
            start = end
        }
    }

    /// The bigram term (`j:`) of the two characters of `run` from `index`; `across` a known word's edge, the join of two
    /// known words (`j:廃棄物|発電`) or, beside a word the glossary does not know, the pair marked `|` (`wordEdges`).
    static func pairTerm(_ run: [Unicode.Scalar], at index: Int, across: String? = nil) -> String {
        guard let join = across, !join.isEmpty else {
            return "j:" + String(String.UnicodeScalarView([run[index], run[index + 1]])) + (across == nil ? "" : "|")
        }
        return "j:" + join
    }

    /// The loanword keys (`k:`, LoanwordKey) of the katakana words of a run (folded), but for a word the glossary
    /// names as a whole: its sense already crosses the languages.
    static func loanwordKeys(of run: [Unicode.Scalar], glossary: Glossary, _ body: (String) -> Void) {
        for range in LoanwordKey.katakanaWords(in: run) {
            let word = Array(run[range])
            guard let key = LoanwordKey.key(katakana: word),
                  !glossary.senses(inJapanese: word).contains(where: { $0.range == 0..<word.count }) else { continue }
            body(LoanwordKey.katakanaPrefix + key)
        }
    }

    /// Each glossary sense the Japanese of `text` names (`g:`), with the first stretch of the text that names it, for
    /// explanations: a sense met both as a sense (by its English name) and pair by pair (the need's own 汚泥) is listed
    /// once, with both forms.
    static func japaneseForms(_ text: String, glossary: Glossary = .shipped) -> [String: String] {
        var forms: [String: String] = [:]
        for run in japaneseRuns(text).map(normalisedKana) {
            let folded = run.map(halfWidth)
            for found in glossary.senses(inJapanese: folded) where forms["g:\(found.sense)"] == nil {
                forms["g:\(found.sense)"] = String(String.UnicodeScalarView(folded[found.range]))
            }
        }
        return forms
    }

    /// The loanword terms of `text` (`LoanwordKey`) with a word that made each, as written, for explanations.
    static func loanwords(_ text: String, glossary: Glossary = .shipped) -> [String: String] {
        var written: [String: String] = [:]
        for word in words(text) where word.stem.count > 1 && !stopWords.contains(word.original.lowercased()) {
            if glossary.senses(inWords: [word]).isEmpty, let key = LoanwordKey.key(english: word.original) { written[LoanwordKey.englishPrefix + key] = word.original }
        }
        for run in japaneseRuns(text).map(normalisedKana) {
            let folded = run.map(halfWidth)
            for range in LoanwordKey.katakanaWords(in: folded) {
                if let key = LoanwordKey.key(katakana: Array(folded[range])) {
                    written[LoanwordKey.katakanaPrefix + key] = String(String.UnicodeScalarView(folded[range]))
                }
            }
        }
        return written
    }

    /// Each English word term of `text` (`w:` and its Porter stem) with the first word that made it, as
    /// written, for explanations: a coordinator reads "energy", not the stem "energi". Acronyms keep their
    /// capitals (BEMS); other words are shown in lower case.
    static func writtenWords(_ text: String) -> [String: String] {
        var written: [String: String] = [:]
        for word in words(text) where written["w:" + word.stem] == nil {
            let isAcronym = word.original.count > 1 && word.original.uppercased() == word.original
            written["w:" + word.stem] = isAcronym ? word.original : word.original.lowercased()
        }
        return written
    }

    /// The scoring terms of `text` (termCounts without the counts).
    static func terms(_ text: String, glossary: Glossary = .shipped) -> Set<String> {
        Set(termCounts(text, glossary: glossary).keys)
    }

    /// The scripts of a set of terms: "en" when it has words, "ja" when it has Japanese bigrams. Glossary
    /// senses belong to both languages and decide nothing here.
    static func languages<Terms: Sequence>(of terms: Terms) -> Set<String> where Terms.Element == String {
        var languages: Set<String> = []
        for term in terms {
            if term.hasPrefix("w:") { languages.insert("en") } else if term.hasPrefix("j:") { languages.insert("ja") }
            if languages.count == 2 { break }
        }
        return languages
    }
}
