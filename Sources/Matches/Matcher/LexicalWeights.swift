/// The company side of the text part: BM25F term weights over four fields (Robertson, Zaragoza and Taylor,
/// "Simple BM25 extension to multiple weighted fields", 2004). Per field the term frequency is divided by the
/// field's normalised length, the fields are summed with their weights, and the sum is saturated once:
/// w(t) = tf~ (k1 + 1) / (tf~ + k1), with tf~ = Σ_f weight_f · tf_f / (1 − b + b · length_f / reference_f).
/// A term written once in a description of reference length weighs 1; repeating it helps less and less;
/// a long catalogue does not win by length. The need's side is binary (each term once, weighed by idf).
struct LexicalWeights<Term: Hashable> {
    enum Field: Int, CaseIterable {
        case title, description, keywords, records
    }

    private var counts: [[Term: Int]] = Array(repeating: [:], count: Field.allCases.count)
    private var lengths: [Int] = Array(repeating: 0, count: Field.allCases.count)

    mutating func add(_ termCounts: [Term: Int], to field: Field) {
        for (term, count) in termCounts {
            counts[field.rawValue][term, default: 0] += count
            lengths[field.rawValue] += count
        }
    }

    func weights(_ weights: MatchWeights) -> [Term: Float] {
        let fieldWeight = [weights.titleField, weights.descriptionField, weights.keywordsField, weights.recordsField]
        let reference = [weights.titleLength, weights.descriptionLength, weights.keywordsLength, weights.recordsLength]
        var combined: [Term: Double] = [:]
        for field in Field.allCases {
            let i = field.rawValue
            let norm = 1 - weights.b + weights.b * Double(lengths[i]) / reference[i]
            for (term, count) in counts[i] { combined[term, default: 0] += fieldWeight[i] * Double(count) / norm }
        }
        return combined.mapValues { Float($0 * (weights.k1 + 1) / ($0 + weights.k1)) }
    }
}
