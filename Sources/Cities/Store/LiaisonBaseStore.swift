import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of overseas liaison bases and local partner companies.
struct LiaisonBaseStore {
    static let columns: SQLFragment = """
        id, name, operator_name, company_id, city_id, country, kind, active_from, active_until,
        contact_name, contact_email, contact_phone, notes, version, created_at, updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> LiaisonBase? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM liaison_bases WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.base)
    }

    /// `onlyBase` confines a liaison user to its own base.
    func list(_ filter: LiaisonBaseFilter, onlyBase: UUID?, page: PageRequest, on db: PostgresConnection) async throws -> Page<LiaisonBase> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM liaison_bases
            WHERE (\(onlyBase)::uuid IS NULL OR id = \(onlyBase))
              AND (\(filter.cityID)::uuid IS NULL OR city_id = \(filter.cityID))
              AND (\(filter.kind?.rawValue)::text IS NULL OR kind = \(filter.kind?.rawValue))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.base), request: page, position: \.position)
    }

    /// The country is copied from the city in the same statement, so it cannot disagree with it.
    func insert(_ draft: LiaisonBaseDraft, on db: PostgresConnection) async throws -> LiaisonBase {
        let rows = try await db.query("""
            INSERT INTO liaison_bases (name, operator_name, company_id, city_id, country, kind, active_from, active_until,
                contact_name, contact_email, contact_phone, notes)
            SELECT \(draft.name), \(draft.operatorName), \(draft.companyId), c.id, c.country, \(draft.kind.rawValue),
                \(draft.activeFrom), \(draft.activeUntil), \(draft.contactName), \(draft.contactEmail), \(draft.contactPhone), \(draft.notes)
            FROM overseas_cities c WHERE c.id = \(draft.cityId)
            RETURNING \(Self.columns)
            """)
        guard let row = rows.first else { throw CitiesError.invalid([FieldError(field: "cityId", message: "is not a known city")]) }
        return try Self.base(row)
    }

    func update(_ id: UUID, version: Int, to draft: LiaisonBaseDraft, on db: PostgresConnection) async throws -> LiaisonBase? {
        let rows = try await db.query("""
            UPDATE liaison_bases b SET name = \(draft.name), operator_name = \(draft.operatorName), company_id = \(draft.companyId),
                city_id = c.id, country = c.country, kind = \(draft.kind.rawValue), active_from = \(draft.activeFrom),
                active_until = \(draft.activeUntil), contact_name = \(draft.contactName), contact_email = \(draft.contactEmail),
                contact_phone = \(draft.contactPhone), notes = \(draft.notes), version = b.version + 1, updated_at = now()
            FROM overseas_cities c
            WHERE c.id = \(draft.cityId) AND b.id = \(id) AND b.version = \(version)
            RETURNING b.id, b.name, b.operator_name, b.company_id, b.city_id, b.country, b.kind, b.active_from, b.active_until,
                b.contact_name, b.contact_email, b.contact_phone, b.notes, b.version, b.created_at, b.updated_at
            """)
        return try rows.first.map(Self.base)
    }

    /// The city of a liaison base, for confining its staff.
    func cityOfBase(_ id: UUID, on db: PostgresConnection) async throws -> UUID? {
        try await db.query("SELECT city_id FROM liaison_bases WHERE id = \(id)").first?.decode("city_id")
    }

    static func base(_ row: PostgresRow) throws -> LiaisonBase {
        let kind: String = try row.decode("kind")
        return LiaisonBase(
            id: try row.decode("id"), name: try row.decode("name"), operatorName: try row.decode("operator_name"),
            companyId: try row.decode("company_id"), cityId: try row.decode("city_id"),
            kind: try known(LiaisonBaseKind(rawValue: kind), kind), activeFrom: try row.decode("active_from"),
            activeUntil: try row.decode("active_until"), contactName: try row.decode("contact_name"),
            contactEmail: try row.decode("contact_email"), contactPhone: try row.decode("contact_phone"), notes: try row.decode("notes"),
            country: try row.decode("country"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}

struct LocalPartnerStore {
    static let columns: SQLFragment = "id, city_id, name, sector, contact, notes, reported_by_liaison_base_id, version, created_at, updated_at"

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> LocalPartner? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM local_partner_companies WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.partner)
    }

    func list(cityID: UUID, page: PageRequest, on db: PostgresConnection) async throws -> Page<LocalPartner> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM local_partner_companies
            WHERE city_id = \(cityID)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.partner), request: page, position: \.position)
    }

    func insert(_ draft: LocalPartnerDraft, cityID: UUID, reportedByBase: UUID?, on db: PostgresConnection) async throws -> LocalPartner {
        let rows = try await db.query("""
            INSERT INTO local_partner_companies (city_id, name, sector, contact, notes, reported_by_liaison_base_id)
            VALUES (\(cityID), \(draft.name), \(draft.sector), \(draft.contact), \(draft.notes), \(reportedByBase))
            RETURNING \(Self.columns)
            """)
        return try Self.partner(rows[0])
    }

    func update(_ id: UUID, version: Int, to draft: LocalPartnerDraft, on db: PostgresConnection) async throws -> LocalPartner? {
        let rows = try await db.query("""
            UPDATE local_partner_companies SET name = \(draft.name), sector = \(draft.sector), contact = \(draft.contact),
                notes = \(draft.notes), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.partner)
    }

    static func partner(_ row: PostgresRow) throws -> LocalPartner {
        LocalPartner(
            id: try row.decode("id"), cityID: try row.decode("city_id"), name: try row.decode("name"), sector: try row.decode("sector"),
            contact: try row.decode("contact"), notes: try row.decode("notes"),
            reportedByLiaisonBaseID: try row.decode("reported_by_liaison_base_id"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
