import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The leads list: the API's filters, the pipeline per stage, every coordinator's overdue next
/// actions for an administrator, and a liaison officer's view limited to its base's leads.
@Suite("Console leads list")
struct ConsoleLeadListTests {
    @Test("leads are filtered by stage, city and words; the pipeline counts each stage; only an admin sees everyone's overdue actions")
    func listAndPipeline() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!
            let service = ConsoleLeadEditTests.service(application)
            let lead = try await service.lead(world.leadB, by: world.coordinator)
            _ = try await service.transition(world.leadB, LeadTransition(to: .qualified), ifVersion: lead.version, by: world.coordinator)
            _ = try await service.createActivity(LeadActivityDraft(kind: .call, occurredOn: CalendarDate("2026-09-01")!, nextAction: "<i>見積り</i>を送る",
                                                                   nextActionDueOn: CalendarDate("2026-09-10")!), on: world.leadA, by: world.coordinator)

            let all = try await coordinator.get("/leads")
            #expect(all.status == 200 && all.text.contains("案件 0") && all.text.contains("案件 1"))
            #expect(all.text.contains("aria-current=\"page\">案件</a>"), "the header's Leads item is the current section")
            #expect(all.text.contains("段階ごとの案件数") && all.text.contains("href=\"/leads?stage=qualified\""))
            #expect(!all.text.contains("全コーディネーターの期限切れ") && all.text.contains("私の期限切れの次のアクション"), "a coordinator sees its own overdue actions")
            // The list of leads, before the coordinator's own overdue actions (which name 案件 0).
            let qualified = try await coordinator.get("/leads?stage=qualified").text.components(separatedBy: "id=\"overdue\"")[0]
            #expect(qualified.contains("案件 1") && !qualified.contains(">案件 0<"))
            let words = try await coordinator.get("/leads?q=%E6%A1%88%E4%BB%B6%200")
            #expect(words.text.contains(">案件 0<") && !words.text.contains(">案件 1<"))
            let city = try await service.lead(world.leadA, by: world.coordinator).cityId.uuidString.lowercased()
            let byCity = try await coordinator.get("/leads?city=\(city)")
            #expect(byCity.text.contains(">案件 0<") && !byCity.text.contains(">案件 1<") && byCity.text.contains("value=\"\(city)\" selected"))
            let none = try await coordinator.get("/leads?stage=won")
            #expect(none.text.contains("条件に合う案件はありません"))
            #expect(try await coordinator.get("/leads?cursor=nonsense").status == 400)

            var admin = world.browsers[.admin]!
            let adminPage = try await admin.get("/leads")
            #expect(adminPage.text.contains("全コーディネーターの期限切れ") && adminPage.text.contains("&lt;i&gt;見積り&lt;/i&gt;を送る"))
            #expect(adminPage.text.contains("山田 太郎"), "the owner is named")

            var liaison = world.browsers[.liaison]!
            let own = try await liaison.get("/leads")
            #expect(own.status == 200 && own.text.contains(">案件 0<") && !own.text.contains(">案件 1<"), "a liaison officer sees its base's leads only")
            var english = world.browsers[.coordinator]!
            _ = try await english.get("/language?to=en&back=%2Fleads")
            #expect(try await english.get("/leads").text.contains("Leads at each stage"))
        }
    }
}

/// Editing a lead and its local partners.
@Suite("Console lead edit")
struct ConsoleLeadEditTests {
    static func service(_ application: Application) -> CoordinatorService {
        CoordinatorService(pool: application.pool, accounts: application.accounts, cities: CityService(pool: application.pool, clock: application.clock),
                           companies: CompanyService(pool: application.pool), clock: application.clock)
    }

    @Test("a lead is edited with every field; bad input is refused beside its field and writes nothing; a stale save lists what differs and keeps the input")
    func edit() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let service = Self.service(application)
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            #expect(try await browser.get(path).text.contains("href=\"\(path)/edit\""))
            let form = try await browser.get("\(path)/edit")
            #expect(form.status == 200 && form.text.contains("山田 太郎") && !form.text.contains("<select id=\"ownerCoordinatorId\""), "a coordinator does not reassign")
            let version = try ConsoleCoordinatorTests.hidden("version", in: form.text)
            let need = world.needA.uuidString.lowercased()
            let owner = try ConsoleCoordinatorTests.hidden("ownerCoordinatorId", in: form.text)
            func fields(_ title: String, value: String, close: String = "2027-03-31") -> [(String, String)] {
                [("version", version), ("title", title), ("needIds", need), ("sourceChannel", "liaison_base"), ("sourceLiaisonBaseId", ""),
                 ("sourceReference", "ダナン市環境局 2026-10"), ("ownerCoordinatorId", owner), ("estimatedValueYen", value), ("expectedCloseOn", close)]
            }
            let refused = try await browser.post("\(path)/edit", form: fields("", value: "百万"))
            #expect(refused.status == 422 && refused.text.contains("見込み金額は円の整数で入力してください") && refused.text.contains("value=\"百万\""))
            let noTitle = try await browser.post("\(path)/edit", form: fields("", value: "１２０,０００,０００"))
            #expect(noTitle.status == 422 && noTitle.text.contains("案件名を入力してください"))
            #expect(try await service.lead(world.leadA, by: world.coordinator).version == Int(version), "nothing written")

            let saved = try await browser.post("\(path)/edit", form: fields("ダナン廃棄物発電 第1期", value: "１２０,０００,０００"))
            #expect(saved.status == 303)
            let lead = try await service.lead(world.leadA, by: world.coordinator)
            #expect(lead.title == "ダナン廃棄物発電 第1期" && lead.estimatedValueYen == 120_000_000 && lead.expectedCloseOn?.description == "2027-03-31")
            #expect(lead.sourceReference == "ダナン市環境局 2026-10" && lead.needIds == [world.needA] && lead.sourceLiaisonBaseId == nil)
            #expect(try await browser.get(path + "?edited=1").text.contains("案件を保存しました"))

            // The form above still carries the old version: a save from it is stale.
            let stale = try await browser.post("\(path)/edit", form: fields("古いページからの題名", value: "5"))
            #expect(stale.status == 409 && stale.text.contains("ほかの人がこの案件を保存しました"))
            #expect(stale.text.contains("value=\"古いページからの題名\"") && stale.text.contains("<dd>ダナン廃棄物発電 第1期</dd>"))
            #expect(try await service.lead(world.leadA, by: world.coordinator).title == "ダナン廃棄物発電 第1期", "nothing written")

            var english = world.browsers[.admin]!
            _ = try await english.get("/language?to=en&back=%2F")
            let adminForm = try await english.get("\(path)/edit")
            #expect(adminForm.text.contains("<select id=\"ownerCoordinatorId\""), "an admin reassigns")
            let bad = try await english.post("\(path)/edit", form: [
                ("version", try ConsoleCoordinatorTests.hidden("version", in: adminForm.text)), ("title", "x"), ("sourceChannel", "liaison_base"),
                ("ownerCoordinatorId", owner), ("expectedCloseOn", "31/03/2027"),
            ])
            #expect(bad.status == 422 && bad.text.contains("Enter the date as 2026-12-03"))
            var viewer = world.browsers[.viewer]!
            #expect(try await viewer.get("\(path)/edit").status == 403)
        }
    }

    @Test("local partners of the lead's city are added and removed on the lead's page; none in the city links to the cities")
    func partners() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let service = Self.service(application)
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            let empty = try await browser.get(path)
            #expect(empty.text.contains("現地パートナーはまだいません") && empty.text.contains("href=\"/cities\""))
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let lead = try await service.lead(world.leadA, by: world.coordinator)
            let partner = try await CityService(pool: application.pool, clock: application.clock).createLocalPartner(LocalPartnerDraft(name: "Da Nang Environment JSC"), cityID: lead.cityId, by: admin)
            let page = try await browser.get(path)
            #expect(page.text.contains("<option value=\"\(partner.id.uuidString.lowercased())\">Da Nang Environment JSC</option>"))
            let added = try await browser.post("\(path)/local-partners", form: [("localPartnerId", partner.id.uuidString.lowercased())])
            #expect(added.status == 303)
            #expect(try await service.consortium(of: world.leadA, by: world.coordinator).localPartners.map(\.localPartnerId) == [partner.id])
            let again = try await browser.post("\(path)/local-partners", form: [("localPartnerId", partner.id.uuidString.lowercased())])
            #expect(again.status == 409 && again.text.contains("すでにこの案件に入っています"))
            let other = try await browser.post("/leads/\(world.leadB.uuidString.lowercased())/local-partners", form: [("localPartnerId", partner.id.uuidString.lowercased())])
            #expect(other.status == 422 && other.text.contains("この案件の都市のものではありません"))
            var liaison = world.browsers[.liaison]!
            let read = try await liaison.get(path)
            #expect(read.text.contains("Da Nang Environment JSC") && !read.text.contains("action=\"\(path)/local-partners"), "a liaison officer reads, does not change")
            let removed = try await browser.post("\(path)/local-partners/\(partner.id.uuidString.lowercased())/remove", form: [])
            #expect(removed.status == 303)
            #expect(try await service.consortium(of: world.leadA, by: world.coordinator).localPartners.isEmpty)
        }
    }
}

/// Needs without credible companies, and the needs CSV, from the needs list.
@Suite("Console need coverage and export")
struct ConsoleNeedCoverageTests {
    @Test("the coverage page lists open needs with too few credible companies; the CSV export is the API's, for every role, with the list's search")
    func coverageAndExport() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!
            let list = try await coordinator.get("/needs?q=%E3%83%80%E3%83%8A%E3%83%B3")
            #expect(list.text.contains("href=\"/needs/coverage\"") && list.text.contains("href=\"/needs/export.csv?q=%E3%83%80%E3%83%8A%E3%83%B3\""))
            let coverage = try await coordinator.get("/needs/coverage")
            #expect(coverage.status == 200 && coverage.text.contains("href=\"/needs/\(world.needA.uuidString.lowercased())\"") && coverage.text.contains("<strong>なし</strong>"))
            let csv = try await coordinator.get("/needs/export.csv?q=%E3%83%80%E3%83%8A%E3%83%B3")
            #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("\u{FEFF}id,cityId") && csv.text.contains("ダナンの廃棄物発電") && !csv.text.contains("バンコクの廃棄物発電"))
            var liaison = world.browsers[.liaison]!
            let own = try await liaison.get("/needs/export.csv")
            #expect(own.status == 200 && own.text.contains("ダナンの廃棄物発電") && !own.text.contains("バンコクの廃棄物発電"), "a liaison officer exports its city's needs")
            #expect(!(try await liaison.get("/needs")).text.contains("/needs/coverage"), "coverage is not offered where it is refused")
            for role in Role.allCases {
                var browser = world.browsers[role]!
                #expect(try await browser.get("/needs/export.csv").status == 200, "\(role)")
                world.browsers[role] = browser
            }
        }
    }
}
