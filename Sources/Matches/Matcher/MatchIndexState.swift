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
    /// Slots of companies; an edited company gets a new slot and its old one is emptied, so the
    /// inverted lists only ever grow until `compact` rebuilds them.
    private(set) var slots: [CompanyFeatures?] = []
    private(set) var slotOf: [UUID: Int32] = [:]
    /// What ranking reads of each slot's company, row for row.
    private(set) var table = ScoringTable()
    private var codePostings: [[Int32]]
    private var conceptPostings: [[Int32]]
    /// How much the code or concept counts in each posting's company (`ClaimSpread`), beside the lists.
    private var codePostingWeights: [[Float]]
    private var conceptPostingWeights: [[Float]]
    private var termPostings: [[Int32]] = []
    /// BM25F weight of the term in each posting's company, beside `termPostings`.
    private var termPostingWeights: [[Float]] = []
    private var conceptCount: [Int]
    private var termCount: [Int] = []
    /// Derives the features of companies applied one by one; its terms are the index's terms.
    private var deriver: FeatureDeriver
    /// How many companies the build under way will put in the index (`expect(companies:)`); zero once it is done.
    private var expectedCompanies = 0

    init(vocabulary: ConceptVocabulary, weights: MatchWeights = .standard) {
        self.vocabulary = vocabulary
        self.weights = weights
        algorithmVersion = weights.version(taxonomy: vocabulary.taxonomy)
        deriver = FeatureDeriver(vocabulary: vocabulary, weights: weights)
        codePostings = Array(repeating: [], count: vocabulary.codes.count)
        conceptPostings = Array(repeating: [], count: vocabulary.codes.count)
        codePostingWeights = Array(repeating: [], count: vocabulary.codes.count)
        conceptPostingWeights = Array(repeating: [], count: vocabulary.codes.count)
        conceptCount = Array(repeating: 0, count: vocabulary.codes.count)
    }

    var companyCount: Int { slotOf.count }

    /// Tells the index how many companies the build under way will put in it, for the room of its term lists
    /// (`room(for:)`); a wrong figure costs room, never a result.
    mutating func expect(companies: Int) { expectedCompanies = companies }

    /// A build's worker: a deriver with the index's vocabulary and weights, terms of its own.
    func buildWorker() -> BuildWorker { BuildWorker(FeatureDeriver(vocabulary: vocabulary, weights: weights)) }

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
        let derived = deriver.derive(profile, version: version)
        growTermLists()
        place(derived.features, termWeights: derived.termWeights)
    }

    /// Puts what a build's worker derived in the index, in order: its terms are renumbered into the index's (a
    /// term the index has not met gets the next number), and the worker's keyword terms are taken over for the
    /// codes the index has not read yet. `map` carries the renumbering from one share to the next of the same
    /// worker; the share brings the terms its worker numbered meanwhile.
    mutating func insert(_ share: BuildShare, map: inout [Int32]) {
        precondition(map.count == share.firstTerm, "a worker's shares are inserted in the order derived")
        for text in share.terms { map.append(deriver.term(text)) }
        deriver.adoptKeywords(share.keywordCounts, map: map)
        growTermLists()
        for case let company? in share.derived {
            // A build reads each company once, so none is in the index yet.
            guard slotOf[company.features.profile.id] == nil else { continue }
            place(company.features.renumbered(map),
                  termWeights: company.termWeights.map { (term: map[Int($0.term)], weight: $0.weight) })
        }
    }

    private mutating func place(_ features: CompanyFeatures, termWeights: [(term: Int32, weight: Float)]) {
        let slot = Int32(slots.count)
        slots.append(features)
        slotOf[features.profile.id] = slot
        table.append(features)
        addCodePostings(features, at: slot)
        for concept in features.concepts { conceptCount[concept] += 1 }
        for (term, weight) in termWeights {
            let index = Int(term)
            // A full list grows by a quarter rather than doubling, so a built index keeps little empty room without
            // copying every list once more at the end (docs/matching.md, Freshness and speed).
            if termPostings[index].count == termPostings[index].capacity {
                let room = room(for: termPostings[index].count)
                termPostings[index].reserveCapacity(room)
                termPostingWeights[index].reserveCapacity(room)
            }
            termPostings[index].append(slot)
            termPostingWeights[index].append(weight)
            termCount[index] += 1
        }
        if slots.count > 1024, slots.count > 2 * slotOf.count { compact() }
    }

    /// The room a full term list of `count` postings grows to. A build puts companies in id order, which is random,
    /// so once it is an eighth of the way through, a list's share so far says how long it will end (within two
    /// standard deviations of that share, about 1/√count): the list gets that room once instead of growing by a
    /// quarter several times, each growth a copy and a freed block, and ends with a few percent empty rather than
    /// up to a quarter (docs/matching.md, Freshness and speed). An edit, or an unlikely long list, still grows by
    /// a quarter.
    private func room(for count: Int) -> Int {
        let quarter = count + count / 4 + 4
        guard count >= 64, expectedCompanies > slots.count, slots.count >= expectedCompanies / 8 else { return quarter }
        let scale = Double(expectedCompanies) / Double(slots.count)
        let predicted = Double(count) * scale + 2 * Double(count).squareRoot() * scale
        return max(count + count / 16 + 4, Int(predicted))
    }

    private mutating func remove(slot: Int32, features: CompanyFeatures) {
        slots[Int(slot)] = nil
        slotOf[features.profile.id] = nil
        table.retire(slot)
        for concept in features.concepts { conceptCount[concept] -= 1 }
        for term in terms(of: features) { termCount[Int(term)] -= 1 }
    }

    /// The company's codes and concepts in their lists, each with how much it counts (`ClaimSpread`).
    private mutating func addCodePostings(_ features: CompanyFeatures, at slot: Int32) {
        for (index, code) in features.codes.enumerated() {
            codePostings[code].append(slot)
            codePostingWeights[code].append(Float(ClaimSpread.weight(features.codeWeights, at: index)))
        }
        for (index, concept) in features.concepts.enumerated() {
            conceptPostings[concept].append(slot)
            conceptPostingWeights[concept].append(Float(ClaimSpread.weight(features.conceptWeights, at: index)))
        }
    }

    /// Every term a company's weights were given for: its technologies', its records' and its codes' keywords.
    /// The weights themselves are kept only in the inverted lists (`weight(of:at:)`).
    private func terms(of features: CompanyFeatures) -> Set<Int32> {
        var terms = Set(features.recordTerms).union(features.technologyTerms)
        for code in features.codes { terms.formUnion(keywordTerms(of: code)) }
        return terms
    }

    /// The terms of a code's keywords (its names and synonyms in both languages, `FeatureDeriver.keywordTerms`): what
    /// every company that holds the code has in its keywords field. Empty for a code no company has held.
    func keywordTerms(of code: Int) -> Dictionary<Int32, Int>.Keys { (deriver.keywordCounts[code] ?? [:]).keys }

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
        codePostingWeights = Array(repeating: [], count: vocabulary.codes.count)
        conceptPostingWeights = Array(repeating: [], count: vocabulary.codes.count)
        for features in live {
            let slot = Int32(slots.count)
            slots.append(features)
            slotOf[features.profile.id] = slot
            table.append(features)
            addCodePostings(features, at: slot)
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

    /// Gives the code and concept lists and the scoring table exactly the room they use, once a build has filled
    /// them: they grow by doubling. The term lists, most of the index, grow by a quarter instead (`place`):
    /// copying them here raised the build's peak memory more than the room it gave back.
    mutating func trim() {
        expectedCompanies = 0
        for index in codePostings.indices {
            codePostings[index] = exact(codePostings[index])
            codePostingWeights[index] = exact(codePostingWeights[index])
        }
        for index in conceptPostings.indices {
            conceptPostings[index] = exact(conceptPostings[index])
            conceptPostingWeights[index] = exact(conceptPostingWeights[index])
        }
        table.trim()
    }

    /// Makes room in the inverted lists for the terms the deriver met first.
    private mutating func growTermLists() {
        while termPostings.count < deriver.reader.terms.count {
            termPostings.append([])
            termPostingWeights.append([])
            termCount.append(0)
        }
    }

    // MARK: Reading

    func termID(ifKnown term: String) -> Int32? { deriver.reader.term(ifKnown: term) }

    /// The company of a live slot: one from `slotOf` or a ranking of this same state.
    func company(at slot: Int32) -> CompanyFeatures {
        guard let features = slots[Int(slot)] else { preconditionFailure("slot \(slot) was retired") }
        return features
    }

    func postings(code: Int) -> [Int32] { codePostings[code] }
    func postings(concept: Int) -> [Int32] { conceptPostings[concept] }
    func postingWeights(code: Int) -> [Float] { codePostingWeights[code] }
    func postingWeights(concept: Int) -> [Float] { conceptPostingWeights[concept] }
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

