import DomainKit
import FoundationEssentials
import Postgres

/// The set-based SQL of the company import: the file's companies and technologies go into temporary
/// staging tables with COPY, then a handful of statements upsert them, whatever the number of rows.
struct CompanyImportStore {
    /// Both tables live until the transaction ends, so an import leaves nothing behind, committed or not.
    func stage(_ companies: [CompanyCSV.ImportedCompany], on db: PostgresConnection) async throws {
        // Constant DDL (no input in it): the simple-query protocol, since DDL cannot be prepared. A file's
        // sorts and hashes (20,000 rows at most) fit in 64 MB; with the default 4 MB the ordered INSERTs
        // below spilled to disk. SET LOCAL ends with the import's transaction.
        try await db.runScript("""
            SET LOCAL work_mem = '64MB';
            CREATE TEMP TABLE company_import (
                key text PRIMARY KEY, line integer NOT NULL, company_id uuid, is_new boolean NOT NULL DEFAULT false,
                corporate_number text, name_ja text, name_en text, name_reading text, address text, municipality text, in_yokohama boolean NOT NULL,
                size text NOT NULL, yusa_member_since date, yusa_tier text, website text, languages text[] NOT NULL,
                countries_with_experience text[] NOT NULL, showcase_opt_in boolean NOT NULL
            ) ON COMMIT DROP;
            CREATE TEMP TABLE technology_import (
                key text NOT NULL, line integer NOT NULL, title_ja text, title_en text, description_ja text, description_en text,
                taxonomy_codes text[] NOT NULL, maturity text NOT NULL, disclosure text NOT NULL
            ) ON COMMIT DROP;
            """)
        try await db.copyIn("""
            COPY company_import (key, line, corporate_number, name_ja, name_en, name_reading, address, municipality, in_yokohama, size,
                yusa_member_since, yusa_tier, website, languages, countries_with_experience, showcase_opt_in)
            FROM STDIN
            """) { writer in
            for company in companies {
                let draft = company.draft
                try writer.appendRow([
                    company.key, company.line, draft.corporateNumber, draft.nameJa, draft.nameEn, draft.storedReading, draft.address, draft.municipality,
                    draft.inYokohama ?? false, draft.size.rawValue, draft.yusaMemberSince, draft.yusaTier, draft.website,
                    draft.languageList, draft.countryList, draft.showcaseOptIn ?? false,
                ])
                try await db.flushIfFull(&writer)
            }
        }
        try await db.copyIn("""
            COPY technology_import (key, line, title_ja, title_en, description_ja, description_en, taxonomy_codes, maturity, disclosure)
            FROM STDIN
            """) { writer in
            for company in companies {
                for (line, draft) in company.technologies {
                    try writer.appendRow([
                        company.key, line, draft.titleJa, draft.titleEn, draft.descriptionJa, draft.descriptionEn, draft.codes,
                        draft.maturity.rawValue, draft.disclosure.rawValue,
                    ])
                    try await db.flushIfFull(&writer)
                }
            }
        }
        // Fresh statistics, so the joins below are planned for the real number of rows.
        try await db.runScript("ANALYZE company_import; ANALYZE technology_import;")
        // Upsert by 法人番号: a company whose number is already known is that company.
        try await db.execute("""
            UPDATE company_import s SET company_id = c.id FROM companies c WHERE c.corporate_number = s.corporate_number
            """)
        try await db.execute("UPDATE company_import SET company_id = gen_random_uuid(), is_new = true WHERE company_id IS NULL")
    }

    /// Companies the file would create and update.
    func counts(on db: PostgresConnection) async throws -> (created: Int, updated: Int) {
        let row = try await db.query("""
            SELECT count(*) FILTER (WHERE is_new) AS created, count(*) FILTER (WHERE NOT is_new) AS updated FROM company_import
            """)[0]
        return (try row.decode("created"), try row.decode("updated"))
    }

    /// Each staged company's technologies and their taxonomy tags as the import would leave them (the ones it keeps, the
    /// file's updating those of the same title, the file's new ones), with the company's first line, for `CapabilityLimits`.
    func heldAfterImport(on db: PostgresConnection) async throws -> [(line: Int, technologies: Int, tags: Int)] {
        let rows = try await db.query("""
            SELECT s.line, kept.technologies + file.technologies AS technologies, kept.tags + file.tags AS tags
            FROM company_import s,
                 LATERAL (SELECT count(*)::int AS technologies, coalesce(sum(cardinality(ct.taxonomy_codes)), 0)::int AS tags
                          FROM company_technologies ct
                          WHERE ct.company_id = s.company_id AND NOT EXISTS (
                              SELECT 1 FROM technology_import t WHERE t.key = s.key
                                AND t.title_ja IS NOT DISTINCT FROM ct.title_ja AND t.title_en IS NOT DISTINCT FROM ct.title_en)) kept,
                 LATERAL (SELECT count(*)::int AS technologies, coalesce(sum(cardinality(t.taxonomy_codes)), 0)::int AS tags
                          FROM technology_import t WHERE t.key = s.key) file
            ORDER BY s.line
            """)
        return try rows.map { row in (try row.decode("line"), try row.decode("technologies"), try row.decode("tags")) }
    }

    /// New companies of the file that look like existing ones (`company_duplicates` of migration 0007).
    func duplicates(limit: Int, on db: PostgresConnection) async throws -> [CompanyImportReport.PossibleDuplicate] {
        let rows = try await db.query("""
            SELECT s.line, s.name_ja AS given_ja, s.name_en AS given_en, d.*
            FROM (SELECT * FROM company_import WHERE is_new ORDER BY line) s,
                 LATERAL company_duplicates(s.name_ja, s.name_en, NULL, NULL, 0.6, 5) d
            ORDER BY s.line, d.score DESC, d.id
            """)
        var found: [CompanyImportReport.PossibleDuplicate] = []
        var current: (line: Int, nameJa: String?, nameEn: String?, duplicates: [CompanyDuplicate])?
        for row in rows {
            let line: Int = try row.decode("line")
            if current?.line != line {
                if let done = current { found.append(.init(line: done.line, nameJa: done.nameJa, nameEn: done.nameEn, duplicates: done.duplicates)) }
                if found.count == limit { return found }
                current = (line, try row.decode("given_ja"), try row.decode("given_en"), [])
            }
            current?.duplicates.append(try CompanyStore.duplicate(row))
        }
        if let done = current, found.count < limit {
            found.append(.init(line: done.line, nameJa: done.nameJa, nameEn: done.nameEn, duplicates: done.duplicates))
        }
        return found
    }

    /// Writes the staged rows: updates the matched companies and their technologies matched by titles,
    /// inserts the other technologies, then the new companies. The foreign key from technologies to
    /// companies is deferred to the commit for this, so each new company is written once, with the search
    /// text of its technologies already there (computed set-based, migration 0018); the commit still checks every reference.
    /// The row triggers audit every change; the statement triggers refresh each matched company once. Every company of
    /// the file, new or updated, counts as reviewed at `now`, the programme clock's (a manager's save, as in the API).
    func apply(at now: Date, on db: PostgresConnection) async throws -> Int {
        try await db.runScript("SET CONSTRAINTS company_technologies_company_id_fkey DEFERRED")
        try await db.execute("""
            UPDATE companies c SET name_ja = s.name_ja, name_en = s.name_en, name_reading = s.name_reading, address = s.address, municipality = s.municipality,
                in_yokohama = s.in_yokohama, size = s.size, yusa_member_since = s.yusa_member_since, yusa_tier = s.yusa_tier,
                website = s.website, languages = s.languages, countries_with_experience = s.countries_with_experience,
                showcase_opt_in = s.showcase_opt_in, version = c.version + 1, updated_at = now(), profile_reviewed_at = \(now)
            FROM company_import s
            WHERE c.id = s.company_id AND NOT s.is_new
            """)
        let updated = try await db.execute("""
            UPDATE company_technologies ct SET description_ja = t.description_ja, description_en = t.description_en,
                taxonomy_codes = t.taxonomy_codes, maturity = t.maturity, disclosure = t.disclosure,
                version = ct.version + 1, updated_at = now()
            FROM technology_import t JOIN company_import s ON s.key = t.key
            WHERE ct.company_id = s.company_id AND NOT s.is_new
              AND ct.title_ja IS NOT DISTINCT FROM t.title_ja AND ct.title_en IS NOT DISTINCT FROM t.title_en
            """)
        let inserted = try await db.execute("""
            INSERT INTO company_technologies (company_id, title_ja, title_en, description_ja, description_en, taxonomy_codes,
                maturity, disclosure)
            SELECT s.company_id, t.title_ja, t.title_en, t.description_ja, t.description_en, t.taxonomy_codes, t.maturity, t.disclosure
            FROM technology_import t JOIN company_import s ON s.key = t.key
            WHERE s.is_new OR NOT EXISTS (
                SELECT 1 FROM company_technologies ct
                WHERE ct.company_id = s.company_id
                  AND ct.title_ja IS NOT DISTINCT FROM t.title_ja AND ct.title_en IS NOT DISTINCT FROM t.title_en)
            ORDER BY t.line
            """)
        // The search columns of all new companies in one grouped scan of their technologies (migration
        // 0018), instead of the row trigger's two index scans per company; same values (the reading in katakana, 0135).
        try await db.execute("""
            INSERT INTO companies (id, corporate_number, name_ja, name_en, name_reading, address, municipality, in_yokohama, size,
                yusa_member_since, yusa_tier, website, languages, countries_with_experience, showcase_opt_in,
                search_text_partners, search_text_all, search_codes_partners, search_codes_all, profile_reviewed_at)
            SELECT s.company_id, s.corporate_number, s.name_ja, s.name_en, s.name_reading, s.address, s.municipality, s.in_yokohama, s.size,
                s.yusa_member_since, s.yusa_tier, s.website, s.languages, s.countries_with_experience, s.showcase_opt_in,
                search_form(concat_ws(' ', s.name_ja, s.name_en, kana_fold(s.name_reading), x.text_partners)),
                search_form(concat_ws(' ', s.name_ja, s.name_en, kana_fold(s.name_reading), x.text_all)),
                coalesce(x.codes_partners, '{}'), coalesce(x.codes_all, '{}'), \(now)::timestamptz
            FROM company_import s
            LEFT JOIN company_technology_search_many(ARRAY(SELECT company_id FROM company_import WHERE is_new)) x
                ON x.company_id = s.company_id
            WHERE s.is_new ORDER BY s.line
            """)
        try await db.runScript("SET CONSTRAINTS company_technologies_company_id_fkey IMMEDIATE")
        return updated + inserted
    }
}
