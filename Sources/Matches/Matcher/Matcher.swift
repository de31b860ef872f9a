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
        var cityNames: Set<String>
        /// The scripts the need is written in ("en" for words, "ja" for Japanese).
        var languages: Set<String>
        var scripts: UInt8
        var region: String?
    }

    struct Scored {
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
            asked: asked, close: close, closeBits: ConceptBits(close),
            cityNames: [normalisedPlace(need.cityNameEn), normalisedPlace(need.cityNameJa)],
            languages: languages, scripts: Scripts.of(languages), region: WorldRegion.of(need.country))
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
        var lean = [Double](repeating: 0, count: state.vocabulary.codes.count)
        var evidence: [Int: [(word: String, weight: Double)]] = [:]
        var mass = 0.0
        for term in terms {
            guard let id = term.id else { mass += term.idf; continue }
            let holders = state.companies(withTerm: id)
            guard holders > 0, holders <= commonest else { continue }
            mass += term.idf
            var counts: [Int: Int] = [:]
            for slot in state.postings(term: id) {
                guard let features = state.slots[Int(slot)] else { continue }
                for code in features.codes { counts[code, default: 0] += 1 }
            }
            for (code, count) in counts {
                let weight = term.idf * Double(count) / Double(holders)
                lean[code] += weight
                evidence[code, default: []].append((String(term.term.dropFirst(2)), weight))
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
        let slotCount = state.slots.count
        var taxonomy = [Double](repeating: 0, count: slotCount)
        var concept = [Double](repeating: 0, count: slotCount)
        var words = [Double](repeating: 0, count: slotCount)
        var stamp = [Int](repeating: -1, count: slotCount)
        var touched: [Int32] = []
        var isTouched = [Bool](repeating: false, count: slotCount)
        func touch(_ slot: Int32) {
            if !isTouched[Int(slot)] { isTouched[Int(slot)] = true; touched.append(slot) }
        }
        // Each asked code or concept credits a company once, by its closest code (best credit first).
        var round = 0
        for code in need.tagged {
            for related in state.vocabulary.related(code, weights: weights) {
                for slot in state.postings(code: related.code) where stamp[Int(slot)] != round {
                    stamp[Int(slot)] = round
                    taxonomy[Int(slot)] += related.credit / Double(need.tagged.count)
                    touch(slot)
                }
            }
            round += 1
        }
        for asked in need.concepts {
            for related in state.vocabulary.related(asked.concept, weights: weights) {
                for slot in state.postings(concept: related.code) where stamp[Int(slot)] != round {
                    stamp[Int(slot)] = round
                    concept[Int(slot)] += asked.weight * related.credit
                    touch(slot)
                }
            }
            round += 1
        }
        for term in need.terms {
            guard let id = term.id else { continue }
            for slot in state.postings(term: id) {
                words[Int(slot)] += term.idf
                touch(slot)
            }
        }

        // The cheap parts first, plus the most track record and readiness the company could add (it has
        // records or not, experience or not, its best maturity): candidates in order of that ceiling, and
        // once a ceiling falls below the last place of a full list, no later candidate can enter it.
        var candidates: [(slot: Int32, ceiling: Double, taxonomy: Double, text: Double)] = []
        candidates.reserveCapacity(touched.count)
        for slot in touched {
            guard let features = state.slots[Int(slot)], include(features),
                  let text = textScore(conceptSum: concept[Int(slot)], wordSum: words[Int(slot)], taxonomy: taxonomy[Int(slot)],
                                       company: features, need: need) else { continue }
            let tax = rounded(taxonomy[Int(slot)])
            let txt = rounded(text)
            candidates.append((slot, weights.taxonomy * tax + weights.text * txt + ceiling(of: features), tax, txt))
        }
        // A heap, not a sort: ranking usually stops after a few hundred of many thousand candidates.
        var queue = CeilingQueue(candidates) { $0.ceiling != $1.ceiling ? $0.ceiling > $1.ceiling : $0.slot < $1.slot }
        var best: [Scored] = []
        while let candidate = queue.pop() {
            if best.count >= limit, let last = best.last, candidate.ceiling + 0.000_001 < last.score { break }
            guard let features = state.slots[Int(candidate.slot)] else { continue }
            let parts = ScoreParts(
                taxonomy: candidate.taxonomy, text: candidate.text,
                trackRecord: rounded(trackRecord(features.records, for: need)), readiness: rounded(readiness(features, for: need)))
            let scored = Scored(features: features, parts: parts, score: total(parts))
            let position = best.firstIndex { Self.before(scored, $0) } ?? best.endIndex
            if position < limit {
                best.insert(scored, at: position)
                if best.count > limit { best.removeLast() }
            }
        }
        return best
    }

    /// The most that track record and readiness can add for this company, whatever the need.
    func ceiling(of features: CompanyFeatures) -> Double {
        let track = features.records.isEmpty ? 0 : max(weights.sameCity, weights.sameCountry, weights.sameRegion)
        let english = features.speaksEnglish ? weights.englishSpoken : 0
        let experience = features.countries.isEmpty ? 0 : max(weights.experienceInCountry, weights.experienceInRegion, weights.experienceElsewhere)
        let maturity = features.bestMaturity.map(value(of:)) ?? 0
        return weights.trackRecord * track + weights.readiness * (english + experience + maturity) / 3
    }

    /// The text part, or nil when the company is not a candidate (shares no code, no concept and too
    /// few words). Words are compared only when the company has text in the need's language; otherwise
    /// the concepts alone decide, so a company described only in Japanese is judged by what the words
    /// can reach across languages, not penalised for the words they cannot.
    func textScore(conceptSum: Double, wordSum: Double, taxonomy: Double, company: CompanyFeatures, need: NeedAnalysis) -> Double? {
        let wordShare = need.termMass > 0 ? wordSum / need.termMass : 0
        guard taxonomy > 0 || conceptSum > 0 || wordShare >= weights.minimumWordShare else { return nil }
        let conceptMass = weights.conceptBoost * need.conceptMass
        let comparable = company.scripts & need.scripts != 0
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
        a.score != b.score ? a.score > b.score : ordered(a.features, b.features)
    }

    static func ordered(_ a: CompanyFeatures, _ b: CompanyFeatures) -> Bool {
        a.idKey.0 != b.idKey.0 ? a.idKey.0 < b.idKey.0 : a.idKey.1 < b.idKey.1
    }

    /// Scores are rounded to six places so that summing in a different order cannot reorder a tie.
    func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

    // MARK: Parts

    /// The best record's place (same city, country, region), halved when it is about something else.
    func trackRecord(_ records: [RecordFeatures], for need: NeedAnalysis) -> Double {
        var best = 0.0
        for record in records {
            let place = self.place(of: record, for: need)
            guard place.value > 0 else { continue }
            let related = record.conceptBits.intersects(need.closeBits)
            best = max(best, place.value * (related ? 1 : weights.unrelatedRecordFactor))
        }
        return best
    }

    func place(of record: RecordFeatures, for need: NeedAnalysis) -> (value: Double, name: String?) {
        if record.record.cityId == need.need.cityId || record.normalisedCity.map(need.cityNames.contains) == true,
           record.record.country == need.need.country {
            return (weights.sameCity, "city")
        }
        if record.record.country == need.need.country { return (weights.sameCountry, "country") }
        if let region = need.region, WorldRegion.of(record.record.country) == region { return (weights.sameRegion, "region") }
        return (0, nil)
    }

    /// The mean of English, experience abroad (in the country, the region, elsewhere) and the maturity
    /// of the company's most mature technology related to the need.
    func readiness(_ features: CompanyFeatures, for need: NeedAnalysis) -> Double {
        let english = features.speaksEnglish ? weights.englishSpoken : 0
        var experience = 0.0
        for (country, region) in zip(features.countries, features.regions) {
            if country == need.need.country { experience = weights.experienceInCountry; break }
            if let region, region == need.region { experience = max(experience, weights.experienceInRegion) }
            experience = max(experience, weights.experienceElsewhere)
        }
        var related = 0.0
        var any = 0.0
        for technology in features.technologies {
            let value = value(of: technology.maturity)
            any = max(any, value)
            if technology.conceptBits.intersects(need.closeBits) { related = max(related, value) }
        }
        return (english + experience + (related > 0 ? related : any)) / 3
    }

    func value(of maturity: ProfileMaturity) -> Double {
        switch maturity {
        case .commercial: weights.commercial
        case .pilot: weights.pilot
        case .concept: weights.concept
        }
    }
}

extension Matcher {
    /// The parts of one company's score, computed directly rather than through the inverted lists; nil
    /// when the company shares nothing with the need. Ranking gives every company the same parts as this
    /// (a test holds them equal); pinned companies and opportunities use it. `evenUnrelated` scores a
    /// company that shares nothing (a pinned one) instead of returning nil.
    func parts(of features: CompanyFeatures, for need: NeedAnalysis, in state: MatchIndexState, evenUnrelated: Bool = false) -> ScoreParts? {
        let vocabulary = state.vocabulary
        func best(_ asked: Int, among offered: Set<Int>) -> Double {
            offered.reduce(0) { max($0, vocabulary.relation(asked, $1, weights: weights)?.credit ?? 0) }
        }
        let taxonomy = need.tagged.isEmpty ? 0 : need.tagged.reduce(0) { $0 + best($1, among: features.codes) } / Double(need.tagged.count)
        let conceptSum = need.concepts.reduce(0) { $0 + $1.weight * best($1.concept, among: features.concepts) }
        let wordSum = need.terms.reduce(0) { $0 + ($1.id.map(features.terms.contains) == true ? $1.idf : 0) }
        let scored = textScore(conceptSum: conceptSum, wordSum: wordSum, taxonomy: taxonomy, company: features, need: need)
        guard let text = scored ?? (evenUnrelated ? 0 : nil) else { return nil }
        return ScoreParts(taxonomy: rounded(taxonomy), text: rounded(text),
                          trackRecord: rounded(trackRecord(features.records, for: need)), readiness: rounded(readiness(features, for: need)))
    }
}

/// A binary heap that hands out its elements best first; built in linear time.
struct CeilingQueue<Element> {
    private var elements: [Element]
    private let better: (Element, Element) -> Bool

    init(_ elements: [Element], better: @escaping (Element, Element) -> Bool) {
        self.elements = elements
        self.better = better
        var index = elements.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }

    mutating func pop() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let top = elements.removeLast()
        siftDown(0)
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var chosen = parent
            if left < elements.count, better(elements[left], elements[chosen]) { chosen = left }
            if right < elements.count, better(elements[right], elements[chosen]) { chosen = right }
            if chosen == parent { return }
            elements.swapAt(parent, chosen)
            parent = chosen
        }
    }
}
