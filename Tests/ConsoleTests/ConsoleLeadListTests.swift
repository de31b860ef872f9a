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

extension ConsoleLeadListTests {
    @Test("going cold: leads with no activity for 30 days or more, counted in Japan's days from the last activity or else the creation; with the other filters, kept in the query, and in the API")
    func goingCold() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            // Both leads are created on 2026-10-15 in Japan; lead A (案件 0) has a meeting on 2026-10-20, lead B (案件 1) none.
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleLeadEditTests.service(application)
            _ = try await service.createActivity(LeadActivityDraft(kind: .meeting, occurredOn: CalendarDate("2026-10-20")!, notes: "市の担当課と協議"),
                                                 on: world.leadA, by: world.coordinator)
            // The session idles out as the clock moves: a coordinator signs in afresh at each instant.
            func page(_ path: String, day: String, second: Double = 0) async throws -> TestClient.Response {
                clock.set(CalendarDate(day)!.startInJapan.addingTimeInterval(second))
                let (email, _) = try await ConsoleBrowser.user(application, .coordinator)
                var browser = ConsoleBrowser(port: port)
                _ = try await browser.signIn(email)
                return try await browser.get(path)
            }
            func listed(_ response: TestClient.Response) -> [String] {
                let list = response.text.components(separatedBy: "id=\"overdue\"")[0]
                return ["案件 0", "案件 1"].filter { list.contains(">\($0)<") }
            }
            // 2026-11-13 23:59:59 in Japan: lead B is 29 days without activity.
            let day29 = try await page("/leads?inactive=30", day: "2026-11-13", second: 86_399)
            #expect(day29.status == 200 && listed(day29) == [] && day29.text.contains("条件に合う案件はありません"))
            let all29 = try await page("/leads", day: "2026-11-13", second: 86_399)
            #expect(listed(all29) == ["案件 0", "案件 1"] && all29.text.contains("data-label=\"活動のない日数\">29</td>"))
            #expect(all29.text.contains("data-label=\"活動のない日数\">24</td>"), "lead A counts from its meeting")
            // 2026-11-14 00:00 in Japan (15:00 UTC the day before): 30 days; lead A's meeting was 25 days ago.
            let day30 = try await page("/leads?inactive=30", day: "2026-11-14")
            #expect(day30.status == 200 && listed(day30) == ["案件 1"] && day30.text.contains("<option value=\"30\" selected"))
            #expect(listed(try await page("/leads?inactive=30&stage=lead", day: "2026-11-14")) == ["案件 1"])
            #expect(listed(try await page("/leads?inactive=30&stage=qualified", day: "2026-11-14")) == [])
            #expect(listed(try await page("/leads?inactive=60", day: "2026-11-14")) == [])
            #expect(listed(try await page("/leads?inactive=30", day: "2026-11-19")) == ["案件 0", "案件 1"], "30 days after lead A's meeting")
            #expect(try await page("/leads?inactive=45", day: "2026-11-19").status == 400, "a choice the list does not offer")

            let (token, _) = try await application.token(for: .coordinator)
            func api(_ query: String) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "GET", "/v1/leads?\(query)", headers: ["Authorization": "Bearer \(token)"])
            }
            func lastActivity(_ response: TestClient.Response) throws -> [String: String] {
                let items = (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["items"] as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: items.compactMap { item in
                    (item["id"] as? String).map { ($0.lowercased(), item["lastActivityOn"] as? String ?? "") }
                })
            }
            let (a, b) = (world.leadA.uuidString.lowercased(), world.leadB.uuidString.lowercased())
            #expect(try lastActivity(try await api("inactiveDays=30")) == [a: "2026-10-20", b: "2026-10-15"])
            #expect(try lastActivity(try await api("inactiveDays=31&stage=lead")) == [b: "2026-10-15"])
            #expect(try await api("inactiveDays=0").status == 400)
            #expect(try await api("inactiveDays=thirty").status == 400)

            // A lead no longer worked (lost, on hold, commercialised) is not going cold: it is done or waits on purpose.
            let quiet = try await service.lead(world.leadB, by: world.coordinator)
            _ = try await service.transition(world.leadB, LeadTransition(to: .lost, reason: "予算がつかなかった"), ifVersion: quiet.version, by: world.coordinator)
            #expect(listed(try await page("/leads?inactive=30", day: "2026-11-19")) == ["案件 0"])
            #expect(listed(try await page("/leads?inactive=30&stage=lost", day: "2026-11-19")) == [])
            #expect(try lastActivity(try await api("inactiveDays=30")) == [a: "2026-10-20"])
            // Its row in the plain list and the CSV has no count of days: a dash, named for a screen reader, and an empty cell.
            let closed = try await page("/leads", day: "2026-11-19")
            #expect(closed.text.contains("data-label=\"活動のない日数\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">進行中でないため数えません</span></td>"))
            #expect(closed.text.contains("data-label=\"活動のない日数\">30</td>"), "lead A, still worked, counts its days")
            let csv = try await page("/leads/export.csv", day: "2026-11-19").text
            #expect(csv.contains("\(b),案件 1,失注,") && csv.contains(",2026-10-15,,"), "lead B's days are an empty cell: \(csv)")
        }
    }
}

extension ConsoleLeadListTests {
    @Test("the leads CSV is the filtered list: UTF-8 with a BOM, CRLF, the header in the reader's language, formulas neutralised; refused where the list is")
    func leadsCSV() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleLeadEditTests.service(application)
            let lead = try await service.lead(world.leadA, by: world.coordinator)
            _ = try await service.updateLead(world.leadA, ifVersion: lead.version, by: world.coordinator) {
                $0.title = "=HYPERLINK(\"http://example.com\",\"開く\")"
                $0.estimatedValueYen = 120_000_000
            }
            var coordinator = world.browsers[.coordinator]!
            #expect(try await coordinator.get("/leads?stage=lead&inactive=30").text.contains("href=\"/leads/export.csv?stage=lead&amp;inactive=30\""))
            let csv = try await coordinator.get("/leads/export.csv")
            #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let lines = csv.text.dropFirst().components(separatedBy: "\r\n")
            #expect(lines.first == "案件ID,案件名,段階,都市,国,担当コーディネーター,見込み額（円）,成約見込み日,最終活動日,活動のない日数,更新日")
            #expect(lines.count == 4 && lines[3] == "", "a header, two leads, each line ended by CRLF")
            let a = world.leadA.uuidString.lowercased(), b = world.leadB.uuidString.lowercased()
            // The last column is the day of the last save, which the database stamps.
            #expect(lines[1].hasPrefix("\(a),\"'=HYPERLINK(\"\"http://example.com\"\",\"\"開く\"\")\",引合い,ダナン,VN,山田 太郎,120000000,,2026-10-15,0,"),
                    "a title beginning with = is text to Excel: \(lines[1])")
            #expect(lines[2].hasPrefix("\(b),案件 1,") && lines[2].contains(",バンコク,TH,山田 太郎,"))
            let filtered = try await coordinator.get("/leads/export.csv?country=TH")
            #expect(filtered.text.contains(b) && !filtered.text.contains(a))
            #expect(try await coordinator.get("/leads/export.csv?inactive=45").status == 400)

            var liaison = world.browsers[.liaison]!
            let own = try await liaison.get("/leads/export.csv")
            #expect(own.status == 200 && own.text.contains(a) && !own.text.contains(b), "a liaison officer exports its base's leads only")
            for role in [Role.viewer, .company, .organizer] {
                var browser = world.browsers[role]!
                #expect(try await browser.get("/leads/export.csv").status == 403, "\(role)")
                world.browsers[role] = browser
            }
            var english = world.browsers[.admin]!
            _ = try await english.get("/language?to=en&back=%2Fleads")
            let header = try await english.get("/leads/export.csv").text.dropFirst().components(separatedBy: "\r\n")[0]
            #expect(header == "Lead ID,Lead,Stage,City,Country,Owner,Estimated value (yen),Expected close,Last activity,Days without activity,Updated")
        }
    }

    @Test("the leads CSV holds up to 10,000 leads; one more is a page asking for narrower filters, not a file cut short")
    func leadsCSVCeiling() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            // The copies are setup, not what is tested, so they are written without the statement limit: each
            // lead's deferred KPI trigger makes 10,000 of them a few seconds' work alone, and CI, with every suite
            // running at once on two cores, once cancelled them at the 120 s limit (2026-12-07).
            var unlimited = application.pool.configuration
            unlimited.statementTimeout = nil
            let setup = TestDatabase.pool(unlimited)
            defer { setup.close() }
            /// Copies of lead A, each with the history row every lead has from its creation.
            func copies(_ count: Int) async throws {
                _ = try await setup.execute("""
                    WITH copies AS (
                        INSERT INTO leads (title, city_id, source_channel, owner_coordinator_id)
                        SELECT '写し ' || i, city_id, 'inquiry', owner_coordinator_id FROM leads, generate_series(1, \(count)) AS i
                        WHERE id = \(world.leadA)
                        RETURNING id)
                    INSERT INTO lead_stage_history (lead_id, to_stage, changed_at, occurred_on)
                    SELECT id, 'lead', '2026-10-15T00:00:00Z', '2026-10-15' FROM copies
                    """)
            }
            let ceiling = 10_000  // docs/leads.md
            let existing: Int = try await application.pool.query("SELECT count(*)::int AS n FROM leads")[0].decode("n")
            try await copies(ceiling - existing)
            var admin = world.browsers[.admin]!
            let full = try await admin.get("/leads/export.csv")
            #expect(full.status == 200)
            let lines = full.text.dropFirst().components(separatedBy: "\r\n")
            #expect(lines.count == ceiling + 2 && lines.last == "", "a header and 10,000 leads, each line ended by CRLF")
            #expect(Set(lines.dropFirst().dropLast().map { $0.prefix(36) }).count == ceiling, "each lead once")

            try await copies(1)
            let over = try await admin.get("/leads/export.csv")
            #expect(over.status == 422 && over.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(over.text.contains("10,000") && over.text.contains("href=\"/leads\""))
            let narrower = try await admin.get("/leads/export.csv?country=TH")
            #expect(narrower.status == 200 && narrower.text.contains(world.leadB.uuidString.lowercased()), "a filter brings it under the ceiling")
        }
    }
}

/// Editing a lead and its local partners.
@Suite("Console lead edit")
struct ConsoleLeadEditTests {
    static func service(_ application: Application) -> CoordinatorService {
        CoordinatorService(pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                           companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
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

    @Test("an admin's owner choice offers no disabled user's profile; one disabled since the page was read is refused beside the field, input kept; a lead whose owner was disabled still saves")
    func disabledOwner() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let service = Self.service(application)
            let principal = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let second = try await ConsoleBrowser.user(application, .coordinator).user
            let sato = try await service.createCoordinator(CoordinatorDraft(userId: second.id, displayName: "佐藤 花子"), by: principal)
            func disable(_ userID: UUID) async throws {
                let user = try await application.accounts.user(id: userID, actor: principal)
                _ = try await application.accounts.setDisabled(true, userID: userID, expectedVersion: user.version, actor: principal)
            }
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            let satoID = sato.id.uuidString.lowercased()
            let form = try await admin.get("\(path)/edit")
            #expect(form.text.contains("<option value=\"\(satoID)\">佐藤 花子</option>"))
            let version = try ConsoleCoordinatorTests.hidden("version", in: form.text)
            let lead = try await service.lead(world.leadA, by: principal)
            let owner = lead.ownerCoordinatorId.uuidString.lowercased()
            func fields(_ title: String, owner: String) -> [(String, String)] {
                [("version", version), ("title", title), ("sourceChannel", lead.sourceChannel.rawValue), ("ownerCoordinatorId", owner),
                 ("sourceLiaisonBaseId", lead.sourceLiaisonBaseId?.uuidString.lowercased() ?? ""), ("sourceReference", lead.sourceReference ?? ""),
                 ("estimatedValueYen", lead.estimatedValueYen.map(String.init) ?? ""), ("expectedCloseOn", lead.expectedCloseOn?.description ?? "")]
                    + lead.needIds.map { ("needIds", $0.uuidString.lowercased()) }
            }

            try await disable(second.id)
            #expect(!(try await admin.get("\(path)/edit")).text.contains("value=\"\(satoID)\""), "a disabled user's profile is not offered")
            let refused = try await admin.post("\(path)/edit", form: fields("佐藤さんに渡す", owner: satoID))
            #expect(refused.status == 422 && refused.text.contains("id=\"ownerCoordinatorId-error\">このコーディネーターは無効のため、案件を担当できません"))
            #expect(refused.text.contains("value=\"佐藤さんに渡す\""), "input kept")
            #expect(try await service.lead(world.leadA, by: principal) == lead, "nothing written")

            // The lead's own owner disabled: still the one chosen, so the other fields save.
            try await disable(world.coordinator.userID)
            let kept = try await admin.get("\(path)/edit")
            #expect(kept.text.contains("<option value=\"\(owner)\" selected>"))
            let saved = try await admin.post("\(path)/edit", form: fields("題名だけ変える", owner: owner))
            #expect(saved.status == 303)
            let edited = try await service.lead(world.leadA, by: principal)
            #expect(edited.title == "題名だけ変える" && edited.ownerCoordinatorId == lead.ownerCoordinatorId)
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
