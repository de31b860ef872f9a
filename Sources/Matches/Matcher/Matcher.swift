import FoundationEssentials
import Foundation

/// Ranks the companies of an index for one need. Pure and deterministic: the same index and need give
/// the same ranking, ties broken by evidence, then name, then company id. Every company can be listed: the
/// limit decides the length, not a filter of what is shared. The method is in docs/matching.md.
struct Matcher: Sendable {
    var weights: MatchWeights = .standard

    /// What scoring needs from the need, derived once per ranking.
    struct NeedAnalysis {
        var need: NeedProfile
        var tagged: [Int]
        var concepts: [(concept: Int, weight: Double, terms: [String])]
        /// The need's terms; `sense` marks glossary senses, which count across languages.
        var terms: [(term: String, id: Int32?, idf: Double, sense: Bool)]
        var conceptMass: Double
        /// Σ idf of the need's words and bigrams (one language) and of its glossary senses.
        var wordMass: Double
        var senseMass: Double
        /// The least mass a share is measured against: `minimumNeedTerms` terms of the highest idf this
        /// directory gives (a term one company holds), so it scales with the directory.
        var massFloor: Double
        /// Tagged codes and concepts together: what a record or technology must touch to be related.
        var asked: Set<Int>
        /// `asked` with the children of each: a record or technology about one of these is about the need.
        /// Not the parents: a top-level concept is what a generic word names ("city", "water", 工場), so a
        /// record "with the city" was about every planning need (method revision 4).
        var close: Set<Int>
        var closeBits: ConceptBits
        var place: ScoringTable.NeedPlace
        /// The scripts the need is written in ("en" for words, "ja" for Japanese).
        var languages: Set<String>
        var scripts: UInt8
        /// The need's English word terms as its text writes them (`TextAnalysis.writtenWords`), for explanations.
        var written: [String: String]
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
        // BM25's idf, never negative: ln(1 + (N − n + 0.5) / (n + 0.5)).
        func idf(_ count: Int) -> Double { log(1 + (companies - Double(count) + 0.5) / (Double(count) + 0.5)) }
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
        // A loanword key counts across the languages only (LoanwordKey.counterpart), and only when some company
        // holds it: an English need has a key for most of its words, which no Japanese company needs to share.
        let loanwords = TextAnalysis.loanwords(need.text)
        let written = TextAnalysis.writtenWords(need.text)
        let terms = TextAnalysis.terms(need.text).sorted().compactMap { term -> (term: String, id: Int32?, idf: Double, sense: Bool)? in
            let counterpart = LoanwordKey.counterpart(of: term)
            let id = state.termID(ifKnown: counterpart ?? term)
            let holders = id.map { state.companies(withTerm: $0) } ?? 0
            if let counterpart {
                guard holders > 0, holders <= commonWord else { return nil }
                return (term: "k:" + (loanwords[term] ?? counterpart), id: id, idf: idf(holders), sense: true)
            }
            return holders > commonWord ? nil : (term: term, id: id, idf: idf(holders), sense: term.hasPrefix("g:"))
        }
        var concepts = termsByConcept.keys.sorted().map { concept in
            (concept: concept, weight: idf(state.companies(withConcept: concept)), terms: termsByConcept[concept, default: []].sorted())
        }
        if tagged.isEmpty {
            for inferred in inferredCodes(terms.map { ($0.term, $0.id, $0.idf) }, written: written, in: state) where termsByConcept[inferred.code] == nil {
                concepts.append((concept: inferred.code, weight: idf(state.companies(withConcept: inferred.code)) * inferred.strength,
                                 terms: inferred.words))
            }
        }
        let asked = Set(tagged).union(concepts.map(\.concept))
        var close = asked
        for code in asked { close.formUnion(vocabulary.children[code]) }
        let languages = TextAnalysis.languages(of: terms.map { $0.term })
        return NeedAnalysis(
            need: need, tagged: tagged, concepts: concepts, terms: terms,
            conceptMass: concepts.reduce(0) { $0 + $1.weight }, wordMass: terms.filter { !$0.sense }.reduce(0) { $0 + $1.idf },
            senseMass: terms.filter(\.sense).reduce(0) { $0 + $1.idf }, massFloor: weights.minimumNeedTerms * idf(1),
            asked: asked, close: close, closeBits: ConceptBits(close), place: state.table.place(of: need),
            languages: languages, scripts: Scripts.of(languages), written: written)
    }

    /// Tags for an untagged need, inferred from how the directory's companies tag themselves: for each
    /// of the need's words (not the commonest), the share of the companies using it that carry each
    /// code, weighted by the word's rarity. A liaison officer's untagged "street lamps … mercury-vapour"
    /// leans towards `lighting` because the companies that write "street" and "lamp" tag themselves so;
    /// companies described in another language then meet the need through the code.
    func inferredCodes(
        _ terms: [(term: String, id: Int32?, idf: Double)], written: [String: String], in state: MatchIndexState
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
            // A word only a couple of companies use passes on their own tags, not a shared meaning (issue 16).
            guard holders >= weights.inferenceWordMinimumCompanies, holders <= commonest else { continue }
            mass += term.idf
            for slot in state.postings(term: id) {
                let row = table.rows[Int(slot)]
                guard row.live else { continue }
                for index in row.codes { counts[Int(table.codes[Int(index)])] += 1 }
            }
            for code in counts.indices where counts[code] > 0 {
                let weight = term.idf * Double(counts[code]) / Double(holders)
                lean[code] += weight
                evidence[code, default: []].append((Self.readable(term.term, written: written), weight))
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
        func offer(_ slot: Int32, taxonomy: Double, text: Double) {
            let row = table.rows[Int(slot)]
            guard row.live else { return }
            let taxonomy = rounded(taxonomy)
            let text = rounded(text)
            let (taxonomyWeight, textWeight) = partWeights(for: need)
            // The cheap parts plus the most track record and readiness the company could add: a candidate
            // whose ceiling cannot reach the last place of a full list is passed over without weighing the rest.
            if let last = best.last, taxonomyWeight * taxonomy + textWeight * text + ceiling(of: row, for: need) + 0.000_001 < last.score {
                return
            }
            let parts = ScoreParts(taxonomy: taxonomy, text: text, trackRecord: rounded(trackRecord(row, in: table, for: need)),
                                   readiness: rounded(readiness(row, in: table, for: need)))
            let entry = TopList.Entry(score: total(parts, for: need), evidence: evidence(parts, for: need), name: table.names[Int(slot)], key: row.key, slot: slot, parts: parts)
            // The filter reads the company's object, so it is asked only of a company that would enter the list.
            guard best.admits(entry), include(state.company(at: slot)) else { return }
            best.insert(entry)
        }
        var reached = [Bool](repeating: false, count: table.rows.count)
        for slot in sums.touched {
            reached[Int(slot)] = true
            offer(slot, taxonomy: sums.taxonomy[Int(slot)],
                  text: textScore(conceptSum: sums.concept[Int(slot)], wordSum: sums.words[Int(slot)], senseSum: sums.senses[Int(slot)],
                                  scripts: table.rows[Int(slot)].scripts, need: need))
        }
        // Companies that share nothing with the need still have track record and readiness: they fill a list
        // that the others did not, so a limit and not a filter decides its length. Their ceiling passes over
        // nearly all of them once the list is full.
        if best.last.map({ $0.score <= weights.trackRecord + weights.readiness + 0.000_001 }) ?? true {
            for slot in table.rows.indices where !reached[slot] { offer(Int32(slot), taxonomy: 0, text: 0) }
        }
        return best.sorted().map { Scored(slot: $0.slot, features: state.company(at: $0.slot), parts: $0.parts, score: $0.score) }
    }

    /// The text part, from two shares of the need's term weight that the company carries: what crosses
    /// languages (taxonomy concepts named in the text, glossary senses) and, when the company writes in the
    /// need's language, its words (stems, bigrams). A company in the need's language gets their mean; one in
    /// another language the first alone, so it is judged by what can cross, not penalised for the words that
    /// cannot, and both are on one scale (each share is against its own part of the need). The share is
    /// bent by `share / (share + textHalfShare)`.
    func textScore(conceptSum: Double, wordSum: Double, senseSum: Double, scripts: UInt8, need: NeedAnalysis) -> Double {
        // Each share is against at least `massFloor`: a need whose text names only one or two glossary senses
        // ("grid") must not give full marks to every company that names them too.
        let crossMass = weights.conceptBoost * need.conceptMass + need.senseMass
        let cross = crossMass > 0 ? (weights.conceptBoost * conceptSum + senseSum) / max(crossMass, need.massFloor) : nil
        let words = need.wordMass > 0 && scripts & need.scripts != 0 ? wordSum / max(need.wordMass, need.massFloor) : nil
        let share: Double
        switch (cross, words) {
        case let (cross?, words?): share = (cross + words) / 2
        case let (cross?, nil): share = cross
        case let (nil, words?): share = words
        case (nil, nil): return 0
        }
        return share > 0 ? share / (share + weights.textHalfShare) : 0
    }

    /// The weights of the taxonomy and text parts for this need: an untagged need has no taxonomy part and its
    /// weight goes to text, so scores of tagged and untagged needs mean the same (docs/matching.md).
    func partWeights(for need: NeedAnalysis) -> (taxonomy: Double, text: Double) {
        need.tagged.isEmpty ? (0, weights.text + weights.taxonomy) : (weights.taxonomy, weights.text)
    }

    func total(_ parts: ScoreParts, for need: NeedAnalysis) -> Double {
        let (taxonomyWeight, textWeight) = partWeights(for: need)
        return rounded(taxonomyWeight * parts.taxonomy + textWeight * parts.text
            + weights.trackRecord * parts.trackRecord + weights.readiness * parts.readiness)
    }

    /// What the company shares with the need itself (taxonomy and text, weighted): the first tie-breaker.
    func evidence(_ parts: ScoreParts, for need: NeedAnalysis) -> Double {
        let (taxonomyWeight, textWeight) = partWeights(for: need)
        return rounded(taxonomyWeight * parts.taxonomy + textWeight * parts.text)
    }

    /// Higher score first; equal scores by evidence, then by name, then by company id, so the order never
    /// depends on the index's layout or on ids handed out at load time alone.
    func before(_ a: Scored, _ b: Scored, for need: NeedAnalysis) -> Bool {
        TopList.better(
            TopList.Entry(score: a.score, evidence: evidence(a.parts, for: need), name: a.features.sortName, key: a.features.key, slot: a.slot, parts: a.parts),
            TopList.Entry(score: b.score, evidence: evidence(b.parts, for: need), name: b.features.sortName, key: b.features.key, slot: b.slot, parts: b.parts))
    }

    /// A term as an explanation shows it: the need's word as written (not its stem), the bigram, the glossary
    /// sense's English name, or the need's word that a loanword key came from (`k:`).
    static func readable(_ term: String, written: [String: String]) -> String {
        if term.hasPrefix("g:"), let sense = Int32(term.dropFirst(2)) { return Glossary.shipped.name(of: sense) }
        if let known = written[term] { return known }
        // A pair across a known word's edge (TextAnalysis.pieceTerms) is written without its mark.
        return String(term.hasPrefix("j:") && term.hasSuffix("|") ? term.dropFirst(2).dropLast() : term.dropFirst(2))
    }

    /// Scores are rounded to six places so that summing in a different order cannot reorder a tie.
    func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}
