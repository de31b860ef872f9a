import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A company's profile kept current (profile33, docs/companies.md "Keeping the profile current"): saves to its
/// technologies and track records, the API's "still current", the CSV import and the directory's filter, all on the
/// programme clock (a `TestClock` moved by whole days, so every stamp is an exact instant).
@Suite("A company's profile kept current")
struct CompanyProfileReviewTests {
    static let day: TimeInterval = 86_400

    @Test("adding or editing a technology or track record over the API stamps the profile from the programme clock, the company's version unchanged; an edit that changes nothing, or another company's user, stamps nothing")
    func capabilitySavesStamp() async throws {
        try await Self.withTwoCompanies { clock, port, application, service, mine, theirs in
            #expect(mine.profileReviewedAt == TestClock.standardStart)
            /// Moves the clock ten days, sends one request as the company's own user (tokens minted at the new instant).
            func later(_ method: String, _ path: String, body: String, ifMatch: Int? = nil, as company: Company = mine) async throws -> TestClient.Response {
                clock.advance(seconds: 10 * Self.day)
                let (token, _) = try await application.token(for: .company, companyID: company.id)
                var headers = ["Authorization": "Bearer \(token)", "Content-Type": method == "PATCH" ? "application/merge-patch+json" : "application/json"]
                if let ifMatch { headers["If-Match"] = "\"\(ifMatch)\"" }
                return try await TestClient.request(port: port, method, path, headers: headers, body: body)
            }
            func reviewed() async throws -> (Date, Int) {
                let company = try await service.company(mine.id, by: admin)
                return (company.profileReviewedAt, company.version)
            }

            let added = try await later("POST", "/v1/companies/\(mine.id)/technologies",
                                        body: #"{"titleEn":"Rooftop solar O&M","taxonomyCodes":["solar_pv"],"maturity":"commercial","disclosure":"public"}"#)
            #expect(added.status == 201, "\(added.text)")
            #expect(try await reviewed() == (clock.now, mine.version), "a technology added")
            let technology = try #require(try await service.technologies(of: mine.id, page: PageRequest(), by: admin).items.first)

            #expect(try await later("PATCH", "/v1/technologies/\(technology.id)", body: #"{"titleEn":"Rooftop solar O&M"}"#, ifMatch: technology.version).status == 200)
            let unchanged = clock.now.addingTimeInterval(-10 * Self.day)
            #expect(try await reviewed() == (unchanged, mine.version), "an edit that changes nothing writes nothing")

            #expect(try await later("PATCH", "/v1/technologies/\(technology.id)", body: #"{"titleEn":"Rooftop solar upkeep"}"#, ifMatch: technology.version).status == 200)
            #expect(try await reviewed() == (clock.now, mine.version), "a technology edited")

            let record = try await later("POST", "/v1/companies/\(mine.id)/track-records", body: #"{"country":"VN","city":"Da Nang","disclosure":"public"}"#)
            #expect(record.status == 201, "\(record.text)")
            #expect(try await reviewed() == (clock.now, mine.version), "a track record added")
            let saved = try #require(try await service.trackRecords(of: mine.id, page: PageRequest(), by: admin).items.first)
            #expect(try await later("PATCH", "/v1/track-records/\(saved.id)", body: #"{"city":"Hue"}"#, ifMatch: saved.version).status == 200)
            #expect(try await reviewed() == (clock.now, mine.version), "a track record edited")

            let stamped = clock.now
            let refused = try await later("PATCH", "/v1/track-records/\(saved.id)", body: #"{"city":"Hanoi"}"#, ifMatch: saved.version + 1, as: theirs)
            #expect(refused.status == 404, "another company's record")
            #expect(try await reviewed() == (stamped, mine.version), "nothing written")
            #expect(try await service.company(theirs.id, by: admin).profileReviewedAt == TestClock.standardStart)
        }
    }

    @Test("POST /v1/companies/{id}/profile-confirmed: the company's own user or a manager, with If-Match; 428 without it, 412 stale, 404 for another company's user, 403 for other roles; nothing written when refused")
    func confirmRoute() async throws {
        try await Self.withTwoCompanies { clock, port, application, service, mine, theirs in
            clock.advance(seconds: CompanyService.profileReviewPeriod + Self.day)
            let path = "/v1/companies/\(mine.id)/profile-confirmed"
            func confirm(_ role: Role, company: Company? = nil, ifMatch: String?) async throws -> TestClient.Response {
                let (token, _) = try await application.token(for: role, companyID: company?.id)
                var headers = ["Authorization": "Bearer \(token)"]
                if let ifMatch { headers["If-Match"] = ifMatch }
                return try await TestClient.request(port: port, "POST", path, headers: headers)
            }
            #expect(try await confirm(.company, company: mine, ifMatch: nil).status == 428)
            #expect(try await confirm(.company, company: mine, ifMatch: "\"2\"").status == 412, "stale")
            #expect(try await confirm(.company, company: theirs, ifMatch: "\"1\"").status == 404, "another company's")
            for role in [Role.organizer, .liaison, .viewer] {
                #expect(try await confirm(role, ifMatch: "\"1\"").status == 403, "\(role)")
            }
            let untouched = try await service.company(mine.id, by: admin)
            #expect(untouched.version == 1 && untouched.profileReviewedAt == TestClock.standardStart, "nothing written")
            #expect(untouched.profileNeedsReview(at: clock.now))

            let confirmed = try await confirm(.company, company: mine, ifMatch: "\"1\"")
            #expect(confirmed.status == 200 && confirmed.header("ETag") == "\"2\"", "\(confirmed.text)")
            let body = try APIJSON.decoder.decode(Reviewed.self, from: Data(confirmed.body))
            #expect(body.profileReviewedAt == clock.now && body.version == 2)
            #expect(try await service.company(mine.id, by: admin).profileReviewedAt == clock.now)

            clock.advance(seconds: Self.day)
            let coordinator = try await confirm(.coordinator, ifMatch: "\"2\"")
            #expect(coordinator.status == 200 && coordinator.header("ETag") == "\"3\"")
            #expect(try await service.company(mine.id, by: admin).profileReviewedAt == clock.now)
        }
    }

    @Test("the CSV import stamps the companies it creates and updates from the programme clock, not the database's")
    func importStamps() async throws {
        let clock = TestClock()
        let service = CompanyService(pool: try await TestDatabase.fresh(), clock: clock.programme)
        let existing = try await service.createCompany(companyDraft(nameEn: "Harbor Thermal Co., Ltd.", nameJa: nil, corporateNumber: validCorporateNumbers[0]), by: admin)
        let quiet = try await service.createCompany(companyDraft(nameEn: "Quiet Co.", nameJa: nil), by: admin)
        clock.advance(seconds: 30 * Self.day)
        let report = try await service.importCompanies(csv: csv([
            technologyHeader,
            "\(validCorporateNumbers[0]),港湾熱工業,\"Harbor Thermal Co., Ltd.\",large,,Stoker furnace,waste_to_energy,commercial,public",
            ",,Harbor Thermal Inc.,sme,,,,,",
        ]), dryRun: false, by: admin)
        #expect(report.created == 1 && report.updated == 1)
        let all = try await service.companies(CompanyFilter(), page: PageRequest(), by: admin).items
        let stamps = Dictionary(uniqueKeysWithValues: all.map { ($0.nameEn ?? "", $0.profileReviewedAt) })
        #expect(stamps == ["Harbor Thermal Co., Ltd.": clock.now, "Harbor Thermal Inc.": clock.now, "Quiet Co.": TestClock.standardStart])
        #expect(existing.profileReviewedAt == TestClock.standardStart && quiet.profileReviewedAt == TestClock.standardStart)
    }

    @Test("profileNeedsReview=true lists the companies past the period on the programme clock, false the others; the export filters alike; another value is a 400")
    func listFilter() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let old = try await service.createCompany(companyDraft(nameEn: "Old Profile Co.", nameJa: nil), by: admin)
            let kept = try await service.createCompany(companyDraft(nameEn: "Kept Current Co.", nameJa: nil), by: admin)
            clock.advance(seconds: 100 * Self.day)
            _ = try await service.createTechnology(technologyDraft(), companyID: kept.id, by: user(of: kept))
            _ = try await service.createCompany(companyDraft(nameEn: "New Co.", nameJa: nil), by: admin)
            clock.advance(seconds: 100 * Self.day)
            #expect(old.profileNeedsReview(at: clock.now))
            let (token, _) = try await application.token(for: .coordinator)
            func names(_ path: String) async throws -> [String] {
                let response = try await TestClient.request(port: port, "GET", path, headers: ["Authorization": "Bearer \(token)"])
                #expect(response.status == 200, "\(path): \(response.text)")
                return try JSONDecoder().decode(CompanyFilterHTTPTests.Listed.self, from: Data(response.body)).items.compactMap(\.nameEn)
            }
            #expect(try await names("/v1/companies?profileNeedsReview=true") == ["Old Profile Co."])
            #expect(try await names("/v1/companies?profileNeedsReview=false") == ["Kept Current Co.", "New Co."])
            #expect(try await names("/v1/companies") == ["Old Profile Co.", "Kept Current Co.", "New Co."])
            let export = try await TestClient.request(port: port, "GET", "/v1/companies/export?profileNeedsReview=true", headers: ["Authorization": "Bearer \(token)"])
            #expect(export.status == 200 && export.text.contains("Old Profile Co.") && !export.text.contains("Kept Current Co."))
            let refused = try await TestClient.request(port: port, "GET", "/v1/companies?profileNeedsReview=soon", headers: ["Authorization": "Bearer \(token)"])
            #expect(refused.status == 400)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(refused.body)).errors?.map(\.field) == ["profileNeedsReview"])
        }
    }

    /// A test server on a clock the test moves, with two companies created at its start: the test's and another.
    static func withTwoCompanies(
        _ body: (TestClock, Int, Application, CompanyService, Company, Company) async throws -> Void
    ) async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let mine = try await service.createCompany(companyDraft(), by: admin)
            let theirs = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
            try await body(clock, port, application, service, mine, theirs)
        }
    }

    /// The fields of a company this suite reads from an answer.
    struct Reviewed: Decodable {
        let profileReviewedAt: Date
        let version: Int
    }
}
