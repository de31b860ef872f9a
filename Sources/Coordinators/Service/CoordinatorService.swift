public import Cities
public import Companies
public import DomainKit
public import FoundationEssentials
public import Postgres

/// The rules of the Coordinators module: coordinator profiles, leads and their stage transitions,
/// consortia, activities, the pipeline and the knowledge base. Who may do what (docs/leads.md):
/// admins manage everything; a coordinator edits its own profile, the leads it owns (their consortium
/// and activities) and its own notes, and reads everything else here; a viewer reads the pipeline
/// only (not leads, not coordinator profiles); a liaison user reads the leads its base brought. A record the caller may not see is a 404.
///
/// Records of other modules (users, cities, needs, local partners, companies) are checked through
/// their services; foreign keys in migration 0009 guarantee they still exist at commit.
public struct CoordinatorService: Sendable {
    let pool: PostgresPool
    let cities: CityService
    let companies: CompanyService
    /// The clock of stage changes and of "today" for overdue actions; injected so tests are exact.
    let clock: ProgrammeClock
    let coordinators = CoordinatorStore()
    let leads = LeadStore()
    let activities = LeadActivityStore()
    let consortia = LeadConsortiumStore()
    let notes = KnowledgeNoteStore()

    public init(
        pool: PostgresPool, cities: CityService, companies: CompanyService,
        clock: ProgrammeClock
    ) {
        self.pool = pool
        self.cities = cities
        self.companies = companies
        self.clock = clock
    }

    // MARK: Coordinator profiles

    /// Every logged-in role reads profiles.
    public func coordinators(_ filter: CoordinatorFilter, page: PageRequest, by principal: Principal) async throws -> Page<Coordinator> {
        try await pool.withConnection { db in
            if let code = filter.taxonomyCode { try await checkTaxonomy([code], field: "taxonomyCode", on: db) }
            return try await coordinators.list(filter, page: page, on: db)
        }
    }

    /// Which of `userIDs` already have a coordinator profile: the profile form offers only users without one, and asks
    /// about exactly those it offers (it read the first 2,000 profiles, so past them a user with a profile was offered).
    public func usersWithProfiles(_ userIDs: [UUID], by principal: Principal) async throws -> Set<UUID> {
        guard !userIDs.isEmpty else { return [] }
        return try await pool.withConnection { try await coordinators.profiled(userIDs, on: $0) }
    }

    public func coordinator(_ id: UUID, by principal: Principal) async throws -> Coordinator {
        guard let coordinator = try await pool.withConnection({ try await coordinators.find(id, on: $0) }) else {
            throw RecordError.notFound("coordinator")
        }
        return coordinator
    }

    /// Admin only (the route says so). The linked user must exist and be a coordinator or an admin; one profile per user.
    public func createCoordinator(_ draft: CoordinatorDraft, by principal: Principal) async throws -> Coordinator {
        try draft.validate()
        return try await write(by: principal) { db in
            try await checkLinkedUser(draft.userId, on: db)
            try await checkTaxonomy(draft.codes, field: "expertiseCodes", on: db)
            guard let coordinator = try await coordinators.insert(draft, on: db) else {
                throw RecordError.conflict("This user already has a coordinator profile.", field: "userId")
            }
            return coordinator
        }
    }

    /// An admin edits any profile; a coordinator edits its own, except the admin's fields (user,
    /// capacity, active, senior), which it may send unchanged.
    public func updateCoordinator(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CoordinatorDraft) throws -> Void
    ) async throws -> Coordinator {
        return try await write(by: principal) { db in
            guard let current = try await coordinators.find(id, on: db, forUpdate: true) else {
                throw RecordError.notFound("coordinator")
            }
            if principal.role != .admin && current.userId != principal.userID {
                throw RecordError.forbidden("A coordinator edits only its own profile.")
            }
            let draft = try current.edited(expecting: version, as: RecordError.self, edit)
            try draft.validate()
            if principal.role != .admin {
                let locked = draft.adminFieldsDiffer(from: current.draft)
                if !locked.isEmpty {
                    throw RecordError.invalid(locked.map { FieldError(field: $0, message: "only an admin changes this") })
                }
            }
            if draft.userId != current.userId { try await checkLinkedUser(draft.userId, on: db) }
            try await checkTaxonomy(draft.codes, field: "expertiseCodes", on: db)
            return try await current.saving(draft, as: RecordError.self) { try await coordinators.update(id, version: version, to: $0, on: db) }
        }
    }

    /// The profile's user must be an enabled coordinator or admin. Read on the write's own connection (inside its
    /// transaction, so no second pooled connection is held) through the functions Accounts publishes: `account_names` knows
    /// every user, enabled or not; `account_roles` gives the enabled ones' roles. Unknown, disabled and of another role each
    /// have their own message.
    func checkLinkedUser(_ userID: UUID, on db: PostgresConnection) async throws {
        let found = try await db.query("""
            SELECT n.disabled, r.role FROM account_names(\([userID])) n LEFT JOIN account_roles(\([userID])) r ON r.id = n.id
            """).first
        guard let found else { throw RecordError.invalid([FieldError(field: "userId", message: "is not a known user")]) }
        if try found.decode("disabled", as: Bool.self) {
            throw RecordError.invalid([FieldError(field: "userId", message: "is a disabled user; enable the account first")])
        }
        let role = try found.decode("role", as: String?.self).flatMap(Role.init(rawValue:))
        guard role == .coordinator || role == .admin else {
            throw RecordError.invalid([FieldError(field: "userId", message: "must be a user with the coordinator or admin role")])
        }
    }

    // MARK: Shared rules

    /// Every mutation of the module runs in one audited transaction (DomainKit's `write`); the row
    /// triggers of migrations 0008 and 0009 write the audit entries, and the constraints below become
    /// the 409 or 422 that names the field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.write(by: principal, constraints: Self.constraints, body)
    }

    /// What the Coordinators tables' constraints guard, by name (migrations 0008 and 0009).
    static let constraints = ConstraintFields([
        ("coordinators_user_id_key", "userId", "already has a coordinator profile"),
        ("coordinators_user_id_fkey", "userId", "is not a known user"),
        ("leads_owner_coordinator_id_fkey", "ownerCoordinatorId", "is not a known coordinator"),
        ("leads_city_id_fkey", "cityId", "is not a known city"),
        ("leads_source_liaison_base_id_fkey", "sourceLiaisonBaseId", "is not a known liaison base"),
    ])


    func checkTaxonomy(_ codes: [String], field: String, on db: PostgresConnection) async throws {
        let unknown = try await Taxonomy.unknownCodes(codes, on: db)
        if !unknown.isEmpty { throw RecordError.unknownTaxonomyCodes(unknown, field: field) }
    }

    /// The caller's own profile; a coordinator without one cannot own leads or write notes yet.
    func ownProfile(of principal: Principal, field: String, on db: PostgresConnection) async throws -> Coordinator {
        guard let profile = try await coordinators.find(userID: principal.userID, on: db) else {
            throw RecordError.invalid([FieldError(field: field, message: "you have no coordinator profile; an admin creates it")])
        }
        return profile
    }
}
