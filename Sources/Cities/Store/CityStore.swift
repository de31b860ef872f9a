import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of overseas cities and their policy dialogues.
struct CityStore {
    static let columns: SQLFragment = """
        id, name_ja, name_en, country, region, population, relationship, mou_date, mou_scope,
        zero_carbon_declared_year, zero_carbon_declared_on, zero_carbon_target_year, policy_targets, notes,
        archived, version, created_at, updated_at
        """

    /// Which of `ids` are cities, in one query (imports check a whole file at once).
    func existing(_ ids: [UUID], on db: PostgresConnection) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let rows = try await db.query("SELECT id FROM overseas_cities WHERE id = ANY (\(ids)::uuid[])")
        return Set(try rows.map { try $0.decode("id") })
    }

    /// The cities not archived whose Japanese or English name is one of `names` but for the case of its letters,
    /// surrounding spaces and its Unicode form (ダ as one code point or as タ + U+3099), each with the name that found
    /// it, for an import that names cities as people know them (ux15). Both sides go through `search_fold`, the one fold
    /// of search (migration 0108: NFKC, lower case, every run of white space one space; Ｄａ Ｎａｎｇ typed full-width,
    /// a no-break space or two spaces are the plain letters and one space; polish25, once a fold of its own), trimmed,
    /// and zero-width characters left in a cell are dropped: Swift's lower case of İ (U+0130) is i + U+0307, this database's i, so a name folded in Swift
    /// missed İzmir even written as its record has it, and bytes compared missed a decomposed ダナン (probe12).
    /// Each side is folded once and the two joined on the folded text: folding inside the join condition folded
    /// every city's names again for every name of the file (50,000 names and 9 cities: 1.35 s, now 0.09 s).
    func named(_ names: [String], on db: PostgresConnection) async throws -> [(name: String, city: City)] {
        guard !names.isEmpty else { return [] }
        let rows = try await db.query("""
            WITH given AS (
                SELECT DISTINCT name, btrim(search_fold(regexp_replace(name, '[\\u200B-\\u200D\\u2060\\uFEFF]', '', 'g'))) AS folded
                FROM unnest(\(names)::text[]) AS given(name))
            SELECT DISTINCT ON (given.name, overseas_cities.id) given.name AS given_name, \(Self.columns) FROM overseas_cities
            CROSS JOIN LATERAL (VALUES (btrim(search_fold(name_ja))), (btrim(search_fold(name_en)))) AS known(folded)
            JOIN given ON given.folded = known.folded
            WHERE NOT archived
            """)
        return try rows.map { (try $0.decode("given_name"), try Self.city($0)) }
    }

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> City? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.columns) FROM overseas_cities WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.city)
    }

    func list(_ filter: CityFilter, page: PageRequest, on db: PostgresConnection) async throws -> Page<City> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM overseas_cities
            WHERE (\(filter.includeArchived) OR NOT archived)
              AND (\(filter.country)::text IS NULL OR country = \(filter.country))
              AND (\(filter.relationship?.rawValue)::text IS NULL OR relationship = \(filter.relationship?.rawValue))
              AND (\(filter.text.map(likePattern))::text IS NULL OR search_form(name_ja || ' ' || name_en) LIKE \(filter.text.map(likePattern)))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.city), request: page, position: \.position)
    }

    func insert(_ draft: CityDraft, on db: PostgresConnection) async throws -> City {
        let rows = try await db.query("""
            INSERT INTO overseas_cities (name_ja, name_en, country, region, population, relationship, mou_date, mou_scope,
                zero_carbon_declared_year, zero_carbon_declared_on, zero_carbon_target_year, policy_targets, notes, archived)
            VALUES (\(draft.nameJa), \(draft.nameEn), \(draft.country), \(draft.region), \(draft.population),
                \(draft.relationship.rawValue), \(draft.mouDate), \(draft.mouScope), \(draft.zeroCarbonDeclaredYear),
                \(draft.zeroCarbonDeclaredOn), \(draft.zeroCarbonTargetYear), \(draft.policyTargets), \(draft.notes),
                \(draft.archived ?? false))
            RETURNING \(Self.columns)
            """)
        return try Self.city(rows[0])
    }

    /// Writes every field when the version still matches; nil when it does not (or the row is gone).
    func update(_ id: UUID, version: Int, to draft: CityDraft, on db: PostgresConnection) async throws -> City? {
        let rows = try await db.query("""
            UPDATE overseas_cities SET name_ja = \(draft.nameJa), name_en = \(draft.nameEn), country = \(draft.country),
                region = \(draft.region), population = \(draft.population), relationship = \(draft.relationship.rawValue),
                mou_date = \(draft.mouDate), mou_scope = \(draft.mouScope),
                zero_carbon_declared_year = \(draft.zeroCarbonDeclaredYear), zero_carbon_declared_on = \(draft.zeroCarbonDeclaredOn),
                zero_carbon_target_year = \(draft.zeroCarbonTargetYear), policy_targets = \(draft.policyTargets),
                notes = \(draft.notes), archived = \(draft.archived ?? false),
                version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.city)
    }

    static func city(_ row: PostgresRow) throws -> City {
        let relationship: String = try row.decode("relationship")
        return City(
            id: try row.decode("id"), nameJa: try row.decode("name_ja"), nameEn: try row.decode("name_en"),
            country: try row.decode("country"), region: try row.decode("region"), population: try row.decode("population"),
            relationship: try known(CityRelationship(rawValue: relationship), relationship),
            mouDate: try row.decode("mou_date"), mouScope: try row.decode("mou_scope"),
            zeroCarbonDeclaredYear: try row.decode("zero_carbon_declared_year"),
            zeroCarbonDeclaredOn: try row.decode("zero_carbon_declared_on"),
            zeroCarbonTargetYear: try row.decode("zero_carbon_target_year"),
            policyTargets: try row.decode("policy_targets"), notes: try row.decode("notes"), archived: try row.decode("archived"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }

    // MARK: Policy dialogues

    static let dialogueColumns: SQLFragment = "id, city_id, held_on, participants, topics, outcomes, version, created_at, updated_at"

    func dialogues(of cityID: UUID, page: PageRequest, on db: PostgresConnection) async throws -> Page<PolicyDialogue> {
        let rows = try await db.query("""
            SELECT \(Self.dialogueColumns) FROM policy_dialogues
            WHERE city_id = \(cityID)
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.dialogue), request: page, position: \.position)
    }

    func insertDialogue(_ draft: PolicyDialogueDraft, cityID: UUID, on db: PostgresConnection) async throws -> PolicyDialogue {
        let rows = try await db.query("""
            INSERT INTO policy_dialogues (city_id, held_on, participants, topics, outcomes)
            VALUES (\(cityID), \(draft.heldOn), \(draft.participants), \(draft.topics), \(draft.outcomes))
            RETURNING \(Self.dialogueColumns)
            """)
        return try Self.dialogue(rows[0])
    }

    func dialogue(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> PolicyDialogue? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        let rows = try await db.query("SELECT \(Self.dialogueColumns) FROM policy_dialogues WHERE id = \(id) \(lock)")
        return try rows.first.map(Self.dialogue)
    }

    /// Writes every field when the version still matches; nil when it does not. The city stays the same.
    func updateDialogue(_ id: UUID, version: Int, to draft: PolicyDialogueDraft, on db: PostgresConnection) async throws -> PolicyDialogue? {
        let rows = try await db.query("""
            UPDATE policy_dialogues SET held_on = \(draft.heldOn), participants = \(draft.participants), topics = \(draft.topics),
                outcomes = \(draft.outcomes), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.dialogueColumns)
            """)
        return try rows.first.map(Self.dialogue)
    }

    static func dialogue(_ row: PostgresRow) throws -> PolicyDialogue {
        PolicyDialogue(
            id: try row.decode("id"), cityID: try row.decode("city_id"), heldOn: try row.decode("held_on"),
            participants: try row.decode("participants"), topics: try row.decode("topics"), outcomes: try row.decode("outcomes"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }
}
