import App
import Companies
@testable import Console
import DomainKit
import Foundation
import Matches
import TestSupport
import Testing

/// The council's view of business-match records (gaps11): each is named by its company, as the record
/// gives it, while the company's page stays closed to the council (no link, 403 if typed).
@Suite("Console: the council reads whose business-match record it is")
struct ConsoleCouncilMatchTests {
    @Test("a record's page and a need's records name the company for the council, unlinked; a coordinator's name links")
    func namesForCouncil() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(
                CompanyDraft(nameJa: "みなと環境株式会社", nameEn: "Minato Environment Co.", size: .sme), by: world.coordinator)
            let match = try await MatchService(pool: application.pool, index: application.matchIndex, clock: application.clock)
                .createMatch(BusinessMatchDraft(companyId: company.id, needId: world.needA, channel: .direct), by: world.coordinator)
            let id = company.id.uuidString.lowercased()
            var viewer = world.browsers[.viewer]!
            let page = try await viewer.get("/matches/\(match.id.uuidString.lowercased())")
            #expect(page.status == 200 && page.text.contains("みなと環境株式会社") && !page.text.contains("href=\"/companies/\(id)\""))
            #expect(!page.text.contains("この役割では企業名を表示しません"))
            let need = try await viewer.get("/needs/\(world.needA.uuidString.lowercased())")
            #expect(need.text.contains("みなと環境株式会社"))
            #expect(try await viewer.get("/companies/\(id)").status == 403)
            viewer.cookies["domino_lang"] = "en"
            #expect(try await viewer.get("/matches/\(match.id.uuidString.lowercased())").text.contains("Minato Environment Co."))
            var coordinator = world.browsers[.coordinator]!
            let managed = try await coordinator.get("/matches/\(match.id.uuidString.lowercased())")
            #expect(managed.text.contains("<a href=\"/companies/\(id)\">みなと環境株式会社</a>"))
        }
    }
}
