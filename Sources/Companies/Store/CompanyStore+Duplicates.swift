import DomainKit
import FoundationEssentials
import Postgres

extension CompanyStore {
    /// Companies with the same 法人番号 or a near-identical name in either language, best first: the
    /// SQL function `company_duplicates` of migration 0007 (name keys without legal forms, trigram
    /// similarity of at least 0.6), which the import's report uses too.
    func duplicates(
        nameJa: String?, nameEn: String?, corporateNumber: String?, excluding: UUID?, on db: PostgresConnection
    ) async throws -> [CompanyDuplicate] {
        let rows = try await db.query("""
            SELECT id, name_ja, name_en, corporate_number, archived, same_number, similar_ja, similar_en, score
            FROM company_duplicates(\(nameJa), \(nameEn), \(corporateNumber), \(excluding)::uuid)
            """)
        return try rows.map(Self.duplicate)
    }

    static func duplicate(_ row: PostgresRow) throws -> CompanyDuplicate {
        var reasons: [DuplicateReason] = []
        if try row.decode("same_number") { reasons.append(.sameCorporateNumber) }
        if try row.decode("similar_ja") { reasons.append(.similarNameJa) }
        if try row.decode("similar_en") { reasons.append(.similarNameEn) }
        let score: Double = try row.decode("score")
        return CompanyDuplicate(
            id: try row.decode("id"), nameJa: try row.decode("name_ja"), nameEn: try row.decode("name_en"),
            corporateNumber: try row.decode("corporate_number"), archived: try row.decode("archived"), reasons: reasons,
            similarity: (score * 1000).rounded() / 1000)
    }

    /// Both companies, locked in id order so two merges of the same pair cannot deadlock.
    func lockPair(_ first: UUID, _ second: UUID, on db: PostgresConnection) async throws -> [UUID: Company] {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM companies WHERE id IN (\(first), \(second)) ORDER BY id FOR UPDATE
            """)
        var companies: [UUID: Company] = [:]
        for row in rows {
            let company = try Self.company(row)
            companies[company.id] = company
        }
        return companies
    }

    /// Every foreign key that references companies(id), repointed from `absorbed` to `survivor` by the
    /// catalogue-driven function of migration 0007; rows moved per `table.column`.
    func repointReferences(to survivor: UUID, from absorbed: UUID, on db: PostgresConnection) async throws -> [String: Int] {
        let rows = try await db.query("""
            SELECT key, value::bigint AS moved FROM jsonb_each_text(companies_repoint_references(\(survivor), \(absorbed)))
            """)
        var moved: [String: Int] = [:]
        for row in rows { moved[try row.decode("key")] = try row.decode("moved") }
        return moved
    }

    func delete(_ id: UUID, on db: PostgresConnection) async throws {
        try await db.execute("DELETE FROM companies WHERE id = \(id)")
    }
}
