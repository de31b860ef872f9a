public import DomainKit
public import FoundationEssentials
public import Postgres

/// The rules of the Companies module: who may read and write which company records, what each caller
/// may see of technologies and track records, validation against the taxonomy, optimistic versions,
/// and the transactions around every write.
///
/// Access: admin and coordinator manage every company; a company user edits only its own company and
/// its technologies and track records (any other company's is a 404). Every authenticated role reads
/// the directory; items disclosed to `coordinators` are seen only by admins, coordinators and the
/// owning company's users. The public showcase shows opted-in companies and their public items.
public struct CompanyService: Sendable {
    let pool: PostgresPool
    let companies = CompanyStore()
    let technologies = CompanyTechnologyStore()
    let records = CompanyTrackRecordStore()
    /// Stamps when a profile was last saved or confirmed (`profileReviewedAt`); nothing else here reads time.
    let clock: ProgrammeClock

    public init(pool: PostgresPool, clock: ProgrammeClock) {
        self.pool = pool
        self.clock = clock
    }

    /// How long a company's profile may go unsaved before its users and managers are asked to check it is still
    /// current (docs/companies.md, "Keeping the profile current"): about half a year, twice a fiscal year.
    public static let profileReviewPeriod: TimeInterval = 180 * 86_400

    // MARK: Companies

    public func companies(_ filter: CompanyFilter, page: PageRequest, by principal: Principal) async throws -> Page<Company> {
        try await pool.withConnection { db in
            if let code = filter.taxonomyCode {
                let unknown = try await Taxonomy.unknownCodes([code], on: db)
                if !unknown.isEmpty { throw CompaniesError.unknownTaxonomyCodes(unknown) }
            }
            // The query folded once, for both the taxonomy's codes and the search text (polish25).
            let form = filter.text.map(Taxonomy.searchForm)
            let searchCodes = try await Taxonomy.searchCodes(form: form, on: db)
            // "Past the period" as an instant on the programme clock, so the database compares a column with a constant.
            let reviewedBefore = clock.now().addingTimeInterval(-Self.profileReviewPeriod)
            return try await companies.list(
                filter, form: form, searchCodes: searchCodes, reviewedBefore: reviewedBefore, visibility: Visibility(principal), page: page, on: db)
        }
    }

    public func company(_ id: UUID, by principal: Principal) async throws -> Company {
        guard let company = try await pool.withConnection({ try await companies.find(id, on: $0) }) else {
            throw CompaniesError.notFound("company")
        }
        return company
    }

    /// The one statement `company(_:by:)` runs: public so that `DominoBench me` runs it under pgbench.
    public static func companyStatement(id: UUID) -> PostgresQuery {
        CompanyStore.read(id)
    }

    public func createCompany(_ draft: CompanyDraft, by principal: Principal) async throws -> Company {
        try draft.validate()
        return try await write(by: principal) { db in try await companies.insert(draft, at: clock.now(), on: db) }
    }

    /// Applies `edit` to the current fields when `version` is current; archive with `archived = true`
    /// (admin and coordinator only: a company does not remove itself from the directory, nor records its
    /// own YUSA membership).
    public func updateCompany(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CompanyDraft) throws -> Void
    ) async throws -> Company {
        try requireOwnCompany(id, principal)
        return try await write(by: principal) { db in
            guard let current = try await companies.find(id, on: db, forUpdate: true) else { throw CompaniesError.notFound("company") }
            try requireChangeable(current, by: principal)
            let draft = try current.edited(expecting: version, as: CompaniesError.self, edit)
            try draft.validate()
            if !Self.isManager(principal) {
                // Archiving and YUSA membership are the programme's records about a company, not its own claims.
                var refused: [FieldError] = []
                if (draft.archived ?? false) != current.archived {
                    refused.append(FieldError(field: "archived", message: "only an admin or coordinator archives a company"))
                }
                if draft.yusaMemberSince != current.yusaMemberSince {
                    refused.append(FieldError(field: "yusaMemberSince", message: "only an admin or coordinator records YUSA membership"))
                }
                if draft.yusaTier != current.yusaTier {
                    refused.append(FieldError(field: "yusaTier", message: "only an admin or coordinator records YUSA membership"))
                }
                if !refused.isEmpty { throw CompaniesError.invalid(refused) }
            }
            return try await current.saving(draft, as: CompaniesError.self) {
                try await companies.update(id, version: version, to: $0, at: clock.now(), on: db)
            }
        }
    }

    /// The profile checked and still current: no field changes, but it counts as reviewed now (a new version). Who may
    /// save the profile may confirm it; a stale version is the 409 of a stale save.
    public func confirmProfileCurrent(_ id: UUID, ifVersion version: Int, by principal: Principal) async throws -> Company {
        try requireOwnCompany(id, principal)
        return try await write(by: principal) { db in
            guard let current = try await companies.find(id, on: db, forUpdate: true) else { throw CompaniesError.notFound("company") }
            try requireChangeable(current, by: principal)
            guard current.version == version else { throw CompaniesError.staleVersion(current: current.version) }
            return try updated(try await companies.confirmReviewed(id, version: version, at: clock.now(), on: db), current: version, as: CompaniesError.self)
        }
    }

    // MARK: Shared rules

    /// Every mutation of the module runs in one audited transaction (DomainKit's `write`); the row
    /// triggers of migration 0006 write the audit entries, and the constraints below become the 409 or
    /// 422 that names the field.
    func write<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await pool.write(by: principal, constraints: Self.constraints, body)
    }

    /// What the Companies tables' constraints guard, by name (migration 0006).
    static let constraints = ConstraintFields([
        ("companies_corporate_number_key", "corporateNumber", "is already the corporate number of another company"),
        ("company_technologies_company_id_fkey", "companyId", "is not a known company"),
        ("company_track_records_company_id_fkey", "companyId", "is not a known company"),
    ])

    /// A company user writes only its own company's records; any other is the 404 of a missing one.
    func requireOwnCompany(_ companyID: UUID, _ principal: Principal, what: String = "company") throws(CompaniesError) {
        guard Self.isManager(principal) || (principal.role == .company && principal.companyID == companyID) else {
            throw CompaniesError.notFound(what)
        }
    }

    /// An archived company's profile (its fields, technologies and track records, the "still current" confirmation) is
    /// read-only for its own staff: archiving is the programme taking the company out of the directory and matching, and
    /// its staff editing on would make a profile nobody sees look current. Admins and coordinators keep every power: they
    /// restore a company by clearing `archived`. The console asks this to decide what to offer.
    public static func isReadOnly(_ company: Company, for principal: Principal) -> Bool {
        company.archived && !isManager(principal)
    }

    /// The 409 of a state that forbids the write (`RecordError.conflict`), saying why and whom to ask.
    static let archivedReadOnly =
        "This company is archived, so its profile, technologies and track records are read-only for its staff. Ask the programme's coordinators at the City of Yokohama to restore it."

    func requireChangeable(_ company: Company, by principal: Principal) throws(CompaniesError) {
        if Self.isReadOnly(company, for: principal) { throw CompaniesError.conflict(Self.archivedReadOnly, field: nil) }
    }

    /// `requireChangeable` for a write to the company's technologies or track records: the company row is locked, so an
    /// archive committed meanwhile is seen (and the review stamp that follows updates the row anyway).
    func requireChangeable(_ companyID: UUID, by principal: Principal, on db: PostgresConnection) async throws {
        guard let company = try await companies.find(companyID, on: db, forUpdate: true) else { throw CompaniesError.notFound("company") }
        try requireChangeable(company, by: principal)
    }

    static func isManager(_ principal: Principal) -> Bool {
        principal.role == .admin || principal.role == .coordinator
    }

    func checkTaxonomy(_ codes: [String], on db: PostgresConnection) async throws {
        let unknown = try await Taxonomy.unknownCodes(codes, on: db)
        if !unknown.isEmpty { throw CompaniesError.unknownTaxonomyCodes(unknown) }
    }
}
