import Accounts
import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Defects found by probing last session's pages from outside (probe9), each through the real server.
@Suite("Console: defects found probing the new pages")
struct ConsoleProbeFixesTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    @Test("a merge confirmed after the company to merge away was edited writes nothing and shows both records again (409); confirmed again, it merges the edit")
    func mergeAfterTheAbsorbedCompanyChanged() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = CompanyService(pool: application.pool)
            let kept = try await companies.createCompany(CompanyDraft(nameEn: "Minato Water Co., Ltd.", size: .sme), by: world.coordinator)
            let copy = try await companies.createCompany(CompanyDraft(nameEn: "MINATO WATER Inc.", size: .sme), by: world.coordinator)
            let path = "/companies/\(Self.id(kept.id))"
            var admin = world.browsers[.admin]!
            let page = try await admin.get("\(path)/merge?absorb=\(Self.id(copy.id))")
            #expect(page.status == 200 && page.text.contains("name=\"absorbVersion\" value=\"1\""))
            // Someone edits the company to merge away while the confirmation page is open.
            _ = try await companies.updateCompany(copy.id, ifVersion: 1, by: world.coordinator) { $0.municipality = "横浜市西区" }
            let stale = try await admin.post(path + "/merge", form: [("absorb", Self.id(copy.id)), ("version", "1"), ("absorbVersion", "1")])
            #expect(stale.status == 409 && stale.text.contains("統合して削除する企業の情報が") && stale.text.contains("何も統合していません"))
            #expect(stale.text.contains("name=\"absorbVersion\" value=\"2\"") && stale.text.contains("<dd>横浜市西区</dd>"), "the page shows the edit it would now take")
            #expect(try await companies.company(copy.id, by: world.coordinator).version == 2, "nothing merged")
            #expect(try await companies.company(kept.id, by: world.coordinator).municipality == nil)
            let merged = try await admin.post(path + "/merge", form: [("absorb", Self.id(copy.id)), ("version", "1"), ("absorbVersion", "2")])
            #expect(merged.status == 200)
            #expect(try await companies.company(kept.id, by: world.coordinator).municipality == "横浜市西区")
        }
    }
}
