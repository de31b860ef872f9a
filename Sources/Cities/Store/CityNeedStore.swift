import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of city needs, and the taxonomy look-ups their validation and search use.
struct CityNeedStore {
    static let columns: SQLFragment = """
        id, city_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, sector, source,
        source_reference, source_liaison_base_id, budget_min_yen, budget_max_yen, timeframe, status,
        reported_by, reported_at, version, created_at, updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> CityNeed? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM city_needs WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.need)
    }

    /// `onlyCity` confines a liaison user to its base's city. Text search matches the needs' own text
    /// in either language, or their tags: `searchCodes` are the taxonomy codes the query stands for
    /// (DomainKit's `Taxonomy.searchCodes`).
    func list(
        _ filter: CityNeedFilter, searchCodes: [String], onlyCity: UUID?, page: PageRequest, on db: PostgresConnection
    ) async throws -> Page<CityNeed> {
        let pattern = filter.text.map(likePattern)
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM city_needs n
            WHERE (\(onlyCity)::uuid IS NULL OR n.city_id = \(onlyCity))
              AND (\(filter.cityID)::uuid IS NULL OR n.city_id = \(filter.cityID))
              AND (\(filter.country)::text IS NULL
                   OR EXISTS (SELECT 1 FROM overseas_cities c WHERE c.id = n.city_id AND c.country = \(filter.country)))
              AND (\(filter.status?.rawValue)::text IS NULL OR n.status = \(filter.status?.rawValue))
              AND (\(filter.taxonomyCode)::text IS NULL OR n.taxonomy_codes && taxonomy_expand(ARRAY[\(filter.taxonomyCode)]::text[]))
              AND (\(filter.reportedSince)::timestamptz IS NULL OR n.reported_at >= \(filter.reportedSince))
              AND (\(pattern)::text IS NULL OR n.search_text LIKE \(pattern) OR n.taxonomy_codes && \(searchCodes)::text[])
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (n.created_at, n.id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY n.created_at, n.id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.need), request: page, position: \.position)
    }

    func insert(_ draft: CityNeedDraft, reportedBy: UUID?, on db: PostgresConnection) async throws -> CityNeed {
        let rows = try await db.query("""
            INSERT INTO city_needs (city_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, sector,
                source, source_reference, source_liaison_base_id, budget_min_yen, budget_max_yen, timeframe, status, reported_by)
            VALUES (\(draft.cityId), \(draft.titleJa), \(draft.titleEn), \(draft.descriptionJa), \(draft.descriptionEn),
                \(draft.codes), \(draft.sector), \(draft.source.rawValue), \(draft.sourceReference), \(draft.sourceLiaisonBaseId),
                \(draft.budgetMinYen), \(draft.budgetMaxYen), \(draft.timeframe), \((draft.status ?? .open).rawValue), \(reportedBy))
            RETURNING \(Self.columns)
            """)
        return try Self.need(rows[0])
    }

    /// Bulk insert for imports: one COPY instead of a statement per row.
    func copyIn(_ drafts: [CityNeedDraft], reportedBy: UUID, on db: PostgresConnection) async throws {
        try await db.copyIn("""
            COPY city_needs (city_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, sector, source,
                source_reference, source_liaison_base_id, budget_min_yen, budget_max_yen, timeframe, status, reported_by)
            FROM STDIN
            """) { writer in
            for draft in drafts {
                try writer.appendRow([
                    draft.cityId, draft.titleJa, draft.titleEn, draft.descriptionJa, draft.descriptionEn, draft.codes,
                    draft.sector, draft.source.rawValue, draft.sourceReference, draft.sourceLiaisonBaseId,
                    draft.budgetMinYen, draft.budgetMaxYen, draft.timeframe, (draft.status ?? .open).rawValue, reportedBy,
                ])
                try await db.flushIfFull(&writer)
            }
        }
    }

    func update(_ id: UUID, version: Int, to draft: CityNeedDraft, on db: PostgresConnection) async throws -> CityNeed? {
        let rows = try await db.query("""
            UPDATE city_needs SET city_id = \(draft.cityId), title_ja = \(draft.titleJa), title_en = \(draft.titleEn),
                description_ja = \(draft.descriptionJa), description_en = \(draft.descriptionEn),
                taxonomy_codes = \(draft.codes), sector = \(draft.sector), source = \(draft.source.rawValue),
                source_reference = \(draft.sourceReference), source_liaison_base_id = \(draft.sourceLiaisonBaseId),
                budget_min_yen = \(draft.budgetMinYen), budget_max_yen = \(draft.budgetMaxYen), timeframe = \(draft.timeframe),
                status = \((draft.status ?? .open).rawValue), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.need)
    }

    /// The whole taxonomy as a tree, parents and children by code.
    func taxonomy(on db: PostgresConnection) async throws -> [TaxonomyNode] {
        let rows = try await db.query("SELECT code, parent_code, name_en, name_ja, synonyms FROM taxonomy ORDER BY code")
        var roots: [TaxonomyNode] = []
        var children: [String: [TaxonomyNode]] = [:]
        for row in rows {
            let node = TaxonomyNode(
                code: try row.decode("code"), nameEn: try row.decode("name_en"), nameJa: try row.decode("name_ja"),
                synonyms: try row.decode("synonyms"), children: [])
            if let parent: String = try row.decode("parent_code") {
                children[parent, default: []].append(node)
            } else {
                roots.append(node)
            }
        }
        return roots.map { root in
            var root = root
            root.children = children[root.code] ?? []
            return root
        }
    }

    static func need(_ row: PostgresRow) throws -> CityNeed {
        let source: String = try row.decode("source")
        let status: String = try row.decode("status")
        return CityNeed(
            id: try row.decode("id"), cityId: try row.decode("city_id"), titleJa: try row.decode("title_ja"),
            titleEn: try row.decode("title_en"), descriptionJa: try row.decode("description_ja"),
            descriptionEn: try row.decode("description_en"), taxonomyCodes: try row.decode("taxonomy_codes"),
            sector: try row.decode("sector"), source: try known(NeedSource(rawValue: source), source),
            sourceReference: try row.decode("source_reference"), sourceLiaisonBaseId: try row.decode("source_liaison_base_id"),
            budgetMinYen: try row.decode("budget_min_yen"), budgetMaxYen: try row.decode("budget_max_yen"),
            timeframe: try row.decode("timeframe"), status: try known(NeedStatus(rawValue: status), status),
            reportedBy: try row.decode("reported_by"), reportedAt: try row.decode("reported_at"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
