/// The Japanese of a need's text as explanations read it, read once per need (`Matcher.ExplainedNeed`): every term of every
/// piece in order, with what its place says (a katakana–kanji pair, a pair across a known word's edge, a verb's stem).
/// Which of those terms a company meets differs from company to company, so `metStretches` is a walk over this list, and
/// the glossary's reading of the runs (the costly part) is not repeated for each company a ranking explains.
struct JapaneseReading: Sendable {
    /// A term of a piece of two or more characters, in the order `TextAnalysis.pieceTerms` gives them.
    private struct Step: Sendable {
        let term: String
        let range: Range<Int>
        /// A katakana word's last letter and the kanji after it (ン市 of ダナン市内): a script boundary inside a pair.
        let acrossScripts: Bool
        /// A pair whose two characters a word the glossary knows parts (物発 of 廃棄物発電).
        let straddlesEdge: Bool
    }

    private enum Piece: Sendable {
        /// A kanji alone between hiragana; `stem`: written as a verb's or an adjective's stem or an adverb's start.
        case single(term: String, stem: Bool)
        /// The terms of a longer piece of the run at `run`.
        case terms(run: Int, steps: [Step])
    }

    private let runs: [[Unicode.Scalar]]
    private let pieces: [Piece]

    init(_ text: String, glossary: Glossary = .shipped) {
        var runs: [[Unicode.Scalar]] = []
        var pieces: [Piece] = []
        for written in TextAnalysis.japaneseRuns(text).map(TextAnalysis.normalisedKana) {
            // Read as scoring reads it: the places where a word the glossary knows begins or ends.
            let (run, edges) = TextAnalysis.readRun(written, glossary: glossary)
            runs.append(run)
            TextAnalysis.japanesePieces(of: run) { piece in
                guard piece.count > 1 else {
                    let index = piece.lowerBound
                    let term = "j:" + String(String.UnicodeScalarView([run[index]]))
                    pieces.append(.single(term: term, stem: TextAnalysis.isStem(run, at: index) || TextAnalysis.isAdverb(run, at: index)))
                    return
                }
                var steps: [Step] = []
                TextAnalysis.pieceTerms(run, piece, edges: edges) { term, range in
                    let pair = range.count == 2
                    steps.append(Step(
                        term: term, range: range,
                        acrossScripts: Glossary.isKatakana(run[range.lowerBound]) && !Glossary.isKatakana(run[range.upperBound - 1]),
                        straddlesEdge: pair && !run[range].allSatisfy(Glossary.isKatakana) && edges[range.lowerBound + 1] != nil))
                }
                pieces.append(.terms(run: runs.count - 1, steps: steps))
            }
        }
        self.runs = runs
        self.pieces = pieces
    }

    /// Each bigram or katakana word of `met` with the longest stretch of the text around it whose every term is met.
    /// 下水, 水汚 and 汚泥 met in 下水汚泥の燃料化 read as 下水汚泥, not as three pairs of which 水汚 (the end of one word and the
    /// start of the next) means nothing; 電気, 気バ and バス in 電気バス導入 as 電気バス.
    /// And the `fragments`: the met bigrams that, wherever the text writes them, are met alone and straddle the edge of a
    /// word the glossary knows there (物発 of 廃棄物発電, met in another text's 微生物発酵): a piece of two words, which
    /// names nothing and is not evidence. It still scores, as every bigram does. So do, and are fragments too, a katakana
    /// word's last letter and the kanji after it (ン市 of ダナン市内: a script boundary inside a pair, never part of a
    /// stretch), and a kanji that the text writes only as a verb's or an adjective's stem (使 of 使う, 減 of 減らす:
    /// `TextAnalysis.isStem`; 熱 of 熱を is a noun and listed) or as the start of an adverb (特 of 特に, 最 of 最も: `isAdverb`).
    func metStretches(_ met: Set<String>) -> (stretches: [String: String], fragments: Set<String>) {
        var stretches: [String: String] = [:]
        var alone: Set<String> = []
        var inWords: Set<String> = []
        var stems: Set<String> = []
        var nouns: Set<String> = []
        for piece in pieces {
            switch piece {
            case .single(let term, let stem):
                if met.contains(term) {
                    if stem { stems.insert(term) } else { nouns.insert(term) }
                }
            case .terms(let runIndex, let steps):
                let run = runs[runIndex]
                var stretch: (terms: [String], range: Range<Int>, straddlesEdge: Bool)?
                func close() {
                    guard let (terms, range, straddlesEdge) = stretch else { return }
                    let written = String(String.UnicodeScalarView(run[range]))
                    for term in terms where stretches[term].map({ $0.unicodeScalars.count < range.count }) ?? true {
                        stretches[term] = written
                    }
                    if terms.count == 1, straddlesEdge { alone.formUnion(terms) } else { inWords.formUnion(terms) }
                    stretch = nil
                }
                for step in steps {
                    guard met.contains(step.term), !step.acrossScripts || step.range.count != 2 else {
                        if met.contains(step.term) { alone.insert(step.term) }
                        close()
                        continue
                    }
                    if let open = stretch, step.range.lowerBound < open.range.upperBound {
                        stretch = (open.terms + [step.term], open.range.lowerBound..<max(open.range.upperBound, step.range.upperBound), false)
                    } else {
                        close()
                        stretch = ([step.term], step.range, step.straddlesEdge)
                    }
                }
                close()
            }
        }
        return (stretches, alone.union(stems.subtracting(nouns)).subtracting(inWords))
    }
}
