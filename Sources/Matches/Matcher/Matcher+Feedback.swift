import FoundationEssentials
import Foundation

/// Pseudo-relevance feedback (prototype): rank once, take the first k companies, add to the need the
/// concepts and glossary senses they share most, weighted by their score-weighted frequency and idf, at λ.
extension Matcher {
    struct FeedbackSettings: Sendable {
        var companies: Int
        var lambda: Double
        var terms: Int
        var minimumHolders: Int
        var concepts: Bool
        var senses: Bool
        var sameLanguage: Bool
        var otherLanguage: Bool

        static let current: FeedbackSettings = {
            let environment = ProcessInfo.processInfo.environment
            return FeedbackSettings(
                companies: Int(environment["PRF_K"] ?? "") ?? 0,
                lambda: Double(environment["PRF_LAMBDA"] ?? "") ?? 0.4,
                terms: Int(environment["PRF_TERMS"] ?? "") ?? 5,
                minimumHolders: Int(environment["PRF_MIN"] ?? "") ?? 2,
                concepts: (environment["PRF_CONCEPTS"] ?? "1") == "1",
                senses: (environment["PRF_SENSES"] ?? "1") == "1",
                sameLanguage: (environment["PRF_SAMELANG"] ?? "0") == "1",
                otherLanguage: (environment["PRF_OTHERLANG"] ?? "0") == "1")
        }()
    }

    func withFeedback(_ need: NeedAnalysis, in state: MatchIndexState) -> NeedAnalysis {
        let settings = FeedbackSettings.current
        guard settings.companies > 0 else { return need }
        let top = rank(need, in: state, limit: settings.companies) {
            (!settings.sameLanguage || $0.scripts & need.scripts != 0) && (!settings.otherLanguage || $0.scripts & need.scripts == 0)
        }
        let total = top.reduce(0) { $0 + $1.score }
        guard total > 0 else { return need }
        let vocabulary = state.vocabulary
        let companies = Double(max(state.companyCount, 1))
        func idf(_ count: Int) -> Double { log(1 + (companies - Double(count) + 0.5) / (Double(count) + 0.5)) }
        let commonWord = state.companyCount >= weights.commonWordMinimumCompanies
            ? Int(Double(state.companyCount) * weights.commonWordShare) : Int.max
        let askedConcepts = need.asked
        let needTerms = Set(need.terms.compactMap(\.id))
        var conceptShare: [Int: (share: Double, holders: Int)] = [:]
        var senseShare: [Int32: (share: Double, holders: Int)] = [:]
        for scored in top {
            let share = scored.score / total
            if settings.concepts {
                for concept in Set(scored.features.concepts) where !vocabulary.isTopLevel(concept) && !askedConcepts.contains(concept) {
                    let old = conceptShare[concept] ?? (0, 0)
                    conceptShare[concept] = (old.share + share, old.holders + 1)
                }
            }
            if settings.senses {
                for term in state.terms(of: scored.features) where !needTerms.contains(term) && state.termText(term).hasPrefix("g:") {
                    let old = senseShare[term] ?? (0, 0)
                    senseShare[term] = (old.share + share, old.holders + 1)
                }
            }
        }
        let needed = min(settings.minimumHolders, top.count)
        enum Candidate { case concept(Int), sense(Int32) }
        var candidates: [(candidate: Candidate, weight: Double, order: String)] = []
        for (concept, value) in conceptShare where value.holders >= needed {
            candidates.append((.concept(concept), value.share * idf(state.companies(withConcept: concept)), "c\(concept)"))
        }
        for (term, value) in senseShare where value.holders >= needed {
            let holders = state.companies(withTerm: term)
            guard holders <= commonWord else { continue }
            candidates.append((.sense(term), value.share * idf(holders), "s\(term)"))
        }
        candidates.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.order < $1.order }
        var expanded = need
        for chosen in candidates.prefix(settings.terms) {
            let weight = rounded(settings.lambda * chosen.weight)
            guard weight > 0 else { continue }
            switch chosen.candidate {
            case .concept(let concept):
                expanded.concepts.append((concept: concept, weight: weight, terms: []))
            case .sense(let term):
                expanded.terms.append((term: state.termText(term), id: term, idf: weight, sense: true))
            }
        }
        expanded.conceptMass = expanded.concepts.reduce(0) { $0 + $1.weight }
        expanded.senseMass = expanded.terms.filter(\.sense).reduce(0) { $0 + $1.idf }
        return expanded
    }
}
