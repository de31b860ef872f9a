import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

/// The administrator's operations pages (console15): the hub, coordinator profiles set up in the
/// browser, and the background jobs with retry and cancel where the queue allows them.
@Suite("Console administration: coordinators and jobs")
struct ConsoleOperationsTests {
    static func profiles(_ application: Application) async throws -> Int {
        try await application.pool.query("SELECT count(*) FROM coordinators")[0].decode(column: 0)
    }

    @Test("the header's Administration opens the hub, whose links all open for an administrator; other roles have neither")
    func hub() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let home = try await admin.get("/")
            let menu = try #require(home.text.components(separatedBy: "<nav class=\"site-nav\"").last?.components(separatedBy: "</nav>").first)
            #expect(menu.contains("<a href=\"/admin\">管理</a>") && !menu.contains("href=\"/users\""), "Users became Administration")
            let hub = try await admin.get("/admin")
            #expect(hub.status == 200 && hub.text.contains("<a href=\"/admin\" aria-current=\"page\">管理</a>"))
            for path in ["/users", "/coordinators", "/jobs"] {
                #expect(hub.text.contains("<a href=\"\(path)\">"), "\(path) linked")
                #expect(try await admin.get(path).status == 200, "\(path) opens")
            }
            for role in Role.allCases where role != .admin {
                var browser = world.browsers[role]!
                #expect(!(try await browser.get("/").text.contains("href=\"/admin\"")), "\(role) has no Administration")
            }
        }
    }

    @Test("an administrator adds a coordinator profile with every field; refused input is kept and writes nothing; a user's second profile is refused")
    func create() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let (_, person) = try await ConsoleBrowser.user(application, .coordinator)
            let userID = person.id.uuidString.lowercased()
            let form = try await admin.get("/coordinators/new")
            #expect(form.status == 200 && form.text.contains("<option value=\"\(userID)\">"))
            #expect(!form.text.contains("<option value=\"\(world.coordinator.userID.uuidString.lowercased())\">"), "a user with a profile is not offered")
            let before = try await Self.profiles(application)
            let fields: [(String, String)] = [
                ("userId", userID), ("displayName", "鈴木 一郎"), ("expertiseCodes", "waste_to_energy"), ("languages", "ja, en vi"),
                ("countries", "vn th"), ("formerEmployer", "横浜重工"), ("senior", "true"), ("active", "true"), ("notes", "水処理の経験 20 年"),
            ]
            let refused = try await admin.post("/coordinators/new", form: fields + [("capacity", "たくさん")])
            #expect(refused.status == 422 && refused.text.contains("「同時に担当できる案件数」は 0〜1,000 の数で入力してください"))
            #expect(refused.text.contains("value=\"鈴木 一郎\"") && refused.text.contains("水処理の経験 20 年") && refused.text.contains("value=\"vn th\""))
            let badCountry = try await admin.post("/coordinators/new", form: fields.filter { $0.0 != "countries" } + [("countries", "vn zz"), ("capacity", "5")])
            #expect(badCountry.status == 422 && badCountry.text.contains("ZZ"), "the code that is no country is named")
            let noUser = try await admin.post("/coordinators/new", form: fields.filter { $0.0 != "userId" } + [("userId", ""), ("capacity", "-5")])
            #expect(noUser.status == 422 && noUser.text.contains("プロフィールを使うユーザーを選んでください"))
            #expect(noUser.text.contains("「同時に担当できる案件数」は 0〜1,000 の数で入力してください"), "every mistake at once, not the first")
            #expect(try await Self.profiles(application) == before, "nothing written")

            let created = try await admin.post("/coordinators/new", form: fields + [("capacity", "5")])
            #expect(created.status == 303)
            let location = try #require(created.header("Location"))
            let id = try #require(UUID(uuidString: String(location.components(separatedBy: "?")[0].dropFirst("/coordinators/".count))))
            let stored = try await ConsoleKnowledgeNoteTests.service(application).coordinator(id, by: world.coordinator)
            #expect(stored.userId == person.id && stored.displayName == "鈴木 一郎" && stored.expertiseCodes == ["waste_to_energy"])
            #expect(stored.languages == ["ja", "en", "vi"] && stored.countries == ["VN", "TH"] && stored.formerEmployer == "横浜重工")
            #expect(stored.senior && stored.capacity == 5 && stored.active && stored.notes == "水処理の経験 20 年")
            let page = try await admin.get(location)
            #expect(page.status == 200 && page.text.contains("コーディネーターを登録しました") && page.text.contains("0件（上限 5件）"))

            let twice = try await admin.post("/coordinators/new", form: fields + [("capacity", "5")])
            #expect(twice.status == 409 && twice.text.contains("このユーザーにはすでにプロフィールがあります"))
            #expect(try await Self.profiles(application) == before + 1)
        }
    }

    @Test("an edit saves every field; a stale edit writes nothing and lists the saved values; in English too")
    func editAndStale() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            admin.cookies["domino_lang"] = "en"
            let list = try await admin.get("/coordinators?q=%E5%B1%B1%E7%94%B0")
            let link = try #require(list.text.range(of: "href=\"/coordinators/", options: [], range: list.text.range(of: "<tbody>")!.upperBound..<list.text.endIndex))
            let path = "/coordinators/" + list.text[link.upperBound...].prefix { $0 != "\"" }
            let edit = try await admin.get("\(path)/edit")
            #expect(edit.status == 200 && edit.text.contains("value=\"山田 太郎\"") && edit.text.contains("value=\"waste_to_energy\" checked"))
            let version = try ConsoleAdminTests.hidden("version", in: edit.text)
            let userID = world.coordinator.userID.uuidString.lowercased()
            let fields: [(String, String)] = [
                ("userId", userID), ("displayName", "山田 太郎"), ("languages", "ja en"), ("countries", "VN PH"), ("formerEmployer", ""),
                ("senior", "false"), ("capacity", "12"), ("active", "false"), ("notes", ""), ("version", version),
            ]
            let saved = try await admin.post("\(path)/edit", form: fields)
            #expect(saved.status == 303)
            let id = try #require(UUID(uuidString: String(path.dropFirst("/coordinators/".count))))
            let stored = try await ConsoleKnowledgeNoteTests.service(application).coordinator(id, by: world.coordinator)
            #expect(stored.countries == ["VN", "PH"] && stored.capacity == 12 && !stored.active && stored.expertiseCodes.isEmpty)

            let stale = try await admin.post("\(path)/edit", form: fields.map { $0.0 == "capacity" ? ("capacity", "20") : $0 })
            #expect(stale.status == 409 && stale.text.contains("Someone changed this profile") && stale.text.contains("value=\"20\""))
            #expect(stale.text.contains("<dt>Leads they can own at once</dt><dd>12</dd>"), "the saved value that differs")
            #expect(try await ConsoleKnowledgeNoteTests.service(application).coordinator(id, by: world.coordinator).capacity == 12, "nothing written")
        }
    }

    @Test("a coordinator edits its own profile without the administrator's fields, and gets a 403 page for another's")
    func coordinatorOwnProfile() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleKnowledgeNoteTests.service(application)
            let own = try #require(try await service.ownProfile(by: world.coordinator))
            let (_, other) = try await ConsoleBrowser.user(application, .coordinator)
            let theirs = try await service.createCoordinator(
                CoordinatorDraft(userId: other.id, displayName: "他の人"), by: Principal(userID: UUID(), role: .admin))
            var browser = world.browsers[.coordinator]!
            let path = "/coordinators/\(own.id.uuidString.lowercased())"
            let page = try await browser.get(path)
            #expect(page.text.contains("href=\"\(path)/edit\""))
            let edit = try await browser.get("\(path)/edit")
            #expect(edit.status == 200 && !edit.text.contains("name=\"capacity\"") && !edit.text.contains("name=\"userId\""))
            let saved = try await browser.post("\(path)/edit", form: [
                ("displayName", "山田 太郎"), ("languages", "ja"), ("countries", "VN"), ("notes", "ベトナム語を勉強中"),
                ("capacity", "999"), ("version", try ConsoleAdminTests.hidden("version", in: edit.text)),
            ])
            #expect(saved.status == 303)
            let stored = try await service.coordinator(own.id, by: world.coordinator)
            #expect(stored.notes == "ベトナム語を勉強中" && stored.capacity == own.capacity, "the administrator's fields are kept")
            let other_ = "/coordinators/\(theirs.id.uuidString.lowercased())"
            #expect(!(try await browser.get(other_).text.contains("\(other_)/edit")))
            #expect(try await browser.get("\(other_)/edit").status == 403)
            #expect(try await browser.post("\(other_)/edit", form: [("displayName", "x"), ("version", "1")]).status == 403)
        }
    }

    /// Runs the built-in jobs that are due, retries at once (a probe made to fail with one attempt ends discarded).
    static func runDueJobs(_ pool: PostgresPool) async throws {
        var handlers = JobHandlers()
        BuiltInJobs.register(into: &handlers)
        let worker = JobWorker(
            pool: pool, configuration: WorkerConfiguration(id: "console-test", concurrency: 2, lease: .seconds(30), backoff: RetryBackoff(base: .zero, jitter: 0)),
            handlers: handlers, clock: .test)
        try await worker.runOnce()
    }

    @Test("the jobs list filters by state; a failed job's page shows its attempts and error, and a retry runs it again")
    func jobsRetry() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let pool = application.pool
            let failing = try #require(try await JobQueue.enqueue(
                try NewJob(kind: BuiltInJobs.probe, payload: BuiltInJobs.ProbePayload(failAttempts: 1),
                           maxAttempts: 1), in: pool))
            let waiting = try #require(try await JobQueue.enqueue(NewJob(kind: BuiltInJobs.noop, runAt: try await ConsoleWorld.tomorrowInTheDatabase(pool)), in: pool))
            try await Self.runDueJobs(pool)
            var admin = world.browsers[.admin]!
            let discarded = try await admin.get("/jobs?state=discarded")
            #expect(discarded.status == 200 && discarded.text.contains("href=\"/jobs/\(failing)\"") && !discarded.text.contains("href=\"/jobs/\(waiting)\""))
            let page = try await admin.get("/jobs/\(failing)")
            #expect(page.status == 200 && page.text.contains("中止（失敗）") && page.text.contains("1回（上限 1回）"))
            #expect(page.text.contains("試行回数の上限まで失敗したため、中止しました"))
            #expect(page.text.contains("action=\"/jobs/\(failing)/retry\"") && !page.text.contains("action=\"/jobs/\(failing)/cancel\""))
            let retried = try await admin.post("/jobs/\(failing)/retry", form: [])
            #expect(retried.status == 303)
            #expect(try await JobAdmin(pool: pool, clock: .test).job(failing, by: world.coordinatorAsAdmin).state == .available)
            let again = try await admin.get(try #require(retried.header("Location")))
            #expect(again.text.contains("再実行を予約しました") && again.text.contains("action=\"/jobs/\(failing)/cancel\""))
        }
    }

    @Test("a cancel overtaken by another administrator is a 409 page naming the state now, and changes nothing")
    func jobsCancelRefused() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let pool = application.pool
            let id = try #require(try await JobQueue.enqueue(NewJob(kind: BuiltInJobs.noop, runAt: try await ConsoleWorld.tomorrowInTheDatabase(pool)), in: pool))
            var admin = world.browsers[.admin]!
            let page = try await admin.get("/jobs/\(id)")
            #expect(page.text.contains("action=\"/jobs/\(id)/cancel\"") && !page.text.contains("action=\"/jobs/\(id)/retry\""))
            let cancelled = try await admin.post("/jobs/\(id)/cancel", form: [])
            #expect(cancelled.status == 303)
            let twice = try await admin.post("/jobs/\(id)/cancel", form: [])
            #expect(twice.status == 409 && twice.text.contains("「取り消す」はできませんでした。この処理は、ページを開いた後に「取り消し」になっています"))
            admin.cookies["domino_lang"] = "en"
            let english = try await admin.post("/jobs/\(id)/cancel", form: [])
            #expect(english.status == 409 && english.text.contains("the job is now “Cancelled”"))
            let finalized: Date? = try await pool.query("SELECT finalized_at FROM jobs WHERE id = \(id)")[0].decode(column: 0)
            #expect(finalized != nil)
            #expect(try await admin.get("/jobs/999999999").status == 404)
            #expect(try await admin.get("/jobs/abc").status == 404)
        }
    }

    @Test("discarded jobs are dismissed from the list, chosen or all shown, back on the same list; nothing chosen is a 422, a job dismissed since the page was shown a 409 naming it with nothing changed, other roles a 403")
    func jobsDismissMany() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let pool = application.pool
            var failing: [Int64] = []
            for _ in 0..<2 {
                failing.append(try #require(try await JobQueue.enqueue(
                    try NewJob(kind: BuiltInJobs.probe, payload: BuiltInJobs.ProbePayload(failAttempts: 1), maxAttempts: 1), in: pool)))
            }
            try await Self.runDueJobs(pool)
            let dismissed = { () async throws -> [Int64] in
                try await pool.query("SELECT id FROM jobs WHERE dismissed_at IS NOT NULL ORDER BY id").map { try $0.decode("id") }
            }
            var admin = world.browsers[.admin]!
            let list = try await admin.get("/jobs?state=discarded&dismissed=false")
            #expect(list.status == 200 && failing.allSatisfy { list.text.contains("name=\"id\" value=\"\($0)\"") })
            // Every discarded job not dismissed is offered, these two and any the world's setup left.
            let open: Int = try await pool.query("SELECT count(*) FROM jobs WHERE state = 'discarded' AND dismissed_at IS NULL")[0].decode(column: 0)
            #expect(open >= 2 && list.text.contains("表示中の未対応の処理\(open)件をすべて対応済みにする"))
            let action = "/jobs/dismissed?state=discarded&dismissed=false"
            #expect(list.text.contains("action=\"\(action.replacingOccurrences(of: "&", with: "&amp;"))\""))

            let nothing = try await admin.post(action, form: [("dismiss", "chosen")])
            #expect(nothing.status == 422 && nothing.text.contains("対応済みにする処理を選んでください"))
            let one = try await admin.post(action, form: [("id", String(failing[0])), ("dismiss", "chosen")])
            #expect(one.status == 303 && one.header("Location") == "/jobs?state=discarded&dismissed=false&dismissedJobs=1")
            let after = try await admin.get(try #require(one.header("Location")))
            #expect(after.text.contains("1件の処理を対応済みにしました") && !after.text.contains("name=\"id\" value=\"\(failing[0])\""))
            #expect(try await dismissed() == [failing[0]])

            // The page shown before, sent again with both: refused, naming the job dismissed since; the other stays as it was.
            let stale = try await admin.post(action, form: [("id", String(failing[0])), ("id", String(failing[1])), ("dismiss", "chosen")])
            #expect(stale.status == 409 && stale.text.contains("処理 #\(failing[0]) は、すでに対応済みです") && stale.text.contains("何も変更していません"))
            #expect(try await dismissed() == [failing[0]])

            for role in [Role.coordinator, .organizer, .viewer] {
                var browser = world.browsers[role]!
                _ = try await browser.get("/")
                #expect(try await browser.post(action, form: [("shown", String(failing[1])), ("dismiss", "shown")]).status == 403, "\(role)")
            }
            #expect(try await dismissed() == [failing[0]])

            let all = try await admin.post(action, form: [("shown", String(failing[1])), ("dismiss", "shown")])
            #expect(all.status == 303)
            #expect(try await dismissed() == failing)
        }
    }

    @Test("the audit log lists a change with its value before and after, filtered by table, record, person and period")
    func auditList() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleKnowledgeNoteTests.service(application)
            let own = try #require(try await service.ownProfile(by: world.coordinator))
            _ = try await service.updateCoordinator(own.id, ifVersion: own.version, by: world.coordinator) { $0.formerEmployer = "港湾技研" }
            var admin = world.browsers[.admin]!
            let record = own.id.uuidString.lowercased()
            let list = try await admin.get("/audit?entity=coordinators&entityId=\(record)")
            #expect(list.status == 200 && list.text.contains("<code>former_employer</code>: （空） → 港湾技研"))
            #expect(list.text.contains("Console coordinator"), "the person who changed it is named")
            // polish26: the record by its first eight digits (the whole id broke over five lines at 1280 px), the whole id its
            // title and in the filter the link opens.
            #expect(list.text.contains("href=\"/audit?entity=coordinators&amp;entityId=\(record)\" title=\"\(record)\"><code>\(record.prefix(8))…</code></a>"))
            #expect(!list.text.contains(">\(record)</a>"))
            // polish24: the action in words, its code beside it for administrators.
            #expect(list.text.contains("変更 <code class=\"audit-action\">update</code>") && !list.text.contains("<td>update</td>"))
            // The log shows 50 entries a page, and its next link says so; a continued page links back to the first, its filter kept.
            _ = try await application.pool.execute("""
                INSERT INTO audit_log (action, entity, entity_id, changes) SELECT 'update', 'paged_things', 'x', '{}'::jsonb FROM generate_series(1, 51)
                """)
            let paged = try await admin.get("/audit?entity=paged_things")
            #expect(paged.text.contains(">次の50件</a>") && !paged.text.contains("次の100件") && !paged.text.contains("最初のページへ"))
            // polish25: who acted is kept whole (keep-all), so 「システム」 does not break between its characters at 1280 px.
            #expect(paged.text.contains("<span class=\"audit-actor\">システム</span>"))
            let next = try #require(paged.text.range(of: "href=\"/audit\\?[^\"]*cursor=[^\"]*\"", options: .regularExpression))
            let second = try await admin.get(String(paged.text[next].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.text.contains("<a href=\"/audit?entity=paged_things\">最初のページへ</a>"))
            #expect(list.text.contains("/restore?field=former_employer"))
            let coordinatorID = world.coordinator.userID.uuidString.lowercased()
            #expect(try await admin.get("/audit?actor=\(coordinatorID)&entity=coordinators").text.contains("港湾技研"))
            let dayAfter: String = try await application.pool.query(
                "SELECT to_char((now() AT TIME ZONE 'Asia/Tokyo')::date + 1, 'YYYY-MM-DD')")[0].decode(column: 0)
            #expect(!(try await admin.get("/audit?from=\(dayAfter)").text.contains("港湾技研")), "a period after the change lists nothing of it")
            let badDate = try await admin.get("/audit?from=yesterday")
            #expect(badDate.status == 422 && badDate.text.contains("「期間（開始日）」は 2026-12-01 の形で入力してください"))
        }
    }

    @Test("restoring a value shows the value now and the value restored, writes it back once, and a second restore is refused")
    func auditRestore() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = ConsoleKnowledgeNoteTests.service(application)
            let own = try #require(try await service.ownProfile(by: world.coordinator))
            _ = try await service.updateCoordinator(own.id, ifVersion: own.version, by: world.coordinator) { $0.displayName = "山田 太郎（誤り）" }
            var admin = world.browsers[.admin]!
            let list = try await admin.get("/audit?entity=coordinators&entityId=\(own.id.uuidString.lowercased())")
            let link = try #require(list.text.range(of: "href=\"/audit/"))
            let path = "/audit/" + list.text[link.upperBound...].prefix { $0 != "?" }
            let confirm = try await admin.get("\(path)?field=display_name")
            #expect(confirm.status == 200 && confirm.text.contains("<dd class=\"note-body\">山田 太郎（誤り）</dd>") && confirm.text.contains("<dd class=\"note-body\">山田 太郎</dd>"))
            let restored = try await admin.post(path, form: [("field", "display_name")])
            #expect(restored.status == 303)
            #expect(try await service.coordinator(own.id, by: world.coordinator).displayName == "山田 太郎")
            #expect(try await admin.get(try #require(restored.header("Location"))).text.contains("値を元に戻しました"))
            let again = try await admin.get("\(path)?field=display_name")
            #expect(again.text.contains("この項目は、この変更の後にも変更されています"), "warned before the button")
            let refused = try await admin.post(path, form: [("field", "display_name")])
            #expect(refused.status == 409 && refused.text.contains("元に戻せませんでした。何も変更していません。"))
            #expect(try await service.coordinator(own.id, by: world.coordinator).displayName == "山田 太郎")
            #expect(try await admin.get("\(path)?field=no_such_field").status == 404)
            var coordinator = world.browsers[.coordinator]!
            _ = try await coordinator.get("/")
            #expect(try await coordinator.post(path, form: [("field", "display_name")]).status == 403)
        }
    }

    @Test("the KPI dashboard links the recount history, which lists each recount's figure by KPI")
    func kpiSnapshots() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let year = FiscalYear(containing: application.clock.now()).startYear
            for _ in 0..<2 { try await application.pool.execute("SELECT kpi_recount(\(year)::integer)") }
            var viewer = world.browsers[.viewer]!
            let dashboard = try await viewer.get("/kpi?fy=\(year)")
            #expect(dashboard.text.contains("href=\"/kpi/snapshots?fy=\(year)\""))
            let history = try await viewer.get("/kpi/snapshots?fy=\(year)&code=liaison_matches")
            #expect(history.status == 200 && history.text.components(separatedBy: "<tr>").count - 2 == 2, "two recounts of one KPI")
            #expect(history.text.contains("<option value=\"liaison_matches\" selected>"))
            #expect(try await viewer.get("/kpi/snapshots?fy=\(year)").text.components(separatedBy: "<tr>").count - 2 == 2 * 4)
            #expect(try await viewer.get("/kpi/snapshots?fy=2023").text.contains("この年度の集計の履歴はありません"))
        }
    }
}

extension ConsoleWorld {
    /// An administrator's principal for reading back through the services (JobAdmin checks the role only).
    var coordinatorAsAdmin: Principal { Principal(userID: coordinator.userID, role: .admin) }

    /// A job's run time a day after the database's now (the queue's clock), so no worker takes it during
    /// the test whatever date the suite runs at.
    static func tomorrowInTheDatabase(_ pool: PostgresPool) async throws -> Date {
        try await pool.query("SELECT now() + interval '1 day'")[0].decode(column: 0)
    }
}
