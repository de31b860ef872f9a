import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Company search: bilingual text through the taxonomy, within what the caller may see")
struct CompanySearchTests {
    @Test("廃棄物発電 finds an English-only company tagged waste_to_energy, and waste-to-energy a Japanese-only one")
    func synonymBridgeBothWays() async throws {
        let service = try await freshService()
        let english = try await service.createCompany(companyDraft(nameEn: "Harbor Thermal Co., Ltd.", nameJa: nil), by: admin)
        _ = try await service.createTechnology(
            technologyDraft(titleEn: "Waste-to-energy plant design", codes: ["waste_to_energy"]), companyID: english.id, by: admin)
        let japanese = try await service.createCompany(companyDraft(nameEn: nil, nameJa: "港北環境株式会社"), by: admin)
        _ = try await service.createTechnology(
            technologyDraft(titleEn: nil, titleJa: "ストーカ炉による熱回収", codes: ["waste_to_energy"]), companyID: japanese.id, by: admin)
        let unrelated = try await service.createCompany(companyDraft(nameEn: "Bay Solar Inc.", nameJa: nil), by: admin)
        _ = try await service.createTechnology(technologyDraft(), companyID: unrelated.id, by: admin)

        func ids(_ text: String) async throws -> Set<UUID> {
            Set(try await service.companies(CompanyFilter(text: text), page: PageRequest(), by: viewer).items.map(\.id))
        }
        #expect(try await ids("廃棄物発電") == [english.id, japanese.id])
        #expect(try await ids("waste-to-energy") == [english.id, japanese.id])
        #expect(try await ids("Waste to Energy") == [english.id, japanese.id])
        // Plain text still matches technology titles and names, in either language.
        #expect(try await ids("熱回収") == [japanese.id])
        #expect(try await ids("plant design") == [english.id])
        #expect(try await ids("港北") == [japanese.id])
    }

    @Test("a technology disclosed to coordinators makes its company match only for managers and the company's own users")
    func disclosureLimitsSearch() async throws {
        let service = try await freshService()
        let owner = try await service.createCompany(companyDraft(nameEn: "Harbor Thermal Co., Ltd.", nameJa: nil), by: admin)
        let other = try await service.createCompany(companyDraft(nameEn: "Bay Solar Inc.", nameJa: nil), by: admin)
        let secret = try await service.createTechnology(
            technologyDraft(titleEn: "Confidential sludge dryer", codes: ["sludge_energy"], disclosure: .coordinators),
            companyID: owner.id, by: admin)

        func ids(_ filter: CompanyFilter, _ principal: Principal) async throws -> [UUID] {
            try await service.companies(filter, page: PageRequest(), by: principal).items.map(\.id)
        }
        for filter in [CompanyFilter(text: "sludge dryer"), CompanyFilter(text: "汚泥"), CompanyFilter(taxonomyCode: "sludge_energy")] {
            #expect(try await ids(filter, viewer).isEmpty)
            #expect(try await ids(filter, user(of: other)).isEmpty)
            #expect(try await ids(filter, user(of: owner)) == [owner.id])
            #expect(try await ids(filter, coordinator) == [owner.id])
        }
        // Disclosing it to partners makes it searchable for everyone signed in; the text follows edits.
        _ = try await service.updateTechnology(secret.id, ifVersion: 1, by: admin) { $0.disclosure = .partners }
        #expect(try await ids(CompanyFilter(text: "sludge dryer"), viewer) == [owner.id])
        _ = try await service.updateTechnology(secret.id, ifVersion: 2, by: admin) { $0.titleEn = "Biosolids kiln" }
        #expect(try await ids(CompanyFilter(text: "dryer"), viewer).isEmpty)
        #expect(try await ids(CompanyFilter(text: "kiln"), viewer) == [owner.id])
    }

    @Test("a renamed company is found by its new name and no longer by the old one")
    func renameUpdatesSearch() async throws {
        let service = try await freshService()
        let company = try await service.createCompany(companyDraft(nameEn: "Harbor Thermal Co., Ltd.", nameJa: nil), by: admin)
        _ = try await service.createTechnology(technologyDraft(titleEn: "Rooftop solar O&M"), companyID: company.id, by: admin)
        _ = try await service.updateCompany(company.id, ifVersion: 1, by: admin) { $0.nameEn = "Minato Heat Works" }
        func ids(_ text: String) async throws -> [UUID] {
            try await service.companies(CompanyFilter(text: text), page: PageRequest(), by: viewer).items.map(\.id)
        }
        #expect(try await ids("harbor").isEmpty)
        #expect(try await ids("heat works") == [company.id])
        #expect(try await ids("rooftop") == [company.id])
    }
}

@Suite("Company search indexes")
struct CompanySearchIndexTests {
    /// Each trigram index on companies serves a query: the directory search reads search_text_partners and
    /// search_text_all, the duplicate check company_name_key of each name. The one on lower(name_ja || ' ' || name_en)
    /// (0006) served none since 0007 and was kept up on every write for nothing (polish24, 0109).
    @Test("companies keep only the trigram indexes that the directory search and the duplicate check read")
    func trigramIndexesInUse() async throws {
        let pool = try await TestDatabase.fresh()
        let rows = try await pool.query("""
            SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'companies' AND indexdef LIKE '%gin_trgm_ops%'
            ORDER BY indexname
            """)
        let names: [String] = try rows.map { try $0.decode("indexname") }
        #expect(names == ["companies_name_en_key_trgm", "companies_name_ja_key_trgm", "companies_search_all_trgm", "companies_search_partners_trgm"])
        pool.close()
    }
}
