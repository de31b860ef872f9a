import EventIO
import FoundationEssentials
import Synchronization

/// Works out a company's features and BM25F term weights from its profile, numbering terms with its own
/// `TermReader`. The index has one for the companies it applies one by one; a build gives each worker thread
/// one of its own and renumbers what they derived into the index's terms (`MatchIndexState.insert(_:from:)`).
struct FeatureDeriver: Sendable {
    let vocabulary: ConceptVocabulary
    let weights: MatchWeights
    /// Reads profiles into terms, remembering each distinct word and Japanese run.
    private(set) var reader: TermReader
    /// The terms of each code's keywords (ConceptVocabulary.keywords), read when a company first carries the code.
    private(set) var keywordCounts: [[Int32: Int]?]
    /// Equal small arrays are stored once (a directory repeats its codes, languages and countries).
    private var shared = SharedArrays()
    /// Weighs each company's terms, reused from company to company.
    private var lexical = LexicalWeights()
    /// The distinct terms of a technology or the records' summaries, and of a company's technologies, collected
    /// without a hash set for each (sets of terms were a tenth of a build's CPU).
    private var textTerms = DistinctTerms()
    private var companyTerms = DistinctTerms()

    init(vocabulary: ConceptVocabulary, weights: MatchWeights) {
        self.vocabulary = vocabulary
        self.weights = weights
        keywordCounts = Array(repeating: nil, count: vocabulary.codes.count)
        reader = TermReader(phraseStems: vocabulary.phraseStems)
    }

    /// A company as derived: its features and the BM25F weight of each of its terms (numbers of `reader`).
    struct Derived: Sendable {
        var features: CompanyFeatures
        var termWeights: [(term: Int32, weight: Float)]
    }

    mutating func term(_ text: String) -> Int32 { reader.term(text) }

    mutating func keywordTerms(_ code: Int) -> [Int32: Int] {
        if let counts = keywordCounts[code] { return counts }
        let counts = reader.read(vocabulary.keywords[code]).counts
        keywordCounts[code] = counts
        return counts
    }

    /// Takes over another deriver's keyword terms for the codes this one has not read yet, renumbered by `map`.
    mutating func adoptKeywords(_ other: [[Int32: Int]?], map: [Int32]) {
        for code in keywordCounts.indices where keywordCounts[code] == nil {
            guard let counts = other[code] else { continue }
            keywordCounts[code] = Dictionary(uniqueKeysWithValues: counts.map { (map[Int($0.key)], $0.value) })
        }
    }

    mutating func derive(_ profile: CompanyProfile, version: Int64) -> Derived {
        var technologies: [TechnologyFeatures] = []
        var technologyTerms: [Int32] = []
        companyTerms.start()
        var scripts: UInt8 = 0
        // Each technology's own terms are needed only to leave a hidden one's out of an explanation.
        let hides = profile.technologies.contains { $0.disclosure == .coordinators }
        for technology in profile.technologies {
            let codes = Set(technology.taxonomyCodes.compactMap { vocabulary.index[$0] })
            let title = reader.read([technology.titleJa, technology.titleEn].compactMap { $0 }.joined(separator: "\n"))
            let description = reader.read([technology.descriptionJa, technology.descriptionEn].compactMap { $0 }.joined(separator: "\n"))
            // The technology's text is its title and its description joined by a line break, so its words are
            // the title's and then the description's.
            let found = vocabulary.foundNumbers(
                in: technology.text, words: title.words + description.words, stems: title.phraseStems + description.phraseStems)
            lexical.add(title, to: .title)
            lexical.add(description, to: .description)
            textTerms.start()
            let terms = textTerms.add(title.occurrences) + textTerms.add(description.occurrences)
            for term in terms { scripts |= reader.scripts[Int(term)] }
            technologyTerms += companyTerms.add(terms)
            technologies.append(TechnologyFeatures(
                id: technology.id, codes: shared.ints(codes.sorted()), found: shared.numbers(found.sorted()),
                concepts: shared.ints(codes.union(found.map { vocabulary.foundTerms[Int($0)].concept }).sorted()),
                terms: hides ? terms.sorted() : [], maturity: technology.maturity, disclosure: technology.disclosure))
        }
        let records = profile.trackRecords.map { record in
            let found = record.summary.map { vocabulary.concepts(in: $0).map(\.concept) } ?? []
            let concepts = shared.ints(Set(found).union(record.taxonomyCodes.compactMap { vocabulary.index[$0] }).sorted())
            // What the record says and is tagged with is in its concepts and the company's terms now.
            var kept = record
            kept.summary = nil
            kept.taxonomyCodes = []
            return RecordFeatures(record: kept, concepts: concepts)
        }
        // What a company has delivered describes it as much as its catalogue: record summaries add
        // concepts and words too, in their own field.
        let summaries = reader.read(profile.trackRecords.compactMap(\.summary).joined(separator: "\n"))
        lexical.add(summaries, to: .records)
        textTerms.start()
        let recordTerms = textTerms.add(summaries.occurrences)
        for term in recordTerms { scripts |= reader.scripts[Int(term)] }
        let codes = technologies.reduce(into: Set<Int>()) { $0.formUnion($1.codes) }
        // The codes a company tags itself with are its keywords: their names and synonyms in both languages.
        for code in codes.sorted() { lexical.add(keywordTerms(code), to: .keywords) }
        let concepts = records.reduce(into: technologies.reduce(into: Set<Int>()) { $0.formUnion($1.concepts) }) { $0.formUnion($1.concepts) }
        // The technologies' texts are not kept: what ranking and explanations need of them is in `technologies`.
        var kept = profile
        kept.technologies = []
        kept.trackRecords = []
        kept.languages = shared.strings(profile.languages)
        kept.countriesWithExperience = shared.strings(profile.countriesWithExperience)
        let sortedCodes = codes.sorted()
        let sortedConcepts = concepts.sorted()
        let fields = sortedCodes.count
        let features = CompanyFeatures(
            profile: kept, version: version, technologies: technologies, technologyTerms: technologyTerms.sorted(), records: records,
            recordTerms: recordTerms.sorted(),
            codes: shared.ints(sortedCodes), concepts: shared.ints(sortedConcepts),
            codeWeights: ClaimSpread.weights(of: sortedCodes, claims: technologies.map(\.codes), fields: fields,
                                             specific: weights.specificClaims, broad: weights.broadClaims),
            conceptWeights: ClaimSpread.weights(
                of: sortedConcepts, claims: technologies.map(\.concepts) + records.map(\.concepts), fields: fields,
                specific: weights.specificClaims, broad: weights.broadClaims),
            scripts: scripts)
        return Derived(features: features, termWeights: lexical.weights(weights))
    }

    /// Derives `rows` on threads of their own (`buildThreads`), never on Swift's cooperative pool (two threads
    /// that serve every request: ARCHITECTURE.md, Concurrency): the rows are cut into one contiguous share per
    /// worker, and each share is read (`read`: a row's version and profile, nil when the company is gone) and
    /// derived by its worker's deriver on a thread of its own; what each derived comes back in order, with the
    /// terms its deriver numbered meanwhile (`BuildShare`). A row that cannot be read fails the whole call. The
    /// caller only awaits (it suspends; no thread of the pool waits).
    static func derive<Row: Sendable>(
        _ rows: [Row], with workers: [BuildWorker], read: @escaping @Sendable (Row) throws -> (version: Int64, profile: CompanyProfile?)
    ) async throws -> [BuildShare] {
        let share = (rows.count + workers.count - 1) / max(workers.count, 1)
        return try await withThrowingTaskGroup(of: (Int, BuildShare).self) { group in
            for (index, worker) in workers.enumerated() {
                let part = Array(rows[min(index * share, rows.count)..<min((index + 1) * share, rows.count)])
                group.addTask {
                    let derived = await buildThreads.run {
                        Result {
                            try worker.deriver.withLock { deriver throws -> BuildShare in
                                let known = deriver.reader.terms.count
                                let derived = try part.map { row in
                                    let (version, profile) = try read(row)
                                    return profile.map { deriver.derive($0, version: version) }
                                }
                                return BuildShare(
                                    derived: derived, firstTerm: known,
                                    terms: (known..<deriver.reader.terms.count).map { deriver.reader.terms[Int32($0)] },
                                    keywordCounts: deriver.keywordCounts)
                            }
                        }
                    }
                    return (index, try derived.get())
                }
            }
            var shares: [BuildShare?] = Array(repeating: nil, count: workers.count)
            for try await (index, derived) in group { shares[index] = derived }
            return shares.compactMap { $0 }
        }
    }

    /// The threads that derive builds: as many as a build has workers, so two builds at once (two databases
    /// in one test process) take turns instead of crowding the cores further. Not Dispatch's global queue: on
    /// Linux its threads are the cooperative pool's, and a build there held both of them (`DedicatedThreads`).
    static let buildThreads = DedicatedThreads(name: "domino-index", limit: MatchIndex.buildWorkers)
}

/// A build's worker: a deriver that stays in one place from chunk to chunk and is changed there. A deriver is a
/// value, and one handed to a thread and back was held twice, so the first company of every chunk copied all its
/// dictionaries (words, Japanese runs, terms, shared arrays) before writing: a copy per worker per chunk, a
/// tenth of a build's CPU and much of its heap's churn (docs/matching.md, Freshness and speed). The lock is
/// only ever taken by the one thread deriving the worker's share, or by a test reading it afterwards.
final class BuildWorker: Sendable {
    let deriver: Mutex<FeatureDeriver>

    init(_ deriver: FeatureDeriver) { self.deriver = Mutex(deriver) }
}

/// What a worker derived from its share of a chunk, in order (nil for a company that is gone), and what the index
/// needs to renumber it without reading the worker's deriver, which may be deriving the next chunk by then: the
/// terms the deriver numbered while deriving it (numbers `firstTerm...`) and its keyword terms.
struct BuildShare: Sendable {
    var derived: [FeatureDeriver.Derived?]
    var firstTerm: Int
    var terms: [String]
    var keywordCounts: [[Int32: Int]?]
}

/// Equal arrays stored once: an index of 100,000 companies holds about a million small arrays of codes,
/// concepts, languages and countries, most of them equal to many others, and each costs an allocation.
/// Arrays are values, so sharing their storage changes nothing a reader sees.
struct SharedArrays: Sendable {
    private var intArrays: Set<[Int]> = []
    private var numberArrays: Set<[Int32]> = []
    private var stringArrays: Set<[String]> = []

    mutating func ints(_ value: [Int]) -> [Int] { value.isEmpty ? value : intArrays.insert(value).memberAfterInsert }
    mutating func numbers(_ value: [Int32]) -> [Int32] { value.isEmpty ? value : numberArrays.insert(value).memberAfterInsert }
    mutating func strings(_ value: [String]) -> [String] { value.isEmpty ? value : stringArrays.insert(value).memberAfterInsert }
}

/// Distinct terms by marks: a term is new when its mark is not the current round's, so collecting the distinct
/// terms of a text costs a look at an array by term number instead of a hash set.
struct DistinctTerms: Sendable {
    private var marks: [UInt32] = []
    private var round: UInt32 = 0

    /// Forgets the terms collected so far.
    mutating func start() {
        if round == .max {
            marks = Array(repeating: 0, count: marks.count)
            round = 0
        }
        round += 1
    }

    /// The terms of `occurrences` not met since `start`, in the order first met.
    mutating func add(_ occurrences: [Int32]) -> [Int32] {
        var new: [Int32] = []
        for term in occurrences {
            let index = Int(term)
            if index >= marks.count { marks.append(contentsOf: repeatElement(0, count: max(index + 1 - marks.count, marks.count / 4))) }
            if marks[index] != round {
                marks[index] = round
                new.append(term)
            }
        }
        return new
    }
}

/// What the worker threads of one `FeatureDeriver.derive` hand back, each under its own index.
extension CompanyFeatures {
    /// The same company with its terms renumbered: `map[t]` is the number of the deriver's term `t` in the index.
    func renumbered(_ map: [Int32]) -> CompanyFeatures {
        CompanyFeatures(
            profile: profile, version: version,
            technologies: technologies.map { technology in
                var renumbered = technology
                renumbered.terms = technology.terms.map { map[Int($0)] }.sorted()
                return renumbered
            },
            technologyTerms: technologyTerms.map { map[Int($0)] }.sorted(), records: records, recordTerms: recordTerms.map { map[Int($0)] }.sorted(), codes: codes, concepts: concepts,
            codeWeights: codeWeights, conceptWeights: conceptWeights, scripts: scripts)
    }
}
