import FoundationEssentials

/// The matcher's in-memory index of one process: company features plus inverted lists from codes,
/// concepts and terms to companies, so ranking a need touches only companies that share something
/// with it. A value type: readers take a copy (copy-on-write, nothing is copied until a writer
/// changes it) and rank without holding a lock.
struct MatchIndexState: Sendable {
    let vocabulary: ConceptVocabulary
    let weights: MatchWeights
    /// The version of what ranks with this index: its weights, the glossary, its taxonomy, the method.
    let algorithmVersion: String
    /// The terms of each code's keywords (ConceptVocabulary.keywords), read when a company first carries the code.
    private var keywordCounts: [[Int32: Int]?]
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
    /// Reads profiles into terms, remembering each distinct word and Japanese run.
    private var reader = TermReader()

    init(vocabulary: ConceptVocabulary, weights: MatchWeights = .standard) {
        self.vocabulary = vocabulary
        self.weights = weights
        algorithmVersion = weights.version(taxonomy: vocabulary.taxonomy)
        keywordCounts = Array(repeating: nil, count: vocabulary.codes.count)
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
        let (features, termWeights) = features(of: profile, version: version)
        let slot = Int32(slots.count)
        slots.append(features)
        slotOf[company] = slot
        table.append(features)
        for code in features.codes { codePostings[code].append(slot) }
        for concept in features.concepts {
            conceptPostings[concept].append(slot)
            conceptCount[concept] += 1
        }
        for (term, weight) in termWeights {
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
        for term in terms(of: features) { termCount[Int(term)] -= 1 }
    }

    /// Every term a company's weights were given for: its technologies', its records' and its codes' keywords.
    /// The weights themselves are kept only in the inverted lists (`weight(of:at:)`).
    private func terms(of features: CompanyFeatures) -> Set<Int32> {
        var terms = Set(features.recordTerms)
        for technology in features.technologies { terms.formUnion(technology.terms) }
        for code in features.codes { terms.formUnion(keywordCounts[code]?.keys ?? [:].keys) }
        return terms
    }

    /// Rebuilds the slots and inverted lists from the live companies, in id order.
    private mutating func compact() {
        let live = slots.compactMap { $0 }.sorted { $0.profile.id.uuidString < $1.profile.id.uuidString }
        var newSlot = [Int32](repeating: -1, count: slots.count)
        for (position, features) in live.enumerated() {
            if let old = slotOf[features.profile.id] { newSlot[Int(old)] = Int32(position) }
        }
        slots = []
        slotOf = [:]
        table.removeAllRows()
        codePostings = Array(repeating: [], count: vocabulary.codes.count)
        conceptPostings = Array(repeating: [], count: vocabulary.codes.count)
        for features in live {
            let slot = Int32(slots.count)
            slots.append(features)
            slotOf[features.profile.id] = slot
            table.append(features)
            for code in features.codes { codePostings[code].append(slot) }
            for concept in features.concepts { conceptPostings[concept].append(slot) }
        }
        // Term lists keep their weights: each live posting moves to its company's new slot, in slot order.
        for term in termPostings.indices {
            let moved = zip(termPostings[term], termPostingWeights[term]).compactMap { slot, weight in
                newSlot[Int(slot)] >= 0 ? (slot: newSlot[Int(slot)], weight: weight) : nil
            }.sorted { $0.slot < $1.slot }
            termPostings[term] = moved.map(\.slot)
            termPostingWeights[term] = moved.map(\.weight)
        }
    }

    /// Gives every inverted list exactly the room it uses, once a build has filled them: lists grow by
    /// doubling, and a third of their room was empty (docs/benchmarks.md, Matching).
    mutating func trim() {
        for index in termPostings.indices {
            termPostings[index] = exact(termPostings[index])
            termPostingWeights[index] = exact(termPostingWeights[index])
        }
        for index in codePostings.indices { codePostings[index] = exact(codePostings[index]) }
        for index in conceptPostings.indices { conceptPostings[index] = exact(conceptPostings[index]) }
        table.trim()
    }

    /// Reads `text` and makes room in the inverted lists for the terms it met first.
    private mutating func read(_ text: String) -> TermReader.Reading {
        let reading = reader.read(text)
        growTermLists()
        return reading
    }

    private mutating func growTermLists() {
        while termPostings.count < reader.terms.count {
            termPostings.append([])
            termPostingWeights.append([])
            termCount.append(0)
        }
    }

    private mutating func keywordTerms(_ code: Int) -> [Int32: Int] {
        if let counts = keywordCounts[code] { return counts }
        let counts = read(vocabulary.keywords[code]).counts
        keywordCounts[code] = counts
        return counts
    }

    private mutating func features(of profile: CompanyProfile, version: Int64) -> (CompanyFeatures, [Int32: Float]) {
        var lexical = LexicalWeights<Int32>()
        var technologies: [TechnologyFeatures] = []
        var scripts: UInt8 = 0
        for technology in profile.technologies {
            let codes = Set(technology.taxonomyCodes.compactMap { vocabulary.index[$0] })
            let title = read([technology.titleJa, technology.titleEn].compactMap { $0 }.joined(separator: "\n"))
            let description = read([technology.descriptionJa, technology.descriptionEn].compactMap { $0 }.joined(separator: "\n"))
            // The technology's text is its title and its description joined by a line break, so its words are
            // the title's and then the description's.
            let found = vocabulary.foundNumbers(in: technology.text, words: title.words + description.words)
            lexical.add(title.counts, to: .title)
            lexical.add(description.counts, to: .description)
            let terms = Set(title.counts.keys).union(description.counts.keys)
            for term in terms { scripts |= reader.scripts[Int(term)] }
            technologies.append(TechnologyFeatures(
                id: technology.id, codes: codes.sorted(), found: found.sorted(),
                concepts: codes.union(found.map { vocabulary.foundTerms[Int($0)].concept }).sorted(),
                terms: terms.sorted(), maturity: technology.maturity, disclosure: technology.disclosure))
        }
        let records = profile.trackRecords.map { record in
            let found = record.summary.map { vocabulary.concepts(in: $0).map(\.concept) } ?? []
            return RecordFeatures(record: record, concepts: Set(found).union(record.taxonomyCodes.compactMap { vocabulary.index[$0] }).sorted())
        }
        // What a company has delivered describes it as much as its catalogue: record summaries add
        // concepts and words too, in their own field.
        let summaries = read(profile.trackRecords.compactMap(\.summary).joined(separator: "\n")).counts
        lexical.add(summaries, to: .records)
        for term in summaries.keys { scripts |= reader.scripts[Int(term)] }
        let codes = technologies.reduce(into: Set<Int>()) { $0.formUnion($1.codes) }
        // The codes a company tags itself with are its keywords: their names and synonyms in both languages.
        for code in codes.sorted() { lexical.add(keywordTerms(code), to: .keywords) }
        let concepts = records.reduce(into: technologies.reduce(into: Set<Int>()) { $0.formUnion($1.concepts) }) { $0.formUnion($1.concepts) }
        // The technologies' texts are not kept: what ranking and explanations need of them is in `technologies`.
        var kept = profile
        kept.technologies = []
        kept.trackRecords = []
        let features = CompanyFeatures(
            profile: kept, version: version, technologies: technologies, records: records, recordTerms: summaries.keys.sorted(),
            codes: codes.sorted(), concepts: concepts.sorted(), scripts: scripts)
        return (features, lexical.weights(weights))
    }

    // MARK: Reading

    func termID(ifKnown term: String) -> Int32? { reader.term(ifKnown: term) }

    /// The company of a live slot: one from `slotOf` or a ranking of this same state.
    func company(at slot: Int32) -> CompanyFeatures {
        guard let features = slots[Int(slot)] else { preconditionFailure("slot \(slot) was retired") }
        return features
    }

    func postings(code: Int) -> [Int32] { codePostings[code] }
    func postings(concept: Int) -> [Int32] { conceptPostings[concept] }
    func postings(term: Int32) -> [Int32] { termPostings[Int(term)] }
    func postingWeights(term: Int32) -> [Float] { termPostingWeights[Int(term)] }

    /// The BM25F weight of `term` in the company of `slot`, nil when it does not have the term: the lists are
    /// in slot order.
    func weight(of term: Int32, at slot: Int32) -> Float? {
        let list = termPostings[Int(term)]
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < slot { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low] == slot ? termPostingWeights[Int(term)][low] : nil
    }

    /// How many live companies have the concept or term: for inverse document frequency.
    func companies(withConcept concept: Int) -> Int { conceptCount[concept] }
    func companies(withTerm term: Int32) -> Int { termCount[Int(term)] }
}

