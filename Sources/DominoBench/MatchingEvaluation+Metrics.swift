import Foundation

extension MatchingEvaluation {
    /// recall@5, reciprocal rank and nDCG@10 of one ranking against the grades of one need (README, Metrics):
    /// relevant = grade ≥ 2; recall@5 = relevant in the top 5 / min(relevant, 5); nDCG with gain 2^g − 1.
    struct Metrics {
        var recallAt5: Double
        var reciprocalRank: Double
        var ndcgAt10: Double

        init(ranking: [String], grades: [String: Int]) {
            let relevant = Set(grades.filter { $0.value >= 2 }.keys)
            recallAt5 = Double(ranking.prefix(5).filter(relevant.contains).count) / Double(max(min(relevant.count, 5), 1))
            reciprocalRank = ranking.firstIndex(where: relevant.contains).map { 1 / Double($0 + 1) } ?? 0
            func dcg(_ gains: [Int]) -> Double {
                gains.prefix(10).enumerated().reduce(0) { $0 + (pow(2, Double($1.element)) - 1) / log2(Double($1.offset + 2)) }
            }
            let ideal = dcg(grades.values.sorted(by: >))
            ndcgAt10 = ideal > 0 ? dcg(ranking.map { grades[$0] ?? 0 }) / ideal : 0
        }

        func value(_ metric: Metric) -> Double {
            switch metric {
            case .recall: recallAt5
            case .mrr: reciprocalRank
            case .ndcg: ndcgAt10
            }
        }
    }

    enum Metric: CaseIterable {
        case recall, mrr, ndcg

        var name: String {
            switch self {
            case .recall: "recall@5"
            case .mrr: "MRR"
            case .ndcg: "nDCG@10"
            }
        }
    }

    /// A mean with its 95% bootstrap interval.
    struct Estimate {
        var mean: Double
        var low: Double
        var high: Double

        var text: String { String(format: "%.3f [%.3f, %.3f]", mean, low, high) }
    }

    /// Percentile bootstrap over needs: 2,000 resamples of the needs with replacement, from a fixed seed so
    /// that two runs print the same intervals. `values` holds one value per need; a paired comparison passes
    /// the per-need differences, so the interval is of the difference itself.
    static func bootstrap(_ values: [Double], resamples: Int = 2000) -> Estimate {
        guard !values.isEmpty else { return Estimate(mean: 0, low: 0, high: 0) }
        var random = SplitMix64(seed: 0x5EED_2026)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in values.indices { sum += values[Int(random.next() % UInt64(values.count))] }
            means.append(sum / Double(values.count))
        }
        means.sort()
        let mean = values.reduce(0, +) / Double(values.count)
        return Estimate(mean: mean, low: means[Int(Double(resamples) * 0.025)], high: means[Int(Double(resamples) * 0.975) - 1])
    }

    /// SplitMix64 (Steele, Lea and Flood 2014): a small, well-mixed generator with a seed, so the
    /// evaluation's intervals are reproducible and depend on nothing outside the program.
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The rankings of one ranker for every scored need, and what the tables read of them.
    struct Run {
        var name: String
        /// Need key → company keys, best first.
        var rankings: [String: [String]]

        func metrics(for needs: [Dataset.Need], grades: [String: [String: Int]]) -> [Metrics] {
            needs.map { Metrics(ranking: rankings[$0.key] ?? [], grades: grades[$0.key] ?? [:]) }
        }

        /// Of the (need, relevant company) pairs admitted by `pair`, the share with the company in the top 5,
        /// and how many pairs there were.
        func hitRate(for needs: [Dataset.Need], grades: [String: [String: Int]], pair: (Dataset.Need, String) -> Bool) -> (rate: Double, pairs: Int) {
            var hits = 0
            var pairs = 0
            for need in needs {
                let top = Set((rankings[need.key] ?? []).prefix(5))
                for (company, grade) in grades[need.key] ?? [:] where grade >= 2 && pair(need, company) {
                    pairs += 1
                    if top.contains(company) { hits += 1 }
                }
            }
            return (pairs > 0 ? Double(hits) / Double(pairs) : 0, pairs)
        }
    }
}
