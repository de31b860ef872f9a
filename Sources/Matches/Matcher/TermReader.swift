/// Reads the texts of profiles into interned terms for the index, with the same terms and counts as
/// `TextAnalysis.termCounts` (a test holds them equal), remembering what it worked out for each distinct
/// word (its Porter stem, whether it is a stop word, its term) and each distinct Japanese run (its glossary
/// senses and bigrams). A directory repeats its words and compounds many times over: working each out once
/// took building the index of 100,000 companies from minutes to seconds (docs/benchmarks.md, Matching).
struct TermReader: Sendable {
    /// A word as written: its stem and its term, nil for stop words and one-letter stems.
    private struct WordReading: Sendable {
        var stem: String
        var inflection: String
        var term: Int32?
        /// Its loanword key's term (LoanwordKey), nil for stop words and words too short to have one.
        var loanword: Int32?
    }

    private let glossary: Glossary
    private(set) var terms = Interner<String>()
    /// The scripts of each term (`Scripts`): words English, bigrams Japanese, glossary senses neither.
    private(set) var scripts: [UInt8] = []
    private var words: [String: WordReading] = [:]
    private var runs: [[Unicode.Scalar]: (terms: [Int32], loanwords: Int)] = [:]
    private var senses: [Int32?]

    init(glossary: Glossary = .shipped) {
        self.glossary = glossary
        senses = Array(repeating: nil, count: glossary.senseCount)
    }

    /// What `read` found in a text: each occurrence of a term, and its words for the taxonomy's phrases.
    struct Reading {
        /// A term as often as it occurs, in no particular order: the index adds them up (LexicalWeights) without
        /// making a dictionary for every text it reads.
        var occurrences: [Int32] = []
        var words: [TextAnalysis.Word] = []
        /// How many of the occurrences are loanword keys (LoanwordKey): a second reading of a word already counted,
        /// so they do not make a text longer (LexicalWeights).
        var loanwordCount = 0

        /// The count of each term.
        var counts: [Int32: Int] { occurrences.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
    }

    mutating func term(_ text: String) -> Int32 {
        let id = terms.id(text)
        if Int(id) == scripts.count {
            scripts.append(text.hasPrefix("w:") ? Scripts.english : text.hasPrefix("j:") ? Scripts.japanese : 0)
        }
        return id
    }

    /// The terms of `text`, counted as `TextAnalysis.termCounts` counts them.
    mutating func read(_ text: String) -> Reading {
        var reading = Reading()
        var word = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        // One pass gives the words (TextAnalysis.words) and the Japanese runs (TextAnalysis.japaneseRuns).
        var runsFound: [[Unicode.Scalar]] = []
        for scalar in text.unicodeScalars {
            let narrow = TextAnalysis.halfWidth(scalar)
            if TextAnalysis.isWordScalar(narrow) {
                word.append(narrow)
            } else if !word.isEmpty {
                add(word: String(word), to: &reading)
                word = String.UnicodeScalarView()
            }
            if TextAnalysis.isJapanese(scalar) {
                run.append(scalar)
            } else if !run.isEmpty {
                runsFound.append(run)
                run = []
            }
        }
        if !word.isEmpty { add(word: String(word), to: &reading) }
        if !run.isEmpty { runsFound.append(run) }
        for sense in glossary.senses(inWords: reading.words) { reading.occurrences.append(senseTerm(sense)) }
        for run in runsFound {
            let found = runTerms(run)
            reading.occurrences.append(contentsOf: found.terms)
            reading.loanwordCount += found.loanwords
        }
        return reading
    }

    private mutating func add(word original: String, to reading: inout Reading) {
        let known: WordReading
        if let cached = words[original] {
            known = cached
        } else {
            let lower = original.lowercased()
            let (inflection, stem) = PorterStemmer.stems(lower)
            let counted = stem.count > 1 && !TextAnalysis.stopWords.contains(lower)
            known = WordReading(stem: stem, inflection: inflection, term: counted ? term("w:" + stem) : nil,
                                loanword: counted && glossary.senses(inWords: [TextAnalysis.Word(original: original, stem: stem, inflection: inflection)]).isEmpty
                                    ? LoanwordKey.key(english: original).map { term(LoanwordKey.englishPrefix + $0) } : nil)
            words[original] = known
        }
        reading.words.append(TextAnalysis.Word(original: original, stem: known.stem, inflection: known.inflection))
        if let id = known.term { reading.occurrences.append(id) }
        if let id = known.loanword {
            reading.occurrences.append(id)
            reading.loanwordCount += 1
        }
    }

    private mutating func senseTerm(_ sense: Int32) -> Int32 {
        if let id = senses[Int(sense)] { return id }
        let id = term("g:\(sense)")
        senses[Int(sense)] = id
        return id
    }

    /// The glossary senses, the bigrams and the loanword keys of one Japanese run, each as often as it occurs, and
    /// how many of them are loanword keys.
    private mutating func runTerms(_ run: [Unicode.Scalar]) -> (terms: [Int32], loanwords: Int) {
        if let cached = runs[run] { return cached }
        var found: [Int32] = []
        var loanwords = 0
        let normalised = TextAnalysis.normalisedKana(run)
        let folded = normalised.map(TextAnalysis.halfWidth)
        for sense in glossary.senses(inJapanese: folded) { found.append(senseTerm(sense.sense)) }
        TextAnalysis.japaneseTerms(of: normalised) { found.append(term($0)) }
        TextAnalysis.loanwordKeys(of: folded, glossary: glossary) {
            found.append(term($0))
            loanwords += 1
        }
        runs[run] = (found, loanwords)
        return (found, loanwords)
    }

    func term(ifKnown text: String) -> Int32? { terms.id(ifKnown: text) }
}
