import Accounts
import App
import Companies
import Conventions
import DomainKit
import Foundation
import Jobs
import KPI
import Postgres
import TestSupport
import Testing

/// The home page's first screen for the roles without a coordinator's (s27): the year's KPIs for who reads them, an
/// organizer's coming events, the needs that fit a company user's company. Each through the real server.
@Suite("Console: each role's home page")
struct ConsoleRoleHomeTests {
    @Test("the council and administrators see this fiscal year's four KPIs with their targets, linked to the records; roles without the dashboard do not")
    func kpiGlance() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            _ = try await KPIService(pool: application.pool, clock: application.clock)
                .setTarget(.liaisonMatches, fiscalYear: 2026, draft: KPITargetDraft(target: 1_200), ifVersion: nil, by: admin)
            for role in [Role.viewer, .admin] {
                var browser = world.browsers[role]!
                for (language, heading, name) in [("ja", "令和8年度（FY2026）のKPI", "2. 海外連携拠点を通じたビジネスマッチング件数"),
                                                  ("en", "KPIs for FY2026 (令和8年度)", "2. Business matchings through overseas liaison bases")] {
                    browser.cookies["domino_lang"] = language
                    let home = try await browser.get("/")
                    #expect(home.status == 200 && home.text.contains("<h2>\(heading)</h2>"), "\(role) \(language)")
                    #expect(home.text.contains(name) && home.text.contains("1,200"), "\(role) \(language): the KPI's row with its target")
                    for code in KPICode.allCases {
                        #expect(home.text.contains("href=\"/kpi/\(code.rawValue)/records?fy=2026\""), "\(role) \(language) \(code)")
                    }
                    #expect(home.text.contains("<a href=\"/kpi\">"), "\(role) \(language): the dashboard")
                }
            }
            for role in [Role.coordinator, .company, .organizer, .liaison] {
                var browser = world.browsers[role]!
                let home = try await browser.get("/")
                #expect(home.status == 200 && !home.text.contains("records?fy="), "\(role)")
            }
        }
    }

    @Test("an organizer's home lists its events not over yet, soonest first, with the desk on an event's day; not past events nor another organizer's")
    func comingEvents() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let (_, other) = try await ConsoleBrowser.user(application, .organizer)
            let today = try await ConventionPagesTests.event(application, organizer: user.id)
            func event(_ title: String, on day: String, organizer: UUID) async throws -> Event {
                let start = CalendarDate(day)!.startInJapan.addingTimeInterval(13 * 3600)
                return try await application.conventions.createEvent(EventDraft(
                    kind: .seminar, titleJa: title, startsAt: start, endsAt: start.addingTimeInterval(2 * 3600), format: .online,
                    onlineCapacity: 300, organizerUserIds: [organizer]), by: ConventionPagesTests.admin)
            }
            let later = try await event("ハノイ向けセミナー", on: "2027-02-10", organizer: user.id)
            let sooner = try await event("セブ向けセミナー", on: "2027-01-20", organizer: user.id)
            _ = try await event("終わったセミナー", on: "2026-11-30", organizer: user.id)
            _ = try await event("ほかの主催者のセミナー", on: "2027-01-05", organizer: other.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            for (language, heading, desk) in [("ja", "これからのイベント", "受付を開く"), ("en", "Your coming events", "Open the desk")] {
                browser.cookies["domino_lang"] = language
                let home = try await browser.get("/")
                #expect(home.status == 200 && home.text.contains(heading), "\(language)")
                let listed = [today, sooner, later].map { ConventionPagesTests.path($0) }
                let positions = listed.compactMap { home.text.range(of: "href=\"\($0)\"")?.lowerBound }
                #expect(positions.count == 3 && positions == positions.sorted(), "\(language): today's, then January's, then February's")
                #expect(home.text.contains("<a href=\"\(ConventionPagesTests.path(today))/desk\">\(desk)</a>"), "\(language): the desk of today's event")
                #expect(!home.text.contains("\(ConventionPagesTests.path(sooner))/desk"), "\(language): no desk for an event to come")
                #expect(!home.text.contains("終わったセミナー") && !home.text.contains("ほかの主催者のセミナー"), "\(language)")
            }
        }
    }

    @Test("a company user's home lists the open needs that fit its company and links to its opportunities; no other role's does")
    func fittingNeeds() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var company = world.browsers[.company]!
            let before = try await company.get("/")
            #expect(before.status == 200 && before.text.contains("貴社に合う都市ニーズ") && before.text.contains("いま合う受付中のニーズはありません"),
                    "a company without technologies is told how to be found")
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            let opportunities = "href=\"/companies/\(world.companyA.uuidString.lowercased())/opportunities\""
            for (language, heading) in [("ja", "貴社に合う都市ニーズ"), ("en", "City needs that fit your company")] {
                company.cookies["domino_lang"] = language
                let home = try await company.get("/")
                #expect(home.status == 200 && home.text.contains(heading) && home.text.contains(opportunities), "\(language)")
                for need in [world.needA, world.needB] {
                    #expect(home.text.contains("href=\"/needs/\(need.uuidString.lowercased())\""), "\(language): the waste-to-energy needs fit")
                }
                #expect(home.text.contains(language == "ja" ? "ダナン" : "Da Nang"), "\(language): with their city")
            }
            for role in [Role.viewer, .admin, .organizer, .liaison] {
                var browser = world.browsers[role]!
                #expect(!(try await browser.get("/")).text.contains("/opportunities\""), "\(role)")
            }
        }
    }

    @Test("the matcher's reports name each need in the reader's language: a company's home and opportunities, the coverage page (ux37)")
    func needTitlesInReadersLanguage() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            var company = world.browsers[.company]!, coordinator = world.browsers[.coordinator]!
            let id = world.needA.uuidString.lowercased()
            for (language, mine, theirs) in [("ja", "ダナンの廃棄物発電", "Waste to energy in Da Nang"), ("en", "Waste to energy in Da Nang", "ダナンの廃棄物発電")] {
                company.cookies["domino_lang"] = language
                coordinator.cookies["domino_lang"] = language
                for (page, path) in [(try await company.get("/"), "home"),
                                     (try await company.get("/companies/\(world.companyA.uuidString.lowercased())/opportunities"), "opportunities"),
                                     (try await coordinator.get("/needs/coverage"), "coverage")] {
                    #expect(page.status == 200, "\(language) \(path)")
                    #expect(page.text.contains("<a href=\"/needs/\(id)\">\(mine)</a>") && !page.text.contains(theirs), "\(language) \(path)")
                }
            }
        }
    }

    @Test("an administrator's home lists what waits for it (applications, failed jobs, undelivered mail, the leads of a user disabled or moved to another role), each with its count and a link to its page, only while it waits; no other role's home has it")
    func adminAttention() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let quiet = try await admin.get("/")
            #expect(quiet.status == 200 && quiet.text.contains("<h2>対応が必要なこと</h2>") && quiet.text.contains("いま対応が必要なことはありません。"))
            // Two applications to join waiting; their confirmation mails, one refused by the recipient's server and one given up
            // after every retry (the states the delivery job leaves); a job that failed its only attempt.
            for _ in 0..<2 {
                _ = try await ConsoleCompanyApplicationTests.appliedAndConfirmed(port, application, email: ConsoleCompanyApplicationTests.email())
            }
            try await application.pool.execute("""
                UPDATE mail_outbox SET state = CASE WHEN id = (SELECT min(id) FROM mail_outbox WHERE kind = 'company_application') THEN 'bounced' ELSE 'failed' END,
                    attempts = 1, finished_at = \(application.clock.now())
                WHERE kind = 'company_application'
                """)
            // On a queue of its own, so the worker runs this job alone (not the mail jobs the applications enqueued).
            let failing = try #require(try await JobQueue.enqueue(
                try NewJob(kind: BuiltInJobs.probe, payload: BuiltInJobs.ProbePayload(failAttempts: 1), queue: "home_attention", maxAttempts: 1), in: application.pool))
            var handlers = JobHandlers()
            BuiltInJobs.register(into: &handlers)
            try await JobWorker(
                pool: application.pool, configuration: WorkerConfiguration(id: "home-test", queues: ["home_attention"], concurrency: 1, lease: .seconds(30), backoff: RetryBackoff(base: .zero, jitter: 0)),
                handlers: handlers, clock: application.clock).runOnce()
            // Each links to its list filtered to what nobody has dealt with yet (mail33); "&" is written "&amp;" in an attribute.
            let items = [("/applications", "判断待ちの参加申し込み：2件", "Applications to join waiting for a decision: 2"),
                         ("/jobs?state=discarded&amp;dismissed=false", "再試行を使い切って止まったバックグラウンド処理：1件", "Background jobs that stopped after their last retry: 1"),
                         ("/mail?state=failed&amp;dealtWith=false", "再送を使い切っても届かなかったメール：1件", "Mail not delivered after its last retry: 1"),
                         ("/mail?state=bounced&amp;dealtWith=false", "相手のメールサーバーが受け取りを断ったメール：1件", "Mail the recipient&#39;s mail server refused: 1")]
            for language in ["ja", "en"] {
                admin.cookies["domino_lang"] = language
                let home = try await admin.get("/")
                #expect(home.status == 200 && home.text.contains(language == "ja" ? "<h2>対応が必要なこと</h2>" : "<h2>Needs your attention</h2>"), "\(language)")
                #expect(!home.text.contains(language == "ja" ? "いま対応が必要なことはありません。" : "Nothing needs your attention now."), "\(language)")
                for (href, ja, en) in items {
                    #expect(home.text.contains("<a href=\"\(href)\">\(language == "ja" ? ja : en)</a>"), "\(language): \(href)")
                }
            }
            admin.cookies["domino_lang"] = "ja"
            // The failed job retried from its page: no longer waiting, so no longer listed; the rest still are.
            _ = try await admin.get("/jobs/\(failing)")
            #expect(try await admin.post("/jobs/\(failing)/retry", form: []).status == 303)
            let after = try await admin.get("/")
            #expect(!after.text.contains("/jobs?state=discarded") && after.text.contains("<a href=\"/applications\">判断待ちの参加申し込み：2件</a>"))
            // Another job fails for good; dismissed from its page (dealt with, not to be run again), its line goes too.
            let second = try #require(try await JobQueue.enqueue(
                try NewJob(kind: BuiltInJobs.probe, payload: BuiltInJobs.ProbePayload(failAttempts: 1), queue: "home_attention", maxAttempts: 1), in: application.pool))
            try await JobWorker(
                pool: application.pool, configuration: WorkerConfiguration(id: "home-test", queues: ["home_attention"], concurrency: 1, lease: .seconds(30), backoff: RetryBackoff(base: .zero, jitter: 0)),
                handlers: handlers, clock: application.clock).runOnce()
            #expect(try await admin.get("/").text.contains("<a href=\"/jobs?state=discarded&amp;dismissed=false\">再試行を使い切って止まったバックグラウンド処理：1件</a>"))
            #expect(try await admin.get("/jobs/\(second)").text.contains("action=\"/jobs/\(second)/dismiss\""))
            #expect(try await admin.post("/jobs/\(second)/dismiss", form: []).status == 303)
            #expect(try await admin.get("/jobs/\(second)").text.contains("Console adminさんが対応済みにしました"), "the dismisser named on the job's page")
            #expect(!(try await admin.get("/").text.contains("/jobs?state=discarded")))
            // The bounced mail dealt with from the list the home links to: its line goes; the failed one's stays.
            let bouncedList = try await admin.get("/mail?state=bounced&dealtWith=false")
            let bounced: Int64 = try await application.pool.query("SELECT id FROM mail_outbox WHERE state = 'bounced'")[0].decode("id")
            #expect(bouncedList.text.contains("name=\"id\" value=\"\(bounced)\""))
            let marked = try await admin.post("/mail/dealt-with?state=bounced&dealtWith=false", form: [("id", String(bounced)), ("mark", "chosen")])
            #expect(marked.status == 303 && marked.header("Location") == "/mail?state=bounced&dealtWith=false&marked=1", "\(marked.text)")
            let cleared = try await admin.get("/")
            #expect(!cleared.text.contains("/mail?state=bounced") && cleared.text.contains("<a href=\"/mail?state=failed&amp;dealtWith=false\">再送を使い切っても届かなかったメール：1件</a>"))
            for role in [Role.viewer, .coordinator, .company, .organizer, .liaison] {
                var browser = world.browsers[role]!
                let home = try await browser.get("/")
                #expect(home.status == 200 && !home.text.contains("対応が必要なこと") && !home.text.contains("/mail?state="), "\(role)")
            }
            // The coordinator moves to another role, then back, then leaves (disabled): while it may not own leads, it still owns
            // both its active leads, which the leads list filtered by it hands over.
            let adminPrincipal = Principal(userID: try await application.pool.query("SELECT id FROM users WHERE role = 'admin' LIMIT 1")[0].decode("id"), role: .admin)
            let userID = world.coordinator.userID
            let profile: UUID = try await application.pool.query("SELECT id FROM coordinators WHERE user_id = \(userID)")[0].decode("id")
            let owner = "/leads?owner=\(profile.uuidString.lowercased())"
            let line = "<a href=\"\(owner)\">案件を担当できなくなったユーザー「山田 太郎」（無効化または役割の変更）が担当のままの進行中の案件：2件</a>"
            func version() async throws -> Int { try await application.accounts.user(id: userID, actor: adminPrincipal).version }
            _ = try await application.accounts.changeRole(.viewer, userID: userID, expectedVersion: try await version(), actor: adminPrincipal)
            #expect(try await admin.get("/").text.contains(line), "another role")
            _ = try await application.accounts.changeRole(.coordinator, userID: userID, expectedVersion: try await version(), actor: adminPrincipal)
            #expect(!(try await admin.get("/").text.contains(owner)), "a coordinator again")
            _ = try await application.accounts.setDisabled(true, userID: userID, expectedVersion: try await version(), actor: adminPrincipal)
            #expect(try await admin.get("/").text.contains(line), "disabled")
            #expect(try await admin.get(owner).text.contains("/leads/reassign?from=\(profile.uuidString.lowercased())"), "where the hand-over is")
        }
    }

    @Test("a company's profile unchanged for longer than the period asks its users and managers to check it, with the edit form; saving ends the request; another company's user never sees it")
    func profileFreshness() async throws {
        try await Self.withTwoCompanies { clock, port, application, admin, companies, mine, other in
            let (userEmail, strangerEmail, coordinatorEmail) = (try await ConsoleBrowser.user(application, .company, companyID: mine.id).email,
                try await ConsoleBrowser.user(application, .company, companyID: other.id).email, try await ConsoleBrowser.user(application, .coordinator).email)
            // Half a year on the test clock outlives every session: each browser signs in again after the clock moves.
            let signedIn = { (email: String) in try await Self.signedIn(email, port: port) }
            var user = try await signedIn(userEmail)
            let path = "/companies/\(mine.id.uuidString.lowercased())"
            let (edit, confirm) = ("href=\"\(path)/edit\"", "action=\"\(path)/profile-confirmed\"")
            let fresh = try await user.get("/")
            #expect(fresh.text.contains("<h2>貴社の登録情報</h2>") && fresh.text.contains("登録情報の最終更新日：2026年10月15日"), "saved today")
            #expect(!fresh.text.contains(confirm) && !fresh.text.contains("日以上更新されていません"), "not yet asked")

            clock.advance(seconds: CompanyService.profileReviewPeriod + 86_400)
            user = try await signedIn(userEmail)
            var (stranger, coordinator) = (try await signedIn(strangerEmail), try await signedIn(coordinatorEmail))
            for (language, request) in [("ja", "登録情報が180日以上更新されていません"), ("en", "The profile has not been changed for more than 180 days")] {
                user.cookies["domino_lang"] = language
                for page in ["/", path] {
                    let text = try await user.get(page).text
                    #expect(text.contains(request) && text.contains(edit) && text.contains(confirm), "\(language) \(page)")
                }
            }
            user.cookies["domino_lang"] = "ja"
            #expect(try await coordinator.get(path).text.contains(confirm), "a manager sees it on the company's page")
            let seen = try await stranger.get(path)
            #expect(seen.status == 200 && !seen.text.contains("登録情報の最終更新日") && !seen.text.contains(confirm), "another company's user")
            #expect(!(try await stranger.get("/")).text.contains(path), "nor on its own home")

            // Saving the edit form, even with nothing changed, counts as checking the profile.
            _ = try await user.get(path + "/edit")
            let saved = try await user.post(path + "/edit", form: [
                ("nameJa", "みなと環境"), ("nameEn", ""), ("corporateNumber", ""), ("address", ""), ("municipality", ""), ("inYokohama", "false"),
                ("size", "sme"), ("website", ""), ("languages", ""), ("countriesWithExperience", ""), ("showcaseOptIn", "false"), ("archived", "false"),
                ("version", "1")])
            #expect(saved.status == 303)
            let checked = try await user.get("/")
            #expect(!checked.text.contains(confirm) && !checked.text.contains("日以上更新されていません"), "saved: no longer asked")
            #expect(checked.text.contains("登録情報の最終更新日：2027年4月14日"), "dated by the programme clock: 181 days after 15 October 2026")

            // Half a year on, the button says it is still current; a version someone's save overtook is refused with nothing written.
            clock.advance(seconds: CompanyService.profileReviewPeriod + 86_400)
            (user, stranger) = (try await signedIn(userEmail), try await signedIn(strangerEmail))
            let version = try await companies.company(mine.id, by: admin).version
            _ = try await user.get(path)
            let stale = try await user.post(path + "/profile-confirmed", form: [("version", String(version - 1))])
            #expect(stale.status == 409 && stale.text.contains(confirm))
            #expect(try await companies.company(mine.id, by: admin).version == version, "nothing written")
            let confirmed = try await user.post(path + "/profile-confirmed", form: [("version", String(version))])
            #expect(confirmed.status == 303 && confirmed.header("Location") == path + "?profileConfirmed=1")
            #expect(!(try await user.get("/")).text.contains(confirm), "confirmed: no longer asked")
            _ = try await stranger.get("/")
            let refused = try await stranger.post(path + "/profile-confirmed", form: [("version", String(version + 1))])
            #expect(refused.status == 404, "not another company's: \(refused.status)")
        }
    }

    @Test("a technology added or a track record edited from the console counts as checking the profile; managers filter the directory on 要確認 and see each profile's date, a company's user neither")
    func profileKeptByCapabilities() async throws {
        try await Self.withTwoCompanies { clock, port, application, admin, companies, mine, _ in
            let record = try await companies.createTrackRecord(CompanyTrackRecordDraft(country: "VN", city: "Da Nang", disclosure: .public), companyID: mine.id, by: admin)
            let (userEmail, coordinatorEmail) = (try await ConsoleBrowser.user(application, .company, companyID: mine.id).email,
                                                 try await ConsoleBrowser.user(application, .coordinator).email)
            let signedIn = { (email: String) in try await Self.signedIn(email, port: port) }
            let path = "/companies/\(mine.id.uuidString.lowercased())"
            let confirm = "action=\"\(path)/profile-confirmed\""

            clock.advance(seconds: CompanyService.profileReviewPeriod + 86_400)
            var user = try await signedIn(userEmail)
            #expect(try await user.get("/").text.contains(confirm), "asked")
            _ = try await user.get(path + "/technologies/new")
            let added = try await user.post(path + "/technologies/new", form: [
                ("titleJa", "太陽光発電の保守"), ("titleEn", ""), ("descriptionJa", ""), ("descriptionEn", ""), ("taxonomyCodes", "solar_pv"),
                ("maturity", "commercial"), ("disclosure", "public")])
            #expect(added.status == 303)
            var home = try await user.get("/")
            #expect(!home.text.contains(confirm) && home.text.contains("登録情報の最終更新日：2027年4月14日"), "a technology added")

            clock.advance(seconds: CompanyService.profileReviewPeriod + 86_400)
            user = try await signedIn(userEmail)
            let recordPath = path + "/track-records/\(record.id.uuidString.lowercased())/edit"
            _ = try await user.get(recordPath)
            let edited = try await user.post(recordPath, form: [
                ("country", "VN"), ("city", "Hue"), ("year", ""), ("client", ""), ("summary", ""), ("link", ""), ("disclosure", "public"),
                ("version", String(record.version))])
            #expect(edited.status == 303)
            home = try await user.get("/")
            #expect(!home.text.contains(confirm) && home.text.contains("登録情報の最終更新日：2027年10月12日"), "a track record edited")
            #expect(try await companies.company(mine.id, by: admin).version == mine.version, "the company's own fields, and version, untouched")

            var coordinator = try await signedIn(coordinatorEmail)
            let due = try await coordinator.get("/companies?profile=due")
            #expect(due.status == 200 && due.text.contains("ほかの環境") && !due.text.contains("みなと環境"), "only the profile past the period")
            #expect(due.text.contains("data-label=\"登録情報の最終更新日\">登録情報の最終更新日</th>"), "the date's column")
            #expect(due.text.contains("2026年10月15日") && due.text.contains("<span class=\"tag\">要確認</span>"), "its date, marked")
            #expect(due.text.contains("href=\"/companies/export.csv?profile=due\""), "the export keeps the filter")
            let every = try await coordinator.get("/companies")
            #expect(every.text.contains("ほかの環境") && every.text.contains("みなと環境") && every.text.contains("name=\"profile\""))

            let seen = try await user.get("/companies?profile=due")
            #expect(seen.status == 200 && seen.text.contains("ほかの環境") && seen.text.contains("みなと環境"), "ignored for a company's user")
            #expect(!seen.text.contains("name=\"profile\"") && !seen.text.contains("登録情報の最終更新日"), "neither the filter nor the dates")
        }
    }

    /// A test server on a clock the test moves, an administrator, and two companies created at its start: みなと環境, whose
    /// users the test follows, and ほかの環境.
    static func withTwoCompanies(
        _ body: (TestClock, Int, Application, Principal, CompanyService, Company, Company) async throws -> Void
    ) async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let mine = try await companies.createCompany(CompanyDraft(nameJa: "みなと環境", size: .sme), by: admin)
            let other = try await companies.createCompany(CompanyDraft(nameJa: "ほかの環境", size: .sme), by: admin)
            try await body(clock, port, application, admin, companies, mine, other)
        }
    }

    /// A browser signed in as `email` now: a test that moves the clock by months outlives every session.
    static func signedIn(_ email: String, port: Int) async throws -> ConsoleBrowser {
        var browser = ConsoleBrowser(port: port)
        _ = try await browser.signIn(email)
        return browser
    }
}
