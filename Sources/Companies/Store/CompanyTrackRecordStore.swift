import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of company track records.
struct CompanyTrackRecordStore {
    static let columns: SQLFragment = "id, company_id, country, city, year, client, summary, link, disclosure, version, created_at, updated_at"

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> CompanyTrackRecord? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM company_track_records WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.record)
    }

    func list(of companyID: UUID, visibility: Visibility, page: PageRequest, on db: PostgresConnection) async throws -> Page<CompanyTrackRecord> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM company_track_records
            WHERE company_id = \(companyID)
              AND (\(visibility.seesEverything) OR disclosure <> 'coordinators' OR company_id = \(visibility.ownCompany)::uuid)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.record), request: page, position: \.position)
    }

    /// The public track records of the given companies, for the showcase.
    func publicRecords(of companyIDs: [UUID], on db: PostgresConnection) async throws -> [CompanyTrackRecord] {
        guard !companyIDs.isEmpty else { return [] }
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM company_track_records
            WHERE company_id = ANY (\(companyIDs)::uuid[]) AND disclosure = 'public'
            ORDER BY created_at, id
            """)
        return try rows.map(Self.record)
    }

    /// How many track records the company has, for `CapabilityLimits` (the caller holds the company's row lock).
    func count(of companyID: UUID, on db: PostgresConnection) async throws -> Int {
        try await db.query("SELECT count(*)::int AS n FROM company_track_records WHERE company_id = \(companyID)")[0].decode("n")
    }

    func insert(_ draft: CompanyTrackRecordDraft, companyID: UUID, on db: PostgresConnection) async throws -> CompanyTrackRecord {
        let rows = try await db.query("""
            INSERT INTO company_track_records (company_id, country, city, year, client, summary, link, disclosure)
            VALUES (\(companyID), \(draft.country), \(draft.city), \(draft.year), \(draft.client), \(draft.summary), \(draft.link),
                \(draft.disclosure.rawValue))
            RETURNING \(Self.columns)
            """)
        return try Self.record(rows[0])
    }

    func update(_ id: UUID, version: Int, to draft: CompanyTrackRecordDraft, on db: PostgresConnection) async throws -> CompanyTrackRecord? {
        let rows = try await db.query("""
            UPDATE company_track_records SET country = \(draft.country), city = \(draft.city), year = \(draft.year),
                client = \(draft.client), summary = \(draft.summary), link = \(draft.link), disclosure = \(draft.disclosure.rawValue),
                version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.record)
    }

    /// Removes the record when `version` is still current; false when it is not (or the row is gone). The row triggers
    /// of migrations 0006 and 0010 audit the delete and note it for every matching index.
    func delete(_ id: UUID, version: Int, on db: PostgresConnection) async throws -> Bool {
        try await db.execute("DELETE FROM company_track_records WHERE id = \(id) AND version = \(version)") == 1
    }

    static func record(_ row: PostgresRow) throws -> CompanyTrackRecord {
        let disclosure: String = try row.decode("disclosure")
        return CompanyTrackRecord(
            id: try row.decode("id"), companyID: try row.decode("company_id"),
                country: try row.decode("country"), city: try row.decode("city"), year: try row.decode("year"),
                client: try row.decode("client"), summary: try row.decode("summary"), link: try row.decode("link"),
                disclosure: try known(Disclosure(rawValue: disclosure), disclosure),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
