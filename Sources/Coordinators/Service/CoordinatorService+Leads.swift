import Cities
import Companies
public import DomainKit
public import FoundationEssentials
import Notifications
import Postgres

extension CoordinatorService {
    /// Who reads individual leads. Not the council (viewer): a lead carries the estimated value and the
    /// state of a negotiation between named companies and a city, which is theirs and the programme's
    /// staff's, not what a KPI review needs (docs/accounts.md, "The council"; issue 17, item 7).
    public static let leadReaders: Set<Role> = [.admin, .coordinator, .liaison]
    /// Who reads the pipeline: lead counts and summed values per stage, city or owner. The council reads
    /// these programme totals beside the KPIs.
    public static let pipelineReaders: Set<Role> = leadReaders.union([.viewer])

    // MARK: Reading

    /// Admins and coordinators read every lead; a liaison user the leads its base brought. `inactiveDays` counts
    /// back from today in Japan on the programme clock: 30 keeps the leads whose last activity is 30 days ago or more.
    public func leads(_ filter: LeadFilter, page: PageRequest, by principal: Principal) async throws -> Page<Lead> {
        let quietSince = filter.inactiveDays.map { CalendarDate(daysSinceEpoch: clock.today().daysSinceEpoch - $0) }
        return try await pool.withConnection { db in
            try await leads.list(filter, onlySourceBase: try onlySourceBase(of: principal), quietSince: quietSince, page: page, on: db)
        }
    }

    /// Whole days from the lead's last activity to today in Japan on the programme clock (0 for a day ahead).
    public func daysInactive(_ lead: Lead) -> Int {
        max(0, clock.today().daysSinceEpoch - lead.lastActivityOn.daysSinceEpoch)
    }

    public func lead(_ id: UUID, by principal: Principal) async throws -> Lead {
        try await pool.withConnection { db in try await visibleLead(id, by: principal, on: db) }
    }

    public func history(of id: UUID, by principal: Principal) async throws -> [LeadStageChange] {
        try await pool.withConnection { db in
            _ = try await visibleLead(id, by: principal, on: db)
            return try await leads.history(of: id, on: db)
        }
    }

    public func pipeline(by grouping: PipelineGrouping, principal: Principal) async throws -> Pipeline {
        let groups = try await pool.withConnection { db in
            try await leads.pipeline(by: grouping, onlySourceBase: try onlySourceBase(of: principal), on: db)
        }
        return Pipeline(by: grouping, groups: groups)
    }

    // MARK: Writing

    /// A coordinator creates leads it owns (the owner defaults to its profile); an admin names any
    /// active owner. The owner must have room under its capacity. The creation is the first row of
    /// the stage history. `consortium` (a proposed consortium's companies) joins in the same
    /// transaction: a member that is unknown or archived is a 422 and no lead is made, so starting again
    /// does not leave two.
    public func createLead(_ draft: LeadDraft, consortium: [LeadCompanyDraft] = [], by principal: Principal) async throws -> Lead {
        try draft.validate()
        try await checkReferences(of: draft, by: principal)
        for member in consortium { try await requireActiveCompany(member.companyId, by: principal) }
        return try await write(by: principal) { db in
            let owner = try await owner(named: draft.ownerCoordinatorId, by: principal, on: db)
            try await requireRoom(owner, on: db)
            let id = try await leads.insert(draft, owner: owner.id, on: db)
            try await leads.setNeeds(draft.needs, of: id, on: db)
            _ = try await leads.transition(id, version: 1, from: nil, to: .lead, reason: nil, note: nil, by: principal.userID,
                                           at: clock.now(), occurredOn: clock.today(), on: db)
            for member in consortium where try await consortia.addCompany(member, lead: id, on: db) == nil {
                throw RecordError.conflict("The company is already on this lead.", field: "companyId")
            }
            // Inserted in this transaction, so it is there; a miss would be a bug, reported as one.
            guard let lead = try await leads.find(id, on: db) else { throw RecordError.notFound("lead") }
            return lead
        }
    }

    /// Edits everything but the stage. The city is fixed once the lead exists (its needs and local
    /// partners belong to it); only an admin reassigns the owner.
    public func updateLead(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout LeadDraft) throws -> Void
    ) async throws -> Lead {
        return try await write(by: principal) { db in
            let current = try await writableLead(id, by: principal, on: db)
            let draft = try current.edited(expecting: version, as: RecordError.self, edit)
            try draft.validate()
            var validation = Validation()
            validation.check(draft.cityId == current.cityId, "cityId", "cannot change; create a new lead for another city")
            let ownerChanged = draft.ownerCoordinatorId != current.ownerCoordinatorId
            validation.check(!ownerChanged || principal.role == .admin, "ownerCoordinatorId", "only an admin reassigns a lead")
            try validation.validate(as: RecordError.self)
            try await checkReferences(of: draft, by: principal)
            var ownerID = current.ownerCoordinatorId
            if ownerChanged {
                let owner = try await owner(named: draft.ownerCoordinatorId, by: principal, on: db)
                if current.stage.isActive { try await requireRoom(owner, on: db) }
                ownerID = owner.id
            }
            // A no-op edit writes nothing (DomainKit `Versioned.saving`).
            if current.isUnchanged(by: draft) { return current }
            guard try await leads.update(id, version: version, to: draft, owner: ownerID, on: db) else {
                throw RecordError.staleVersion(current: current.version)
            }
            try await leads.setNeeds(draft.needs, of: id, on: db)
            return try updated(try await leads.find(id, on: db), current: current.version, as: RecordError.self)
        }
    }

    /// Moves a lead along `LeadStage.allowedNext`, writing the stage and its history row in one
    /// transaction. A lead that becomes active again (resumed, reopened) needs room under the owner's
    /// capacity.
    public func transition(_ id: UUID, _ move: LeadTransition, ifVersion version: Int, by principal: Principal) async throws -> Lead {
        try move.validate()
        return try await write(by: principal) { db in
            let current = try await writableLead(id, by: principal, on: db)
            guard current.version == version else { throw RecordError.staleVersion(current: current.version) }
            guard current.stage.canMove(to: move.to) else {
                throw CoordinatorsError.forbiddenTransition(from: current.stage, to: move.to, allowed: current.stage.allowedNext)
            }
            let day = move.occurredOn ?? clock.today()
            if let problem = try await EffectiveDay.problem(with: day, today: clock.today(), field: "occurredOn", on: db) {
                throw RecordError.invalid([problem])
            }
            if move.to.isActive && !current.stage.isActive,
               let owner = try await coordinators.find(current.ownerCoordinatorId, on: db, forUpdate: true) {
                try await requireRoom(owner, field: "to", on: db)
            }
            guard try await leads.transition(id, version: version, from: current.stage, to: move.to, reason: move.reason,
                                             note: move.note, by: principal.userID, at: clock.now(), occurredOn: day, on: db) else {
                throw RecordError.staleVersion(current: current.version)
            }
            guard let moved = try await leads.find(id, on: db) else { throw RecordError.staleVersion(current: current.version) }
            // In the transaction: the notification exists exactly when the move committed.
            _ = try await Notifications.publish(NotificationEvent(
                kind: .leadStageChanged,
                summary: "Lead \"\(moved.title)\": \(current.stage.rawValue) → \(move.to.rawValue)",
                data: ["leadId": .string(id.uuidString.lowercased()), "from": .string(current.stage.rawValue), "to": .string(move.to.rawValue)], occurredAt: clock.now()),
                on: db)
            return moved
        }
    }

    // MARK: Rules

    /// The lead when the caller may read it; otherwise the 404 of a lead that does not exist.
    func visibleLead(_ id: UUID, by principal: Principal, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Lead {
        guard Self.leadReaders.contains(principal.role), let lead = try await leads.find(id, on: db, forUpdate: forUpdate) else {
            throw RecordError.notFound("lead")
        }
        if let base = try onlySourceBase(of: principal), lead.sourceLiaisonBaseId != base { throw RecordError.notFound("lead") }
        return lead
    }

    /// The lead, locked, when the caller may write it: an admin any, a coordinator the leads it owns.
    /// Coordinators read every lead, so another's is a 403, not a 404.
    func writableLead(_ id: UUID, by principal: Principal, on db: PostgresConnection) async throws -> Lead {
        let lead = try await visibleLead(id, by: principal, on: db, forUpdate: true)
        if principal.role == .admin { return lead }
        guard principal.role == .coordinator,
              let owner = try await coordinators.find(lead.ownerCoordinatorId, on: db), owner.userId == principal.userID else {
            throw RecordError.forbidden("A coordinator changes only the leads it owns.")
        }
        return lead
    }

    func onlySourceBase(of principal: Principal) throws(RecordError) -> UUID? {
        guard principal.role == .liaison else { return nil }
        guard let base = principal.liaisonBaseID else { throw RecordError.notFound("lead") }
        return base
    }

    /// The owner a write names, locked so that its capacity check and the write cannot interleave with
    /// another. A coordinator may name only itself.
    func owner(named id: UUID?, field: String = "ownerCoordinatorId", by principal: Principal, on db: PostgresConnection) async throws -> Coordinator {
        let own = try await coordinators.find(userID: principal.userID, on: db)
        guard let ownerID = id ?? own?.id else {
            throw RecordError.invalid([FieldError(field: field, message: "is required (you have no coordinator profile)")])
        }
        if principal.role != .admin && ownerID != own?.id {
            throw RecordError.invalid([FieldError(field: field, message: "a coordinator creates leads it owns")])
        }
        guard let owner = try await coordinators.find(ownerID, on: db, forUpdate: true) else {
            throw RecordError.invalid([FieldError(field: field, message: "is not a known coordinator")])
        }
        guard owner.active else {
            throw RecordError.invalid([FieldError(field: field, message: "is not an active coordinator")])
        }
        // Read on the write's own connection: the rule must not wait for a second connection from the pool it holds one of.
        guard try await coordinators.mayOwnLeads([owner.userId], on: db).contains(owner.userId) else {
            throw RecordError.invalid([FieldError(field: field, message: Self.ownerUnavailable)])
        }
        return owner
    }

    /// A lead's owner is an active profile (checked on the profile) of a user who is not disabled and is still a coordinator
    /// or an administrator (docs/leads.md, "Owners"; `CoordinatorStore.leadOwningRole`). `owner(named:)` keeps the rule for a
    /// new lead, a new owner and a hand-over.
    public static let ownerUnavailable = "is the profile of a disabled user, or of one no longer a coordinator"

    /// Those of `profiles` that may be given leads (`owner(named:)`'s rule), in the order given: the owners an administrator's
    /// forms offer. One statement, whatever their number.
    public func leadOwners(among profiles: [Coordinator], by principal: Principal) async throws -> [Coordinator] {
        guard principal.role == .admin else { throw RecordError.forbidden("Only an administrator chooses a lead's owner.") }
        let able = try await pool.withConnection { try await coordinators.mayOwnLeads(profiles.map(\.userId), on: $0) }
        return profiles.filter { $0.active && able.contains($0.userId) }
    }

    /// The owner's row is locked by the caller; counting under that lock makes the check exact. `adding` active leads
    /// must all fit under the capacity.
    func requireRoom(_ owner: Coordinator, adding count: Int = 1, field: String = "ownerCoordinatorId", on db: PostgresConnection) async throws {
        let active = try await leads.activeCount(owner: owner.id, on: db)
        if active + count > owner.capacity { throw CoordinatorsError.overCapacity(capacity: owner.capacity, field: field) }
    }

    /// The city, needs (of that city) and source base (of that city too), through the Cities module, all
    /// reported together.
    func checkReferences(of draft: LeadDraft, by principal: Principal) async throws {
        var validation = Validation()
        let city = try await existing { try await cities.city(draft.cityId, by: principal) }
        validation.check(city != nil, "cityId", "is not a known city")
        for (index, needID) in draft.needs.enumerated() {
            let need = try await existing { try await cities.need(needID, by: principal) }
            if need == nil {
                validation.add("needIds.\(index)", "is not a known city need")
            } else {
                validation.check(need?.cityId == draft.cityId, "needIds.\(index)", "is a need of another city")
            }
        }
        if let base = draft.sourceLiaisonBaseId {
            let found = try await existing { try await cities.liaisonBase(base, by: principal) }
            if let found {
                validation.check(found.cityId == draft.cityId, "sourceLiaisonBaseId", LeadDraft.baseOfAnotherCity)
            } else {
                validation.add("sourceLiaisonBaseId", "is not a known liaison base")
            }
        }
        try validation.validate(as: RecordError.self)
    }

    /// A record of another module, or nil when that module says it does not exist.
    func existing<Record>(_ lookup: () async throws -> Record) async throws -> Record? {
        do {
            return try await lookup()
        } catch let error as RecordError {
            // Cities and Companies both throw DomainKit's record errors.
            if case .notFound = error { return nil }
            throw error
        }
    }
}
