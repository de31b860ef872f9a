/// The shared concepts of both languages: every taxonomy code with its English and Japanese names and
/// synonyms. A text in either language maps onto the same codes, which is how a company described only
/// in Japanese ranks for a need written in English (docs/matching.md, "Bridging the languages").
struct ConceptVocabulary: Sendable {
    /// A concept found in a text: the code's index and the term as the vocabulary has it.
    struct Found: Sendable, Hashable {
        var concept: Int
        var term: String
    }

    private struct Phrase: Sendable {
        /// Its number in `foundTerms`.
        var found: Int32
        var concept: Int
        var term: String
        var written: String
        /// Its words' stems, as numbers of `phraseStems`.
        var stems: [Int32]
        /// Short upper-case acronyms (PV, EV, ITS, PET) match only as written, so "its" is not ITS.
        var caseSensitive: Bool
    }

    private struct JapaneseTerm: Sendable {
        var found: Int32
        var concept: Int
        var term: String
        var scalars: [Unicode.Scalar]
    }

    /// The taxonomy it was built from, for the matcher's version (`MatchWeights.version(taxonomy:)`).
    let taxonomy: [TaxonomyTerm]
    let codes: [String]
    let index: [String: Int]
    let parent: [Int?]
    let children: [[Int]]
    /// Each code's names and synonyms in both languages: the keywords field of a company that carries the code.
    let keywords: [String]
    /// Every (concept, term) a text can name, numbered, so that the index keeps what a technology names as
    /// small numbers (`foundNumbers(in:words:)`).
    let foundTerms: [Found]
    /// Every stem the English phrases are made of, numbered: the phrase search compares numbers, and the index's
    /// reader works out a word's number once per distinct word (TermReader.Reading.phraseStems).
    let phraseStems: [String: Int32]
    /// The phrases by the number of their first stem.
    private let phrasesByFirstStem: [[Phrase]]
    /// The Japanese terms by their first scalar: lists, and for each scalar of the Basic Multilingual Plane the
    /// position of its list (-1 for none), so the scan of a text (it runs over every profile when the index is
    /// built) looks a scalar up in an array, not a dictionary; scalars beyond the plane by dictionary.
    private let japaneseTerms: [[JapaneseTerm]]
    private let japaneseListOfScalar: [Int32]
    private let japaneseListBeyondPlane: [Unicode.Scalar: Int]

    init(_ taxonomy: [TaxonomyTerm]) {
        let sorted = taxonomy.sorted { $0.code < $1.code }
        self.taxonomy = sorted
        codes = sorted.map(\.code)
        var index: [String: Int] = [:]
        for (position, code) in codes.enumerated() { index[code] = position }
        self.index = index
        parent = sorted.map { $0.parentCode.flatMap { index[$0] } }
        var children = Array(repeating: [Int](), count: sorted.count)
        for (position, parent) in parent.enumerated() { if let parent { children[parent].append(position) } }
        self.children = children
        keywords = sorted.map { ([$0.nameEn, $0.nameJa] + $0.synonyms).joined(separator: "\n") }

        var phrases: [[Phrase]] = []
        var stemNumbers = Interner<String>()
        var japanese: [Unicode.Scalar: [JapaneseTerm]] = [:]
        var foundTerms = Interner<Found>()
        for (position, entry) in sorted.enumerated() {
            for term in [entry.nameEn, entry.nameJa] + entry.synonyms {
                let found = foundTerms.id(Found(concept: position, term: term))
                let scalars = term.unicodeScalars.map(TextAnalysis.halfWidth)
                if scalars.contains(where: TextAnalysis.isJapanese) {
                    let lowered = Array(String(String.UnicodeScalarView(scalars)).lowercased().unicodeScalars)
                    japanese[lowered[0], default: []].append(JapaneseTerm(found: found, concept: position, term: term, scalars: lowered))
                } else {
                    // Compared as written after folding full-width letters (ＰＶ is PV).
                    let narrow = String(String.UnicodeScalarView(scalars))
                    let words = TextAnalysis.words(narrow)
                    guard !words.isEmpty else { continue }
                    let acronym = narrow.count <= 4 && narrow.uppercased() == narrow && narrow.lowercased() != narrow
                    let stems = words.map { stemNumbers.id($0.stem) }
                    if phrases.count < stemNumbers.count { phrases += Array(repeating: [], count: stemNumbers.count - phrases.count) }
                    phrases[Int(stems[0])].append(
                        Phrase(found: found, concept: position, term: term, written: narrow, stems: stems, caseSensitive: acronym))
                }
            }
        }
        self.foundTerms = (0..<foundTerms.count).map { foundTerms[Int32($0)] }
        phraseStems = Dictionary(uniqueKeysWithValues: (0..<stemNumbers.count).map { (stemNumbers[Int32($0)], Int32($0)) })
        phrasesByFirstStem = phrases
        var lists = [Int32](repeating: -1, count: 0x10000)
        var beyond: [Unicode.Scalar: Int] = [:]
        var terms: [[JapaneseTerm]] = []
        for (scalar, list) in japanese {
            if scalar.value < 0x10000 { lists[Int(scalar.value)] = Int32(terms.count) } else { beyond[scalar] = terms.count }
            terms.append(list)
        }
        japaneseTerms = terms
        japaneseListOfScalar = lists
        japaneseListBeyondPlane = beyond
    }

    func isTopLevel(_ concept: Int) -> Bool { parent[concept] == nil }

    /// How close two codes are: the same 1, parent or child, siblings, or unrelated (nil).
    func relation(_ asked: Int, _ offered: Int, weights: MatchWeights) -> (credit: Double, kind: CodeFit)? {
        if asked == offered { return (weights.exactCode, .exact) }
        if parent[offered] == asked { return (weights.parentOrChildCode, .child) }
        if parent[asked] == offered { return (weights.parentOrChildCode, .parent) }
        if let p = parent[asked], p == parent[offered] { return (weights.siblingCode, .sibling) }
        return nil
    }

    /// The codes related to `asked`, best credit first (itself, its parent and children, its siblings).
    func related(_ asked: Int, weights: MatchWeights) -> [(code: Int, credit: Double, kind: CodeFit)] {
        var result: [(Int, Double, CodeFit)] = [(asked, weights.exactCode, .exact)]
        if let p = parent[asked] {
            result.append((p, weights.parentOrChildCode, .parent))
            for sibling in children[p] where sibling != asked { result.append((sibling, weights.siblingCode, .sibling)) }
        }
        for child in children[asked] { result.append((child, weights.parentOrChildCode, .child)) }
        return result.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map { (code: $0.0, credit: $0.1, kind: $0.2) }
    }

    /// Every concept whose name or synonym occurs in `text`, in either language.
    func concepts(in text: String) -> Set<Found> {
        Set(foundNumbers(in: text, words: TextAnalysis.words(text)).map { foundTerms[Int($0)] })
    }

    /// The same as numbers of `foundTerms`, with the words of `text` already read (TermReader reads them for
    /// the terms too).
    func foundNumbers(in text: String, words: [TextAnalysis.Word]) -> Set<Int32> {
        foundNumbers(in: text, words: words, stems: words.map { phraseStems[$0.stem] ?? -1 })
    }

    /// The same, with the number of each word's stem in `phraseStems` (-1 for none) given too, as
    /// `TermReader.Reading.phraseStems` has them: phrases are compared by numbers, not strings.
    func foundNumbers(in text: String, words: [TextAnalysis.Word], stems: [Int32]) -> Set<Int32> {
        var found: Set<Int32> = []
        for (start, stem) in stems.enumerated() where stem >= 0 {
            for phrase in phrasesByFirstStem[Int(stem)] where start + phrase.stems.count <= stems.count {
                let matches = phrase.stems.indices.allSatisfy { stems[start + $0] == phrase.stems[$0] }
                guard matches else { continue }
                if phrase.caseSensitive {
                    let written = words[start].original
                    guard written == phrase.written || written == phrase.written + "s" else { continue }
                }
                found.insert(phrase.found)
            }
        }
        // Half-width after the kana are normalised in the text as written, as `normalisedKana` then `halfWidth` do:
        // folding touches no kana, and the kana's normalisation no full-width ASCII, so the order makes no difference.
        let scalars = TextAnalysis.normalisedKana(TextAnalysis.folded(text))
        for (start, scalar) in scalars.enumerated() {
            let list = scalar.value < 0x10000 ? Int(japaneseListOfScalar[Int(scalar.value)]) : japaneseListBeyondPlane[scalar] ?? -1
            guard list >= 0 else { continue }
            for term in japaneseTerms[list] where start + term.scalars.count <= scalars.count {
                if term.scalars.indices.allSatisfy({ scalars[start + $0] == term.scalars[$0] }) {
                    found.insert(term.found)
                }
            }
        }
        return found
    }
}


/// How a company's code relates to a code the need asks for.
public enum CodeFit: String, Sendable, Codable {
    case exact, parent, child, sibling
}
