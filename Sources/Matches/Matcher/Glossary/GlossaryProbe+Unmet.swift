extension GlossaryProbe {
    /// The words of `text` that carry matching weight within their language and cross to neither language: what a profile
    /// says that a need in the other language cannot meet (`DominoBench glossary-coverage --profiles`, docs/matching.md
    /// "The thirty-third round"). Read with the matcher's own reading, as `init` does:
    /// - **Japanese**: each stretch of kanji and katakana between hiragana (`TextAnalysis.japanesePieces`) less every place a
    ///   glossary term covers (`Glossary.senses(inJapanese:)`, the terms inside a longest match included); what is left, two
    ///   characters or more, is listed, but a katakana word with a loanword key (`LoanwordKey`), which crosses on its own.
    /// - **English**: each word (not a stop word, a number or a measurement) that names no sense alone nor takes part in a
    ///   sense with its neighbours (a window of up to four words names a sense that it does not name without the word).
    /// Each list in the order of the text, repeats kept.
    public static func unmet(_ text: String) -> (japanese: [String], english: [String]) {
        (unmetJapanese(text), unmetEnglish(text))
    }

    static func unmetJapanese(_ text: String, glossary: Glossary = .shipped) -> [String] {
        var unmet: [String] = []
        for written in TextAnalysis.japaneseRuns(text) {
            let run = TextAnalysis.normalisedKana(written).map(TextAnalysis.halfWidth)
            var covered = [Bool](repeating: false, count: run.count)
            for found in glossary.senses(inJapanese: run) { for index in found.range { covered[index] = true } }
            TextAnalysis.japanesePieces(of: run) { piece in
                var start = piece.lowerBound
                while start < piece.upperBound {
                    guard !covered[start] else { start += 1; continue }
                    var end = start + 1
                    while end < piece.upperBound, !covered[end] { end += 1 }
                    let stretch = Array(run[start..<end])
                    let keyed = stretch.allSatisfy(Glossary.isKatakana) && LoanwordKey.key(katakana: stretch) != nil
                    if stretch.count > 1, !keyed { unmet.append(String(String.UnicodeScalarView(stretch))) }
                    start = end
                }
            }
        }
        return unmet
    }

    static func unmetEnglish(_ text: String, glossary: Glossary = .shipped) -> [String] {
        let words = TextAnalysis.words(text)
        var unmet: [String] = []
        for (index, word) in words.enumerated() {
            let lower = word.original.lowercased()
            guard word.stem.count > 1, !TextAnalysis.stopWords.contains(lower), !word.original.allSatisfy(\.isNumber),
                  !TextAnalysis.isMeasurement(word.original) else { continue }
            if !takesPartInSense(words, index, glossary: glossary) { unmet.append(lower) }
        }
        return unmet
    }

    /// Whether some window of up to four words around `index` names a sense that the same window without the word does not.
    private static func takesPartInSense(_ words: [TextAnalysis.Word], _ index: Int, glossary: Glossary) -> Bool {
        for start in max(0, index - 3)...index {
            for end in (index + 1)...min(words.count, start + 4) {
                let window = Array(words[start..<end])
                let with = Set(glossary.senses(inWords: window))
                guard !with.isEmpty else { continue }
                var without = window
                without.remove(at: index - start)
                if !with.subtracting(glossary.senses(inWords: without)).isEmpty { return true }
            }
        }
        return false
    }
}
