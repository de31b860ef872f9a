import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What the walk through the console's forms as each role, in English and Japanese (ux38), found: each
/// fixed and checked here through the real server.
@Suite("Console: the forms walked as their users")
struct ConsoleFormWalkTests {
    @Test("the forms to add a user, a need and a company, and a need's edit form, each link back to where the person came from, in Japanese and English")
    func backLinks() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            let need = "/needs/\(world.needA.uuidString.lowercased())"
            for (language, users, needs, companies) in [
                ("ja", "← ユーザー一覧へ戻る", "← ニーズ一覧へ戻る", "← 企業一覧へ戻る"),
                ("en", "← Back to the users", "← Back to the needs", "← Back to the company directory"),
            ] {
                admin.cookies["domino_lang"] = language
                #expect(try await admin.get("/users/new").text.contains("<a href=\"/users\">\(users)</a>"), "\(language)")
                #expect(try await admin.get("/needs/new").text.contains("<a href=\"/needs\">\(needs)</a>"), "\(language)")
                #expect(try await admin.get("/companies/new").text.contains("<a href=\"/companies\">\(companies)</a>"), "\(language)")
                #expect(try await admin.get("\(need)/edit").text.contains("<p><a href=\"\(need)\">"), "\(language): the edit form leads back to the need")
            }
            var liaison = world.browsers[.liaison]!
            #expect(try await liaison.get("/needs/new").text.contains("<a href=\"/needs\">"), "a liaison officer reports from the needs list too")
            let refused = try await admin.post("/users/new", form: [("displayName", ""), ("email", ""), ("role", "coordinator"), ("passwordBy", "invitation")])
            #expect(refused.status == 422 && refused.text.contains("<a href=\"/users\">"), "a refused form keeps its way back")
        }
    }

    @Test("a new user's refused form lists its errors in the order of its fields: the name before the email address")
    func userErrorsInFieldOrder() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            _ = try await admin.get("/users/new")
            let refused = try await admin.post("/users/new", form: [("displayName", ""), ("email", "not an address"), ("role", "coordinator"),
                                                                     ("passwordBy", "invitation")])
            #expect(refused.status == 422)
            let summary = try #require(refused.text.range(of: "class=\"error-summary\"")).upperBound
            let name = try #require(refused.text.range(of: "href=\"#displayName\"", range: summary..<refused.text.endIndex))
            let email = try #require(refused.text.range(of: "href=\"#email\"", range: summary..<refused.text.endIndex))
            #expect(name.lowerBound < email.lowerBound, "the summary follows the form: Name, then Email address")
            #expect(refused.text.contains("value=\"not an address\""), "what was typed is kept")
        }
    }

    @Test("an administrator with no coordinator profile is offered to make one from the note form, not told to ask an administrator")
    func administratorMakesOwnProfile() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var admin = world.browsers[.admin]!
            for (language, asked, offered) in [
                ("ja", "管理者に作成を依頼してください", "自分のプロフィールを作成する"),
                ("en", "ask an administrator", "Create your profile"),
            ] {
                admin.cookies["domino_lang"] = language
                let page = try await admin.get("/knowledge/new")
                #expect(page.status == 200 && !page.text.contains(asked), "\(language)")
                #expect(page.text.contains("<a href=\"/coordinators/new\">\(offered)"), "\(language)")
                #expect(try await admin.get("/coordinators/new").status == 200, "the link opens for them")
            }
        }
    }

    @Test("a track record's year that is no year, or out of range, says how to write it, in Japanese and English, and nothing is saved")
    func trackRecordYear() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var company = world.browsers[.company]!
            let path = "/companies/\(world.companyA.uuidString.lowercased())"
            for (language, message) in [
                ("ja", "年は1900から2100までの西暦4桁で入力してください（例：2023）"),
                ("en", "Enter the year as four digits from 1900 to 2100, for example 2023"),
            ] {
                company.cookies["domino_lang"] = language
                for year in ["20x3", "1850"] {
                    _ = try await company.get("\(path)/track-records/new")
                    let refused = try await company.post("\(path)/track-records/new", form: [
                        ("country", "VN"), ("city", "Da Nang"), ("year", year), ("client", ""), ("summary", "Rooftop solar"), ("link", ""),
                        ("disclosure", "public"),
                    ])
                    #expect(refused.status == 422, "\(language) \(year)")
                    #expect(refused.text.contains("<a href=\"#year\">\(message)</a>") && refused.text.contains("value=\"\(year)\""), "\(language) \(year)")
                }
            }
            let saved = try await application.pool.query("SELECT count(*) AS n FROM company_track_records WHERE summary = 'Rooftop solar'")
            #expect(try saved[0].decode("n", as: Int.self) == 0)
        }
    }

    @Test("a need's page says when no field is chosen and why to choose one, and a ranked company's track record reads as place and year, in Japanese and English")
    func needPageReadsWell() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await Self.harbourWorks(application, world)
            var liaison = world.browsers[.liaison]!
            let location = try await Self.report(&liaison, world, application, title: "Biogas for a wet market",
                                                 description: "Organic waste of a market, about 3 t a day.")
            var admin = world.browsers[.admin]!
            for (language, none, record) in [
                ("ja", "まだ選ばれていません。分野を選ぶと、このニーズに合う企業が見つかりやすくなります。", "実績：Da Nang（ベトナム） 2021年"),
                ("en", "None chosen yet. Choosing the fields helps Domino find the companies that fit this need.", "Track record: Da Nang (Viet Nam), 2021"),
            ] {
                liaison.cookies["domino_lang"] = language
                admin.cookies["domino_lang"] = language
                #expect(try await liaison.get(location).text.contains("<dd>\(none)</dd>"), "\(language)")
                let ranked = try await admin.get("/needs/\(world.needA.uuidString.lowercased())")
                #expect(ranked.text.contains("<li>\(record)</li>"), "\(language)")
            }
        }
    }

    /// A need that shares no field and no word with any company still gets ten companies, by track record and
    /// readiness alone; read as a fit, that list sent people to companies that do not do the work.
    @Test("a ranking in which no company shares a field or a word with the need says so, in Japanese and English; one with a shared word does not")
    func rankingWithoutEvidenceSaysSo() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await Self.harbourWorks(application, world)
            var liaison = world.browsers[.liaison]!
            let unmatched = try await Self.report(&liaison, world, application, title: "Qwvzx", description: "")
            let matched = try await Self.report(&liaison, world, application, title: "A stoker furnace", description: "")
            var coordinator = world.browsers[.coordinator]!
            for (language, notice) in [
                ("ja", "このニーズと分野や言葉が一致する企業はまだありません。"),
                ("en", "No company shares a field or a word with this need yet."),
            ] {
                coordinator.cookies["domino_lang"] = language
                let bare = try await coordinator.get(unmatched).text
                #expect(bare.contains("Harbour Incineration Works") && bare.contains(notice), "\(language): listed by its track record, and said to be no fit")
                let fitting = try await coordinator.get(matched).text
                #expect(fitting.contains("Harbour Incineration Works") && !fitting.contains(notice), "\(language)")
            }
        }
    }

    /// A waste-to-energy company with a stoker furnace and a track record in Da Nang.
    static func harbourWorks(_ application: Application, _ world: ConsoleWorld) async throws {
        let companies = ConsoleCompanyDirectoryTests.service(application)
        let company = try await companies.createCompany(CompanyDraft(nameEn: "Harbour Incineration Works", size: .large), by: world.coordinator)
        _ = try await companies.createTechnology(
            CompanyTechnologyDraft(titleEn: "Stoker furnace", taxonomyCodes: ["waste_to_energy"], maturity: .commercial, disclosure: .public),
            companyID: company.id, by: world.coordinator)
        _ = try await companies.createTrackRecord(CompanyTrackRecordDraft(country: "VN", city: "Da Nang", year: 2021, disclosure: .public),
                                                  companyID: company.id, by: world.coordinator)
    }

    /// A need reported through the form, in need A's city, in English only; its page's path.
    static func report(_ liaison: inout ConsoleBrowser, _ world: ConsoleWorld, _ application: Application,
                       title: String, description: String) async throws -> String {
        let city = try await application.pool.query("SELECT city_id FROM city_needs WHERE id = \(world.needA)")[0].decode("city_id", as: UUID.self)
        _ = try await liaison.get("/needs/new")
        let reported = try await liaison.post("/needs/new", form: [
            ("cityId", city.uuidString.lowercased()), ("titleJa", ""), ("titleEn", title), ("descriptionJa", ""), ("descriptionEn", description),
        ])
        return try #require(reported.header("Location"))
    }
}
