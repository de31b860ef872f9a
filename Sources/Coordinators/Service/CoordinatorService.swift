public import Accounts
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
    let accounts: AccountService
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
        pool: PostgresPool, accounts: AccountService, cities: CityService, companies: CompanyService,
        clock: ProgrammeClock
    ) {
        self.pool = pool
        self.accounts = accounts
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

    public func coordinator(_ id: UUID, by principal: Principal) async throws -> Coordinator {
        guard let coordinator = try await pool.withConnection({ try await coordinators.find(id, on: $0) }) else {
            throw CoordinatorsError.notFound("coordinator")
        }
        return coordinator
    }

    /// Admin only. The linked user must exist and be a coordinator or an admin; one profile per user.
    public func createCoordinator(_ draft: CoordinatorDraft, by principal: Principal) async throws -> Coordinator {
        try requireRole(principal, [.admin])
        try draft.validate()
        try await checkLinkedUser(draft.userId, by: principal)
        return try await write(by: principal) { db in
            try await checkTaxonomy(draft.codes, field: "expertiseCodes", on: db)
            guard let coordinator = try await coordinators.insert(draft, on: db) else {
                throw CoordinatorsError.conflict("This user already has a coordinator profile.", field: "userId")
            }
            return coordinator
        }
    }

    /// An admin edits any profile; a coordinator edits its own, except the admin's fields (user,
    /// capacity, active, senior), which it may send unchanged.
    public func updateCoordinator(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CoordinatorDraft) throws -> Void
    ) async throws -> Coordinator {
        try requireRole(principal, [.admin, .coordinator])
        return try await write(by: principal) { db in
            guard let current = try await coordinators.find(id, on: db, forUpdate: true) else {
                throw CoordinatorsError.notFound("coordinator")
            }
            if principal.role != .admin && current.userId != principal.userID {
                throw CoordinatorsError.forbidden("A coordinator edits only its own profile.")
            }
            let draft = try current.edited(expecting: version, as: CoordinatorsError.self, edit)
            try draft.validate()
            if principal.role != .admin {
                let locked = draft.adminFieldsDiffer(from: current.draft)
                if !locked.isEmpty {
                    throw CoordinatorsError.invalid(locked.map { FieldError(field: $0, message: "only an admin changes this") })
                }
            }
            if draft.userId != current.userId { try await checkLinkedUser(draft.userId, by: principal) }
            try await checkTaxonomy(draft.codes, field: "expertiseCodes", on: db)
            return try updated(try await coordinators.update(id, version: version, to: draft, on: db), current: current.version, as: CoordinatorsError.self)
        }
    }

    /// The profile's user must be a coordinator or an admin. The lookup acts as an admin for the
    /// role check only: the caller already passed the admin-only rule of the profile write.
    func checkLinkedUser(_ userID: UUID, by principal: Principal) async throws {
        let lookup = Principal(userID: principal.userID, role: .admin)
        let user: User
        do {
            user = try await accounts.user(id: userID, actor: lookup)
        } catch let error as AccountsError where error.code == .notFound {
            throw CoordinatorsError.invalid([FieldError(field: "userId", message: "is not a known user")])
        }
        guard user.role == .coordinator || user.role == .admin else {
            throw CoordinatorsError.invalid([FieldError(field: "userId", message: "must be a user with the coordinator or admin role")])
        }
    }

    // MARK: Shared rules

    /// Every mutation of the module runs here, in one transaction. The row triggers of migrations
    /// 0008 and 0009 write the audit entries; this names the actor for them, for this transaction only.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.audited(by: principal, body)
    }

    func requireRole(_ principal: Principal, _ roles: Set<Role>) throws(CoordinatorsError) {
        guard roles.contains(principal.role) else {
            throw CoordinatorsError.forbidden("The \(principal.role.rawValue) role may not do this.")
        }
    }

    func checkTaxonomy(_ codes: [String], field: String, on db: PostgresConnection) async throws {
        let unknown = try await Taxonomy.unknownCodes(codes, on: db)
        if !unknown.isEmpty { throw CoordinatorsError.unknownTaxonomyCodes(unknown, field: field) }
    }

    /// The caller's own profile; a coordinator without one cannot own leads or write notes yet.
    func ownProfile(of principal: Principal, field: String, on db: PostgresConnection) async throws -> Coordinator {
        guard let profile = try await coordinators.find(userID: principal.userID, on: db) else {
            throw CoordinatorsError.invalid([FieldError(field: field, message: "you have no coordinator profile; an admin creates it")])
        }
        return profile
    }
}
