import Accounts
import App
import Companies
import DomainKit
import Foundation
import TestSupport
import Testing

/// Removing a technology or a track record from the console, and an archived company shown read-only to its staff (cap34).
@Suite("Console capability removal and archived companies")
struct ConsoleCapabilityRemovalTests {
    @Test("「削除」 on a technology's and a track record's edit page leads to a confirmation page (what goes, a warning button, a way back); a stale confirmation removes nothing; confirmed, the company's page says it is removed")
    func removeFlow() async throws {
        try await withTestServer { port, application in
            let (world, service, admin, technology) = try await Self.companyWithTechnology(port, application)
            let record = try await service.createTrackRecord(
                CompanyTrackRecordDraft(country: "VN", city: "Da Nang", year: 2023, client: "ダナン市環境局", disclosure: .public), companyID: world.companyA, by: admin)
            var browser = world.browsers[.company]!
            let company = "/companies/\(world.companyA.uuidString.lowercased())"

            for (item, shown, title, banner) in [
                ("\(company)/technologies/\(technology.id.uuidString.lowercased())", "ごみ発電プラント", "この技術を削除しますか", "技術を削除しました。"),
                ("\(company)/track-records/\(record.id.uuidString.lowercased())", "ダナン市環境局", "この実績を削除しますか", "実績を削除しました。"),
            ] {
                let edit = try await browser.get("\(item)/edit")
                #expect(edit.status == 200 && edit.text.contains("href=\"\(item)/remove\">削除</a>"), "\(item): the edit page offers removal")
                let confirm = try await browser.get("\(item)/remove")
                #expect(confirm.status == 200 && confirm.text.contains("<h1>\(title)</h1>") && confirm.text.contains(shown))
                #expect(confirm.text.contains("action=\"\(item)/remove\"") && confirm.text.contains("class=\"warning\"") && confirm.text.contains("href=\"\(item)/edit\""))
                #expect(confirm.text.contains("name=\"version\" value=\"1\""))

                let stale = try await browser.post("\(item)/remove", form: [("version", "7")])
                #expect(stale.status == 409 && stale.text.contains("何も削除していません") && stale.text.contains(shown), "\(item): a stale confirmation")
                let removed = try await browser.post("\(item)/remove", form: [("version", "1")])
                #expect(removed.status == 303, "\(item): \(removed.text)")
                let page = try await browser.get(try #require(removed.header("Location")))
                #expect(page.status == 200 && page.text.contains(banner) && !page.text.contains(shown))
                #expect(try await browser.get("\(item)/remove").status == 404, "gone")
            }
            #expect(try await service.technologies(of: world.companyA, page: PageRequest(), by: admin).items.isEmpty)
            #expect(try await service.trackRecords(of: world.companyA, page: PageRequest(), by: admin).items.isEmpty)
        }
    }

    @Test("an archived company's page shows its staff no edit buttons and says whom to ask; its forms and confirmations are a 409 page saying it is archived; a coordinator keeps them")
    func archivedReadOnly() async throws {
        try await withTestServer { port, application in
            let (world, service, admin, technology) = try await Self.companyWithTechnology(port, application)
            let current = try await service.company(world.companyA, by: admin)
            let archived = try await service.updateCompany(world.companyA, ifVersion: current.version, by: admin) { $0.archived = true }
            let company = "/companies/\(world.companyA.uuidString.lowercased())"
            let item = "\(company)/technologies/\(technology.id.uuidString.lowercased())"
            let editLinks = ["href=\"\(company)/edit\"", "href=\"\(company)/technologies/new\"", "href=\"\(company)/track-records/new\"", "href=\"\(item)/edit\""]

            var browser = world.browsers[.company]!
            let page = try await browser.get(company)
            #expect(page.status == 200 && page.text.contains("アーカイブされているため、登録情報は閲覧のみできます") && page.text.contains("コーディネーター"))
            for link in editLinks { #expect(!page.text.contains(link), "\(link)") }
            let home = try await browser.get("/")
            #expect(home.text.contains("アーカイブされているため") && !home.text.contains("action=\"\(company)/profile-confirmed\""))
            for path in ["\(company)/edit", "\(company)/technologies/new", "\(company)/track-records/new", "\(item)/edit", "\(item)/remove"] {
                let refused = try await browser.get(path)
                #expect(refused.status == 409 && refused.text.contains("この会社はアーカイブされています"), "\(path)")
            }
            let posts: [(String, [(String, String)])] = [
                ("\(company)/profile-confirmed", [("version", String(archived.version))]),
                ("\(item)/remove", [("version", String(technology.version))]),
                ("\(company)/technologies/new", [("titleJa", "ヒートポンプ"), ("maturity", "commercial"), ("disclosure", "public")]),
            ]
            for (path, form) in posts {
                let refused = try await browser.post(path, form: form)
                #expect(refused.status == 409 && refused.text.contains("何も保存していません"), "\(path)")
            }
            #expect(try await service.technologies(of: world.companyA, page: PageRequest(), by: admin).items == [technology], "nothing written")
            #expect(try await service.company(world.companyA, by: admin).version == archived.version)

            var coordinator = world.browsers[.coordinator]!
            let managed = try await coordinator.get(company)
            for link in editLinks { #expect(managed.text.contains(link), "a coordinator keeps \(link)") }
            #expect(!managed.text.contains("アーカイブされているため、登録情報は閲覧のみできます"))
            #expect(try await coordinator.get("\(item)/remove").status == 200)
        }
    }

    /// The console's world, its company A with one technology added by an administrator.
    static func companyWithTechnology(_ port: Int, _ application: Application) async throws -> (ConsoleWorld, CompanyService, Principal, CompanyTechnology) {
        let world = try await ConsoleWorld(port: port, application: application)
        let service = CompanyService(pool: application.pool, clock: application.clock)
        let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
        let technology = try await service.createTechnology(
            CompanyTechnologyDraft(titleJa: "ごみ発電プラント", taxonomyCodes: ["waste_to_energy"], maturity: .commercial, disclosure: .public),
            companyID: world.companyA, by: admin)
        return (world, service, admin, technology)
    }
}
