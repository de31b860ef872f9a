/// The loanword bridge (issue 16, eighth round): a katakana word and the English word it was borrowed from get the
/// same key, so a term the glossary lacks (ダクタイル and "ductile", ストーカ and "stoker", ネットワーク and
/// "network") still counts across languages. The key is how a Japanese ear hears the word, reduced to what
/// English spelling and katakana agree on:
/// - the consonants in order, with the merges Japanese phonology makes (l and r, v and b, z and s, th and s, sh and
///   s — シ is si —, c, k and q, ph and f, m before p or b as ン), doubled ones once (ッ, "ss");
/// - English r after a vowel and before a consonant or at the end is not heard (car → カー, turbine → タービン), nor
///   w after a vowel (flow → フロー), nor h after a consonant (sh, ch, gh, th are one sound);
/// - whether the word starts with a vowel (インバータ, "inverter");
/// - its number of syllables (vowel groups): in katakana without the vowels Japanese adds after a final or
///   clustered consonant (the ウ of プ in ポンプ, the オ of a final ト), in English without a silent final e or
///   -le, with -er, -or, -ar and -re as one syllable (ー).
/// A key of fewer than three consonants is not made (ボイラ, チラ, ガス would meet bill, chair and goes: the
/// glossary pairs those), nor a key for a katakana word the glossary already names, nor for English stop words
/// and acronyms. Precision measured by eye on the evaluation set (docs/matching.md, "The eighth round").
///
/// A katakana word's key is the term `kj:` + key, an English word's `ke:` + key: a need's keys are looked up on the
/// other side (`counterpart`), so they count only across the languages, in the cross-language share, and a text in
/// one language never meets itself twice (its words already count as words).
enum LoanwordKey {
    static let minimumConsonants = 3
    static let katakanaPrefix = "kj:"
    static let englishPrefix = "ke:"

    static func isKey(_ term: String) -> Bool { term.hasPrefix(katakanaPrefix) || term.hasPrefix(englishPrefix) }

    /// The term a need's loanword term is looked up as in companies: a katakana key as an English one and the
    /// other way round; nil for a term that is not a loanword key.
    static func counterpart(of term: String) -> String? {
        if term.hasPrefix(katakanaPrefix) { return englishPrefix + term.dropFirst(katakanaPrefix.count) }
        if term.hasPrefix(englishPrefix) { return katakanaPrefix + term.dropFirst(englishPrefix.count) }
        return nil
    }

    /// One kana syllable: its consonant in the romanisation ("" for a vowel, "n" for ン), its vowel, whether ー
    /// follows it and whether ッ precedes it.
    private struct Mora {
        var consonant: String
        var vowel: Character?
        var long = false
        var afterSokuon = false
    }

    // MARK: Katakana

    /// The key of a katakana word (ー kept, as written), nil when it is too short to be told apart.
    static func key(katakana word: [Unicode.Scalar]) -> String? {
        let morae = self.morae(word)
        guard !morae.isEmpty else { return nil }
        var skeleton: [Character] = []
        for mora in morae {
            for letter in consonantClasses(mora.consonant) where skeleton.last != letter { skeleton.append(letter) }
        }
        guard skeleton.count >= minimumConsonants else { return nil }
        let vowelStart = morae[0].consonant.isEmpty
        return (vowelStart ? "V" : "") + String(skeleton) + String(syllables(morae))
    }

    /// Whether a scalar is a katakana letter or ー (not ・, which separates words).
    static func isKatakana(_ scalar: Unicode.Scalar) -> Bool {
        (0x30A1...0x30FA).contains(scalar.value) || scalar.value == 0x30FC
    }

    /// The words of a run of Japanese that are written in katakana, as ranges.
    static func katakanaWords(in run: [Unicode.Scalar]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for index in run.indices {
            if isKatakana(run[index]) {
                if start == nil { start = index }
            } else if let begun = start {
                words.append(begun..<index)
                start = nil
            }
        }
        if let begun = start { words.append(begun..<run.count) }
        return words
    }

    private static func morae(_ word: [Unicode.Scalar]) -> [Mora] {
        var morae: [Mora] = []
        var sokuon = false
        for scalar in word {
            let value = scalar.value
            if value == 0x30FC {
                if !morae.isEmpty { morae[morae.count - 1].long = true }
            } else if value == 0x30C3 {
                sokuon = true
            } else if let small = smallVowel[value], !morae.isEmpty {
                // ファ, ティ, ウィ, シェ, キャ, ジュ: the small kana gives the vowel; ウ before it is w, イ nothing.
                var last = morae[morae.count - 1]
                if last.consonant.isEmpty { last.consonant = last.vowel == "u" ? "w" : "" }
                last.vowel = small
                morae[morae.count - 1] = last
            } else if let romaji = kana[value] {
                var mora = Mora(consonant: String(romaji.dropLast(romaji.last.map(isVowel) == true ? 1 : 0)),
                                vowel: romaji.last.flatMap { isVowel($0) ? $0 : nil })
                mora.afterSokuon = sokuon
                sokuon = false
                morae.append(mora)
            }
        }
        return morae
    }

    /// Vowel groups, leaving out the vowels Japanese adds: u after a consonant, o after t or d at the end or
    /// after ー or ッ, i of a final チ or ジ; a vowel that is long or followed by a vowel is the word's own.
    private static func syllables(_ morae: [Mora]) -> Int {
        var groups = 0
        var inGroup = false
        for (index, mora) in morae.enumerated() {
            var vowel = mora.vowel
            let nextIsVowel = index + 1 < morae.count && morae[index + 1].consonant.isEmpty && morae[index + 1].vowel != nil
            if let spoken = vowel, !mora.consonant.isEmpty, mora.consonant != "n", !mora.long, !nextIsVowel {
                let last = index == morae.count - 1
                let afterLong = index > 0 && morae[index - 1].long
                if spoken == "u" && mora.consonant != "y" {
                    vowel = nil
                } else if spoken == "o", mora.consonant == "t" || mora.consonant == "d", last || afterLong || mora.afterSokuon {
                    vowel = nil
                } else if spoken == "i", mora.consonant == "ch" || mora.consonant == "j", last {
                    vowel = nil
                }
            }
            if !mora.consonant.isEmpty { inGroup = false }
            if vowel != nil {
                if !inGroup { groups += 1 }
                inGroup = true
            } else if !mora.consonant.isEmpty {
                inGroup = false
            }
        }
        return groups
    }

    /// A romanised consonant as the key's letters: sh as s, ch as C, j as J, z as s, v as b, y as nothing.
    private static func consonantClasses(_ consonant: String) -> [Character] {
        switch consonant {
        case "": []
        case "y": []
        case "sh": ["s"]
        case "ch": ["C"]
        case "ts": ["t", "s"]
        case "j": ["J"]
        case "z": ["s"]
        case "v": ["b"]
        default: Array(consonant)
        }
    }

    private static func isVowel(_ letter: Character) -> Bool { "aeiou".contains(letter) }

    /// Katakana to Hepburn romanisation (ヂ ヅ as ji zu, ヲ as o, ン as n).
    private static let kana: [UInt32: String] = {
        let table = """
            ア a イ i ウ u エ e オ o カ ka キ ki ク ku ケ ke コ ko ガ ga ギ gi グ gu ゲ ge ゴ go サ sa シ shi ス su セ se
            ソ so ザ za ジ ji ズ zu ゼ ze ゾ zo タ ta チ chi ツ tsu テ te ト to ダ da ヂ ji ヅ zu デ de ド do ナ na ニ ni
            ヌ nu ネ ne ノ no ハ ha ヒ hi フ fu ヘ he ホ ho バ ba ビ bi ブ bu ベ be ボ bo パ pa ピ pi プ pu ペ pe ポ po
            マ ma ミ mi ム mu メ me モ mo ヤ ya ユ yu ヨ yo ラ ra リ ri ル ru レ re ロ ro ワ wa ヰ i ヱ e ヲ o ン n ヴ vu
            ァ a ィ i ゥ u ェ e ォ o ャ ya ュ yu ョ yo ヮ wa
            """.split(whereSeparator: \.isWhitespace)
        var map: [UInt32: String] = [:]
        for index in stride(from: 0, to: table.count, by: 2) {
            map[table[index].unicodeScalars.first!.value] = String(table[index + 1])
        }
        return map
    }()

    /// Small kana that change the vowel of the kana before them.
    private static let smallVowel: [UInt32: Character] = [
        0x30A1: "a", 0x30A3: "i", 0x30A5: "u", 0x30A7: "e", 0x30A9: "o", 0x30E3: "a", 0x30E5: "u", 0x30E7: "o", 0x30EE: "a",
    ]

    // MARK: English

    /// The key of an English word, nil for words too short to be told apart and for acronyms written in capitals.
    static func key(english written: String) -> String? {
        guard written.count >= 3, written.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else { return nil }
        // A capital first letter is a name or an acronym (Indonesia, Cebu, BEMS): where, not what; a name is found
        // by the track record part.
        if let first = written.unicodeScalars.first, ("A"..."Z").contains(first) { return nil }
        var word = Array(written.lowercased())
        // A plural is its singular (processes, batteries are process, battery).
        if word.count > 3, word.last == "s", !["ss", "us", "is"].contains(String(word.suffix(2))) { word.removeLast() }
        if word.count > 3, word.suffix(2) == ["i", "e"] { word.removeLast(2); word.append("y") }
        let skeleton = consonants(spelled: word)
        guard skeleton.count >= minimumConsonants else { return nil }
        return (isVowel(word[0]) ? "V" : "") + String(skeleton) + String(syllables(spelled: word))
    }

    private static func consonants(spelled word: [Character]) -> [Character] {
        var letters = word
        for (from, to) in spellings { letters = replaced(Array(from), by: Array(to), in: letters) }
        // -er, -or, -ar at the end are ー; so is -re (centre).
        if letters.count > 2, letters.last == "r", ["e", "o", "a"].contains(letters[letters.count - 2]) { letters.removeLast() }
        if letters.count > 2, letters.suffix(2) == ["r", "e"] { letters.removeLast(2) }
        var skeleton: [Character] = []
        func add(_ letters: [Character]) {
            for letter in letters where skeleton.last != letter { skeleton.append(letter) }
        }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        for (index, letter) in letters.enumerated() {
            let next: Character? = index + 1 < letters.count ? letters[index + 1] : nil
            let previous: Character? = index > 0 ? letters[index - 1] : nil
            let nextIsVowel = next.map { vowels.contains($0) } ?? false
            if vowels.contains(letter) { continue }
            switch letter {
            case "c" where next == "h": add(["C"])
            case "c" where next == "e" || next == "i" || next == "y": add(["s"])
            case "g" where next == "e" || next == "i" || next == "y": add(["J"])
            case "j": add(["J"])
            case "r" where previous.map { vowels.contains($0) } == true && !nextIsVowel: continue
            case "w" where !nextIsVowel: continue
            case "h" where previous.map { !vowels.contains($0) } == true: continue
            case "m" where next == "p" || next == "b": add(["n"])
            case "l": add(["r"])
            case "v": add(["b"])
            case "c", "q": add(["k"])
            case "z": add(["s"])
            case "x": add(["k", "s"])
            default: add([letter])
            }
        }
        return skeleton
    }

    /// Spellings of one sound, replaced in this order before the consonants are read.
    private static let spellings = [("tion", "shon"), ("sion", "shon"), ("ph", "f"), ("ck", "k"), ("gh", ""), ("qu", "k"), ("wh", "w"), ("th", "s")]

    private static func replaced(_ from: [Character], by to: [Character], in letters: [Character]) -> [Character] {
        var out: [Character] = []
        var index = 0
        while index < letters.count {
            if index + from.count <= letters.count, Array(letters[index..<(index + from.count)]) == from {
                out.append(contentsOf: to)
                index += from.count
            } else {
                out.append(letters[index])
                index += 1
            }
        }
        return out
    }

    /// Vowel groups of the spelling: a final -er, -or, -ar or -re one syllable, a silent final e and a final -le
    /// (ブル, ドル: Japanese adds the vowel) none, y before a vowel a consonant.
    private static func syllables(spelled word: [Character]) -> Int {
        var letters = word
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        func consonantBefore(_ count: Int) -> Bool {
            letters.count > count && !vowels.contains(letters[letters.count - count - 1])
        }
        let ending = String(letters.suffix(2))
        if ["er", "or", "ar", "re"].contains(ending), consonantBefore(2) {
            letters.removeLast(2)
            letters.append("a")
        } else if ending == "le", consonantBefore(2) {
            letters.removeLast(2)
        } else if letters.last == "e", consonantBefore(1), letters.dropLast(2).contains(where: { vowels.contains($0) }) {
            letters.removeLast()
        }
        var groups = 0
        var inGroup = false
        for (index, letter) in letters.enumerated() {
            let isConsonantY = letter == "y" && index + 1 < letters.count && "aeiou".contains(letters[index + 1])
            if vowels.contains(letter) && !isConsonantY {
                if !inGroup { groups += 1 }
                inGroup = true
            } else {
                inGroup = false
            }
        }
        return groups
    }
}
