import Accounts
import App
import Cities
import Companies
@testable import Console
import Conventions
import Coordinators
import DomainKit
import HTTPServer
import Jobs
import Mail
import Notifications
import Foundation
import KPI
import Postgres
import Synchronization
import Matches
import TestSupport
import Testing

/// Console page × role × own or other tenant's record, on the real server: the same answers the API
/// gives (403 for a role the operation refuses, 404 for another tenant's record).
@Suite("Console role matrix")
struct ConsoleRoleMatrixTests {
    @Test("each page answers each role as the API's rules say")
    func matrix() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            let all = Set(Role.allCases)
            let readersOfLeads: Set<Role> = [.admin, .coordinator, .liaison]
            let kpiReaders: Set<Role> = [.admin, .coordinator, .viewer]
            func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
            let note = try await CoordinatorService(
                pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock
            ).createKnowledgeNote(KnowledgeNoteDraft(titleJa: "ダナンの入札", countries: ["VN"]), by: world.coordinator).id
            let profile = try #require(try await CoordinatorService(
                pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock
            ).ownProfile(by: world.coordinator)).id
            let job = try #require(try await JobQueue.enqueue(NewJob(kind: BuiltInJobs.noop), in: application.pool))
            let otherCompany = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(CompanyDraft(nameEn: "Another company", size: .sme), by: world.coordinator).id
            // console11: business-match records, one of company A (the company user's) and one of another company.
            let matchService = MatchService(pool: application.pool, index: application.matchIndex, clock: application.clock)
            let matchA = try await matchService.createMatch(BusinessMatchDraft(companyId: world.companyA, needId: world.needA, channel: .direct), by: world.coordinator).id
            let matchOther = try await matchService.createMatch(BusinessMatchDraft(companyId: otherCompany, needId: world.needB, channel: .direct), by: world.coordinator).id
            let matchReaders: Set<Role> = [.admin, .coordinator, .viewer, .company]
            // gaps12: an event nobody of the world organizes (an organizer's 404), read by every other role.
            let eventStart = Date(timeIntervalSince1970: 1_796_000_000)
            let event = try await application.conventions.createEvent(EventDraft(
                kind: .seminar, titleJa: "行列のセミナー", startsAt: eventStart, endsAt: eventStart.addingTimeInterval(3600), format: .online,
                onlineCapacity: 10), by: Principal(userID: UUID(), role: .admin)).id
            // (path, roles answered 200, roles answered 404; every other role 403)
            let rows: [(String, Set<Role>, Set<Role>)] = [
                ("/", all, []),
                ("/needs", all, []),
                ("/needs?q=%E5%BB%83%E6%A3%84%E7%89%A9", all, []),
                ("/needs/new", [.admin, .coordinator, .liaison], []),
                ("/needs/\(id(world.needA))", all, []),
                ("/needs/\(id(world.needB))", all.subtracting([.liaison]), [.liaison]),
                ("/needs/\(id(UUID()))", [], all),
                ("/needs/\(id(world.needA))/edit", [.admin, .coordinator, .liaison], []),
                ("/needs/\(id(world.needB))/edit", [.admin, .coordinator], [.liaison]),
                ("/leads/\(id(world.leadA))", readersOfLeads, []),
                ("/leads/\(id(world.leadB))", readersOfLeads.subtracting([.liaison]), [.liaison]),
                ("/companies/\(id(world.companyA))", all.subtracting([.viewer]), []),
                ("/kpi", kpiReaders, []),
                ("/kpi?fy=2024", kpiReaders, []),
                ("/kpi/report.csv?fy=2024", kpiReaders, []),
                ("/users", [.admin], []),
                ("/needs/\(id(world.needA))/consortium", [.admin, .coordinator], []),
                ("/needs/\(id(UUID()))/consortium", [], [.admin, .coordinator]),
                ("/knowledge", [.admin, .coordinator], []),
                ("/needs/import", [.admin, .coordinator, .liaison], []),
                ("/kpi/commercializations/records", kpiReaders, []),
                ("/kpi/no_such_kpi/records", [], kpiReaders),
                ("/users/new", [.admin], []),
                ("/users/\(id(world.coordinator.userID))", [.admin], []),
                ("/users/\(id(UUID()))", [], [.admin]),
                ("/api-keys", all, []),
                ("/companies/\(id(world.companyA))/technologies/new", [.admin, .coordinator, .company], []),
                ("/companies/\(id(world.companyA))/track-records/new", [.admin, .coordinator, .company], []),
                ("/companies/\(id(world.companyA))/opportunities", [.admin, .coordinator, .company], []),
                ("/companies/\(id(UUID()))/opportunities", [], [.admin, .coordinator, .company]),
                ("/knowledge?q=%E5%BB%83%E6%A3%84%E7%89%A9&country=VN", [.admin, .coordinator], []),
                // console3: meeting requests and a track record's edit
                ("/companies/\(id(world.companyA))/meetings", [.admin, .coordinator, .organizer, .company], []),
                ("/companies/\(id(UUID()))/meetings", [], [.admin, .coordinator, .organizer, .company]),
                ("/conventions/events/\(id(UUID()))/meetings", [], [.admin, .coordinator, .organizer, .company]),
                ("/companies/\(id(world.companyA))/track-records/\(id(UUID()))/edit", [], [.admin, .coordinator, .company]),
                // console8: events and sessions, created and edited by organizers and admins (createEvent, updateEvent, …)
                ("/conventions/events/new", [.admin, .organizer], []),
                ("/conventions/events/\(id(UUID()))/edit", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/sessions/new", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/sessions/\(id(UUID()))/edit", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/registrations/import", [], [.admin, .organizer]),
                // console14: registrations by hand, cancellation, erasure, a session's desk and import, meeting requests recorded
                ("/conventions/events/\(id(UUID()))/registrations/new", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/registrations/\(id(UUID()))/cancel", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/registrations/\(id(UUID()))/erase", [], [.admin]),
                ("/conventions/events/\(id(UUID()))/desk?session=\(id(UUID()))", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/attendance-import?session=\(id(UUID()))", [], [.admin, .organizer]),
                ("/conventions/events/\(id(UUID()))/meetings/new", [], [.admin, .coordinator, .organizer]),
                // gaps12: events read by every role (the council included), co-organizers, the pipeline
                ("/conventions", all, []),
                ("/conventions/events/\(id(event))", all.subtracting([.organizer]), [.organizer]),
                ("/conventions/events/\(id(UUID()))", [], all),
                ("/conventions/events/\(id(event))/organizers", [.admin], [.organizer]),
                ("/conventions/events/\(id(UUID()))/organizers", [], [.admin, .organizer]),
                ("/leads/pipeline", [.admin, .coordinator, .liaison, .viewer], []),
                // console10: KPI targets (admins) and the revenue ledger (read by the KPI's readers, written by admins)
                ("/kpi/targets", [.admin], []),
                ("/kpi/targets?fy=2030", [.admin], []),
                ("/kpi/revenue", kpiReaders, []),
                ("/kpi/revenue?fy=2024", kpiReaders, []),
                ("/kpi/revenue/new", [.admin], []),
                ("/kpi/revenue/\(id(UUID()))/reverse", [], [.admin]),
                ("/kpi/settings", [.admin], []),
                ("/kpi/years/2024", [.admin], []),
                ("/kpi/years/2024/close", [.admin], []),
                ("/kpi/years/1999", [], [.admin]),
                // console9: my account, and knowledge notes (the note is the world coordinator's; an admin edits any)
                ("/account", all, []),
                ("/companies/new", [.admin, .coordinator], []),
                ("/knowledge/new", [.admin, .coordinator], []),
                ("/knowledge/\(id(note))", [.admin, .coordinator], []),
                ("/knowledge/\(id(note))/edit", [.admin, .coordinator], []),
                ("/knowledge/\(id(UUID()))", [], [.admin, .coordinator]),
                ("/knowledge/\(id(UUID()))/edit", [], [.admin, .coordinator]),
                // console11: business-match records (a company user reads only its own company's) and the form that records one
                ("/matches/\(id(matchA))", matchReaders, []),
                ("/matches/\(id(matchOther))", matchReaders.subtracting([.company]), [.company]),
                ("/matches/\(id(UUID()))", [], matchReaders),
                ("/matches/new?company=\(id(world.companyA))&need=\(id(world.needA))&from=ranking", [.admin, .coordinator], []),
                ("/matches/new?company=\(id(world.companyA))&lead=\(id(world.leadB))", [.admin, .coordinator], []),
                ("/matches/new?company=\(id(world.companyA))&need=\(id(UUID()))", [], [.admin, .coordinator]),
                // console11: the leads list (a liaison officer's are those its base brought)
                ("/leads", readersOfLeads, []),
                ("/leads?stage=lead&q=%E6%A1%88%E4%BB%B6&city=\(id(UUID()))", readersOfLeads, []),
                ("/leads/\(id(world.leadA))/edit", [.admin, .coordinator], []),
                ("/leads/\(id(UUID()))/edit", [], [.admin, .coordinator]),
                ("/needs/coverage", [.admin, .coordinator, .viewer], []),
                // console15: the administrator's hub, coordinator profiles (read by all but the council, as the API) and jobs
                ("/admin", [.admin], []),
                ("/coordinators", all.subtracting([.viewer]), []),
                ("/coordinators?q=%E5%B1%B1%E7%94%B0&active=true", all.subtracting([.viewer]), []),
                ("/coordinators/new", [.admin], []),
                ("/coordinators/\(id(profile))", all.subtracting([.viewer]), []),
                ("/coordinators/\(id(profile))/edit", [.admin, .coordinator], []),
                ("/coordinators/\(id(UUID()))", [], all.subtracting([.viewer])),
                ("/coordinators/\(id(UUID()))/edit", [], [.admin, .coordinator]),
                ("/jobs", [.admin], []),
                ("/jobs?state=discarded", [.admin], []),
                ("/jobs/\(job)", [.admin], []),
                ("/jobs/999999999", [], [.admin]),
                ("/audit", [.admin], []),
                ("/audit?entity=coordinators&from=2026-01-01&to=2026-12-31", [.admin], []),
                ("/audit/999999999/restore?field=name_en", [], [.admin]),
                ("/mail", [.admin], []),
                ("/mail?state=failed&reference=x", [.admin], []),
                ("/webhooks", [.admin], []),
                ("/webhooks/new", [.admin], []),
                ("/webhooks/\(id(UUID()))", [], [.admin]),
                ("/webhooks/\(id(UUID()))/edit", [], [.admin]),
                ("/kpi/snapshots", kpiReaders, []),
                ("/kpi/snapshots?fy=2024&code=commercializations", kpiReaders, []),
                // console13: the company directory; the record's edit (company staff their own), import, duplicates, merge (admins)
                ("/companies", all.subtracting([.viewer]), []),
                ("/companies?q=%E5%BB%83%E6%A3%84%E7%89%A9&country=VN&inYokohama=true&yusa=false&archived=include", all.subtracting([.viewer]), []),
                ("/companies/import", [.admin, .coordinator], []),
                ("/companies/\(id(world.companyA))/edit", [.admin, .coordinator, .company], []),
                ("/companies/\(id(otherCompany))/edit", [.admin, .coordinator], [.company]),
                ("/companies/\(id(UUID()))/edit", [], [.admin, .coordinator, .company]),
                ("/companies/\(id(world.companyA))/duplicates", [.admin, .coordinator], []),
                ("/companies/\(id(UUID()))/duplicates", [], [.admin, .coordinator]),
                ("/companies/\(id(world.companyA))/merge?absorb=\(id(otherCompany))", [.admin], []),
                ("/companies/\(id(world.companyA))/merge?absorb=\(id(UUID()))", [], [.admin]),
                // gaps11: the leads list by country, the directory by municipality and size
                ("/leads?country=VN", readersOfLeads, []),
                // leads30: going cold, and the list as CSV
                ("/leads?inactive=30&stage=lead", readersOfLeads, []),
                ("/leads/export.csv?inactive=60", readersOfLeads, []),
                // leads31: handing a coordinator's leads over is an administrator's
                ("/leads/reassign?from=\(id(profile))", [.admin], []),
                ("/leads/reassign?from=\(id(UUID()))", [], [.admin]),
                ("/companies?municipality=%E6%A8%AA%E6%B5%9C&size=sme", all.subtracting([.viewer]), []),
            ]
            for (path, ok, missing) in rows {
                for role in Role.allCases {
                    let response = try await world.browsers[role]!.get(path)
                    let expected = ok.contains(role) ? 200 : missing.contains(role) ? 404 : 403
                    #expect(response.status == expected, "\(path) as \(role): \(response.status)")
                    if !path.contains(".csv") || response.status != 200 {
                        // A refused CSV link answers with a page too.
                        #expect(response.text.contains("<title>") && response.text.contains("<h1"), "\(path) as \(role)")
                    }
                }
            }
            // A write: starting a lead is the coordinators' and admins' (createLead), and needs a valid CSRF token.
            for role in Role.allCases {
                var browser = world.browsers[role]!
                _ = try await browser.get("/")
                let response = try await browser.post("/needs/\(id(world.needA))/leads", form: [("title", "matrix \(role.rawValue)")])
                let expected = [.admin, .coordinator].contains(role) ? (role == .admin ? 422 : 303) : 403
                #expect(response.status == expected, "start a lead as \(role): \(response.status)")
                world.browsers[role] = browser
            }
        }
    }

    @Test("every link a page shows opens for the person reading it: no role is led to a refusal")
    func linksOpen() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            // A commercialized lead, so that the KPI records list one (a viewer reads those, not the lead).
            try await world.commercializeLeadA(application)
            let year = FiscalYear(containing: application.clock.now()).startYear
            for role in Role.allCases {
                var browser = world.browsers[role]!
                // The KPI pages of the year the lead counts in, for those who read KPIs (the others are refused them).
                var queue = ["/"] + ([.admin, .coordinator, .viewer].contains(role) ? ["/kpi?fy=\(year)"] : []), seen: Set<String> = []
                while let path = queue.first, seen.count < 80 {
                    queue.removeFirst()
                    guard seen.insert(path).inserted else { continue }
                    let response = try await browser.get(path)
                    #expect(response.status != 403 && response.status < 500, "\(path) as \(role): \(response.status)")
                    guard response.status == 200, response.header("Content-Type")?.hasPrefix("text/html") == true else { continue }
                    queue += Self.links(in: response.text).filter { !seen.contains($0) }
                }
                #expect(seen.count > 3, "\(role) reached \(seen.count) pages")
                world.browsers[role] = browser
            }
        }
    }

    @Test("each role's header follows the page table as its home page does: every header link opens, the home page's header pages are all in it")
    func headerFollowsThePageTable() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            // The pages that belong in the header; a company's own page is "My company" for its staff.
            let headerPages = ["/", "/needs", "/leads", "/leads/pipeline", "/conventions", "/companies", "/cities", "/kpi", "/knowledge", "/admin"]
            let ownCompany = "/companies/\(world.companyA.uuidString.lowercased())"
            for role in Role.allCases {
                var browser = world.browsers[role]!
                let home = try await browser.get("/")
                let navigation = try #require(home.text.components(separatedBy: "<nav class=\"site-nav\"").last?.components(separatedBy: "</nav>").first)
                let header = Self.links(in: navigation)
                let homeLinks = Set(Self.links(in: home.text.components(separatedBy: "<main").last ?? ""))
                let belonging = headerPages + (role == .company ? [ownCompany] : [])
                #expect(Set(header).isSubset(of: belonging) && Set(header).count == header.count, "\(role): \(header)")
                for path in belonging {
                    let opens = try await browser.get(path).status == 200
                    if header.contains(path) { #expect(opens, "\(role): the header's \(path) opens") }
                    if homeLinks.contains(path) { #expect(header.contains(path), "\(role): the home page links \(path), the header does not") }
                    // The pipeline is linked from the leads list, for the roles that open it.
                    if opens, !(path == "/leads/pipeline" && header.contains("/leads")) {
                        #expect(header.contains(path), "\(role) opens \(path) but its header does not list it")
                    }
                }
                world.browsers[role] = browser
            }
        }
    }

    /// The page's own links (`href="/…"`), entities decoded; signing out and the assets are left out.
    static func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"/").dropFirst().compactMap { rest in
            let path = "/" + rest.prefix { $0 != "\"" && $0 != "#" }.replacingOccurrences(of: "&amp;", with: "&")
            return path.hasPrefix("/logout") || path.hasPrefix("/assets") ? nil : path
        }
    }

    @Test("the coordinator's writes (decisions, next action, consortium members) are refused to other roles before any service runs")
    func coordinatorWrites() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }
            let company = id(world.companyA)
            // (path, form, status for admin and coordinator): an empty reason or a missing activity is their 4xx.
            let writes: [(String, [(String, String)], Int)] = [
                ("/needs/\(id(world.needA))/decisions", [("companyId", company), ("decision", "pinned"), ("reason", "")], 422),
                ("/needs/\(id(world.needA))/decisions/\(company)/remove", [("version", "1")], 404),
                ("/leads/\(id(world.leadA))/next-action", [("activityId", id(UUID())), ("activityVersion", "1"), ("nextActionText", "x")], 404),
                ("/leads/\(id(world.leadA))/companies", [("companyId", id(UUID())), ("role", "prime")], 422),
                ("/leads/\(id(world.leadA))/companies/\(company)/remove", [], 404),
                ("/matches/new", [("company", company), ("need", id(world.needA)), ("channel", "liaison_base"), ("liaisonBaseId", "")], 422),
                ("/matches/\(id(UUID()))/transitions", [("version", "1"), ("to", "introduced")], 404),
                ("/leads/\(id(world.leadA))/edit", [("version", "1"), ("title", ""), ("sourceChannel", "inquiry")], 422),
                ("/leads/\(id(world.leadA))/local-partners", [("localPartnerId", id(UUID()))], 422),
                ("/leads/\(id(world.leadA))/local-partners/\(id(UUID()))/remove", [], 404),
            ]
            for (path, form, writerStatus) in writes {
                for role in Role.allCases {
                    var browser = world.browsers[role]!
                    _ = try await browser.get("/")
                    let response = try await browser.post(path, form: form)
                    let expected = [.admin, .coordinator].contains(role) ? writerStatus : 403
                    #expect(response.status == expected, "\(path) as \(role): \(response.status)")
                    world.browsers[role] = browser
                }
            }
        }
    }

    @Test("every API operation a page names exists, so no page is open by a typo")
    func operationsExist() async throws {
        let configuration = AppConfiguration(
            database: PostgresConfiguration(parameters: []), migrationsDirectory: TestDatabase.migrationsDirectory)
        let application = try Application(configuration: configuration, clock: .test)
        let console = Self.console(application)
        let operations = Set(application.routes.map(\.operationID))
        for page in console.pages {
            for operation in page.operations { #expect(operations.contains(operation), "\(page.template) names \(operation)") }
            if page.signedIn && page.template.description != "/logout" && page.template.description != "/" {
                #expect(!page.operations.isEmpty, "\(page.template) names no operation")
            }
        }
        // Paths the API owns never reach the console.
        #expect(!Console.serves(path: "/v1/me") && !Console.serves(path: "/healthz") && Console.serves(path: "/needs"))
    }

    @Test("an error no page expects is a 500 page with the request's reference, and the log is told which error (refusals are not bugs)")
    func unexpectedErrorReported() async throws {
        let configuration = AppConfiguration(
            database: PostgresConfiguration(parameters: []), migrationsDirectory: TestDatabase.migrationsDirectory)
        let application = try Application(configuration: configuration, clock: .test)
        struct Broken: Error {}
        let reported = Mutex<[(error: String, requestID: String)]>([])
        let console = Self.console(application) { error, requestID in reported.withLock { $0.append((String(describing: error), requestID)) } }
        let page = console.errorPage(Broken(), .sample)
        #expect(page.status.code == 500 && String(decoding: page.bodyBytes, as: UTF8.self).contains("test"))
        _ = console.errorPage(ConsoleError.notFound, .sample)
        _ = console.errorPage(ConsoleError.forbidden, .sample)
        let lines = reported.withLock { $0 }
        #expect(lines.count == 1 && lines.first?.error == "Broken()" && lines.first?.requestID == "test")
    }

    /// The console on a test application's services, as `Application.makeConsole` builds it.
    static func console(
        _ application: Application, reportBug: @escaping @Sendable (any Error, String) -> Void = { _, _ in }
    ) -> Console {
        Console(
            services: .init(
                accounts: application.accounts, cities: CityService(pool: application.pool, clock: application.clock), companies: CompanyService(pool: application.pool, clock: application.clock),
                coordinators: CoordinatorService(pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                                                 companies: CompanyService(pool: application.pool, clock: application.clock), clock: .test),
                matches: MatchService(pool: application.pool, index: application.matchIndex, clock: .test),
                kpi: KPIService(pool: application.pool, clock: .test), conventions: application.conventions,
                revenue: RevenueLedger(pool: application.pool, clock: .test), jobs: JobAdmin(pool: application.pool, clock: application.clock),
                notifications: NotificationService(pool: application.pool, secretsKey: application.configuration.secretsKey),
                mail: MailDeliveryLog(pool: application.pool, clock: application.clock)),
            pool: application.pool, apiRoutes: application.routes, clock: .test, trustProxy: false, report: reportBug)
    }
}

extension ConsoleRoleMatrixTests {
    @Test("a page whose request the handler timeout cancelled is a 503 page, reported as a time limit rather than a 500 bug")
    func timeLimitIsNotABug() async throws {
        let configuration = AppConfiguration(
            database: PostgresConfiguration(parameters: []), migrationsDirectory: TestDatabase.migrationsDirectory)
        let application = try Application(configuration: configuration, clock: .test)
        let reported = Mutex<[String]>([])
        let console = Self.console(application) { error, _ in reported.withLock { $0.append(String(describing: error)) } }
        let timedOut = PostgresError(.server, "the task was cancelled before the statement was sent", sqlState: .queryCanceled)
        let (cancelled, finish) = AsyncStream<Void>.makeStream()
        let page = Task {
            // The page is made once the task is cancelled, as the handler timeout leaves a request's task.
            await withTaskCancellationHandler { for await _ in cancelled {} } onCancel: { finish.finish() }
            return console.errorPage(timedOut, .sample)
        }
        page.cancel()
        #expect(await page.value.status.code == 503)
        #expect(reported.withLock { $0.count } == 1, "the log is told, as the time limit it is (Application.makeConsole)")
    }
}
