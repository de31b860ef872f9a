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
    }

    private let glossary: Glossary
    private(set) var terms = Interner<String>()
    /// The scripts of each term (`Scripts`): words English, bigrams Japanese, glossary senses neither.
    private(set) var scripts: [UInt8] = []
    private var words: [String: WordReading] = [:]
    private var runs: [[Unicode.Scalar]: [Int32]] = [:]
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
            reading.occurrences.append(contentsOf: runTerms(run))
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
            known = WordReading(stem: stem, inflection: inflection,
                                term: stem.count > 1 && !TextAnalysis.stopWords.contains(lower) ? term("w:" + stem) : nil)
            words[original] = known
        }
        reading.words.append(TextAnalysis.Word(original: original, stem: known.stem, inflection: known.inflection))
        if let id = known.term { reading.occurrences.append(id) }
    }

    private mutating func senseTerm(_ sense: Int32) -> Int32 {
        if let id = senses[Int(sense)] { return id }
        let id = term("g:\(sense)")
        senses[Int(sense)] = id
        return id
    }

    /// The glossary senses and the bigrams of one Japanese run, each as often as it occurs.
    private mutating func runTerms(_ run: [Unicode.Scalar]) -> [Int32] {
        if let cached = runs[run] { return cached }
        var found: [Int32] = []
        let normalised = TextAnalysis.normalisedKana(run)
        for sense in glossary.senses(inJapanese: normalised.map(TextAnalysis.halfWidth)) { found.append(senseTerm(sense.sense)) }
        TextAnalysis.japaneseTerms(of: normalised) { found.append(term($0)) }
        runs[run] = found
        return found
    }

    func term(ifKnown text: String) -> Int32? { terms.id(ifKnown: text) }
}
