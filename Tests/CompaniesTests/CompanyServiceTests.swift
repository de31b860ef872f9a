import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Companies at the service layer")
struct CompanyServiceTests {
    @Test("法人番号 check digits: valid numbers pass, a changed digit or a wrong length fails")
    func checkDigit() {
        for number in validCorporateNumbers { #expect(CorporateNumber.isValid(number), "\(number)") }
        #expect(!CorporateNumber.isValid("4020001012345"))
        #expect(!CorporateNumber.isValid("3020001012346"))
        #expect(!CorporateNumber.isValid("302000101234"))
        #expect(!CorporateNumber.isValid("30200010123a5"))
        #expect(CorporateNumber.checkDigit(base: [1, 8, 0, 3, 0, 1, 0, 1, 8, 7, 7, 1]) == 1)
    }

    @Test("a bad corporate number is a 422 naming the field, and the database refuses it too")
    func badCorporateNumber() async throws {
        let service = try await freshService()
        let error = await #expect(throws: CompaniesError.self) {
            try await service.createCompany(companyDraft(corporateNumber: "4020001012345"), by: admin)
        }
        #expect(error?.problem.status == 422)
        #expect(error?.problem.errors?.first?.field == "corporateNumber")
        let pool = try await TestDatabase.fresh()
        await #expect(throws: PostgresError.self) {
            try await pool.withConnection { db in
                try await db.execute("INSERT INTO companies (name_en, size, corporate_number) VALUES ('X', 'sme', '4020001012345')")
            }
        }
    }

    @Test("a coordinator creates, reads, updates and archives a company; Japanese text round-trips")
    func lifecycle() async throws {
        let service = try await freshService()
        let company = try await service.createCompany(
            companyDraft(nameEn: nil, nameJa: "横浜グリーンエナジー株式会社 🌱", corporateNumber: validCorporateNumbers[0]), by: coordinator)
        #expect(company.nameJa == "横浜グリーンエナジー株式会社 🌱")
        #expect(company.version == 1)
        #expect(try await service.company(company.id, by: viewer) == company)

        let updated = try await service.updateCompany(company.id, ifVersion: 1, by: coordinator) { $0.yusaTier = nil; $0.website = "https://example.jp" }
        #expect(updated.version == 2)
        #expect(updated.website == "https://example.jp")
        let archived = try await service.updateCompany(company.id, ifVersion: 2, by: admin) { $0.archived = true }
        #expect(archived.isArchived)
        #expect(try await service.companies(CompanyFilter(), page: PageRequest(), by: viewer).items.isEmpty)
        #expect(try await service.companies(CompanyFilter(includeArchived: true), page: PageRequest(), by: viewer).items.map(\.id) == [company.id])
    }

    @Test("a stale If-Match gets 412")
    func stale() async throws {
        let service = try await freshService()
        let company = try await service.createCompany(companyDraft(), by: admin)
        _ = try await service.updateCompany(company.id, ifVersion: 1, by: admin) { $0.size = .large }
        let error = await #expect(throws: CompaniesError.self) {
            try await service.updateCompany(company.id, ifVersion: 1, by: admin) { $0.size = .sme }
        }
        #expect(error?.problem.status == 412)
    }

    @Test("a company user edits its own company and gets 404 for another's")
    func ownCompanyOnly() async throws {
        let service = try await freshService()
        let mine = try await service.createCompany(companyDraft(), by: admin)
        let theirs = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
        let me = user(of: mine)
        let edited = try await service.updateCompany(mine.id, ifVersion: 1, by: me) { $0.showcaseOptIn = true }
        #expect(edited.showcaseOptIn == true)
        let error = await #expect(throws: CompaniesError.self) {
            try await service.updateCompany(theirs.id, ifVersion: 1, by: me) { $0.website = "https://evil.example" }
        }
        #expect(error?.problem.status == 404)
        let technology = await #expect(throws: CompaniesError.self) {
            try await service.createTechnology(technologyDraft(), companyID: theirs.id, by: me)
        }
        #expect(technology?.problem.status == 404)
        let theirTechnology = try await service.createTechnology(technologyDraft(), companyID: theirs.id, by: coordinator)
        let update = await #expect(throws: CompaniesError.self) {
            try await service.updateTechnology(theirTechnology.id, ifVersion: 1, by: me) { $0.titleEn = "Mine now" }
        }
        #expect(update?.problem.status == 404)
        let own = try await service.createTechnology(technologyDraft(), companyID: mine.id, by: me)
        #expect(try await service.updateTechnology(own.id, ifVersion: 1, by: me) { $0.titleJa = "屋根置き太陽光" }.titleJa == "屋根置き太陽光")
    }

    @Test("a company user neither archives its company nor records its own YUSA membership; a coordinator does, and the user's other edits still pass")
    func programmeRecordsAreManagers() async throws {
        let service = try await freshService()
        let mine = try await service.createCompany(companyDraft(), by: admin)
        let me = user(of: mine)
        let since = try #require(CalendarDate(year: 2024, month: 4, day: 1))
        for (field, edit) in [("archived", { (draft: inout CompanyDraft) in draft.archived = true }),
                              ("yusaMemberSince", { (draft: inout CompanyDraft) in draft.yusaMemberSince = since })] {
            let error = await #expect(throws: CompaniesError.self) { try await service.updateCompany(mine.id, ifVersion: 1, by: me, edit) }
            #expect(error?.problem.status == 422 && error?.problem.errors?.map(\.field) == [field])
        }
        let recorded = try await service.updateCompany(mine.id, ifVersion: 1, by: coordinator) {
            ($0.yusaMemberSince, $0.yusaTier) = (since, "gold")
        }
        let tier = await #expect(throws: CompaniesError.self) {
            try await service.updateCompany(mine.id, ifVersion: recorded.version, by: me) { $0.yusaTier = "platinum" }
        }
        #expect(tier?.problem.errors?.map(\.field) == ["yusaTier"])
        let own = try await service.updateCompany(mine.id, ifVersion: recorded.version, by: me) { $0.website = "https://green.example" }
        #expect(own.website == "https://green.example" && own.yusaTier == "gold" && own.yusaMemberSince == since)
    }

    @Test("unknown taxonomy codes are a 422 that names them")
    func unknownCodes() async throws {
        let service = try await freshService()
        let company = try await service.createCompany(companyDraft(), by: admin)
        let error = await #expect(throws: CompaniesError.self) {
            try await service.createTechnology(technologyDraft(codes: ["solar_pv", "cold_fusion"]), companyID: company.id, by: admin)
        }
        #expect(error == .unknownTaxonomyCodes(["cold_fusion"]))
        #expect(error?.problem.status == 422)
        #expect(error?.problem.errors?.first?.field == "taxonomyCodes")
    }
}

@Suite("Company demo data")
struct CompanyDemoDataTests {
    @Test("demo data loads twice without change, its profiles reviewed at the seed's programme clock, and every demo corporate number has a valid check digit")
    func loadsTwice() async throws {
        let pool = try await TestDatabase.fresh()
        try await CompanyDemoData.load(pool: pool, at: TestClock.standardStart)
        try await CompanyDemoData.load(pool: pool, at: TestClock.standardStart.addingTimeInterval(86_400))
        let service = CompanyService(pool: pool, clock: .test)
        let all = try await service.companies(CompanyFilter(), page: PageRequest(limit: 100), by: coordinator).items
        #expect(all.count == 10)
        // From the seed's programme clock, not the database's; the second load leaves what exists as it is.
        #expect(all.allSatisfy { $0.profileReviewedAt == TestClock.standardStart })
        #expect(all.allSatisfy { $0.corporateNumber.map(CorporateNumber.isValid) == true })
        #expect(try await service.showcase(page: PageRequest()).items.count == 6)
    }
}

@Suite("Company corporate numbers in the database")
struct CompanyCorporateNumberTests {
    @Test("a corporate number is unique: the second company with it is a 409 naming corporateNumber (the constraint table)")
    func unique() async throws {
        let service = try await freshService()
        _ = try await service.createCompany(companyDraft(corporateNumber: validCorporateNumbers[1]), by: admin)
        let error = await #expect(throws: Problem.self) {
            try await service.createCompany(companyDraft(nameEn: "Copy Co., Ltd.", corporateNumber: validCorporateNumbers[1]), by: admin)
        }
        #expect(error?.status == 409)
        #expect(error?.errors?.map(\.field) == ["corporateNumber"])
    }
}
