import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Migration 0018 moved the import's per-row trigger work (search columns, audit of inserts, the
/// matching change log) to set-based SQL, and 0069 builds the audit entries of inserts from the column
/// list; what ends up in the database must be what the row triggers wrote before.
@Suite("Company import, set-based trigger work")
struct CompanyImportTriggerTests {
    @Test("an imported company has the search columns, audit entries and change-log rows the row triggers give an API-created one")
    func importMatchesRowTriggers() async throws {
        let pool = try await TestDatabase.fresh()
        let service = CompanyService(pool: pool, clock: .test)
        let report = try await service.importCompanies(csv: csv([
            technologyHeader,
            "\(validCorporateNumbers[0]),港湾熱工業,Harbor-Thermal,large,,Stoker furnace,waste_to_energy|biogas,commercial,public",
            "\(validCorporateNumbers[0]),港湾熱工業,Harbor-Thermal,large,,Secret kiln,recycling,pilot,coordinators",
            ",,No Technology Ltd,sme,,,,,",
        ]), dryRun: false, by: admin)
        #expect(report.errors.isEmpty && report.created == 2 && report.technologies == 2)
        let stored = try await service.companies(CompanyFilter(), page: PageRequest(), by: admin).items
        let harbor = try #require(stored.first { $0.nameEn == "Harbor-Thermal" })
        let plain = try #require(stored.first { $0.nameEn == "No Technology Ltd" })

        let columns = try await pool.query("""
            SELECT id, search_text_partners, search_text_all, search_codes_partners, search_codes_all FROM companies ORDER BY name_en
            """)
        let searchByID = try Dictionary(uniqueKeysWithValues: columns.map {
            (try $0.decode("id") as UUID, (try $0.decode("search_text_partners") as String, try $0.decode("search_text_all") as String,
                                           try $0.decode("search_codes_partners") as [String], try $0.decode("search_codes_all") as [String]))
        })
        let harborColumns = try #require(searchByID[harbor.id])
        #expect(harborColumns.0 == "港湾熱工業 harbor thermal stoker furnace")
        #expect(harborColumns.1.hasPrefix("港湾熱工業 harbor thermal ") && harborColumns.1.contains("stoker furnace")
                && harborColumns.1.contains("secret kiln"))
        #expect(harborColumns.2 == ["biogas", "waste_to_energy"] && harborColumns.3 == ["biogas", "recycling", "waste_to_energy"])
        let plainColumns = try #require(searchByID[plain.id])
        #expect(plainColumns.0 == "no technology ltd" && plainColumns.1 == "no technology ltd" && plainColumns.2.isEmpty && plainColumns.3.isEmpty)

        // Renaming through the API (the row trigger) recomputes the same columns the import wrote.
        try await pool.execute("UPDATE companies SET name_ja = name_ja WHERE id = \(harbor.id)")
        let again = try await pool.query("SELECT search_text_all FROM companies WHERE id = \(harbor.id)")
        #expect(try again[0].decode("search_text_all") as String == harborColumns.1)

        // One audit entry per inserted row, with the actor, the fields and none of the derived columns.
        let audit = try await pool.query("""
            SELECT entity, actor_user_id, changes ->> 'name_en' AS name_en, changes ->> 'title_en' AS title_en,
                   changes ? 'search_text_all' AS has_search, changes ? 'version' AS has_version
            FROM audit_log WHERE action = 'insert' AND entity IN ('companies', 'company_technologies') ORDER BY entity, name_en, title_en
            """)
        #expect(try audit.map { try $0.decode("entity") as String } == ["companies", "companies", "company_technologies", "company_technologies"])
        #expect(try audit.allSatisfy { try $0.decode("actor_user_id") as UUID == admin.userID })
        #expect(try audit.compactMap { try $0.decode("name_en") as String? } == ["Harbor-Thermal", "No Technology Ltd"])
        #expect(try audit.compactMap { try $0.decode("title_en") as String? } == ["Secret kiln", "Stoker furnace"])
        #expect(try audit.map { try $0.decode("has_search") as Bool } == [false, false, false, false])
        #expect(try audit.map { try $0.decode("has_version") as Bool } == [false, false, false, false])

        // The matching change log has the company once for its insert, once per technology and once for
        // the update above.
        let changes = try await pool.query("""
            SELECT count(*) FILTER (WHERE company_id = \(harbor.id)) AS harbor, count(*) FILTER (WHERE company_id = \(plain.id)) AS plain
            FROM matching_company_changes
            """)
        #expect(try changes[0].decode("harbor") as Int == 4)
        #expect(try changes[0].decode("plain") as Int == 1)
    }

    @Test("each audit entry of an import holds every field of its row as the row trigger renders it (text, dates, flags, arrays, nulls)")
    func importAuditMatchesRowTriggerRendering() async throws {
        let pool = try await TestDatabase.fresh()
        let service = CompanyService(pool: pool, clock: .test)
        let header = "corporateNumber,nameJa,nameEn,address,municipality,inYokohama,size,yusaMemberSince,yusaTier,website,languages,"
            + "countriesWithExperience,showcaseOptIn,technologyTitleJa,technologyTitleEn,technologyDescriptionEn,technologyTaxonomyCodes,"
            + "technologyMaturity,technologyDisclosure"
        let report = try await service.importCompanies(csv: csv([
            header,
            "\(validCorporateNumbers[1]),\"港北\"\"設備\",Kohoku \"Plant\",横浜市港北区1-2,Yokohama,true,large,2021-04-01,gold,https://kohoku.example,"
                + "ja|en,VN|TH,true,熱回収,Heat recovery,\"Line one\nline two\",waste_to_energy|biogas,commercial,public",
            "\(validCorporateNumbers[1]),\"港北\"\"設備\",Kohoku \"Plant\",横浜市港北区1-2,Yokohama,true,large,2021-04-01,gold,https://kohoku.example,"
                + "ja|en,VN|TH,true,,Bare title,,recycling,pilot,coordinators",
            ",,Nulls Only Ltd,,,,sme,,,,,,,,,,,,",
        ]), dryRun: false, by: admin)
        #expect(report.errors.isEmpty && report.created == 2 && report.technologies == 2)

        // The rendering of 0005/0036's row trigger, written out here: every column but the ignored ones,
        // strings as themselves, JSON null as NULL, anything else as its JSON text.
        let comparison = try await pool.query("""
            WITH expected AS (
                SELECT 'companies' AS entity, c.id::text AS entity_id,
                       (SELECT jsonb_object_agg(key, CASE jsonb_typeof(value) WHEN 'string' THEN value #>> '{}' WHEN 'null' THEN NULL ELSE value::text END)
                        FROM jsonb_each(to_jsonb(c))
                        WHERE key NOT IN ('version', 'created_at', 'updated_at', 'search_text_partners', 'search_text_all',
                                          'search_codes_partners', 'search_codes_all')) AS changes
                FROM companies c
                UNION ALL
                SELECT 'company_technologies', t.id::text,
                       (SELECT jsonb_object_agg(key, CASE jsonb_typeof(value) WHEN 'string' THEN value #>> '{}' WHEN 'null' THEN NULL ELSE value::text END)
                        FROM jsonb_each(to_jsonb(t)) WHERE key NOT IN ('version', 'created_at', 'updated_at'))
                FROM company_technologies t
            )
            SELECT e.entity, e.changes = a.changes AS same, a.changes::text AS written, e.changes::text AS expected,
                   a.actor_user_id, a.previous = '{}' AS no_previous
            FROM expected e LEFT JOIN audit_log a ON a.action = 'insert' AND a.entity = e.entity AND a.entity_id = e.entity_id
            ORDER BY e.entity, e.entity_id
            """)
        #expect(comparison.count == 4)
        for row in comparison {
            let written: String? = try row.decode("written")
            let expected: String = try row.decode("expected")
            #expect(try row.decode("same", as: Bool?.self) == true, "\(written ?? "no entry") ≠ \(expected)")
            #expect(try row.decode("actor_user_id", as: UUID?.self) == admin.userID)
            #expect(try row.decode("no_previous", as: Bool?.self) == true)
        }
        // The kinds of value the entries must carry, so the comparison above is not between two empty sets.
        let kohoku = try await pool.query("""
            SELECT changes ->> 'name_ja' AS name_ja, changes ->> 'in_yokohama' AS in_yokohama, changes ->> 'yusa_member_since' AS since,
                   changes ->> 'languages' AS languages, changes -> 'address' = 'null' AS null_address
            FROM audit_log WHERE entity = 'companies' AND changes ->> 'name_en' IN ('Kohoku "Plant"', 'Nulls Only Ltd')
            ORDER BY changes ->> 'name_en'
            """)
        #expect(kohoku.count == 2)
        #expect(try kohoku[0].decode("name_ja") as String? == "港北\"設備" && kohoku[0].decode("in_yokohama") as String? == "true")
        #expect(try kohoku[0].decode("since") as String? == "2021-04-01" && kohoku[0].decode("languages") as String? == "[\"ja\", \"en\"]")
        #expect(try kohoku[1].decode("null_address") as Bool? == true && kohoku[1].decode("in_yokohama") as String? == "false")
    }
}
