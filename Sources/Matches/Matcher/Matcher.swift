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
        var cityNames: Set<String>
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
        // A top-level concept found through a generic word ("city", "water", 廃棄物) says little when the
        // text also names a specific one: "the city wants an incinerator" is not about city planning.
        if termsByConcept.keys.contains(where: { !vocabulary.isTopLevel($0) }) {
            termsByConcept = termsByConcept.filter { !vocabulary.isTopLevel($0.key) }
        }
        let concepts = termsByConcept.keys.sorted().map { concept in
            let factor = vocabulary.isTopLevel(concept) ? weights.parentConceptFactor : 1
            return (concept: concept, weight: idf(state.companies(withConcept: concept)) * factor, terms: termsByConcept[concept]!.sorted())
        }
        let terms = TextAnalysis.terms(need.text).sorted().map { term in
            let id = state.termID(ifKnown: term)
            return (term: term, id: id, idf: idf(id.map { state.companies(withTerm: $0) } ?? 0))
        }
        let asked = Set(tagged).union(concepts.map(\.concept))
        var close = asked
        for code in asked {
            if let parent = vocabulary.parent[code] { close.insert(parent) }
            close.formUnion(vocabulary.children[code])
        }
        return NeedAnalysis(
            need: need, tagged: tagged, concepts: concepts, terms: terms,
            conceptMass: concepts.reduce(0) { $0 + $1.weight }, termMass: terms.reduce(0) { $0 + $1.idf },
            asked: asked, close: close,
            cityNames: [normalisedPlace(need.cityNameEn), normalisedPlace(need.cityNameJa)], region: WorldRegion.of(need.country))
    }

    /// The best `limit` companies that `include` admits, best first.
    func rank(_ need: NeedAnalysis, in state: MatchIndexState, limit: Int, include: (CompanyProfile) -> Bool) -> [Scored] {
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

        var scored: [Scored] = []
        for slot in touched {
            guard let features = state.slots[Int(slot)], include(features.profile) else { continue }
            let conceptScore = need.conceptMass > 0 ? concept[Int(slot)] / need.conceptMass : 0
            let wordScore = need.termMass > 0 ? words[Int(slot)] / need.termMass : 0
            guard taxonomy[Int(slot)] > 0 || conceptScore > 0 || wordScore >= weights.minimumWordShare else { continue }
            let text = need.concepts.isEmpty ? wordScore : weights.conceptShare * conceptScore + weights.wordShare * wordScore
            let parts = ScoreParts(
                taxonomy: rounded(taxonomy[Int(slot)]), text: rounded(min(text, 1)),
                trackRecord: rounded(trackRecord(features.records, for: need)), readiness: rounded(readiness(features, for: need)))
            scored.append(Scored(features: features, parts: parts, score: total(parts)))
        }
        scored.sort(by: Self.before)
        return Array(scored.prefix(limit))
    }

    func total(_ parts: ScoreParts) -> Double {
        rounded(weights.taxonomy * parts.taxonomy + weights.text * parts.text
            + weights.trackRecord * parts.trackRecord + weights.readiness * parts.readiness)
    }

    /// Higher score first; equal scores by company id, so the order never depends on the index's
    /// internal layout.
    static func before(_ a: Scored, _ b: Scored) -> Bool {
        a.score != b.score ? a.score > b.score : a.features.profile.id.uuidString < b.features.profile.id.uuidString
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
            let related = !record.concepts.isDisjoint(with: need.close)
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
        let profile = features.profile
        let english = profile.languages.contains("en") ? weights.englishSpoken : 0
        let countries = Set(profile.countriesWithExperience).union(profile.trackRecords.map(\.country)).subtracting(["JP"])
        let experience: Double =
            if countries.contains(need.need.country) { weights.experienceInCountry }
            else if let region = need.region, countries.contains(where: { WorldRegion.of($0) == region }) { weights.experienceInRegion }
            else if !countries.isEmpty { weights.experienceElsewhere }
            else { 0 }
        let related = features.technologies.filter { !$0.concepts.isDisjoint(with: need.close) }
        let maturity = (related.isEmpty ? features.technologies : related).map { value(of: $0.maturity) }.max() ?? 0
        return (english + experience + maturity) / 3
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
        let conceptScore = need.conceptMass > 0 ? conceptSum / need.conceptMass : 0
        let wordScore = need.termMass > 0 ? wordSum / need.termMass : 0
        guard evenUnrelated || taxonomy > 0 || conceptScore > 0 || wordScore >= weights.minimumWordShare else { return nil }
        let text = need.concepts.isEmpty ? wordScore : weights.conceptShare * conceptScore + weights.wordShare * wordScore
        return ScoreParts(taxonomy: rounded(taxonomy), text: rounded(min(text, 1)),
                          trackRecord: rounded(trackRecord(features.records, for: need)), readiness: rounded(readiness(features, for: need)))
    }
}
