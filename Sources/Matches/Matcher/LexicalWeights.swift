/// The company side of the text part: BM25F term weights over four fields (Robertson, Zaragoza and Taylor,
/// "Simple BM25 extension to multiple weighted fields", 2004). Per field the term frequency is divided by the
/// field's normalised length, the fields are summed with their weights, and the sum is saturated once:
/// w(t) = tf~ (k1 + 1) / (tf~ + k1), with tf~ = Σ_f weight_f · tf_f / (1 − b + b · length_f / reference_f).
/// A term written once in a description of reference length weighs 1; repeating it helps less and less;
/// a long catalogue does not win by length. The need's side is binary (each term once, weighed by idf).
///
/// A deriver keeps one from company to company: counts are kept by term number in a flat array that `weights`
/// clears behind it, so weighing a company makes no dictionaries (they were a twelfth of an index build).
struct LexicalWeights: Sendable {
    enum Field: Int, CaseIterable {
        case title, description, keywords, records
    }

    /// Each term's count in each field, by term number; zero for the terms of no company being weighed.
    private var counts: [SIMD4<Int32>] = []
    /// The terms with counts, in the order first added.
    private var added: [Int32] = []
    private var lengths = SIMD4<Int>()

    /// Adds counts of terms, `loanwords` of them loanword keys, which do not count in the length (below).
    mutating func add(_ termCounts: [Int32: Int], to field: Field, loanwords: Int = 0) {
        for (term, count) in termCounts { add(term, count: count, to: field) }
        lengths[field.rawValue] -= loanwords
    }

    /// Adds each occurrence of a term once (TermReader.Reading.occurrences): the same counts as adding their sums.
    mutating func add(occurrences: [Int32], to field: Field) {
        for term in occurrences { add(term, count: 1, to: field) }
    }

    /// Adds what a reader found in a text: its occurrences, but for the length the loanword keys (a second reading
    /// of words already counted: an English text would otherwise be about twice as long as the same in Japanese).
    mutating func add(_ reading: TermReader.Reading, to field: Field) {
        add(occurrences: reading.occurrences, to: field)
        lengths[field.rawValue] -= reading.loanwordCount
    }

    private mutating func add(_ term: Int32, count: Int, to field: Field) {
        let index = Int(term)
        if index >= counts.count { counts.append(contentsOf: repeatElement(.zero, count: index + 1 - counts.count)) }
        if counts[index] == .zero { added.append(term) }
        counts[index][field.rawValue] += Int32(count)
        lengths[field.rawValue] += count
    }

    /// The weight of every term added since the last call, which starts the next company afresh.
    mutating func weights(_ weights: MatchWeights) -> [(term: Int32, weight: Float)] {
        let fieldWeight = [weights.titleField, weights.descriptionField, weights.keywordsField, weights.recordsField]
        let reference = [weights.titleLength, weights.descriptionLength, weights.keywordsLength, weights.recordsLength]
        let norm = Field.allCases.map { 1 - weights.b + weights.b * Double(lengths[$0.rawValue]) / reference[$0.rawValue] }
        var result: [(term: Int32, weight: Float)] = []
        result.reserveCapacity(added.count)
        for term in added {
            let count = counts[Int(term)]
            counts[Int(term)] = .zero
            // Summed field by field in order, as a term's fields always were.
            var combined = 0.0
            for field in 0..<4 where count[field] != 0 { combined += fieldWeight[field] * Double(count[field]) / norm[field] }
            result.append((term: term, weight: Float(combined * (weights.k1 + 1) / (combined + weights.k1))))
        }
        added.removeAll(keepingCapacity: true)
        lengths = .zero
        return result
    }
}
