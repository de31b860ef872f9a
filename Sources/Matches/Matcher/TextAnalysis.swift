/// How the matcher reads free text in Japanese and English: normalised (lower case, full-width ASCII to
/// half-width, punctuation to spaces), split into English words and Japanese character bigrams.
/// Japanese has no spaces and a dictionary tokeniser is a dependency we do not take; bigrams of
/// kanji and katakana catch compound words (廃棄物発電 → 廃棄 棄物 物発 発電) well enough to score
/// overlap, and the taxonomy terms do the precise work (ConceptVocabulary).
enum TextAnalysis {
    /// One word as written and in the form used for matching (lower case, plural `s` removed).
    struct Word: Equatable {
        var original: String
        var stem: String
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

    /// Full-width ASCII (Ｌ Ｅ Ｄ, １２) as half-width, so ＬＥＤ照明 and LED照明 read the same.
    static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if (0xFF01...0xFF5E).contains(scalar.value), let narrow = Unicode.Scalar(scalar.value - 0xFEE0) { return narrow }
        return scalar
    }

    /// English-side stemming, deliberately small: plurals only ("panels" → "panel", "batteries" → "battery").
    static func stem(_ lower: String) -> String {
        if lower.count > 4, lower.hasSuffix("ies") { return String(lower.dropLast(3)) + "y" }
        if lower.count > 3, lower.hasSuffix("s"), !lower.hasSuffix("ss"), !lower.hasSuffix("us") { return String(lower.dropLast()) }
        return lower
    }

    /// The words of `text` in order, stop words included (phrases such as "combined heat and power"
    /// need them).
    static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let original = String(current)
            words.append(Word(original: original, stem: stem(original.lowercased())))
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars.lazy.map(halfWidth) {
            if isWordScalar(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    /// The runs of Japanese characters in `text`, as scalar arrays.
    static func japaneseRuns(_ text: String) -> [[Unicode.Scalar]] {
        var runs: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if isJapanese(scalar) { current.append(scalar) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Common English words that carry no topic.
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "in", "into", "is", "it",
        "its", "of", "on", "or", "our", "that", "the", "their", "this", "to", "we", "which", "with", "will", "would",
    ]

    /// The scoring terms of `text`: English word stems (`w:`) and Japanese bigrams (`j:`), without
    /// stop words and without bigrams made only of hiragana (particles and endings).
    static func terms(_ text: String) -> Set<String> {
        var terms: Set<String> = []
        for word in words(text) where word.stem.count > 1 && !stopWords.contains(word.stem) {
            terms.insert("w:" + word.stem)
        }
        for run in japaneseRuns(text) {
            if run.count == 1 {
                if !isHiragana(run[0]) { terms.insert("j:" + String(String.UnicodeScalarView([run[0]]))) }
                continue
            }
            for index in 0..<(run.count - 1) where !(isHiragana(run[index]) && isHiragana(run[index + 1])) {
                terms.insert("j:" + String(String.UnicodeScalarView([run[index], run[index + 1]])))
            }
        }
        return terms
    }

    /// The scripts of a set of terms: "en" when it has words, "ja" when it has Japanese bigrams.
    static func languages<Terms: Sequence>(of terms: Terms) -> Set<String> where Terms.Element == String {
        var languages: Set<String> = []
        for term in terms {
            if term.hasPrefix("w:") { languages.insert("en") } else if term.hasPrefix("j:") { languages.insert("ja") }
            if languages.count == 2 { break }
        }
        return languages
    }
}
