/// Reads the texts of profiles into interned terms for the index, with the same terms and counts as
/// `TextAnalysis.termCounts` (a test holds them equal), remembering what it worked out for each distinct
/// word (its Porter stem, whether it is a stop word, its term) and each distinct Japanese run (its glossary
/// senses and bigrams). A directory repeats its words and compounds many times over: working each out once
/// took building the index of 100,000 companies from minutes to seconds (docs/benchmarks.md, Matching).
struct TermReader: Sendable {
    /// A word as written: its stem and its term, nil for stop words and one-letter stems.
    private struct WordReading: Sendable {
        var original: String
        var stem: String
        var inflection: String
        var term: Int32?
        /// Its stem's number among the taxonomy phrases' stems (`ConceptVocabulary.phraseStems`), -1 if none.
        var phraseStem: Int32
        /// Its loanword key's term (LoanwordKey), nil for stop words and words too short to have one.
        var loanword: Int32?
    }

    private let glossary: Glossary
    private let phraseStems: [String: Int32]
    private(set) var terms = Interner<String>()
    /// The scripts of each term (`Scripts`): words English, bigrams Japanese, glossary senses neither.
    private(set) var scripts: [UInt8] = []
    /// Each distinct word as written, found by its UTF-8 bytes: a word's String is made once, when first met,
    /// not at every occurrence (making and hashing one per occurrence was a fifth of deriving).
    private var words = ByteKeyedTable()
    private var wordReadings: [WordReading] = []
    private var runs: [[Unicode.Scalar]: (terms: [Int32], loanwords: Int)] = [:]
    /// The same for runs that follow a Latin letter or a digit (`TextAnalysis.markedJapaneseRuns`), read without a first
    /// piece of one character.
    private var runsAfterWords: [[Unicode.Scalar]: (terms: [Int32], loanwords: Int)] = [:]
    private var mixedRuns: [[Unicode.Scalar]: [Int32]] = [:]
    private var senses: [Int32?]

    /// `phraseStems` numbers the stems the taxonomy's phrases are made of (`ConceptVocabulary.phraseStems`), so
    /// that `Reading.phraseStems` gives each word's number for the phrase search; empty, every word has -1.
    init(glossary: Glossary = .shipped, phraseStems: [String: Int32] = [:]) {
        self.glossary = glossary
        self.phraseStems = phraseStems
        senses = Array(repeating: nil, count: glossary.senseCount)
    }

    /// What `read` found in a text: each occurrence of a term, and its words for the taxonomy's phrases.
    struct Reading {
        /// A term as often as it occurs, in no particular order: the index adds them up (LexicalWeights) without
        /// making a dictionary for every text it reads.
        var occurrences: [Int32] = []
        var words: [TextAnalysis.Word] = []
        /// The number of each word's stem among the taxonomy phrases' stems, -1 for a stem in none of them.
        var phraseStems: [Int32] = []
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
        // The word being read, as the UTF-8 bytes of its scalars.
        var word: [UInt8] = []
        word.reserveCapacity(64)
        var run: [Unicode.Scalar] = []
        // One pass gives the words (TextAnalysis.words) and the Japanese runs (TextAnalysis.japaneseRuns).
        var runsFound: [(run: [Unicode.Scalar], afterWord: Bool)] = []
        var runAfterWord = false
        for scalar in text.unicodeScalars {
            // A word is being read exactly when the scalar before was a Latin letter or a digit.
            let afterWord = !word.isEmpty
            let narrow = TextAnalysis.halfWidth(scalar)
            if TextAnalysis.isWordScalar(narrow) {
                if narrow.isASCII { word.append(UInt8(narrow.value)) } else { UTF8.encode(narrow) { word.append($0) } }
            } else if !word.isEmpty {
                add(word: word, to: &reading)
                word.removeAll(keepingCapacity: true)
            }
            if TextAnalysis.isJapanese(scalar) {
                if run.isEmpty { runAfterWord = afterWord }
                run.append(scalar)
            } else if !run.isEmpty {
                runsFound.append((run, runAfterWord))
                run = []
            }
        }
        if !word.isEmpty { add(word: word, to: &reading) }
        if !run.isEmpty { runsFound.append((run, runAfterWord)) }
        for sense in glossary.senses(inWords: reading.words) { reading.occurrences.append(senseTerm(sense)) }
        // A second pass, for texts with Japanese only: a text without it has no mixed run, and most texts of an
        // English directory have none.
        if !runsFound.isEmpty {
            for run in TextAnalysis.mixedRuns(text) { reading.occurrences.append(contentsOf: mixedTerms(run)) }
        }
        for (run, afterWord) in runsFound {
            let found = runTerms(run, afterWord: afterWord)
            reading.occurrences.append(contentsOf: found.terms)
            reading.loanwordCount += found.loanwords
        }
        return reading
    }

    private mutating func add(word bytes: [UInt8], to reading: inout Reading) {
        let known: WordReading
        if let index = words.index(of: bytes) {
            known = wordReadings[index]
        } else {
            let original = String(decoding: bytes, as: UTF8.self)
            let lower = original.lowercased()
            let (inflection, stem) = PorterStemmer.stems(lower)
            let counted = stem.count > 1 && !TextAnalysis.stopWords.contains(lower)
            known = WordReading(original: original, stem: stem, inflection: inflection, term: counted ? term("w:" + stem) : nil,
                                phraseStem: phraseStems[stem] ?? -1,
                                loanword: counted && glossary.senses(inWords: [TextAnalysis.Word(original: original, stem: stem, inflection: inflection)]).isEmpty
                                    ? LoanwordKey.key(english: original).map { term(LoanwordKey.englishPrefix + $0) } : nil)
            words.insert(bytes, index: wordReadings.count)
            wordReadings.append(known)
        }
        reading.words.append(TextAnalysis.Word(original: known.original, stem: known.stem, inflection: known.inflection))
        reading.phraseStems.append(known.phraseStem)
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
    private mutating func runTerms(_ run: [Unicode.Scalar], afterWord: Bool) -> (terms: [Int32], loanwords: Int) {
        if let cached = afterWord ? runsAfterWords[run] : runs[run] { return cached }
        var found: [Int32] = []
        var loanwords = 0
        let normalised = TextAnalysis.normalisedKana(run)
        let folded = normalised.map(TextAnalysis.halfWidth)
        let senses = glossary.senses(inJapanese: folded)
        for sense in senses { found.append(senseTerm(sense.sense)) }
        TextAnalysis.japaneseTerms(of: normalised, known: senses.map(\.range), afterWord: afterWord) { found.append(term($0)) }
        TextAnalysis.loanwordKeys(of: folded, glossary: glossary) {
            found.append(term($0))
            loanwords += 1
        }
        if afterWord { runsAfterWords[run] = (found, loanwords) } else { runs[run] = (found, loanwords) }
        return (found, loanwords)
    }

    /// The senses of the glossary's mixed variants in one mixed run (`TextAnalysis.mixedRuns`).
    private mutating func mixedTerms(_ run: [Unicode.Scalar]) -> [Int32] {
        if let cached = mixedRuns[run] { return cached }
        var found: [Int32] = []
        for sense in glossary.senses(inMixed: TextAnalysis.normalisedKana(run)) { found.append(senseTerm(sense)) }
        mixedRuns[run] = found
        return found
    }

    func term(ifKnown text: String) -> Int32? { terms.id(ifKnown: text) }
}

/// A table from byte strings to numbers: open addressing over a flat array of the keys' bytes, so that looking a
/// key up hashes and compares bytes and makes nothing.
struct ByteKeyedTable: Sendable {
    private struct Entry: Sendable {
        var start: Int32
        var count: Int32
        var hash: UInt32
        var value: Int32
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Positions in `entries` plus one, zero for an empty slot; a power of two long.
    private var slots = [Int32](repeating: 0, count: 1024)

    var count: Int { entries.count }

    private static func hash(_ key: [UInt8]) -> UInt32 {
        // FNV-1a.
        var hash: UInt32 = 2_166_136_261
        for byte in key { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash
    }

    /// The number stored under `key`, nil if none is.
    func index(of key: [UInt8]) -> Int? {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.hash == hash, Int(entry.count) == key.count,
               bytes.withUnsafeBufferPointer({ stored in
                   key.withUnsafeBufferPointer { wanted in
                       wanted.elementsEqual(stored[Int(entry.start)..<Int(entry.start + entry.count)])
                   }
               }) {
                return Int(entry.value)
            }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `index` under `key`, which the table does not hold yet.
    mutating func insert(_ key: [UInt8], index: Int) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        entries.append(Entry(start: Int32(bytes.count), count: Int32(key.count), hash: hash, value: Int32(index)))
        bytes.append(contentsOf: key)
        place(entries.count - 1)
    }

    private mutating func place(_ position: Int) {
        let mask = slots.count - 1
        var slot = Int(entries[position].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for position in entries.indices { place(position) }
    }
}
