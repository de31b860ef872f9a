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
            let service = CoordinatorService(pool: application.pool, accounts: application.accounts, cities: CityService(pool: application.pool),
                                             companies: CompanyService(pool: application.pool), clock: application.clock)
            let lead = try await service.lead(world.leadB, by: world.coordinator)
            _ = try await service.transition(world.leadB, LeadTransition(to: .qualified), ifVersion: lead.version, by: world.coordinator)
            _ = try await service.createActivity(LeadActivityDraft(kind: .call, occurredOn: CalendarDate("2026-09-01")!, nextAction: "<i>見積り</i>を送る",
                                                                   nextActionDueOn: CalendarDate("2026-09-10")!), on: world.leadA, by: world.coordinator)

            let all = try await coordinator.get("/leads")
            #expect(all.status == 200 && all.text.contains("案件 0") && all.text.contains("案件 1"))
            #expect(all.text.contains("aria-current=\"page\">案件</a>"), "the header's Leads item is the current section")
            #expect(all.text.contains("段階ごとの案件数") && all.text.contains("href=\"/leads?stage=qualified\""))
            #expect(!all.text.contains("全コーディネーターの期限切れ"), "a coordinator's overdue actions are on the home page")
            let qualified = try await coordinator.get("/leads?stage=qualified")
            #expect(qualified.text.contains("案件 1") && !qualified.text.contains(">案件 0<"))
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
