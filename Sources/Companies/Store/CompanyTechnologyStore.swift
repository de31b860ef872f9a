import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of company technologies.
struct CompanyTechnologyStore {
    static let columns: SQLFragment = """
        id, company_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, maturity, disclosure,
        version, created_at, updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> CompanyTechnology? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM company_technologies WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.technology)
    }

    func list(of companyID: UUID, visibility: Visibility, page: PageRequest, on db: PostgresConnection) async throws -> Page<CompanyTechnology> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM company_technologies
            WHERE company_id = \(companyID)
              AND (\(visibility.seesEverything) OR disclosure <> 'coordinators' OR company_id = \(visibility.ownCompany)::uuid)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.technology), request: page, position: \.position)
    }

    /// The technologies of the given companies that the caller may see, for the CSV export.
    func visibleTechnologies(of companyIDs: [UUID], visibility: Visibility, on db: PostgresConnection) async throws -> [CompanyTechnology] {
        guard !companyIDs.isEmpty else { return [] }
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM company_technologies
            WHERE company_id = ANY (\(companyIDs)::uuid[])
              AND (\(visibility.seesEverything) OR disclosure <> 'coordinators' OR company_id = \(visibility.ownCompany)::uuid)
            ORDER BY company_id, created_at, id
            """)
        return try rows.map(Self.technology)
    }

    /// The public technologies of the given companies, for the showcase.
    func publicTechnologies(of companyIDs: [UUID], on db: PostgresConnection) async throws -> [CompanyTechnology] {
        guard !companyIDs.isEmpty else { return [] }
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM company_technologies
            WHERE company_id = ANY (\(companyIDs)::uuid[]) AND disclosure = 'public'
            ORDER BY created_at, id
            """)
        return try rows.map(Self.technology)
    }

    /// The company's technologies and their taxonomy tags together, leaving out `excluding` (the one being edited), for
    /// `CapabilityLimits`. The caller holds the company's row lock, so two writes cannot both pass the check.
    func held(by companyID: UUID, excluding: UUID? = nil, on db: PostgresConnection) async throws -> (technologies: Int, tags: Int) {
        let rows = try await db.query("""
            SELECT count(*)::int AS technologies, coalesce(sum(cardinality(taxonomy_codes)), 0)::int AS tags
            FROM company_technologies WHERE company_id = \(companyID) AND id IS DISTINCT FROM \(excluding)
            """)
        let technologies: Int = try rows[0].decode("technologies")
        let tags: Int = try rows[0].decode("tags")
        return (technologies, tags)
    }

    func insert(_ draft: CompanyTechnologyDraft, companyID: UUID, on db: PostgresConnection) async throws -> CompanyTechnology {
        let rows = try await db.query("""
            INSERT INTO company_technologies (company_id, title_ja, title_en, description_ja, description_en, taxonomy_codes,
                maturity, disclosure)
            VALUES (\(companyID), \(draft.titleJa), \(draft.titleEn), \(draft.descriptionJa), \(draft.descriptionEn), \(draft.codes),
                \(draft.maturity.rawValue), \(draft.disclosure.rawValue))
            RETURNING \(Self.columns)
            """)
        return try Self.technology(rows[0])
    }

    func update(_ id: UUID, version: Int, to draft: CompanyTechnologyDraft, on db: PostgresConnection) async throws -> CompanyTechnology? {
        let rows = try await db.query("""
            UPDATE company_technologies SET title_ja = \(draft.titleJa), title_en = \(draft.titleEn),
                description_ja = \(draft.descriptionJa), description_en = \(draft.descriptionEn), taxonomy_codes = \(draft.codes),
                maturity = \(draft.maturity.rawValue), disclosure = \(draft.disclosure.rawValue),
                version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.technology)
    }

    /// Removes the technology when `version` is still current; false when it is not (or the row is gone). The
    /// statement triggers of migrations 0007 and 0010 refresh the company's search text and note the change for every
    /// matching index; the row trigger of 0018 audits the delete.
    func delete(_ id: UUID, version: Int, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("DELETE FROM company_technologies WHERE id = \(id) AND version = \(version)") == 1
    }

    static func technology(_ row: PostgresRow) throws -> CompanyTechnology {
        let maturity: String = try row.decode("maturity")
        let disclosure: String = try row.decode("disclosure")
        return CompanyTechnology(
            id: try row.decode("id"), companyID: try row.decode("company_id"),
                titleJa: try row.decode("title_ja"), titleEn: try row.decode("title_en"),
                descriptionJa: try row.decode("description_ja"), descriptionEn: try row.decode("description_en"),
                taxonomyCodes: try row.decode("taxonomy_codes"),
                maturity: try known(TechnologyMaturity(rawValue: maturity), maturity),
                disclosure: try known(Disclosure(rawValue: disclosure), disclosure),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
