import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Issue 16's thirty-first round: how much one company's capabilities may hold (docs/companies.md, "Limits").
@Suite("A company's capabilities have limits: a write past one is a 422 and writes nothing")
struct CompanyCapabilityLimitTests {
    /// A service, a company and its own user, and the pool to fill the company with rows directly.
    static func fixture() async throws -> (CompanyService, PostgresPool, Company, Principal) {
        let pool = try await TestDatabase.fresh()
        let service = CompanyService(pool: pool, clock: .test)
        let company = try await service.createCompany(companyDraft(), by: admin)
        return (service, pool, company, user(of: company))
    }

    static func count(_ table: String, of company: Company, on pool: PostgresPool) async throws -> Int {
        try await pool.withConnection { db in
            let rows = table == "company_track_records"
                ? try await db.query("SELECT count(*)::int AS n FROM company_track_records WHERE company_id = \(company.id)")
                : try await db.query("SELECT count(*)::int AS n FROM company_technologies WHERE company_id = \(company.id)")
            return try rows[0].decode("n")
        }
    }

    static func expectLimit(field: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("the write past the limit was accepted")
        } catch let error as CompaniesError {
            #expect(error.problem.status == 422)
            guard case .invalid(let problems) = error else { Issue.record("not a field error: \(error)"); return }
            #expect(problems.map(\.field) == [field])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the 101st technology is refused for the company's own user, and nothing is written")
    func technologies() async throws {
        let (service, pool, company, own) = try await Self.fixture()
        _ = try await pool.withConnection { db in
            try await db.execute("""
                INSERT INTO company_technologies (company_id, title_en, maturity, disclosure)
                SELECT \(company.id), 'Technology ' || n, 'commercial', 'public' FROM generate_series(1, \(CapabilityLimits.technologies)) n
                """)
        }
        await Self.expectLimit(field: "technologies") {
            _ = try await service.createTechnology(technologyDraft(titleEn: "One more"), companyID: company.id, by: own)
        }
        #expect(try await Self.count("company_technologies", of: company, on: pool) == CapabilityLimits.technologies)
    }

    @Test("taxonomy codes past the company's total are refused on create and on edit, and nothing is written")
    func taxonomyTags() async throws {
        let (service, pool, company, own) = try await Self.fixture()
        let codes: [String] = try await pool.withConnection { db in
            try await db.query("SELECT code FROM taxonomy ORDER BY code LIMIT 41").map { try $0.decode("code") as String }
        }
        // Technologies of 40 codes each, up to the company's total.
        var last: CompanyTechnology?
        for index in 0..<(CapabilityLimits.taxonomyTags / 40) {
            last = try await service.createTechnology(technologyDraft(titleEn: "Broad \(index)", codes: Array(codes.prefix(40))), companyID: company.id, by: own)
        }
        await Self.expectLimit(field: "taxonomyCodes") {
            _ = try await service.createTechnology(technologyDraft(titleEn: "One more", codes: ["solar_pv"]), companyID: company.id, by: own)
        }
        #expect(try await Self.count("company_technologies", of: company, on: pool) == CapabilityLimits.taxonomyTags / 40)
        // An edit that keeps the total passes; one that would pass it is refused and leaves the technology as it was.
        let kept = try #require(last)
        let edited = try await service.updateTechnology(kept.id, ifVersion: kept.version, by: own) { $0.taxonomyCodes = Array(codes.suffix(40)) }
        await Self.expectLimit(field: "taxonomyCodes") {
            _ = try await service.updateTechnology(edited.id, ifVersion: edited.version, by: own) { $0.taxonomyCodes = codes }
        }
        let stored = try await service.technologies(of: company.id, page: PageRequest(limit: 100), by: own).items.first { $0.id == kept.id }
        #expect(stored?.taxonomyCodes == Array(codes.suffix(40)))
    }

    @Test("the 201st track record is refused, and nothing is written")
    func trackRecords() async throws {
        let (service, pool, company, own) = try await Self.fixture()
        _ = try await pool.withConnection { db in
            try await db.execute("""
                INSERT INTO company_track_records (company_id, country, disclosure)
                SELECT \(company.id), 'VN', 'public' FROM generate_series(1, \(CapabilityLimits.trackRecords)) n
                """)
        }
        await Self.expectLimit(field: "trackRecords") {
            _ = try await service.createTrackRecord(recordDraft(), companyID: company.id, by: own)
        }
        #expect(try await Self.count("company_track_records", of: company, on: pool) == CapabilityLimits.trackRecords)
    }

    @Test("an import that would give a company more technologies than the limit reports the company's row and writes nothing")
    func importRow() async throws {
        let (service, pool, company, _) = try await Self.fixture()
        _ = try await pool.withConnection { db in
            try await db.execute("UPDATE companies SET corporate_number = \(validCorporateNumbers[0]) WHERE id = \(company.id)")
            try await db.execute("""
                INSERT INTO company_technologies (company_id, title_en, maturity, disclosure)
                SELECT \(company.id), 'Technology ' || n, 'commercial', 'public' FROM generate_series(1, \(CapabilityLimits.technologies)) n
                """)
        }
        let file = csv([technologyHeader, "\(validCorporateNumbers[0]),横浜グリーン,,sme,,One more,solar_pv,commercial,public"])
        let report = try await service.importCompanies(csv: file, dryRun: true, by: admin)
        #expect(report.errors.map(\.line) == [2])
        #expect(report.errors.map(\.column) == ["technologyTitleEn"])
        do {
            _ = try await service.importCompanies(csv: file, dryRun: false, by: admin)
            Issue.record("the import past the limit was accepted")
        } catch CompaniesError.invalidRows(let rows) {
            #expect(rows.map(\.line) == [2])
        }
        #expect(try await Self.count("company_technologies", of: company, on: pool) == CapabilityLimits.technologies)
    }
}
