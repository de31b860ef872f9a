import Foundation

/// The word-matching baselines the matcher must beat (issue 16), computed by the same command on the same
/// texts, untuned: BM25 with the standard k1 = 1.2, b = 0.75 and TF-IDF cosine. Tokens as in
/// Tests/matching-eval/validate.py: lower-cased latin words without a stop list's words, and character bigrams
/// of every Japanese run (the run itself when it is one character). No taxonomy, no glossary, no stemming:
/// this is what a search box gives a coordinator.
enum MatchingBaselines {
    static let k1 = 1.2
    static let b = 0.75

    static let stopWords: Set<String> = Set("""
        a an and are as at be by can for from has have in into is it its of on or our so that the their
        them they this to up we with which while who will would than then there these those not no do does all any
        about also each other more most much many some such only own same very
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F: true
        default: false
        }
    }

    static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var runs: [String] = []
        var word = ""
        var run: [Unicode.Scalar] = []
        func flushWord() { if !word.isEmpty, !stopWords.contains(word) { words.append(word) }; word = "" }
        func flushRun() {
            if run.count == 1 { runs.append(String(String.UnicodeScalarView(run))) }
            if run.count > 1 { for i in 0..<(run.count - 1) { runs.append(String(String.UnicodeScalarView(run[i...i + 1]))) } }
            run = []
        }
        for scalar in text.lowercased().unicodeScalars {
            if isJapanese(scalar) { flushWord(); run.append(scalar); continue }
            flushRun()
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { word.unicodeScalars.append(scalar) } else { flushWord() }
        }
        flushWord()
        flushRun()
        return words + runs
    }

    static func companyText(_ company: MatchingEvaluation.Dataset.Company) -> String {
        var parts = [company.name_ja, company.name_en]
        for t in company.technologies { parts += [t.title_ja, t.title_en, t.description_ja, t.description_en] }
        for r in company.track_records { parts += [r.city, r.summary] }
        return parts.compactMap { $0 }.joined(separator: " ")
    }

    /// Company keys best first for each need, by BM25 and by TF-IDF cosine; equal scores by key.
    static func runs(_ dataset: MatchingEvaluation.Dataset) -> [MatchingEvaluation.Run] {
        let documents = dataset.companies.map { tokens(companyText($0)) }
        let keys = dataset.companies.map(\.key)
        let n = Double(documents.count)
        var df: [String: Int] = [:]
        for document in documents { for term in Set(document) { df[term, default: 0] += 1 } }
        let frequencies = documents.map { $0.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 } }
        let average = Double(documents.reduce(0) { $0 + $1.count }) / max(n, 1)

        func bm25(_ query: [String]) -> [Double] {
            let terms = Set(query)
            return frequencies.enumerated().map { index, tf in
                let length = Double(documents[index].count)
                return terms.reduce(0.0) { sum, term in
                    guard let f = tf[term].map(Double.init), let d = df[term] else { return sum }
                    let idf = log(1 + (n - Double(d) + 0.5) / (Double(d) + 0.5))
                    return sum + idf * f * (k1 + 1) / (f + k1 * (1 - b + b * length / average))
                }
            }
        }

        func vector(_ terms: [String]) -> [String: Double] {
            let tf = terms.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            var v: [String: Double] = [:]
            for (term, count) in tf {
                let idf = log((n + 1) / (Double(df[term] ?? 0) + 1)) + 1
                v[term] = (1 + log(Double(count))) * idf
            }
            let norm = max(sqrt(v.values.reduce(0) { $0 + $1 * $1 }), 1e-12)
            return v.mapValues { $0 / norm }
        }
        let vectors = documents.map(vector)
        func tfidf(_ query: [String]) -> [Double] {
            let q = vector(query)
            return vectors.map { d in q.reduce(0.0) { $0 + $1.value * (d[$1.key] ?? 0) } }
        }

        func order(_ scores: [Double]) -> [String] {
            scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : keys[$0] < keys[$1] }.map { keys[$0] }
        }
        var bm25Rankings: [String: [String]] = [:]
        var tfidfRankings: [String: [String]] = [:]
        for need in dataset.needs {
            let query = tokens(need.title + " " + (need.description ?? ""))
            bm25Rankings[need.key] = order(bm25(query))
            tfidfRankings[need.key] = order(tfidf(query))
        }
        return [.init(name: "BM25 (k1 1.2, b 0.75)", rankings: bm25Rankings), .init(name: "TF-IDF cosine", rankings: tfidfRankings)]
    }
}
