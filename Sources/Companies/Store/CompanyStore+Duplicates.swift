import DomainKit
import FoundationEssentials
import Postgres

extension CompanyStore {
    /// Name keys at least this similar (pg_trgm `similarity`, 0…1) make a likely duplicate. 0.6 keeps
    /// 横浜グリーンエナジー / 横浜グリーンエネルギー and "Minato Water" / "Minato Waters" together while
    /// "Minato Water" / "Minato Solar" stay apart; see docs/companies.md.
    static let duplicateThreshold = 0.6
    static let maximumDuplicates = 20

    /// Companies with the same 法人番号 or a near-identical name in either language, best first. The `%`
    /// operator (pg_trgm's default threshold 0.3) lets the trigram indexes of migration 0007 find the
    /// candidates; the stricter threshold is applied to them.
    func duplicates(
        nameJa: String?, nameEn: String?, corporateNumber: String?, excluding: UUID?, on db: PostgresConnection
    ) async throws -> [CompanyDuplicate] {
        let rows = try await db.query("""
            WITH given AS (
                SELECT nullif(company_name_key(\(nameJa)), '') AS ja, nullif(company_name_key(\(nameEn)), '') AS en
            ), candidates AS (
                SELECT c.id, c.name_ja, c.name_en, c.corporate_number, c.archived,
                       coalesce(c.corporate_number = \(corporateNumber), false) AS same_number,
                       coalesce(similarity(company_name_key(c.name_ja), given.ja), 0) AS ja_similarity,
                       coalesce(similarity(company_name_key(c.name_en), given.en), 0) AS en_similarity
                FROM companies c, given
                WHERE c.id IS DISTINCT FROM \(excluding)::uuid
                  AND (c.corporate_number = \(corporateNumber)
                       OR company_name_key(c.name_ja) % given.ja OR company_name_key(c.name_en) % given.en)
            )
            SELECT id, name_ja, name_en, corporate_number, archived, same_number, ja_similarity >= \(Self.duplicateThreshold) AS similar_ja,
                   en_similarity >= \(Self.duplicateThreshold) AS similar_en,
                   CASE WHEN same_number THEN greatest(1, ja_similarity, en_similarity) ELSE greatest(ja_similarity, en_similarity) END AS score
            FROM candidates
            WHERE same_number OR ja_similarity >= \(Self.duplicateThreshold) OR en_similarity >= \(Self.duplicateThreshold)
            ORDER BY same_number DESC, score DESC, id
            LIMIT \(Self.maximumDuplicates)
            """)
        return try rows.map { row in
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
    }

    /// Both companies, locked in id order so two merges of the same pair cannot deadlock.
    func lockPair(_ first: UUID, _ second: UUID, on db: PostgresConnection) async throws -> [UUID: Company] {
        let rows = try await db.query("""
            SELECT \(unescaped: Self.columns) FROM companies WHERE id IN (\(first), \(second)) ORDER BY id FOR UPDATE
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
