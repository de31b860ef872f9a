import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Likely duplicates and the admin merge")
struct CompanyMergeTests {
    @Test("near-identical names in either language, ignoring legal forms, are likely duplicates; different names are not")
    func duplicatesByName() async throws {
        let service = try await freshService()
        let original = try await service.createCompany(
            companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: "株式会社みなと水道", corporateNumber: validCorporateNumbers[0]), by: admin)
        let japanese = try await service.createCompanyReportingDuplicates(
            companyDraft(nameEn: nil, nameJa: "みなと水道（株）"), by: admin)
        #expect(japanese.possibleDuplicates.map(\.id) == [original.id])
        #expect(japanese.possibleDuplicates.first?.reasons == [.similarNameJa])
        let english = try await service.createCompanyReportingDuplicates(companyDraft(nameEn: "MINATO WATER Inc.", nameJa: nil), by: admin)
        #expect(Set(english.possibleDuplicates.map(\.id)) == [original.id])
        #expect(english.possibleDuplicates.first?.reasons == [.similarNameEn])
        let different = try await service.createCompanyReportingDuplicates(
            companyDraft(nameEn: "Minato Solar Co., Ltd.", nameJa: "みなとソーラー株式会社"), by: admin)
        #expect(different.possibleDuplicates.isEmpty)
        #expect(Set(try await service.duplicates(of: original.id, by: coordinator).map(\.id)) == [japanese.company.id, english.company.id])
    }

    @Test("a merge keeps every technology, track record, user and reference, in any table that references companies, and is audited")
    func mergeRepointsEverything() async throws {
        let pool = try await TestDatabase.fresh()
        let service = CompanyService(pool: pool, clock: .test)
        // A table another module might add later: the merge finds its foreign key in the catalogue.
        try await pool.execute("CREATE TABLE consortium_members_for_test (lead text, company_id uuid NOT NULL REFERENCES companies (id))")
        let survivor = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
        var absorbedDraft = companyDraft(nameEn: "Minato Waters", nameJa: "みなと水道株式会社", corporateNumber: validCorporateNumbers[1])
        absorbedDraft.countriesWithExperience = ["TH", "VN"]
        let absorbed = try await service.createCompany(absorbedDraft, by: admin)
        let technology = try await service.createTechnology(
            technologyDraft(titleEn: "Leak detection by acoustic loggers", codes: ["water_supply"]), companyID: absorbed.id, by: admin)
        let record = try await service.createTrackRecord(recordDraft(country: "TH", city: "Bangkok"), companyID: absorbed.id, by: admin)
        let userID = try await pool.query("""
            INSERT INTO users (email, display_name, role, company_id, password_hash)
            VALUES ('merge@example.jp', '統合 太郎', 'company', \(absorbed.id), '$2a$placeholder') RETURNING id
            """)[0].decode("id") as UUID
        try await pool.execute("INSERT INTO consortium_members_for_test VALUES ('lead-1', \(absorbed.id)), ('lead-2', \(absorbed.id))")

        let merge = try await service.mergeCompany(survivor.id, absorbing: absorbed.id, ifVersion: 1, by: admin)

        #expect(merge.moved == [
            "company_technologies.company_id": 1, "company_track_records.company_id": 1, "users.company_id": 1,
            "consortium_members_for_test.company_id": 2,
        ])
        #expect(merge.company.version == 2)
        #expect(merge.company.nameEn == "Minato Water Co., Ltd.")
        #expect(merge.company.nameJa == "みなと水道株式会社")
        #expect(merge.company.corporateNumber == validCorporateNumbers[1])
        #expect(merge.company.countriesWithExperience == ["VN", "TH"])
        #expect(try await service.technologies(of: survivor.id, page: PageRequest(), by: admin).items.map(\.id) == [technology.id])
        #expect(try await service.trackRecords(of: survivor.id, page: PageRequest(), by: admin).items.map(\.id) == [record.id])
        let bound = try await pool.query("SELECT company_id FROM users WHERE id = \(userID)")[0].decode("company_id") as UUID
        #expect(bound == survivor.id)
        let members = try await pool.query("SELECT count(*) AS n FROM consortium_members_for_test WHERE company_id = \(survivor.id)")
        #expect(try members[0].decode("n") as Int == 2)
        await #expect(throws: CompaniesError.notFound("company")) { try await service.company(absorbed.id, by: admin) }
        // The survivor is found by what it absorbed.
        let found = try await service.companies(CompanyFilter(text: "acoustic"), page: PageRequest(), by: viewer).items.map(\.id)
        #expect(found == [survivor.id])

        let entry = try await pool.query("""
            SELECT actor_user_id, changes ->> 'survivor' AS survivor, changes ->> 'absorbed' AS absorbed FROM audit_log
            WHERE action = 'company.merge'
            """)
        #expect(entry.count == 1)
        #expect(try entry[0].decode("actor_user_id") as UUID == admin.userID)
        #expect(try entry[0].decode("survivor") as String == survivor.id.uuidString.lowercased())
        #expect(try entry[0].decode("absorbed") as String == absorbed.id.uuidString.lowercased())
    }

    @Test("a merge is refused to a coordinator, with a stale version, with itself or an unknown company, and then changes nothing")
    func mergeRefusals() async throws {
        let service = try await freshService()
        let survivor = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
        let absorbed = try await service.createCompany(companyDraft(nameEn: "Minato Waters", nameJa: nil), by: admin)
        _ = try await service.createTechnology(technologyDraft(), companyID: absorbed.id, by: admin)
        await #expect(throws: CompaniesError.staleVersion(current: 1)) {
            try await service.mergeCompany(survivor.id, absorbing: absorbed.id, ifVersion: 7, by: admin)
        }
        let itself = await #expect(throws: CompaniesError.self) {
            try await service.mergeCompany(survivor.id, absorbing: survivor.id, ifVersion: 1, by: admin)
        }
        #expect(itself?.problem.errors?.map(\.field) == ["absorb"])
        let unknown = await #expect(throws: CompaniesError.self) {
            try await service.mergeCompany(survivor.id, absorbing: UUID(), ifVersion: 1, by: admin)
        }
        #expect(unknown?.problem.status == 422 && unknown?.problem.errors?.map(\.field) == ["absorb"])
        await #expect(throws: CompaniesError.notFound("company")) {
            try await service.mergeCompany(UUID(), absorbing: absorbed.id, ifVersion: 1, by: admin)
        }
        #expect(try await service.company(absorbed.id, by: admin).version == 1)
        #expect(try await service.technologies(of: absorbed.id, page: PageRequest(), by: admin).items.count == 1)
    }

    @Test("a merge that would break a unique constraint of a referencing table is refused whole")
    func mergeConflictChangesNothing() async throws {
        let pool = try await TestDatabase.fresh()
        let service = CompanyService(pool: pool, clock: .test)
        // One membership per company per lead: both companies in the same lead cannot become one.
        try await pool.execute("""
            CREATE TABLE lead_members_for_test (lead text, company_id uuid REFERENCES companies (id), UNIQUE (lead, company_id))
            """)
        let survivor = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
        let absorbed = try await service.createCompany(companyDraft(nameEn: "Minato Waters", nameJa: nil), by: admin)
        let technology = try await service.createTechnology(technologyDraft(), companyID: absorbed.id, by: admin)
        try await pool.execute("INSERT INTO lead_members_for_test VALUES ('lead-1', \(survivor.id)), ('lead-1', \(absorbed.id))")
        let error = await #expect(throws: PostgresError.self) {
            try await service.mergeCompany(survivor.id, absorbing: absorbed.id, ifVersion: 1, by: admin)
        }
        #expect(error?.violation == .unique(constraint: "lead_members_for_test_lead_company_id_key"))
        #expect(try await service.company(absorbed.id, by: admin).version == 1)
        #expect(try await service.technologies(of: absorbed.id, page: PageRequest(), by: admin).items.map(\.id) == [technology.id])
        let merges = try await pool.query("SELECT count(*) AS n FROM audit_log WHERE action = 'company.merge'")
        #expect(try merges[0].decode("n") as Int == 0)
    }

    @Test("over HTTP the merge is admin-only, needs If-Match, and answers with the survivor's new ETag")
    func mergeOverHTTP() async throws {
        try await withTestServer { port, application in
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let survivor = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
            let absorbed = try await service.createCompany(companyDraft(nameEn: "Minato Waters", nameJa: nil), by: admin)
            let (adminToken, _) = try await application.token(for: .admin)
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let body = #"{"absorb":"\#(absorbed.id.uuidString.lowercased())"}"#
            let path = "/v1/companies/\(survivor.id.uuidString.lowercased())/merge"
            func post(_ token: String, ifMatch: String?) async throws -> TestClient.Response {
                var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
                if let ifMatch { headers["If-Match"] = ifMatch }
                return try await TestClient.request(port: port, "POST", path, headers: headers, body: body)
            }
            #expect(try await post(coordinatorToken, ifMatch: "\"1\"").status == 403)
            #expect(try await post(adminToken, ifMatch: nil).status == 428)
            #expect(try await post(adminToken, ifMatch: "\"9\"").status == 412)
            let merged = try await post(adminToken, ifMatch: "\"1\"")
            #expect(merged.status == 200)
            #expect(merged.header("ETag") == "\"2\"")
            #expect(merged.text.contains(#""absorbed":"\#(absorbed.id.uuidString)"#))
            let duplicates = try await TestClient.request(
                port: port, "GET", "/v1/companies/\(survivor.id.uuidString.lowercased())/duplicates",
                headers: ["Authorization": "Bearer \(coordinatorToken)"])
            #expect(duplicates.status == 200)
            #expect(duplicates.text == #"{"items":[]}"#)
        }
    }
}
