public import DomainKit
public import FoundationEssentials
public import Postgres

/// The rules of the Cities module: who may read and write which city records, validation against the
/// taxonomy, optimistic versions, and the transactions around every write.
///
/// Access (documented in docs/cities.md): admin and coordinator manage everything; a liaison user reads
/// and writes the needs and local partners of its own base's city and sees only its own base; company,
/// organizer and viewer users read cities and needs. A record outside the caller's reach is a 404.
public struct CityService: Sendable {
    let pool: PostgresPool
    let cities = CityStore()
    let needs = CityNeedStore()
    let bases = LiaisonBaseStore()
    let partners = LocalPartnerStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    // MARK: Overseas cities

    public func cities(_ filter: CityFilter, page: PageRequest, by principal: Principal) async throws -> Page<City> {
        try await pool.withConnection { try await cities.list(filter, page: page, on: $0) }
    }

    public func city(_ id: UUID, by principal: Principal) async throws -> City {
        guard let city = try await pool.withConnection({ try await cities.find(id, on: $0) }) else {
            throw CitiesError.notFound("city")
        }
        return city
    }

    public func createCity(_ draft: CityDraft, by principal: Principal) async throws -> City {
        try requireManager(principal)
        try draft.validate()
        return try await write(by: principal) { db in try await cities.insert(draft, on: db) }
    }

    /// Applies `edit` to the current fields when `version` is current; archive with `archived = true`.
    public func updateCity(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CityDraft) throws -> Void
    ) async throws -> City {
        try requireManager(principal)
        return try await write(by: principal) { db in
            guard let current = try await cities.find(id, on: db, forUpdate: true) else { throw CitiesError.notFound("city") }
            var draft = try edited(current.fields, version: current.version, expected: version, edit)
            draft.archived = draft.archived ?? false
            try draft.validate()
            return try updated(try await cities.update(id, version: version, to: draft, on: db), current: current.version)
        }
    }

    // MARK: Policy dialogues

    public func policyDialogues(of cityID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<PolicyDialogue> {
        try requireRole(principal, [.admin, .coordinator, .viewer])
        return try await pool.withConnection { db in
            guard try await cities.find(cityID, on: db) != nil else { throw CitiesError.notFound("city") }
            return try await cities.dialogues(of: cityID, page: page, on: db)
        }
    }

    public func createPolicyDialogue(_ draft: PolicyDialogueDraft, cityID: UUID, by principal: Principal) async throws -> PolicyDialogue {
        try requireManager(principal)
        try draft.validate()
        return try await write(by: principal) { db in
            guard try await cities.find(cityID, on: db) != nil else { throw CitiesError.notFound("city") }
            return try await cities.insertDialogue(draft, cityID: cityID, on: db)
        }
    }

    // MARK: Taxonomy

    public func taxonomy(by principal: Principal) async throws -> [TaxonomyNode] {
        try await pool.withConnection { try await needs.taxonomy(on: $0) }
    }

    // MARK: Shared rules

    /// Every mutation of the module runs here, in one transaction. The row triggers of migration 0005
    /// write the audit entries; this names the actor for them, for this transaction only.
    /// A liaison base's operating company lives in the Companies module; its foreign key (migration 0007)
    /// is the check, and its violation is the 422 that names the field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        do {
            return try await pool.audited(by: principal, body)
        } catch let error as PostgresError where error.violation == .foreignKey(constraint: "liaison_bases_company_id_fkey") {
            throw CitiesError.invalid([FieldError(field: "companyId", message: "is not a known company")])
        }
    }

    /// Checks the version before applying `edit`, then validates the result like a create.
    func edited<Draft>(
        _ current: Draft, version: Int, expected: Int, _ edit: (inout Draft) throws -> Void
    ) throws -> Draft {
        guard version == expected else { throw CitiesError.staleVersion(current: version) }
        var draft = current
        try edit(&draft)
        return draft
    }

    /// The row was locked and its version checked, so an update that matched nothing is a race lost
    /// to nobody; still, report it as stale rather than trust that.
    func updated<Record>(_ record: Record?, current: Int) throws(CitiesError) -> Record {
        guard let record else { throw CitiesError.staleVersion(current: current) }
        return record
    }

    func requireManager(_ principal: Principal) throws(CitiesError) {
        try requireRole(principal, [.admin, .coordinator])
    }

    func requireRole(_ principal: Principal, _ roles: Set<Role>) throws(CitiesError) {
        guard roles.contains(principal.role) else {
            throw CitiesError.forbidden("The \(principal.role.rawValue) role may not do this.")
        }
    }

    static func isManager(_ principal: Principal) -> Bool {
        principal.role == .admin || principal.role == .coordinator
    }

    /// The city a liaison user is confined to; nil for roles that are not confined.
    func liaisonCity(of principal: Principal, on db: PostgresConnection) async throws -> UUID? {
        guard principal.role == .liaison else { return nil }
        guard let base = principal.liaisonBaseID, let city = try await bases.cityOfBase(base, on: db) else {
            throw CitiesError.forbidden("This liaison user is not bound to a liaison base.")
        }
        return city
    }
}
