import FoundationEssentials

/// The matcher's in-memory index of one process: company features plus inverted lists from codes,
/// concepts and terms to companies, so ranking a need touches only companies that share something
/// with it. A value type: readers take a copy (copy-on-write, nothing is copied until a writer
/// changes it) and rank without holding a lock.
struct MatchIndexState: Sendable {
    let vocabulary: ConceptVocabulary
    let weights: MatchWeights
    /// The term counts of each code's keywords (ConceptVocabulary.keywords), read once.
    private let keywordCounts: [[String: Int]]
    /// Slots of companies; an edited company gets a new slot and its old one is emptied, so the
    /// inverted lists only ever grow until `compact` rebuilds them.
    private(set) var slots: [CompanyFeatures?] = []
    private(set) var slotOf: [UUID: Int32] = [:]
    /// What ranking reads of each slot's company, row for row.
    private(set) var table = ScoringTable()
    private var codePostings: [[Int32]]
    private var conceptPostings: [[Int32]]
    private var termPostings: [[Int32]] = []
    /// BM25F weight of the term in each posting's company, beside `termPostings`.
    private var termPostingWeights: [[Float]] = []
    private var conceptCount: [Int]
    private var termCount: [Int] = []
    private var terms = Interner<String>()

    init(vocabulary: ConceptVocabulary, weights: MatchWeights = .standard) {
        self.vocabulary = vocabulary
        self.weights = weights
        keywordCounts = vocabulary.keywords.map { TextAnalysis.termCounts($0) }
        codePostings = Array(repeating: [], count: vocabulary.codes.count)
        conceptPostings = Array(repeating: [], count: vocabulary.codes.count)
        conceptCount = Array(repeating: 0, count: vocabulary.codes.count)
    }

    var companyCount: Int { slotOf.count }

    func version(of company: UUID) -> Int64? {
        slotOf[company].flatMap { slots[Int($0)]?.version }
    }

    // MARK: Writing

    /// Puts `profile` in the index (nil removes the company) unless the index already holds a newer
    /// read of it: `version` only grows, so an older read arriving late never wins.
    mutating func apply(_ company: UUID, profile: CompanyProfile?, version: Int64) {
        if let current = slotOf[company], let existing = slots[Int(current)] {
            guard version > existing.version else { return }
            remove(slot: current, features: existing)
        }
        guard let profile else { return }
        let features = features(of: profile, version: version)
        let slot = Int32(slots.count)
        slots.append(features)
        slotOf[company] = slot
        table.append(features)
        for code in features.codes { codePostings[code].append(slot) }
        for concept in features.concepts {
            conceptPostings[concept].append(slot)
            conceptCount[concept] += 1
        }
        for (term, weight) in features.termWeights {
            termPostings[Int(term)].append(slot)
            termPostingWeights[Int(term)].append(weight)
            termCount[Int(term)] += 1
        }
        if slots.count > 1024, slots.count > 2 * slotOf.count { compact() }
    }

    private mutating func remove(slot: Int32, features: CompanyFeatures) {
        slots[Int(slot)] = nil
        slotOf[features.profile.id] = nil
        table.retire(slot)
        for concept in features.concepts { conceptCount[concept] -= 1 }
        for term in features.termWeights.keys { termCount[Int(term)] -= 1 }
    }

    /// Rebuilds the slots and inverted lists from the live companies, in id order.
    private mutating func compact() {
        let live = slots.compactMap { $0 }.sorted { $0.profile.id.uuidString < $1.profile.id.uuidString }
        slots = []
        slotOf = [:]
        table.removeAllRows()
        codePostings = Array(repeating: [], count: vocabulary.codes.count)
        conceptPostings = Array(repeating: [], count: vocabulary.codes.count)
        termPostings = Array(repeating: [], count: termPostings.count)
        termPostingWeights = Array(repeating: [], count: termPostings.count)
        for features in live {
            let slot = Int32(slots.count)
            slots.append(features)
            slotOf[features.profile.id] = slot
            table.append(features)
            for code in features.codes { codePostings[code].append(slot) }
            for concept in features.concepts { conceptPostings[concept].append(slot) }
            for (term, weight) in features.termWeights {
                termPostings[Int(term)].append(slot)
                termPostingWeights[Int(term)].append(weight)
            }
        }
    }

    private mutating func termID(_ term: String) -> Int32 {
        let id = terms.id(term)
        if Int(id) == termPostings.count {
            termPostings.append([])
            termPostingWeights.append([])
            termCount.append(0)
        }
        return id
    }

    private mutating func features(of profile: CompanyProfile, version: Int64) -> CompanyFeatures {
        var lexical = LexicalWeights()
        var technologies: [TechnologyFeatures] = []
        var allTerms: Set<String> = []
        for technology in profile.technologies {
            let codes = Set(technology.taxonomyCodes.compactMap { vocabulary.index[$0] })
            let found = vocabulary.concepts(in: technology.text)
            let title = TextAnalysis.termCounts([technology.titleJa, technology.titleEn].compactMap { $0 }.joined(separator: "\n"))
            let description = TextAnalysis.termCounts([technology.descriptionJa, technology.descriptionEn].compactMap { $0 }.joined(separator: "\n"))
            lexical.add(title, to: .title)
            lexical.add(description, to: .description)
            let terms = Set(title.keys).union(description.keys)
            allTerms.formUnion(terms)
            technologies.append(TechnologyFeatures(
                id: technology.id, codes: codes, found: found, concepts: codes.union(found.map(\.concept)), terms: Set(terms.map { termID($0) }),
                maturity: technology.maturity, disclosure: technology.disclosure))
        }
        let records = profile.trackRecords.map { record in
            let found = record.summary.map { vocabulary.concepts(in: $0).map(\.concept) } ?? []
            let concepts = Set(found).union(record.taxonomyCodes.compactMap { vocabulary.index[$0] })
            return RecordFeatures(record: record, concepts: concepts)
        }
        // What a company has delivered describes it as much as its catalogue: record summaries add
        // concepts and words too, in their own field.
        let summaries = TextAnalysis.termCounts(profile.trackRecords.compactMap(\.summary).joined(separator: "\n"))
        lexical.add(summaries, to: .records)
        allTerms.formUnion(summaries.keys)
        let codes = technologies.reduce(into: Set<Int>()) { $0.formUnion($1.codes) }
        // The codes a company tags itself with are its keywords: their names and synonyms in both languages.
        for code in codes.sorted() { lexical.add(keywordCounts[code], to: .keywords) }
        var termWeights: [Int32: Float] = [:]
        for (term, weight) in lexical.weights(weights) { termWeights[termID(term)] = weight }
        return CompanyFeatures(
            profile: profile, version: version, technologies: technologies, records: records, codes: codes,
            concepts: records.reduce(into: technologies.reduce(into: Set()) { $0.formUnion($1.concepts) }) { $0.formUnion($1.concepts) },
            termWeights: termWeights, languages: TextAnalysis.languages(of: allTerms))
    }

    // MARK: Reading

    func termID(ifKnown term: String) -> Int32? { terms.id(ifKnown: term) }

    /// The company of a live slot: one from `slotOf` or a ranking of this same state.
    func company(at slot: Int32) -> CompanyFeatures {
        guard let features = slots[Int(slot)] else { preconditionFailure("slot \(slot) was retired") }
        return features
    }

    func postings(code: Int) -> [Int32] { codePostings[code] }
    func postings(concept: Int) -> [Int32] { conceptPostings[concept] }
    func postings(term: Int32) -> [Int32] { termPostings[Int(term)] }
    func postingWeights(term: Int32) -> [Float] { termPostingWeights[Int(term)] }

    /// How many live companies have the concept or term: for inverse document frequency.
    func companies(withConcept concept: Int) -> Int { conceptCount[concept] }
    func companies(withTerm term: Int32) -> Int { termCount[Int(term)] }
}
