import Accounts
import App
import Companies
import Conventions
import Coordinators
import DomainKit
import Foundation
import Notifications
import Postgres
import TestSupport
import Testing

/// Defects found by probing last session's pages from outside (probe9), each through the real server.
@Suite("Console: defects found probing the new pages")
struct ConsoleProbeFixesTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    /// Two companies likely to be one (the same English name but for case and suffix), added by the coordinator.
    static func twins(_ application: Application, _ world: ConsoleWorld) async throws -> (CompanyService, kept: Company, copy: Company) {
        let companies = CompanyService(pool: application.pool, clock: application.clock)
        let kept = try await companies.createCompany(CompanyDraft(nameEn: "Minato Water Co., Ltd.", size: .sme), by: world.coordinator)
        let copy = try await companies.createCompany(CompanyDraft(nameEn: "MINATO WATER Inc.", size: .sme), by: world.coordinator)
        return (companies, kept, copy)
    }

    @Test("a merge confirmed after the company to merge away was edited writes nothing and shows both records again (409); confirmed again, it merges the edit")
    func mergeAfterTheAbsorbedCompanyChanged() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (companies, kept, copy) = try await ConsoleProbeFixesTests.twins(application, world)
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

    @Test("a CSV whose quoted value never closes is refused in the reader's language with the line it opens on, never the parser's English")
    func unterminatedQuoteIsWorded() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!
            let file = Array("nameEn,size\r\nHarbour Works,sme\r\n\"Minato, Inc.,sme\r\nLast Co,sme\r\n".utf8)
            for (language, words) in [("ja", ["3行目", "二重引用符（&quot;）で始まる値が閉じられていない"]), ("en", ["Line 3", "A value that starts with a double quote (&quot;) is never closed"])] {
                coordinator.cookies["domino_lang"] = language
                _ = try await coordinator.get("/companies/import")
                let refused = try await coordinator.postMultipart("/companies/import", fields: [], file: (name: "file", filename: "companies.csv", bytes: file))
                #expect(refused.status == 422)
                #expect(words.allSatisfy { refused.text.contains($0) } && !refused.text.contains("unterminated quoted field"), "\(language)")
            }
            #expect(try await CompanyService(pool: application.pool, clock: application.clock).companies(CompanyFilter(text: "Harbour Works"), page: PageRequest(limit: 5), by: world.coordinator).items.isEmpty)
        }
    }

    @Test("an erasure confirmed from a second tab after the first erased the person says it was erased already and writes nothing more")
    func eraseFromTwoTabs() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (_, event, registration, path) = try await ConsoleRegistrationsByHandTests.registered(application, port: port, action: "erase")
            var first = try await ConsoleRegistrationsByHandTests.signedIn(application, port: port, .admin)
            var second = try await ConsoleRegistrationsByHandTests.signedIn(application, port: port, .admin)
            _ = try await first.get(path)
            _ = try await second.get(path)
            #expect(try await first.post(path, form: []).text.contains("個人情報を消去しました"))
            let version = try await Self.participantVersion(application, registration)
            let again = try await second.post(path, form: [])
            #expect(again.status == 200 && again.text.contains("消去済みです") && !again.text.contains("個人情報を消去しました"))
            #expect(try await Self.participantVersion(application, registration) == version, "the participant is not written again")
            let redactions = try await application.pool.withConnection { db in
                try await db.query("SELECT count(*) AS n FROM audit_log WHERE action = 'redact' AND entity_id = \(registration.participant.id.uuidString.lowercased())")
                    .first?.decode("n", as: Int64.self)
            }
            #expect(redactions == 1, "one erasure in the audit log")
            _ = event
        }
    }

    static func participantVersion(_ application: Application, _ registration: Registration) async throws -> Int? {
        try await application.pool.withConnection { db in
            try await db.query("SELECT version FROM participants WHERE id = \(registration.participant.id)").first?.decode("version", as: Int.self)
        }
    }

    @Test("a meeting request's message with a control character, a NUL or a text-direction override is refused for what it is, not as too long, in both languages")
    func meetingMessageControls() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let registration = try await ConventionPagesTests.register(application, event, "an@example.vn")
            let path = ConventionPagesTests.path(event) + "/meetings/new"
            let fields = [("participantId", registration.participant.id.uuidString.lowercased()), ("companyId", world.companyA.uuidString.lowercased())]
            for (language, words, tooLong) in [("ja", "「伝えたいこと」から制御文字・文字方向の制御記号を取り除いてください", "伝えたいことは2,000文字以内"),
                                               ("en", "Remove control characters and text-direction marks from the message", "Keep the message to 2,000 characters")] {
                browser.cookies["domino_lang"] = language
                for message in ["焼却炉\u{0}について", "焼却炉\u{202E}について", "bell\u{7}"] {
                    _ = try await browser.get(path)
                    let refused = try await browser.post(path, form: fields + [("message", message)])
                    #expect(refused.status == 422 && refused.text.contains(words), "\(language) \(message.unicodeScalars.map(\.value))")
                    #expect(!refused.text.contains(tooLong), "not worded as too long")
                }
            }
            #expect(try await application.conventions.meetingRequests(of: event.id, page: PageRequest(limit: 10), by: ConventionPagesTests.admin).items.isEmpty)
        }
    }

    @Test("a notification endpoint's name or address with a NUL, a control character or a text-direction override is refused beside its field (never a 500) and nothing is stored")
    func webhookControls() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let address = "https://receiver.example.org/hooks/probe"
            let cases: [(name: String, url: String, words: String)] = [
                ("CRM\u{0}連携", address, "「名前」から制御文字・文字方向の制御記号を取り除いてください"),
                ("CRM\u{202E}連携", address, "「名前」から制御文字・文字方向の制御記号を取り除いてください"),
                ("CRM\u{7}", address, "「名前」から制御文字・文字方向の制御記号を取り除いてください"),
                ("CRM 連携", address + "\u{0}x", "送信先 URL は"),
                ("CRM 連携", address + "\u{202E}x", "送信先 URL は"),
                ("CRM 連携", address + "\nx", "送信先 URL は"),
            ]
            for sent in cases {
                _ = try await admin.get("/webhooks/new")
                let refused = try await admin.post("/webhooks", form: [
                    ("channel", "webhook"), ("name", sent.name), ("endpointUrl", sent.url), ("events", "kpi_at_risk"), ("enabled", "true"),
                ])
                #expect(refused.status == 422 && refused.text.contains(sent.words), "\(sent.name.unicodeScalars.map(\.value)) \(sent.url.suffix(3).unicodeScalars.map(\.value))")
            }
            let endpoints: Int = try await application.pool.query("SELECT count(*) FROM notification_endpoints")[0].decode(column: 0)
            #expect(endpoints == 0)
        }
    }

    @Test("registering by hand a student with a campus of another university than the one chosen says so beside the campus, not that campuses are for academia only")
    func campusOfAnotherUniversity() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event) = try await ConsoleRegistrationsByHandTests.organizer(application, port: port)
            let path = ConventionPagesTests.path(event) + "/registrations/new"
            let student = [("nameEn", "Hanako Yamada"), ("email", "hanako@example.ac.jp"), ("sector", "academia"), ("role", "student"),
                           ("campusId", "ynu_tokiwadai"), ("universityId", "ferris"), ("consent", "yes")]
            for (language, words, wrong) in [("ja", "このキャンパスは選んだ大学のものではありません", "学術分野の方のみ選べます"),
                                             ("en", "This campus belongs to another university", "only in the academia sector")] {
                browser.cookies["domino_lang"] = language
                _ = try await browser.get(path)
                let refused = try await browser.post(path, form: student)
                #expect(refused.status == 422 && refused.text.contains(words) && !refused.text.contains(wrong), "\(language)")
                #expect(refused.text.contains("value=\"hanako@example.ac.jp\""), "input kept")
            }
            #expect(try await ConsoleRegistrationsByHandTests.registrations(application, event).isEmpty)
        }
    }

    @Test("a lead saved with a need that is not (or no longer) its city's is refused above the needs in words, not as 「needIds.0」 beside the title")
    func leadNeedOfAnotherCity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let path = "/leads/\(Self.id(world.leadA))/edit"
            let form = try await browser.get(path)
            let version = try ConsoleCoordinatorTests.hidden("version", in: form.text)
            for (language, words) in [("ja", "この都市のニーズではなくなったもの"), ("en", "no longer one of this city&#39;s needs")] {
                browser.cookies["domino_lang"] = language
                _ = try await browser.get(path)
                let refused = try await browser.post(path, form: [
                    ("version", version), ("title", "案件 0"), ("needIds", Self.id(world.needB)), ("sourceChannel", "liaison_base"), ("sourceLiaisonBaseId", ""),
                    ("estimatedValueYen", ""), ("expectedCloseOn", ""),
                ])
                #expect(refused.status == 422 && refused.text.contains(words), "\(language)")
                #expect(!refused.text.contains("needIds.0") && !refused.text.contains("id=\"title-error\""), "no field name, nothing beside the title")
                #expect(refused.text.contains("href=\"#needIds-0\""), "the summary links to the needs")
            }
            #expect(try await ConsoleLeadEditTests.service(application).lead(world.leadA, by: world.coordinator).version == Int(version), "nothing written")
        }
    }

    @Test("a company's website or a track record's link that is not an http(s) address (javascript:, data:, a bare word) is refused beside its field, in the form and in the import; http(s) passes")
    func webAddresses() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let company = try await companies.createCompany(CompanyDraft(nameJa: "株式会社ハマ環境", size: .sme), by: world.coordinator)
            let path = "/companies/\(Self.id(company.id))/edit"
            var browser = world.browsers[.coordinator]!
            let fields: [(String, String)] = [("nameJa", "株式会社ハマ環境"), ("size", "sme"), ("inYokohama", "false"), ("showcaseOptIn", "false"), ("version", "1")]
            for (language, words) in [("ja", "「ウェブサイト」は https://（または http://）で始まる"), ("en", "Enter “Website” as a web address starting with https://")] {
                browser.cookies["domino_lang"] = language
                for address in ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "hama.example.jp", "https://", "https://hama .example.jp"] {
                    _ = try await browser.get(path)
                    let refused = try await browser.post(path, form: fields + [("website", address)])
                    #expect(refused.status == 422 && refused.text.contains(words), "\(language) \(address)")
                }
            }
            #expect(try await companies.company(company.id, by: world.coordinator).version == 1, "nothing written")
            let saved = try await browser.post(path, form: fields + [("website", "HTTPS://hama.example.jp/about?x=1")])
            #expect(saved.status == 303)

            var staff = world.browsers[.company]!
            let records = "/companies/\(Self.id(world.companyA))/track-records/new"
            _ = try await staff.get(records)
            let link = try await staff.post(records, form: [("country", "VN"), ("city", "Da Nang"), ("year", "2024"), ("client", "ダナン市"),
                                                            ("summary", "焼却発電"), ("disclosure", "public"), ("link", "javascript:alert(1)")])
            #expect(link.status == 422 && link.text.contains("は https://（または http://）で始まる"))
            #expect(try await companies.trackRecords(of: world.companyA, page: PageRequest(limit: 10), by: world.coordinator).items.isEmpty)

            browser.cookies["domino_lang"] = "ja"
            _ = try await browser.get("/companies/import")
            let file = Array("nameEn,size,website\r\nHarbour Works,sme,javascript:alert(1)\r\n".utf8)
            let imported = try await browser.postMultipart("/companies/import", fields: [], file: (name: "file", filename: "companies.csv", bytes: file))
            #expect(imported.status == 422 && imported.text.contains("「website」は https://（または http://）で始まる"))
        }
    }

    @Test("numbers typed as people in Japan type them (１，５００，０００, ２０５０, １２) are read in the city and coordinator-profile forms, as in the lead and KPI forms")
    func fullWidthNumbers() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!
            _ = try await coordinator.get("/cities/new")
            let city = try await coordinator.post("/cities/new", form: [
                ("nameJa", "フエ市"), ("nameEn", "Hue"), ("country", "VN"), ("relationship", "prospect"), ("population", "１，１５０，０００"),
                ("zeroCarbonDeclaredYear", "２０２４"), ("zeroCarbonTargetYear", "２０５０"),
            ])
            #expect(city.status == 303)
            let cityLocation = try #require(city.header("Location"))
            let id = try #require(UUID(uuidString: String(cityLocation.dropFirst("/cities/".count).prefix(36))))
            let stored = try await application.pool.withConnection { db in
                try await db.query("SELECT population, zero_carbon_declared_year, zero_carbon_target_year FROM overseas_cities WHERE id = \(id)").first
            }
            #expect(try stored?.decode("population", as: Int64.self) == 1_150_000)
            #expect(try stored?.decode("zero_carbon_target_year", as: Int.self) == 2050 && stored?.decode("zero_carbon_declared_year", as: Int.self) == 2024)
            _ = try await coordinator.get("/cities/new")
            let negative = try await coordinator.post("/cities/new", form: [("nameJa", "ダラット市"), ("nameEn", "Da Lat"), ("country", "VN"), ("relationship", "prospect"), ("population", "-5")])
            #expect(negative.status == 422, "a negative population is still the service's refusal")

            var admin = world.browsers[.admin]!
            let (_, person) = try await ConsoleBrowser.user(application, .coordinator)
            _ = try await admin.get("/coordinators/new")
            let profile = try await admin.post("/coordinators/new", form: [
                ("userId", person.id.uuidString.lowercased()), ("displayName", "鈴木 一郎"), ("languages", "ja"), ("active", "true"), ("capacity", "１２"),
            ])
            #expect(profile.status == 303)
            let profileLocation = try #require(profile.header("Location"))
            let created = try #require(UUID(uuidString: String(profileLocation.dropFirst("/coordinators/".count).prefix(36))))
            #expect(try await ConsoleLeadEditTests.service(application).coordinator(created, by: world.coordinator).capacity == 12)
        }
    }
}
