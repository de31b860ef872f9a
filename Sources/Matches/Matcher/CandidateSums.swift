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
        // Each asked code or concept credits a company once, by its best code: the relation's credit times how much the
        // company's code counts (`ClaimSpread`). `creditedIn` remembers the round (the asked code) that last reached each
        // slot, `best` its best credit in that round, `reached` the slots of the round.
        var creditedIn = [Int32](repeating: -1, count: slotCount)
        var best = [Double](repeating: 0, count: slotCount)
        var reached: [Int32] = []
        var round: Int32 = 0
        func touch(_ slot: Int32) {
            if !isTouched[Int(slot)] { isTouched[Int(slot)] = true; touched.append(slot) }
        }
        func credit(_ asked: Int, postings: (Int) -> (slots: [Int32], weights: [Float])) {
            reached.removeAll(keepingCapacity: true)
            for related in state.vocabulary.related(asked, weights: weights) {
                let (slots, counts) = postings(related.code)
                for (index, slot) in slots.enumerated() {
                    let credit = related.credit * Double(counts[index])
                    if creditedIn[Int(slot)] != round {
                        creditedIn[Int(slot)] = round
                        best[Int(slot)] = credit
                        reached.append(slot)
                    } else if credit > best[Int(slot)] {
                        best[Int(slot)] = credit
                    }
                }
            }
            round += 1
        }
        for code in need.tagged {
            credit(code) { (state.postings(code: $0), state.postingWeights(code: $0)) }
            for slot in reached {
                taxonomy[Int(slot)] += best[Int(slot)] / Double(need.tagged.count)
                touch(slot)
            }
        }
        for asked in need.concepts {
            credit(asked.concept) { (state.postings(concept: $0), state.postingWeights(concept: $0)) }
            for slot in reached {
                concept[Int(slot)] += asked.weight * best[Int(slot)]
                touch(slot)
            }
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
