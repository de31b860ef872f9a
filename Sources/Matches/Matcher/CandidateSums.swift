/// The taxonomy fit, concept credit and shared word weight of every company that shares anything with a
/// need, accumulated over the inverted lists: a company that shares nothing is never visited.
struct CandidateSums {
    /// Per slot; read only at the slots in `touched`.
    private(set) var taxonomy: [Double]
    private(set) var concept: [Double]
    /// Σ idf × BM25F weight over the need's terms of one language (words, Japanese bigrams)…
    private(set) var words: [Double]
    /// …and over its glossary senses, which count whatever language the company writes in.
    private(set) var senses: [Double]
    /// The slots reached, in the order first reached.
    private(set) var touched: [Int32] = []

    init(_ need: Matcher.NeedAnalysis, in state: MatchIndexState, weights: MatchWeights) {
        let slotCount = state.slots.count
        taxonomy = [Double](repeating: 0, count: slotCount)
        concept = [Double](repeating: 0, count: slotCount)
        words = [Double](repeating: 0, count: slotCount)
        senses = [Double](repeating: 0, count: slotCount)
        var isTouched = [Bool](repeating: false, count: slotCount)
        // Each asked code or concept credits a company once, by its closest code (best credit first):
        // `creditedIn` remembers the round (the asked code) that last credited each slot.
        var creditedIn = [Int32](repeating: -1, count: slotCount)
        var round: Int32 = 0
        func touch(_ slot: Int32) {
            if !isTouched[Int(slot)] { isTouched[Int(slot)] = true; touched.append(slot) }
        }
        for code in need.tagged {
            for related in state.vocabulary.related(code, weights: weights) {
                for slot in state.postings(code: related.code) where creditedIn[Int(slot)] != round {
                    creditedIn[Int(slot)] = round
                    taxonomy[Int(slot)] += related.credit / Double(need.tagged.count)
                    touch(slot)
                }
            }
            round += 1
        }
        for asked in need.concepts {
            for related in state.vocabulary.related(asked.concept, weights: weights) {
                for slot in state.postings(concept: related.code) where creditedIn[Int(slot)] != round {
                    creditedIn[Int(slot)] = round
                    concept[Int(slot)] += asked.weight * related.credit
                    touch(slot)
                }
            }
            round += 1
        }
        for term in need.terms {
            guard let id = term.id else { continue }
            let weights = state.postingWeights(term: id)
            for (index, slot) in state.postings(term: id).enumerated() {
                let evidence = term.idf * Double(weights[index])
                if term.sense { senses[Int(slot)] += evidence } else { words[Int(slot)] += evidence }
                touch(slot)
            }
        }
    }
}
