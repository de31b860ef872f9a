import Accounts
import App
@testable import Console
import DomainKit
import Foundation
import KPI
import Postgres
import TestSupport
import Testing

/// The administration behind the KPI dashboard, through the real server: each KPI's target for a year
/// (set, edited, refused, stale) and the revenue ledger (recorded, refused, reversed after a
/// confirmation step, reversed twice); only administrators write, as the API's routes say.
@Suite("Console KPI targets and revenue")
struct ConsoleKPIAdministrationTests {
    static let year = FiscalYear(containing: TestClock.standardStart).startYear

    @Test("an administrator sets a year's target, edits it, is refused a figure that is no number and told of a save made meanwhile")
    func targets() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let kpi = KPIService(pool: application.pool, clock: application.clock)
            func saved() async throws -> KPITarget? { try await kpi.targets(fiscalYear: Self.year).first { $0.code == "commercializations" } }
            var admin = world.browsers[.admin]!
            let path = "/kpi/targets/commercializations/\(Self.year)"
            let dashboard = try await admin.get("/kpi?fy=\(Self.year)")
            #expect(dashboard.text.contains("href=\"/kpi/targets?fy=\(Self.year)\"") && dashboard.text.contains("href=\"/kpi/revenue?fy=\(Self.year)\""))
            let page = try await admin.get("/kpi/targets?fy=\(Self.year)")
            #expect(page.status == 200 && page.text.contains("この年度の目標はまだ設定されていません") && page.text.contains("action=\"\(path)\""))

            // Refused: nothing written, the input kept, the error beside the field and in the summary.
            let refused = try await admin.post(path, form: [("target-commercializations", "たくさん")])
            #expect(refused.status == 422 && refused.text.contains("value=\"たくさん\"") && refused.text.contains("id=\"target-commercializations-error\"")
                    && refused.text.contains("href=\"#target-commercializations\""))
            #expect(try await saved() == nil)
            let tooLarge = try await admin.post(path, form: [("target-commercializations", "100,000,001")])
            #expect(tooLarge.status == 422 && tooLarge.text.contains("0から100,000,000までの整数"))
            #expect(try await saved() == nil)

            // Created: full-width digits read as the number people typed.
            let created = try await admin.post(path, form: [("target-commercializations", "１２")])
            #expect(created.status == 303 && created.header("Location") == "/kpi/targets?fy=\(Self.year)&saved=commercializations")
            let first = try #require(try await saved())
            #expect(first.target == 12)
            let edit = try await admin.get("/kpi/targets?fy=\(Self.year)")
            #expect(edit.text.contains("現在の目標：12"))
            let version = try ConsoleAdminTests.hidden("version", in: edit.text)

            // Edited from the version the page showed.
            #expect(try await admin.post(path, form: [("target-commercializations", "1,500"), ("version", version)]).status == 303)
            #expect(try await saved()?.target == 1500)

            // Stale: the page's version is no longer the target's; nothing written, the figure typed kept.
            let stale = try await admin.post(path, form: [("target-commercializations", "20"), ("version", version)])
            #expect(stale.status == 409 && stale.text.contains("他の人がこの目標を変更しました") && stale.text.contains("1,500")
                    && stale.text.contains("value=\"20\""))
            #expect(try await saved()?.target == 1500)
            // The re-rendered form carries the version now saved, so sending it again replaces the figure.
            let fresh = try ConsoleAdminTests.hidden("version", in: stale.text)
            #expect(fresh != version)
            #expect(try await admin.post(path, form: [("target-commercializations", "20"), ("version", fresh)]).status == 303)
            #expect(try await saved()?.target == 20)

            // A target created meanwhile where the page had none (no version): stale too, in English.
            admin.cookies["domino_lang"] = "en"
            let other = try await admin.post("/kpi/targets/liaison_matches/\(Self.year)", form: [("target-liaison_matches", "40")])
            #expect(other.status == 303)
            let late = try await admin.post("/kpi/targets/liaison_matches/\(Self.year)", form: [("target-liaison_matches", "45")])
            #expect(late.status == 409 && late.text.contains("Someone changed this target") && late.text.contains("saved as 40"))
            #expect(try await kpi.targets(fiscalYear: Self.year).first { $0.code == "liaison_matches" }?.target == 40)
            let english = try await admin.post(path, form: [("target-commercializations", "")])
            #expect(english.status == 422 && english.text.contains("Enter the target"))
            #expect(try await admin.post("/kpi/targets/no_such_kpi/\(Self.year)", form: [("target-no_such_kpi", "1")]).status == 404)
        }
    }

    @Test("an administrator records revenue (a refused entry writes nothing), and reverses one only after the page that says it cannot be undone")
    func revenue() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let ledger = RevenueLedger(pool: application.pool, clock: application.clock)
            var admin = world.browsers[.admin]!
            let list = try await admin.get("/kpi/revenue?fy=\(Self.year)")
            #expect(list.status == 200 && list.text.contains("この年度の記録はありません") && list.text.contains("href=\"/kpi/revenue/new\""))
            _ = try await admin.get("/kpi/revenue/new")
            let refused = try await admin.post("/kpi/revenue/new", form: [
                ("kind", ""), ("amountYen", "百万"), ("counterparty", " "), ("receivedOn", "2026-12-24"),
            ])
            #expect(refused.status == 422)
            for error in ["種別を選んでください", "金額は1円から1兆円までの整数", "相手方を300文字以内", "受領日を今日までの日付"] {
                #expect(refused.text.contains(error), "\(error)")
            }
            #expect(refused.text.contains("value=\"百万\"") && refused.text.contains("value=\"2026-12-24\""))
            #expect(try await ledger.summary(fiscalYear: Self.year).totalYen == 0)

            let recorded = try await admin.post("/kpi/revenue/new", form: [
                ("kind", "sponsorship"), ("amountYen", "1,200,000円"), ("counterparty", "横浜グリーンエナジー株式会社"), ("receivedOn", "2026/10/01"),
            ])
            #expect(recorded.status == 303 && recorded.header("Location") == "/kpi/revenue?fy=\(Self.year)&recorded=1")
            let entry = try #require(try await ledger.entries(fiscalYear: Self.year, page: PageRequest(limit: 10)).items.first)
            #expect(entry.amountYen == 1_200_000 && entry.receivedOn.description == "2026-10-01")
            let shown = try await admin.get("/kpi/revenue?fy=\(Self.year)&recorded=1")
            #expect(shown.text.contains("1,200,000円") && shown.text.contains("2026年10月1日") && shown.text.contains("協賛金"))
            admin.cookies["domino_lang"] = "en"
            #expect(try await admin.get("/kpi/revenue?fy=\(Self.year)").text.contains("¥1,200,000"))
            admin.cookies["domino_lang"] = "ja"

            // The confirmation step: the entry and what reversing writes; a reason is required.
            let reverse = "/kpi/revenue/\(entry.id.uuidString.lowercased())/reverse"
            #expect(shown.text.contains("href=\"\(reverse)\""))
            let confirm = try await admin.get(reverse)
            #expect(confirm.status == 200 && confirm.text.contains("この操作は元に戻せません") && confirm.text.contains("-1,200,000円"))
            let submission = try ConsoleAdminTests.hidden("_submission", in: confirm.text)
            let noReason = try await admin.post(reverse, form: [("reason", "  ")])
            #expect(noReason.status == 422 && noReason.text.contains("取り消す理由を"))
            #expect(try await ledger.summary(fiscalYear: Self.year).totalYen == 1_200_000)
            let reversed = try await admin.post(reverse, form: [("reason", "金額の誤り")], submission: submission)
            #expect(reversed.status == 303)
            #expect(try await ledger.summary(fiscalYear: Self.year).totalYen == 0)
            let after = try await admin.get("/kpi/revenue?fy=\(Self.year)")
            #expect(after.text.contains("取消済み") && after.text.contains("取消記録（理由：金額の誤り）") && !after.text.contains("href=\"\(reverse)\""))
            // Reversed again from a page opened before (another form): explained, nothing written.
            let again = try await admin.post(reverse, form: [("reason", "二重")])
            #expect(again.status == 409 && again.text.contains("他の人が取り消しました"))
            #expect(try await ledger.entries(fiscalYear: Self.year, page: PageRequest(limit: 10)).items.count == 2)
            #expect(try await admin.get("/kpi/revenue/\(UUID().uuidString.lowercased())/reverse").status == 404)

            // The council reads the ledger, without the links to write it.
            var viewer = world.browsers[.viewer]!
            let council = try await viewer.get("/kpi/revenue?fy=\(Self.year)")
            #expect(council.status == 200 && council.text.contains("1,200,000円") && !council.text.contains("/kpi/revenue/new")
                    && !council.text.contains("/reverse"))
            #expect(!(try await viewer.get("/kpi?fy=\(Self.year)")).text.contains("/kpi/targets"))
        }
    }

    @Test("only administrators write targets and revenue: every other role is refused before any service runs")
    func writesAreTheAdministrators() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            let ledger = RevenueLedger(pool: application.pool, clock: application.clock)
            let (_, adminUser) = try await ConsoleBrowser.user(application, .admin)
            let entry = try await ledger.record(
                RevenueEntryDraft(kind: "success_fee", amountYen: 500_000, counterparty: "Da Nang", receivedOn: "2026-09-01"),
                by: Principal(userID: adminUser.id, role: .admin))
            let writes: [(String, [(String, String)], Int)] = [
                ("/kpi/targets/commercializations/\(Self.year)", [("target-commercializations", "")], 422),
                ("/kpi/revenue/new", [("kind", "sponsorship"), ("amountYen", ""), ("counterparty", "x"), ("receivedOn", "2026-10-01")], 422),
                ("/kpi/revenue/\(entry.id.uuidString.lowercased())/reverse", [("reason", "")], 422),
            ]
            for (path, form, adminStatus) in writes {
                for role in Role.allCases {
                    var browser = world.browsers[role]!
                    _ = try await browser.get("/")
                    let response = try await browser.post(path, form: form)
                    #expect(response.status == (role == .admin ? adminStatus : 403), "\(path) as \(role): \(response.status)")
                    world.browsers[role] = browser
                }
            }
            #expect(try await ledger.summary(fiscalYear: Self.year).totalYen == 500_000)
        }
    }

    @Test("amounts and targets read as people in Japan type them")
    func numbers() {
        #expect(Console.wholeNumber("1,200,000") == 1_200_000)
        #expect(Console.wholeNumber("１２０") == 120)
        #expect(Console.wholeNumber("1，200") == 1200)
        #expect(Console.wholeNumber("12.5") == nil && Console.wholeNumber("") == nil && Console.wholeNumber("-3") == nil)
        #expect(Console.amountYen("1,200,000円") == 1_200_000 && Console.amountYen("¥5,000") == 5000 && Console.amountYen("百万") == nil)
        #expect(Console.yen(-1_200_000, .ja) == "-1,200,000円" && Console.yen(1_200_000, .en) == "¥1,200,000")
    }
}

@Suite("Console KPI settings and the year's close")
struct ConsoleKPICloseTests {
    static let year = ConsoleKPIAdministrationTests.year

    @Test("an administrator changes the counting choices; thresholds that do not fall are refused beside the field, and a stale form lists what was saved")
    func settings() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let kpi = KPIService(pool: application.pool, clock: application.clock)
            var admin = world.browsers[.admin]!
            let page = try await admin.get("/kpi/settings")
            #expect(page.status == 200 && page.text.contains("value=\"1.10\"") && page.text.contains("value=\"0.70\""))
            let version = try ConsoleAdminTests.hidden("version", in: page.text)
            let fields = [("liaisonMatchesRule", "introduced"), ("studentsRule", "per_fiscal_year"), ("version", version)]
            let notFalling = try await admin.post("/kpi/settings", form: [("fourStars", "0.9"), ("threeStars", "1.0"), ("twoStars", "0.8")] + fields)
            #expect(notFalling.status == 422)
            #expect(notFalling.text.contains("id=\"threeStars-error\">基準は★4 &gt; ★3 &gt; ★2 の順に小さく") && notFalling.text.contains("value=\"0.9\""))
            let notANumber = try await admin.post("/kpi/settings", form: [("fourStars", "高い"), ("threeStars", "0.90"), ("twoStars", "0.70")] + fields)
            #expect(notANumber.status == 422 && notANumber.text.contains("id=\"fourStars-error\""))
            #expect(try await kpi.settings().studentsRule == .perEvent)

            let saved = try await admin.post("/kpi/settings", form: [("fourStars", "１．２０"), ("threeStars", "0.90"), ("twoStars", "0.70")] + fields)
            #expect(saved.status == 303)
            let now = try await kpi.settings()
            #expect(now.studentsRule == .perFiscalYear && now.fourStars == 1.2)
            // A form filled from the older version: nothing written, the input kept, the saved values that differ listed.
            let stale = try await admin.post("/kpi/settings", form: [("fourStars", "1.10"), ("threeStars", "0.90"), ("twoStars", "0.70"),
                                                                     ("liaisonMatchesRule", "introduced_still_live"), ("studentsRule", "per_event"),
                                                                     ("version", version)])
            #expect(stale.status == 409 && stale.text.contains("他の人が設定を変更しました") && stale.text.contains("年度内の実人数で計上")
                    && stale.text.contains("1.20"))
            #expect(try await kpi.settings() == now)
        }
    }

    @Test("an administrator closes an ended year only after the confirmation page, cannot close it twice or close this year, and restates a closed year's figure with a reason")
    func closeAndRestate() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let last = Self.year - 1, path = "/kpi/years/\(Self.year - 1)"
            #expect(try await admin.get("/kpi?fy=\(last)").text.contains("href=\"\(path)\""))
            let open = try await admin.get(path)
            #expect(open.status == 200 && open.text.contains("href=\"\(path)/close\"") && !open.text.contains("action=\"\(path)/restatements\""))
            let confirm = try await admin.get("\(path)/close")
            #expect(confirm.status == 200 && confirm.text.contains("この操作は元に戻せません") && confirm.text.contains("action=\"\(path)/close\""))
            let pageOpenedEarlier = try await admin.get("\(path)/close")
            #expect(try await admin.post("\(path)/close", form: []).status == 303)
            let closed = try await admin.get("\(path)?closed=1")
            #expect(closed.text.contains("年度を締めました") && closed.text.contains("action=\"\(path)/restatements\""))
            // A second close, from a confirmation page opened before: explained, nothing written.
            let again = try await admin.post("\(path)/close", form: [], submission: try ConsoleAdminTests.hidden("_submission", in: pageOpenedEarlier.text))
            #expect(again.status == 409 && again.text.contains("他の人が締めました"))
            #expect(try await admin.get("\(path)/close").status == 303, "a closed year has nothing to confirm")

            // This year has not ended: no close offered, and a close posted anyway is refused.
            let current = try await admin.get("/kpi/years/\(Self.year)")
            #expect(current.text.contains("この年度は2027年3月31日までです") && !current.text.contains("/close\""))
            #expect(try await admin.post("/kpi/years/\(Self.year)/close", form: []).status == 409)
            #expect(try await admin.get("/kpi/years/\(Self.year + 1)").status == 404)

            // A restatement: refused beside each field with the input kept; then recorded and shown with its reason.
            let refused = try await admin.post("\(path)/restatements", form: [("code", ""), ("count", "いくつか"), ("reason", "")])
            #expect(refused.status == 422 && refused.text.contains("訂正するKPIを選んでください") && refused.text.contains("正しい数値を0から")
                    && refused.text.contains("訂正の理由を") && refused.text.contains("value=\"いくつか\""))
            let restated = try await admin.post("\(path)/restatements", form: [("code", "liaison_matches"), ("count", "７"), ("reason", "重複登録の訂正")])
            #expect(restated.status == 303)
            let shown = try await admin.get(path)
            #expect(shown.text.contains("7（理由：重複登録の訂正）"))
            let report = try await KPIService(pool: application.pool, clock: application.clock).report(fiscalYear: last)
            #expect(report.kpis.first { $0.code == "liaison_matches" }?.years.first { $0.fiscalYear == last }?.restated == 7)
            // An open year cannot be restated.
            let openYear = try await admin.post("/kpi/years/\(last - 1)/restatements", form: [("code", "liaison_matches"), ("count", "3"), ("reason", "x")])
            #expect(openYear.status == 409 && openYear.text.contains("まだ締めていないため"))

            // Only administrators.
            for role in Role.allCases where role != .admin {
                var browser = world.browsers[role]!
                #expect(try await browser.get(path).status == 403)
                #expect(try await browser.post("\(path)/restatements", form: [("code", "liaison_matches"), ("count", "1"), ("reason", "x")]).status == 403)
                #expect(try await browser.post("/kpi/years/\(last - 1)/close", form: []).status == 403)
            }
        }
    }
}
