public import FoundationEssentials
import Foundation

/// Ranks the companies of an index for one need. Pure and deterministic: the same index and need give
/// the same ranking, ties broken by company id. The method is in docs/matching.md.
struct Matcher: Sendable {
    var weights: MatchWeights = .standard

    /// What scoring needs from the need, derived once per ranking.
    struct NeedAnalysis {
        var need: NeedProfile
        var tagged: [Int]
        var concepts: [(concept: Int, weight: Double, terms: [String])]
        var terms: [(term: String, id: Int32?, idf: Double)]
        var conceptMass: Double
        var termMass: Double
        /// Tagged codes and concepts together: what a record or technology must touch to be related.
        var asked: Set<Int>
        /// `asked` with the parents and children of each: a record or technology about one of these is
        /// about the need.
        var close: Set<Int>
        var closeBits: ConceptBits
        var place: ScoringTable.NeedPlace
        /// The scripts the need is written in ("en" for words, "ja" for Japanese).
        var languages: Set<String>
        var scripts: UInt8
    }

    struct Scored {
        var slot: Int32
        var features: CompanyFeatures
        var parts: ScoreParts
        var score: Double
    }

    func analyse(_ need: NeedProfile, in state: MatchIndexState) -> NeedAnalysis {
        let vocabulary = state.vocabulary
        let companies = Double(max(state.companyCount, 1))
        func idf(_ count: Int) -> Double { log(1 + companies / Double(1 + count)) }
        let tagged = Array(Set(need.taxonomyCodes.compactMap { vocabulary.index[$0] })).sorted()
        var termsByConcept: [Int: [String]] = [:]
        for found in vocabulary.concepts(in: need.text) { termsByConcept[found.concept, default: []].append(found.term) }
        // A top-level concept found through a generic word ("city", "water", 廃棄物) says little ("the
        // city wants an incinerator" is not about city planning) and most companies hold one, so the
        // need's concepts are its specific ones; generic words still count as words.
        termsByConcept = termsByConcept.filter { !vocabulary.isTopLevel($0.key) }
        // Words most companies use ("city", 導入) weigh almost nothing and would make every company a
        // candidate: in a directory of some size they are left out, like stop words.
        let commonWord = state.companyCount >= weights.commonWordMinimumCompanies
            ? Int(Double(state.companyCount) * weights.commonWordShare) : Int.max
        let terms = TextAnalysis.terms(need.text).sorted().compactMap { term -> (term: String, id: Int32?, idf: Double)? in
            let id = state.termID(ifKnown: term)
            let holders = id.map { state.companies(withTerm: $0) } ?? 0
            return holders > commonWord ? nil : (term: term, id: id, idf: idf(holders))
        }
        var concepts = termsByConcept.keys.sorted().map { concept in
            (concept: concept, weight: idf(state.companies(withConcept: concept)), terms: termsByConcept[concept]!.sorted())
        }
        if tagged.isEmpty {
            for inferred in inferredCodes(terms, in: state) where termsByConcept[inferred.code] == nil {
                concepts.append((concept: inferred.code, weight: idf(state.companies(withConcept: inferred.code)) * inferred.strength,
                                 terms: inferred.words))
            }
        }
        let asked = Set(tagged).union(concepts.map(\.concept))
        var close = asked
        for code in asked {
            if let parent = vocabulary.parent[code] { close.insert(parent) }
            close.formUnion(vocabulary.children[code])
        }
        let languages = TextAnalysis.languages(of: terms.map { $0.term })
        return NeedAnalysis(
            need: need, tagged: tagged, concepts: concepts, terms: terms,
            conceptMass: concepts.reduce(0) { $0 + $1.weight }, termMass: terms.reduce(0) { $0 + $1.idf },
            asked: asked, close: close, closeBits: ConceptBits(close), place: state.table.place(of: need),
            languages: languages, scripts: Scripts.of(languages))
    }

    /// Tags for an untagged need, inferred from how the directory's companies tag themselves: for each
    /// of the need's words (not the commonest), the share of the companies using it that carry each
    /// code, weighted by the word's rarity. A liaison officer's untagged "street lamps … mercury-vapour"
    /// leans towards `lighting` because the companies that write "street" and "lamp" tag themselves so;
    /// companies described in another language then meet the need through the code.
    func inferredCodes(
        _ terms: [(term: String, id: Int32?, idf: Double)], in state: MatchIndexState
    ) -> [(code: Int, strength: Double, words: [String])] {
        let companies = state.companyCount
        let commonest = max(5, Int(Double(companies) * weights.inferenceWordMaximumShare))
        let table = state.table
        var lean = [Double](repeating: 0, count: state.vocabulary.codes.count)
        var evidence: [Int: [(word: String, weight: Double)]] = [:]
        var mass = 0.0
        var counts = [Int](repeating: 0, count: state.vocabulary.codes.count)
        for term in terms {
            guard let id = term.id else { mass += term.idf; continue }
            let holders = state.companies(withTerm: id)
            guard holders > 0, holders <= commonest else { continue }
            mass += term.idf
            for slot in state.postings(term: id) {
                let row = table.rows[Int(slot)]
                guard row.live else { continue }
                for index in row.codes { counts[Int(table.codes[Int(index)])] += 1 }
            }
            for code in counts.indices where counts[code] > 0 {
                let weight = term.idf * Double(counts[code]) / Double(holders)
                lean[code] += weight
                evidence[code, default: []].append((String(term.term.dropFirst(2)), weight))
                counts[code] = 0
            }
        }
        guard mass > 0 else { return [] }
        return lean.indices.filter { lean[$0] / mass >= weights.inferredCodeMinimum }
            .sorted { lean[$0] != lean[$1] ? lean[$0] > lean[$1] : $0 < $1 }
            .prefix(weights.inferredCodeLimit)
            .map { code in
                let words = (evidence[code] ?? []).sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.word < $1.word }
                return (code, lean[code] / mass, words.prefix(3).map(\.word))
            }
    }

    /// The best `limit` companies that `include` admits, best first.
    func rank(_ need: NeedAnalysis, in state: MatchIndexState, limit: Int, include: (CompanyFeatures) -> Bool) -> [Scored] {
        let sums = CandidateSums(need, in: state, weights: weights)
        let table = state.table
        var best = TopList(limit: limit)
        for slot in sums.touched {
            let row = table.rows[Int(slot)]
            guard row.live, let text = textScore(conceptSum: sums.concept[Int(slot)], wordSum: sums.words[Int(slot)],
                                                 taxonomy: sums.taxonomy[Int(slot)], scripts: row.scripts, need: need) else { continue }
            let taxonomy = rounded(sums.taxonomy[Int(slot)])
            let roundedText = rounded(text)
            // The cheap parts plus the most track record and readiness the company could add: a candidate
            // whose ceiling cannot reach the last place of a full list is passed over without weighing the rest.
            if let last = best.last,
               weights.taxonomy * taxonomy + weights.text * roundedText + ceiling(of: row, for: need) + 0.000_001 < last.score {
                continue
            }
            let parts = ScoreParts(taxonomy: taxonomy, text: roundedText, trackRecord: rounded(trackRecord(row, in: table, for: need)),
                                   readiness: rounded(readiness(row, in: table, for: need)))
            let entry = TopList.Entry(score: total(parts), key: row.key, slot: slot, parts: parts)
            // The filter reads the company's object, so it is asked only of a company that would enter the list.
            guard best.admits(entry), include(state.company(at: slot)) else { continue }
            best.insert(entry)
        }
        return best.sorted().map { Scored(slot: $0.slot, features: state.company(at: $0.slot), parts: $0.parts, score: $0.score) }
    }

    /// The text part, or nil when the company is not a candidate (shares no code, no concept and too
    /// few words). Words are compared only when the company has text in the need's language; otherwise
    /// the concepts alone decide, so a company described only in Japanese is judged by what the words
    /// can reach across languages, not penalised for the words they cannot.
    func textScore(conceptSum: Double, wordSum: Double, taxonomy: Double, scripts: UInt8, need: NeedAnalysis) -> Double? {
        let wordShare = need.termMass > 0 ? wordSum / need.termMass : 0
        guard taxonomy > 0 || conceptSum > 0 || wordShare >= weights.minimumWordShare else { return nil }
        let conceptMass = weights.conceptBoost * need.conceptMass
        let comparable = scripts & need.scripts != 0
        if !comparable { return conceptMass > 0 ? min(1, weights.conceptBoost * conceptSum / conceptMass) : 0 }
        let mass = conceptMass + need.termMass
        return mass > 0 ? min(1, (weights.conceptBoost * conceptSum + wordSum) / mass) : 0
    }

    func total(_ parts: ScoreParts) -> Double {
        rounded(weights.taxonomy * parts.taxonomy + weights.text * parts.text
            + weights.trackRecord * parts.trackRecord + weights.readiness * parts.readiness)
    }

    /// Higher score first; equal scores by company id, so the order never depends on the index's
    /// internal layout.
    static func before(_ a: Scored, _ b: Scored) -> Bool {
        a.score != b.score ? a.score > b.score : a.features.key < b.features.key
    }

    /// Scores are rounded to six places so that summing in a different order cannot reorder a tie.
    func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
