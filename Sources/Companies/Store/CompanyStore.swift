import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of companies.
struct CompanyStore {
    static let columns: SQLFragment = """
        id, name_ja, name_en, name_reading, corporate_number, address, municipality, in_yokohama, size, yusa_member_since, yusa_tier,
        website, languages, countries_with_experience, showcase_opt_in, archived, version, created_at, updated_at,
        profile_reviewed_at
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> Company? {
        let rows = try await db.query(forUpdate ? "SELECT \(Self.columns) FROM companies WHERE id = \(id) FOR UPDATE" : Self.read(id))
        return try rows.first.map(Self.company)
    }

    /// The statement behind `GET /v1/companies/{id}`.
    static func read(_ id: UUID) -> PostgresQuery {
        "SELECT \(columns) FROM companies WHERE id = \(id)"
    }

    /// Text, taxonomy and country filters look only at technologies and track records the caller may
    /// see, so a filter cannot reveal a `coordinators` item. Text and codes come from the search columns
    /// of migration 0007: `…_partners` for most callers, `…_all` for managers and for the caller's own
    /// company. `form` is the query's `Taxonomy.searchForm` (`filter.text` folded), `searchCodes` the codes it stands for
    /// (`Taxonomy.searchCodes`). `reviewedBefore` is the instant a profile must have been reviewed after not to need a
    /// review (`filter.profileNeedsReview`): the condition is one comparison of the indexed `profile_reviewed_at`.
    ///
    /// The text is compared as typed and in katakana (`kana_fold`, migration 0130), two conditions on the same trigram
    /// index: the search texts hold the name reading in katakana (migration 0135), so にっき finds ニッキ, and the rest of the
    /// text as typed. In `filter.order` `reading` (五十音順, migrations 0136 and 0139) the key is `company_reading_order` in
    /// byte order; the cursor's id names the company the last page ended on, whose key the next page starts after (a company
    /// renamed between two pages moves that position with it).
    func list(
        _ filter: CompanyFilter, form: String?, searchCodes: [String], reviewedBefore: Date, visibility: Visibility, page unordered: PageRequest,
        on db: PostgresConnection
    ) async throws -> Page<Company> {
        // The order entered keeps the cursors it always gave (no order named), so a page in hand stays valid.
        let page = filter.order == .reading ? try unordered.ordered(by: filter.order) : unordered
        let pattern = form.map(likePatternOfFolded)
        let municipality = filter.municipality.map(likePattern)
        let staleBefore = filter.profileNeedsReview == true ? reviewedBefore : nil
        let freshSince = filter.profileNeedsReview == false ? reviewedBefore : nil
        // Column names from a closed set, chosen by role: each has its own trigram and GIN index.
        let audience: SQLFragment = visibility.seesEverything ? "all" : "partners"
        // The order's key from a closed enum; the cursor's position is bound for the one condition of its order.
        let key: SQLFragment = switch filter.order {
        case .entered: "c.created_at"
        case .reading: Self.readingOrder
        }
        let enteredAfter = filter.order == .entered ? try page.after : nil
        let readingAfter = filter.order == .reading ? try page.after?.id : nil
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM companies c
            WHERE (\(filter.includeArchived) OR NOT c.archived)
              AND (\(pattern)::text IS NULL
                   OR c.search_text_\(audience) LIKE \(pattern) OR c.search_text_\(audience) LIKE kana_fold(\(pattern))
                   OR c.search_codes_\(audience) && \(searchCodes)::text[]
                   OR (c.id = \(visibility.ownCompany)::uuid AND (c.search_text_all LIKE \(pattern) OR c.search_text_all LIKE kana_fold(\(pattern))
                       OR c.search_codes_all && \(searchCodes)::text[])))
              AND (\(filter.inYokohama)::boolean IS NULL OR c.in_yokohama = \(filter.inYokohama))
              AND (\(filter.yusa)::boolean IS NULL OR (c.yusa_member_since IS NOT NULL) = \(filter.yusa))
              AND (\(municipality)::text IS NULL OR search_form(c.municipality) LIKE \(municipality))
              AND (\(filter.size?.rawValue)::text IS NULL OR c.size = \(filter.size?.rawValue))
              AND (\(staleBefore)::timestamptz IS NULL OR c.profile_reviewed_at < \(staleBefore))
              AND (\(freshSince)::timestamptz IS NULL OR c.profile_reviewed_at >= \(freshSince))
              AND (\(filter.taxonomyCode)::text IS NULL
                   OR c.search_codes_\(audience) && taxonomy_expand(ARRAY[\(filter.taxonomyCode)]::text[])
                   OR (c.id = \(visibility.ownCompany)::uuid AND c.search_codes_all && taxonomy_expand(ARRAY[\(filter.taxonomyCode)]::text[])))
              AND (\(filter.country)::text IS NULL OR \(filter.country) = ANY (c.countries_with_experience) OR EXISTS (
                    SELECT 1 FROM company_track_records r
                    WHERE r.company_id = c.id AND r.country = \(filter.country)
                      AND (\(visibility.seesEverything) OR r.disclosure <> 'coordinators' OR r.company_id = \(visibility.ownCompany)::uuid)))
              AND (\(enteredAfter?.createdAt)::timestamptz IS NULL OR (c.created_at, c.id) > (\(enteredAfter?.createdAt), \(enteredAfter?.id)))
              AND (\(readingAfter)::uuid IS NULL
                   OR (\(Self.readingOrder), c.id) > ((SELECT \(Self.readingOrder) FROM companies c WHERE c.id = \(readingAfter)), \(readingAfter)))
            ORDER BY \(key), c.id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.company), request: page, position: \.position)
    }

    /// The 五十音順 key of a company `c` (migration 0136's index expression, byte order included; `reading_order`, 0139).
    static let readingOrder: SQLFragment = #"company_reading_order(c.name_reading, c.name_ja, c.name_en) COLLATE "C""#

    /// Opted-in, active companies for the public showcase.
    func showcase(page: PageRequest, on db: PostgresConnection) async throws -> Page<Company> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM companies
            WHERE showcase_opt_in AND NOT archived
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.company), request: page, position: \.position)
    }

    /// `now` is the programme clock's: the profile counts as reviewed when it is written.
    func insert(_ draft: CompanyDraft, at now: Date, on db: PostgresConnection) async throws -> Company {
        let rows = try await db.query("""
            INSERT INTO companies (name_ja, name_en, name_reading, corporate_number, address, municipality, in_yokohama, size,
                yusa_member_since, yusa_tier, website, languages, countries_with_experience, showcase_opt_in, archived, profile_reviewed_at)
            VALUES (\(draft.nameJa), \(draft.nameEn), \(draft.storedReading), \(draft.corporateNumber), \(draft.address), \(draft.municipality),
                \(draft.inYokohama ?? false), \(draft.size.rawValue), \(draft.yusaMemberSince), \(draft.yusaTier), \(draft.website),
                \(draft.languageList), \(draft.countryList), \(draft.showcaseOptIn ?? false), \(draft.archived ?? false), \(now))
            RETURNING \(Self.columns)
            """)
        return try Self.company(rows[0])
    }

    /// Writes every field when the version still matches; nil when it does not (or the row is gone).
    func update(_ id: UUID, version: Int, to draft: CompanyDraft, at now: Date, on db: PostgresConnection) async throws -> Company? {
        let rows = try await db.query("""
            UPDATE companies SET name_ja = \(draft.nameJa), name_en = \(draft.nameEn), name_reading = \(draft.storedReading),
                corporate_number = \(draft.corporateNumber),
                address = \(draft.address), municipality = \(draft.municipality), in_yokohama = \(draft.inYokohama ?? false),
                size = \(draft.size.rawValue), yusa_member_since = \(draft.yusaMemberSince), yusa_tier = \(draft.yusaTier),
                website = \(draft.website), languages = \(draft.languageList), countries_with_experience = \(draft.countryList),
                showcase_opt_in = \(draft.showcaseOptIn ?? false), archived = \(draft.archived ?? false),
                version = version + 1, updated_at = now(), profile_reviewed_at = \(now)
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.company)
    }

    /// Gives a company without a reading the one an approved application to join brought (stored form, `NameReading`):
    /// a new version, as any change to the company's fields (a form held meanwhile would otherwise clear it), but not a
    /// reviewed profile (nobody looked at the rest). A company that has a reading keeps it; the row triggers audit it
    /// and refresh the search texts (0135).
    func fillReading(_ id: UUID, _ reading: String, at now: Date, on db: PostgresConnection) async throws {
        try await db.execute("""
            UPDATE companies SET name_reading = \(reading), version = version + 1, updated_at = \(now)
            WHERE id = \(id) AND name_reading IS NULL
            """)
    }

    /// The profile confirmed as current with no field changed: a new version (the record's representation changed).
    func confirmReviewed(_ id: UUID, version: Int, at now: Date, on db: PostgresConnection) async throws -> Company? {
        let rows = try await db.query("""
            UPDATE companies SET version = version + 1, updated_at = now(), profile_reviewed_at = \(now)
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """)
        return try rows.first.map(Self.company)
    }

    /// A save to the company's technologies or track records counts as reviewing its profile (docs/companies.md, "Keeping
    /// the profile current"): the date only. No new version: the version guards the company's own fields, which this
    /// does not change, so a form or `If-Match` holding them is not made stale by a technology saved meanwhile.
    func stampReviewed(_ id: UUID, at now: Date, on db: PostgresConnection) async throws {
        try await db.execute("UPDATE companies SET profile_reviewed_at = \(now) WHERE id = \(id)")
    }

    static func company(_ row: PostgresRow) throws -> Company {
        let size: String = try row.decode("size")
        return Company(
            id: try row.decode("id"),
                nameJa: try row.decode("name_ja"), nameEn: try row.decode("name_en"), nameReading: try row.decode("name_reading"),
                corporateNumber: try row.decode("corporate_number"), address: try row.decode("address"),
                municipality: try row.decode("municipality"), inYokohama: try row.decode("in_yokohama"),
                size: try known(CompanySize(rawValue: size), size), yusaMemberSince: try row.decode("yusa_member_since"),
                yusaTier: try row.decode("yusa_tier"), website: try row.decode("website"), languages: try row.decode("languages"),
                countriesWithExperience: try row.decode("countries_with_experience"),
                showcaseOptIn: try row.decode("showcase_opt_in"), archived: try row.decode("archived"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"),
            profileReviewedAt: try row.decode("profile_reviewed_at"))
    }
}
