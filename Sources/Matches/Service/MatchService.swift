public import DomainKit
public import FoundationEssentials
public import Postgres

/// What narrows a ranking (`GET /v1/needs/{id}/matches`).
public struct MatchFilter: Sendable, Equatable {
    public static let defaultLimit = 20
    public static let limits = 1...100

    public var yokohamaOnly = false
    public var yusaOnly = false
    /// Leave out the companies already on this lead.
    public var excludeLead: UUID?
    public var limit = MatchFilter.defaultLimit

    public init(yokohamaOnly: Bool = false, yusaOnly: Bool = false, excludeLead: UUID? = nil, limit: Int = MatchFilter.defaultLimit) {
        self.yokohamaOnly = yokohamaOnly
        self.yusaOnly = yusaOnly
        self.excludeLead = excludeLead
        self.limit = limit
    }
}

/// The rules of the Matches module: who may rank which need, and how pins, exclusions and filters
/// apply to the matcher's ranking (docs/matching.md).
///
/// Access: admin, coordinator and viewer rank any need; a liaison user the needs of its base's city
/// (another city's need is a 404, as if it did not exist). Admin and coordinator see every item in an
/// explanation; others do not see technologies and records disclosed to coordinators only.
public struct MatchService: Sendable {
    let pool: PostgresPool
    let index: MatchIndex
    let sources = MatchSourceStore()
    let decisions = NeedDecisionStore()
    let records = BusinessMatchStore()
    let clock: ProgrammeClock

    public init(pool: PostgresPool, index: MatchIndex, clock: ProgrammeClock) {
        self.pool = pool
        self.index = index
        self.clock = clock
    }

    public func matches(for needID: UUID, filter: MatchFilter, by principal: Principal) async throws -> MatchList {
        // `excludeLead` answers which companies are on a lead: a liaison officer may read only its base's leads and a
        // viewer none, so from them (who rank needs too) it is refused rather than answered for any lead (audit37).
        if filter.excludeLead != nil, principal.role != .admin, principal.role != .coordinator {
            throw MatchesError.forbidden("excludeLead: only administrators and coordinators leave a lead's companies out of a ranking.")
        }
        let (need, decided, onLead) = try await pool.withConnection { db in
            let need = try await visibleNeed(needID, by: principal, on: db)
            let decided = try await decisions.decisions(for: needID, on: db)
            var onLead: Set<UUID> = []
            if let lead = filter.excludeLead {
                guard let companies = try await decisions.companiesAlreadyOnLead(lead, on: db) else {
                    throw MatchesError.invalid([FieldError(field: "excludeLead", message: "is not a known lead")])
                }
                onLead = companies
            }
            return (need, decided, onLead)
        }
        let state = try await index.current()
        let outcome = try await outcomeMatcher(for: state)
        // Ranking a national directory keeps a CPU busy for milliseconds: off the connection's event loop.
        return await runOnCooperativePool {
            ranking(need, decided: decided, onLead: onLead, filter: filter, by: principal, in: state, with: outcome)
        }
    }

    /// The matcher with the weights that decided business matches moved (`MatchWeights.adjusted(by:)`), what
    /// moved them, and the version of those weights (the index's own when nothing moved).
    func outcomeMatcher(for state: MatchIndexState) async throws -> (matcher: Matcher, adjustment: OutcomeAdjustment, version: String) {
        let outcomes = try await pool.withConnection { try await records.outcomes(on: $0) }
        let (weights, adjustment) = MatchWeights.standard.adjusted(by: outcomes)
        return (Matcher(weights: weights), adjustment, adjustment.applied ? weights.version(taxonomy: state.vocabulary.taxonomy) : state.algorithmVersion)
    }

    private func ranking(
        _ need: NeedProfile, decided: [NeedDecisionStore.Decision], onLead: Set<UUID>, filter: MatchFilter, by principal: Principal,
        in state: MatchIndexState, with outcome: (matcher: Matcher, adjustment: OutcomeAdjustment, version: String)
    ) -> MatchList {
        let matcher = outcome.matcher
        let analysis = matcher.analyse(need, in: state)
        let excluded = Set(decided.filter { $0.decision == .excluded }.map(\.company))
        let pinned = decided.filter { $0.decision == .pinned }
        let include: (CompanyFeatures) -> Bool = { company in
            (!filter.yokohamaOnly || company.inYokohama) && (!filter.yusaOnly || company.yusaMember)
                && (excluded.isEmpty || !excluded.contains(company.profile.id)) && (onLead.isEmpty || !onLead.contains(company.profile.id))
        }
        // Pinned companies come first, whatever they score; then the ranking without them.
        var pinnedScored: [Matcher.Scored] = []
        for pin in pinned {
            guard let slot = state.slotOf[pin.company], let features = state.slots[Int(slot)], include(features),
                  let parts = matcher.parts(ofSlot: slot, for: analysis, in: state, evenUnrelated: true) else { continue }
            pinnedScored.append(Matcher.Scored(slot: slot, features: features, parts: parts, score: matcher.total(parts, for: analysis)))
        }
        pinnedScored.sort { matcher.before($0, $1, for: analysis) }
        let pinnedIDs = Set(pinned.map(\.company))
        let ranked = matcher.rank(analysis, in: state, limit: filter.limit + pinnedIDs.count) { include($0) && (pinnedIDs.isEmpty || !pinnedIDs.contains($0.profile.id)) }
        let seesEverything = principal.role == .admin || principal.role == .coordinator
        let reasons = Dictionary(decided.map { ($0.company, $0) }, uniquingKeysWith: { first, _ in first })
        let explained = matcher.explaining(analysis)
        let items = (pinnedScored + ranked).prefix(filter.limit).enumerated().map { position, scored in
            MatchSuggestion(
                rank: position + 1, companyId: scored.features.profile.id, companyNameJa: scored.features.profile.nameJa,
                companyNameEn: scored.features.profile.nameEn, score: scored.score, parts: scored.parts,
                explanation: matcher.explanation(ofSlot: scored.slot, for: explained, in: state, seesEverything: seesEverything),
                decision: reasons[scored.features.profile.id].map { NeedCompanyDecisionSummary(decision: $0.decision, reason: $0.reason) })
        }
        return MatchList(
            needId: need.id, algorithmVersion: outcome.version, weights: outcome.adjustment, items: items,
            excluded: decided.filter { $0.decision == .excluded }.map { ExcludedCompany(companyId: $0.company, reason: $0.reason) })
    }

    // MARK: Shared rules

    /// The need, when the caller may see it; otherwise the same 404 as a need that does not exist.
    func visibleNeed(_ id: UUID, by principal: Principal, on db: PostgresConnection) async throws -> NeedProfile {
        guard let row = try await sources.need(id, on: db) else { throw MatchesError.notFound("city need") }
        if principal.role == .liaison {
            guard let base = principal.liaisonBaseID, let city = try await sources.cityOfLiaisonBase(base, on: db),
                  city == row.profile.cityId else { throw MatchesError.notFound("city need") }
        }
        return row.profile
    }

    /// Every mutation of the module runs here, in one transaction, with the actor named for the audit
    /// triggers of migration 0010; a violated constraint of `constraints` is the 409 or 422 naming its field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.write(by: principal, constraints: Self.constraints, body)
    }

    /// What the Matches tables' constraints guard, by name (migrations 0010, 0017 and 0105). The service
    /// checks every reference first and reports all that are missing; the foreign keys name the field
    /// when a record goes between that check and the insert.
    static let constraints = ConstraintFields([
        ("matches_company_id_fkey", "companyId", "is not a known record"),
        ("matches_need_id_fkey", "needId", "is not a known record"),
        ("matches_lead_id_fkey", "leadId", "is not a known record"),
        ("matches_city_id_fkey", "cityId", "is not a known record"),
        ("matches_liaison_base_id_fkey", "liaisonBaseId", "is not a known record"),
        ("matches_local_partner_id_fkey", "localPartnerId", "is not a known record"),
    ]).unique("matches_live_company_lead", field: "leadId", detail: "This company already has a live match on this lead.")
      .unique("matches_live_company_need", field: "needId", detail: "This company already has a live match for this need.")
}
