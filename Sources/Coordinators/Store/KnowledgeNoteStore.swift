import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of the knowledge base.
struct KnowledgeNoteStore {
    static let columns: SQLFragment = """
        k.id, k.author_coordinator_id, k.title_ja, k.title_en, k.body_ja, k.body_en, k.taxonomy_codes, k.countries,
        k.version, k.created_at, k.updated_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> KnowledgeNote? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM knowledge_notes k WHERE k.id = \(id) \(lock)")
        return try rows.first.map(Self.note)
    }

    /// Text matches the notes' own words in either language, or their tags through the taxonomy
    /// (`Taxonomy.searchCodes`, the rule of the city-need search): 廃棄物発電 finds a note tagged
    /// waste_to_energy that was written in English.
    func list(_ filter: KnowledgeNoteFilter, page: PageRequest, on db: PostgresConnection) async throws -> Page<KnowledgeNote> {
        let codes = try await Taxonomy.searchCodes(form: filter.text.map(Taxonomy.searchForm), on: db)
        let pattern = filter.text.map(likePattern)
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM knowledge_notes k
            WHERE (\(filter.taxonomyCode)::text IS NULL OR k.taxonomy_codes && taxonomy_expand(ARRAY[\(filter.taxonomyCode)]::text[]))
              AND (\(filter.country)::text IS NULL OR \(filter.country) = ANY (k.countries))
              AND (\(pattern)::text IS NULL OR k.search_text LIKE \(pattern) OR k.taxonomy_codes && \(codes)::text[])
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (k.created_at, k.id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY k.created_at, k.id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.note), request: page, position: \.position)
    }

    func insert(_ draft: KnowledgeNoteDraft, author: UUID, on db: PostgresConnection) async throws -> KnowledgeNote {
        let rows = try await db.query("""
            INSERT INTO knowledge_notes AS k (author_coordinator_id, title_ja, title_en, body_ja, body_en, taxonomy_codes, countries)
            VALUES (\(author), \(draft.titleJa), \(draft.titleEn), \(draft.bodyJa), \(draft.bodyEn), \(draft.codes), \(draft.countryList))
            RETURNING \(Self.columns)
            """)
        return try Self.note(rows[0])
    }

    func update(_ id: UUID, version: Int, to draft: KnowledgeNoteDraft, on db: PostgresConnection) async throws -> KnowledgeNote? {
        let rows = try await db.query("""
            UPDATE knowledge_notes k SET title_ja = \(draft.titleJa), title_en = \(draft.titleEn), body_ja = \(draft.bodyJa),
                body_en = \(draft.bodyEn), taxonomy_codes = \(draft.codes), countries = \(draft.countryList),
                version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.note)
    }

    static func note(_ row: PostgresRow) throws -> KnowledgeNote {
        KnowledgeNote(
            id: try row.decode("id"), authorCoordinatorID: try row.decode("author_coordinator_id"),
                titleJa: try row.decode("title_ja"), titleEn: try row.decode("title_en"), bodyJa: try row.decode("body_ja"),
                bodyEn: try row.decode("body_en"), taxonomyCodes: try row.decode("taxonomy_codes"), countries: try row.decode("countries"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
