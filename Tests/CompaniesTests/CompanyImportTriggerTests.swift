import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Migration 0018 moved the import's per-row trigger work (search columns, audit of inserts, the
/// matching change log) to set-based SQL; what ends up in the database must be what the row triggers
/// wrote before.
@Suite("Company import, set-based trigger work")
struct CompanyImportTriggerTests {
    @Test("an imported company has the search columns, audit entries and change-log rows the row triggers give an API-created one")
    func importMatchesRowTriggers() async throws {
        let pool = try await TestDatabase.fresh()
        let service = CompanyService(pool: pool)
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
}
