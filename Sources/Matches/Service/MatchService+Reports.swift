public import DomainKit
public import FoundationEssentials
import Postgres

extension MatchService {
    /// Open needs looked at by opportunities and coverage: newest first, at most this many, so that one
    /// request stays bounded however many needs the programme collects.
    static let openNeedsScanned = 2_000
    static let credibleCount = 3
    static let consortiumCandidates = 200

    /// Greedy cover: repeatedly the company that covers most of what is still uncovered (ties: higher
    /// score, then id), until everything is covered, nobody adds anything, or `maxMembers` is reached.
    /// A company covers a code when it has that code or a more specific one, tagged or named in its text.
    public func consortium(for needID: UUID, _ request: ConsortiumRequest, by principal: Principal) async throws -> ConsortiumProposal {
        var validation = Validation()
        if let maxMembers = request.maxMembers {
            validation.check(ConsortiumRequest.memberLimits.contains(maxMembers), "maxMembers",
                             "must be from \(ConsortiumRequest.memberLimits.lowerBound) to \(ConsortiumRequest.memberLimits.upperBound)")
        }
        try validation.validate(as: MatchesError.self)
        let (need, decided) = try await pool.withConnection { db in
            (try await visibleNeed(needID, by: principal, on: db), try await decisions.decisions(for: needID, on: db))
        }
        let state = try await index.current()
        let (matcher, _, version) = try await outcomeMatcher(for: state)
        let analysis = matcher.analyse(need, in: state)
        let vocabulary = state.vocabulary
        let requested = analysis.tagged.isEmpty
            ? analysis.concepts.map(\.concept).filter { !vocabulary.isTopLevel($0) } : analysis.tagged
        let excluded = Set(decided.filter { $0.decision == .excluded }.map(\.company))
        let candidates = await runOnCooperativePool {
            matcher.rank(analysis, in: state, limit: Self.consortiumCandidates) { excluded.isEmpty || !excluded.contains($0.profile.id) }
        }
        func covered(by features: CompanyFeatures) -> Set<Int> {
            Set(requested.filter { asked in
                features.concepts.contains { offered in
                    guard let kind = vocabulary.relation(asked, offered, weights: matcher.weights)?.kind else { return false }
                    return kind == .exact || kind == .child
                }
            })
        }
        var uncovered = Set(requested)
        var members: [ConsortiumProposal.Member] = []
        var remaining = candidates.map { (scored: $0, covers: covered(by: $0.features)) }
        while !uncovered.isEmpty, members.count < (request.maxMembers ?? 5) {
            // Candidates are in ranking order, so the first with the largest gain is the best-scoring one.
            var best: Int?
            for (position, candidate) in remaining.enumerated() {
                let gain = candidate.covers.intersection(uncovered).count
                if gain > 0, gain > (best.map { remaining[$0].covers.intersection(uncovered).count } ?? 0) { best = position }
            }
            guard let chosen = best else { break }
            let candidate = remaining.remove(at: chosen)
            let gained = candidate.covers.intersection(uncovered)
            uncovered.subtract(gained)
            let profile = candidate.scored.features.profile
            members.append(.init(companyId: profile.id, companyNameJa: profile.nameJa, companyNameEn: profile.nameEn,
                                 score: candidate.scored.score, covers: gained.map { vocabulary.codes[$0] }.sorted()))
        }
        return ConsortiumProposal(
            needId: needID, algorithmVersion: version, requested: requested.map { vocabulary.codes[$0] }.sorted(),
            members: members, uncovered: uncovered.map { vocabulary.codes[$0] }.sorted())
    }

    /// The newest open needs, at most `openNeedsScanned`, and how many are open in all, in one snapshot.
    private func openNeedsToRank() async throws -> (needs: [MatchSourceStore.NeedRow], openNeeds: Int) {
        try await pool.transaction { db in
            try await db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return (try await sources.openNeeds(limit: Self.openNeedsScanned, on: db), try await sources.openNeedCount(on: db))
        }
    }

    /// Open needs ranked for one company. A company user asks only for its own company; any other id is
    /// the same 404 as a company that does not exist (or is archived).
    public func opportunities(for companyID: UUID, limit: Int, by principal: Principal) async throws -> OpportunityList {
        if principal.role == .company, principal.companyID != companyID { throw MatchesError.notFound("company") }
        let (needs, openNeeds) = try await openNeedsToRank()
        let state = try await index.current()
        guard let slot = state.slotOf[companyID] else { throw MatchesError.notFound("company") }
        let (matcher, _, version) = try await outcomeMatcher(for: state)
        let seesEverything = principal.role != .company || principal.companyID == companyID
        // Thousands of needs analysed: off the connection's event loop.
        var scored = await runOnCooperativePool {
            needs.compactMap { need -> (need: MatchSourceStore.NeedRow, analysis: Matcher.NeedAnalysis, parts: ScoreParts, score: Double)? in
                let analysis = matcher.analyse(need.profile, in: state)
                return matcher.parts(ofSlot: slot, for: analysis, in: state).map { (need, analysis, $0, matcher.total($0, for: analysis)) }
            }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.need.profile.id.uuidString < $1.need.profile.id.uuidString }
        let items = scored.prefix(limit).enumerated().map { position, item in
            Opportunity(rank: position + 1, needId: item.need.profile.id, title: item.need.profile.title, titleJa: item.need.titleJa,
                        titleEn: item.need.titleEn, cityId: item.need.profile.cityId, score: item.score,
                        parts: item.parts,
                        explanation: matcher.explanation(ofSlot: slot, for: matcher.explaining(item.analysis), in: state, seesEverything: seesEverything))
        }
        return OpportunityList(companyId: companyID, algorithmVersion: version, items: items,
                               needsRanked: needs.count, openNeeds: openNeeds)
    }

    /// Open needs with fewer than three credible companies (score at least `MatchWeights.credibleScore`),
    /// fewest first: where coordinators should recruit suppliers, from outside Yokohama too.
    public func coverage(by principal: Principal) async throws -> CoverageReport {
        let (needs, openNeeds) = try await openNeedsToRank()
        let state = try await index.current()
        let (matcher, _, version) = try await outcomeMatcher(for: state)
        let threshold = matcher.weights.credibleScore
        // A ranking per open need, thousands of them: off the connection's event loop.
        var items = await runOnCooperativePool {
            needs.compactMap { need -> NeedCoverage? in
                let ranked = matcher.rank(matcher.analyse(need.profile, in: state), in: state, limit: Self.credibleCount) { _ in true }
                let credible = ranked.filter { $0.score >= threshold }.count
                guard credible < Self.credibleCount else { return nil }
                return NeedCoverage(needId: need.profile.id, title: need.profile.title, titleJa: need.titleJa, titleEn: need.titleEn,
                                    cityId: need.profile.cityId,
                                    credibleCompanies: credible, bestScore: ranked.first?.score)
            }
        }
        items.sort { $0.credibleCompanies != $1.credibleCompanies ? $0.credibleCompanies < $1.credibleCompanies
                     : $0.needId.uuidString < $1.needId.uuidString }
        return CoverageReport(algorithmVersion: version, credibleScore: threshold, items: items,
                              needsRanked: needs.count, openNeeds: openNeeds)
    }
}
