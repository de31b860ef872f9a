import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Removing a technology or a track record, and an archived company's profile read-only for its staff (cap34,
/// docs/companies.md "Removing a technology or track record" and "Archived companies"). On the programme clock the
/// suite moves (`CompanyProfileReviewTests.withTwoCompanies`), so every review stamp is an exact instant.
@Suite("A company's capabilities removed; an archived company read-only for its staff")
struct CompanyCapabilityRemovalTests {
    static let day: TimeInterval = 86_400

    @Test("DELETE /v1/technologies/{id} and /v1/track-records/{id}: the company's own user or a manager with If-Match; 428 without, 412 stale, 404 for another company's user, 403 for other roles, nothing written; then 204, gone (404), the profile stamped and the audit entry holding what was removed")
    func removal() async throws {
        try await CompanyProfileReviewTests.withTwoCompanies { clock, port, application, service, mine, theirs in
            let technology = try await service.createTechnology(
                CompanyTechnologyDraft(titleJa: "屋根置き太陽光", titleEn: "Rooftop solar O&M", taxonomyCodes: ["solar_pv"], maturity: .commercial, disclosure: .public),
                companyID: mine.id, by: admin)
            let record = try await service.createTrackRecord(
                CompanyTrackRecordDraft(country: "VN", city: "Da Nang", year: 2023, client: "ダナン市", disclosure: .partners), companyID: mine.id, by: admin)
            var stamped = clock.now
            clock.advance(seconds: 10 * Self.day)
            func delete(_ path: String, _ role: Role, company: Company? = nil, ifMatch: String?) async throws -> TestClient.Response {
                let (token, _) = try await application.token(for: role, companyID: company?.id)
                var headers = ["Authorization": "Bearer \(token)"]
                if let ifMatch { headers["If-Match"] = ifMatch }
                return try await TestClient.request(port: port, "DELETE", path, headers: headers)
            }
            func reviewed() async throws -> (Date, Int) {
                let company = try await service.company(mine.id, by: admin)
                return (company.profileReviewedAt, company.version)
            }

            for (path, caller) in [("/v1/technologies/\(technology.id)", Role.company), ("/v1/track-records/\(record.id)", .coordinator)] {
                #expect(try await delete(path, .company, company: mine, ifMatch: nil).status == 428, "\(path)")
                #expect(try await delete(path, .company, company: mine, ifMatch: "\"2\"").status == 412, "\(path) stale")
                #expect(try await delete(path, .company, company: theirs, ifMatch: "\"1\"").status == 404, "\(path) another company's")
                for role in [Role.organizer, .liaison, .viewer] {
                    #expect(try await delete(path, role, ifMatch: "\"1\"").status == 403, "\(path) \(role)")
                }
                #expect(try await reviewed() == (stamped, mine.version), "nothing written")

                let removed = try await delete(path, caller, company: caller == .company ? mine : nil, ifMatch: "\"1\"")
                #expect(removed.status == 204, "\(path): \(removed.text)")
                #expect(try await reviewed() == (clock.now, mine.version), "\(path): a removal is a review; the company's version unchanged")
                stamped = clock.now
                #expect(try await delete(path, caller, company: caller == .company ? mine : nil, ifMatch: "\"1\"").status == 404, "\(path) gone")
                clock.advance(seconds: Self.day)
            }
            #expect(try await service.technologies(of: mine.id, page: PageRequest(), by: admin).items.isEmpty)
            #expect(try await service.trackRecords(of: mine.id, page: PageRequest(), by: admin).items.isEmpty)
            #expect(try await service.company(theirs.id, by: admin).profileReviewedAt == TestClock.standardStart)

            let audit = try await application.pool.query("""
                SELECT action, entity, entity_id, changes ->> 'companyId' AS company, changes ->> 'titleJa' AS title, changes ->> 'client' AS client
                FROM audit_log WHERE action LIKE '%.remove' ORDER BY id
                """)
            #expect(try audit.map { try $0.decode("action") as String } == ["company_technology.remove", "company_track_record.remove"])
            #expect(try audit.map { try $0.decode("entity_id") as String } == [technology.id, record.id].map { $0.uuidString.lowercased() })
            #expect(try audit.map { try $0.decode("company") as String } == [mine.id, mine.id].map { $0.uuidString.lowercased() })
            #expect(try audit[0].decode("title") as String? == technology.titleJa && audit[1].decode("client") as String? == record.client)
        }
    }

    @Test("an archived company's own user is refused every change to its profile, technologies and track records with a 409 saying why, nothing written; a coordinator still edits and restores it, and its user edits again")
    func archivedReadOnly() async throws {
        try await CompanyProfileReviewTests.withTwoCompanies { clock, port, application, service, mine, _ in
            let technology = try await service.createTechnology(technologyDraft(), companyID: mine.id, by: admin)
            let record = try await service.createTrackRecord(
                CompanyTrackRecordDraft(country: "VN", city: "Da Nang", disclosure: .public), companyID: mine.id, by: admin)
            let archived = try await service.updateCompany(mine.id, ifVersion: mine.version, by: admin) { $0.archived = true }
            clock.advance(seconds: 10 * Self.day)
            let (token, _) = try await application.token(for: .company, companyID: mine.id)
            func send(_ method: String, _ path: String, body: String? = nil, ifMatch: Int? = nil, token: String = token) async throws -> TestClient.Response {
                var headers = ["Authorization": "Bearer \(token)", "Content-Type": method == "PATCH" ? "application/merge-patch+json" : "application/json"]
                if let ifMatch { headers["If-Match"] = "\"\(ifMatch)\"" }
                return try await TestClient.request(port: port, method, path, headers: headers, body: body ?? "")
            }
            let refusals: [(String, String, String?, Int?)] = [
                ("PATCH", "/v1/companies/\(mine.id)", #"{"nameEn":"Still here Co."}"#, archived.version),
                ("POST", "/v1/companies/\(mine.id)/profile-confirmed", nil, archived.version),
                ("POST", "/v1/companies/\(mine.id)/technologies", #"{"titleEn":"Heat pumps","taxonomyCodes":["heat_pump"],"maturity":"commercial","disclosure":"public"}"#, nil),
                ("PATCH", "/v1/technologies/\(technology.id)", #"{"titleEn":"Renamed"}"#, technology.version),
                ("DELETE", "/v1/technologies/\(technology.id)", nil, technology.version),
                ("POST", "/v1/companies/\(mine.id)/track-records", #"{"country":"TH","disclosure":"public"}"#, nil),
                ("PATCH", "/v1/track-records/\(record.id)", #"{"city":"Hue"}"#, record.version),
                ("DELETE", "/v1/track-records/\(record.id)", nil, record.version),
            ]
            let audited: () async throws -> Int = { try await application.pool.query("SELECT count(*)::int FROM audit_log")[0].decode(column: 0) }
            let before = try await audited()
            for (method, path, body, version) in refusals {
                let refused = try await send(method, path, body: body, ifMatch: version)
                #expect(refused.status == 409, "\(method) \(path): \(refused.text)")
                let problem = try JSONDecoder().decode(Problem.self, from: Data(refused.body))
                #expect(problem.detail.contains("archived") && problem.detail.contains("coordinators"), "\(method) \(path)")
            }
            #expect(try await audited() == before, "nothing written")
            let untouched = try await service.company(mine.id, by: admin)
            #expect(untouched.version == archived.version && untouched.profileReviewedAt == archived.profileReviewedAt && untouched.nameEn == mine.nameEn)
            #expect(try await service.technologies(of: mine.id, page: PageRequest(), by: admin).items == [technology])
            #expect(try await service.trackRecords(of: mine.id, page: PageRequest(), by: admin).items == [record])

            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            #expect(try await send("PATCH", "/v1/technologies/\(technology.id)", body: #"{"titleEn":"Renamed"}"#, ifMatch: technology.version,
                                   token: coordinatorToken).status == 200, "a coordinator keeps every power")
            #expect(try await send("PATCH", "/v1/companies/\(mine.id)", body: #"{"archived":false}"#, ifMatch: archived.version,
                                   token: coordinatorToken).status == 200, "and restores the company")
            #expect(try await send("DELETE", "/v1/track-records/\(record.id)", ifMatch: record.version).status == 204, "restored, its user edits again")
        }
    }
}
