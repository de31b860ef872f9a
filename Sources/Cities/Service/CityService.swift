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
    /// "Today" for the rules that compare a date with it (a policy dialogue is one already held).
    let clock: ProgrammeClock

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
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
        try draft.validate()
        return try await write(by: principal) { db in try await cities.insert(draft, on: db) }
    }

    /// Applies `edit` to the current fields when `version` is current; archive with `archived = true`.
    public func updateCity(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CityDraft) throws -> Void
    ) async throws -> City {
        return try await write(by: principal) { db in
            guard let current = try await cities.find(id, on: db, forUpdate: true) else { throw CitiesError.notFound("city") }
            var draft = try current.edited(expecting: version, as: CitiesError.self, edit)
            draft.archived = draft.archived ?? false
            try draft.validate()
            return try await current.saving(draft, as: CitiesError.self) { try await cities.update(id, version: version, to: $0, on: db) }
        }
    }

    // MARK: Policy dialogues

    public func policyDialogues(of cityID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<PolicyDialogue> {
        return try await pool.withConnection { db in
            guard try await cities.find(cityID, on: db) != nil else { throw CitiesError.notFound("city") }
            return try await cities.dialogues(of: cityID, page: page, on: db)
        }
    }

    public func createPolicyDialogue(_ draft: PolicyDialogueDraft, cityID: UUID, by principal: Principal) async throws -> PolicyDialogue {
        try draft.validate()
        try requireHeld(draft)
        return try await write(by: principal) { db in
            guard try await cities.find(cityID, on: db) != nil else { throw CitiesError.notFound("city") }
            return try await cities.insertDialogue(draft, cityID: cityID, on: db)
        }
    }

    /// One dialogue, for those who may list the city's (admin, coordinator, viewer: the route says so).
    public func policyDialogue(_ id: UUID, by principal: Principal) async throws -> PolicyDialogue {
        guard let dialogue = try await pool.withConnection({ try await cities.dialogue(id, on: $0) }) else {
            throw CitiesError.notFound("policy dialogue")
        }
        return dialogue
    }

    /// Corrects a dialogue's date, participants, topics or outcomes when `version` is current; validated
    /// like a new one. The city it was held with is not a field: a dialogue recorded on the wrong city
    /// is recorded again on the right one.
    public func updatePolicyDialogue(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout PolicyDialogueDraft) throws -> Void
    ) async throws -> PolicyDialogue {
        return try await write(by: principal) { db in
            guard let current = try await cities.dialogue(id, on: db, forUpdate: true) else { throw CitiesError.notFound("policy dialogue") }
            let draft = try current.edited(expecting: version, as: CitiesError.self, edit)
            try draft.validate()
            try requireHeld(draft)
            return try await current.saving(draft, as: CitiesError.self) { try await cities.updateDialogue(id, version: version, to: $0, on: db) }
        }
    }

    /// A dialogue is the record of one that took place: a date after today in Japan (the programme
    /// clock's, never the machine's) is a 422, on a correction as on a new record.
    func requireHeld(_ draft: PolicyDialogueDraft) throws(CitiesError) {
        if draft.heldOn > clock.today() {
            throw CitiesError.invalid([FieldError(field: "heldOn", message: PolicyDialogueDraft.afterToday)])
        }
    }

    // MARK: Taxonomy

    public func taxonomy(by principal: Principal) async throws -> [TaxonomyNode] {
        try await pool.withConnection { try await needs.taxonomy(on: $0) }
    }

    // MARK: Shared rules

    /// Every mutation of the module runs in one audited transaction (DomainKit's `write`), where the
    /// constraints below become 422/409 problems that name the field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.write(by: principal, constraints: Self.constraints, body)
    }

    /// What the Cities tables' constraints guard, by name. A liaison base's operating company lives in
    /// the Companies module; its foreign key (migration 0007) is the check.
    static let constraints = ConstraintFields([
        ("liaison_bases_company_id_fkey", "companyId", "is not a known company"),
        ("liaison_bases_city_id_fkey", "cityId", "is not a known city"),
        ("city_needs_city_id_fkey", "cityId", "is not a known city"),
        ("city_needs_source_liaison_base_id_fkey", "sourceLiaisonBaseId", "is not a known liaison base"),
        ("overseas_cities_country_name_en_key", "nameEn", "is already the name of a city in this country"),
        ("liaison_bases_name_key", "name", "is already the name of another liaison base"),
        ("local_partner_companies_city_id_name_key", "name", "is already the name of a partner company in this city"),
    ])

    /// The city a liaison user is confined to; nil for roles that are not confined.
    func liaisonCity(of principal: Principal, on db: PostgresConnection) async throws -> UUID? {
        guard principal.role == .liaison else { return nil }
        guard let base = principal.liaisonBaseID, let city = try await bases.cityOfBase(base, on: db) else {
            throw CitiesError.forbidden("This liaison user is not bound to a liaison base.")
        }
        return city
    }
}
