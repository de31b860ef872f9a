import Accounts
import App
import Cities
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Company staff's own company through the console: technologies (with the taxonomy picker and a
/// disclosure level), track records, and the opportunities Domino finds.
@Suite("Console company staff")
struct ConsoleCompanyTests {
    @Test("a technology is refused without a name (input kept), saved, then a stale edit is explained and nothing written")
    func technology() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.company]!
            let company = "/companies/\(world.companyA.uuidString.lowercased())"
            let form = try await browser.get("\(company)/technologies/new")
            #expect(form.status == 200 && form.text.contains("value=\"waste_to_energy\""), "the taxonomy picker lists the codes")
            let fields = [("titleJa", ""), ("titleEn", ""), ("descriptionJa", "ストーカ炉 300t/日"), ("taxonomyCodes", "waste_to_energy"),
                          ("maturity", "pilot"), ("disclosure", "coordinators")]
            let refused = try await browser.post("\(company)/technologies/new", form: fields)
            #expect(refused.status == 422 && refused.text.contains("件名を日本語か英語で入力してください"))
            #expect(refused.text.contains(">ストーカ炉 300t/日</textarea>") && refused.text.contains("value=\"waste_to_energy\" checked"))
            let saved = try await browser.post("\(company)/technologies/new", form: [("titleJa", "<i>ごみ発電</i>")] + fields.dropFirst())
            #expect(saved.status == 303)
            let page = try await browser.get(company + "?technologySaved=1")
            #expect(page.text.contains("&lt;i&gt;ごみ発電&lt;/i&gt;") && page.text.contains("コーディネーターのみ"))

            let service = CompanyService(pool: application.pool, clock: application.clock)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let stored = try #require(try await service.technologies(of: world.companyA, page: PageRequest(limit: 10), by: admin).items.first)
            let edit = "\(company)/technologies/\(stored.id.uuidString.lowercased())/edit"
            let editForm = try await browser.get(edit)
            #expect(editForm.status == 200 && editForm.text.contains("name=\"version\" value=\"\(stored.version)\""))
            _ = try await service.updateTechnology(stored.id, ifVersion: stored.version, by: admin) { $0.titleEn = "Changed by a coordinator" }
            let stale = try await browser.post(edit, form: [("version", String(stored.version)), ("titleJa", "ごみ発電（改）")] + fields.dropFirst(2))
            #expect(stale.status == 409 && stale.text.contains("他の人がこの技術を変更しました") && stale.text.contains("value=\"ごみ発電（改）\""))
            let now = try #require(try await service.technologies(of: world.companyA, page: PageRequest(limit: 10), by: admin).items.first)
            #expect(now.titleJa == "<i>ごみ発電</i>", "nothing written")
        }
    }

    @Test("a company at its limits is told so on the technology and track record forms, in its reader's words, with its input kept and nothing written")
    func capabilityLimits() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.company]!
            let company = "/companies/\(world.companyA.uuidString.lowercased())"
            _ = try await application.pool.withConnection { db in
                try await db.execute("""
                    INSERT INTO company_technologies (company_id, title_en, maturity, disclosure)
                    SELECT \(world.companyA), 'Technology ' || n, 'commercial', 'public' FROM generate_series(1, \(CapabilityLimits.technologies)) n
                    """)
                try await db.execute("""
                    INSERT INTO company_track_records (company_id, country, summary, disclosure)
                    SELECT \(world.companyA), 'VN', 'Record ' || n, 'public' FROM generate_series(1, \(CapabilityLimits.trackRecords)) n
                    """)
            }
            _ = try await browser.get("\(company)/technologies/new")
            let technology = try await browser.post("\(company)/technologies/new", form: [
                ("titleJa", "ごみ発電"), ("taxonomyCodes", "waste_to_energy"), ("maturity", "pilot"), ("disclosure", "public"),
            ])
            #expect(technology.status == 422 && technology.text.contains("1社が登録できる技術は100件までです"), "\(technology.text.prefix(400))")
            #expect(technology.text.contains("value=\"ごみ発電\""), "the input is kept")
            _ = try await browser.get("\(company)/track-records/new")
            let record = try await browser.post("\(company)/track-records/new", form: [("country", "TH"), ("summary", "バンコク"), ("disclosure", "public")])
            #expect(record.status == 422 && record.text.contains("1社が登録できる実績は200件までです"), "\(record.text.prefix(400))")
            let counts = try await application.pool.query("""
                SELECT (SELECT count(*)::int FROM company_technologies WHERE company_id = \(world.companyA)) AS t,
                       (SELECT count(*)::int FROM company_track_records WHERE company_id = \(world.companyA)) AS r
                """)
            #expect(try counts[0].decode("t", as: Int.self) == CapabilityLimits.technologies)
            #expect(try counts[0].decode("r", as: Int.self) == CapabilityLimits.trackRecords)
        }
    }

    @Test("another company's forms and opportunities are a 404 page for company staff; managers may open them")
    func otherCompany() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let other = try await DirectoryPlaceholders.company(in: application.pool).uuidString.lowercased()
            var browser = world.browsers[.company]!
            for path in ["/companies/\(other)/technologies/new", "/companies/\(other)/track-records/new", "/companies/\(other)/opportunities"] {
                #expect(try await browser.get(path).status == 404, "\(path)")
            }
            _ = try await browser.get("/")
            #expect(try await browser.post("/companies/\(other)/track-records/new", form: [("country", "VN"), ("disclosure", "public")]).status == 404)
            var coordinator = world.browsers[.coordinator]!
            #expect(try await coordinator.get("/companies/\(other)/technologies/new").status == 200)
            #expect(try await coordinator.get("/companies/\(other)/opportunities").status == 200)
        }
    }

    @Test("a track record with a bad country is refused; a good one is listed; opportunities say why a need fits")
    func recordsAndOpportunities() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            var browser = world.browsers[.company]!
            let company = "/companies/\(world.companyA.uuidString.lowercased())"
            _ = try await browser.get("\(company)/track-records/new")
            let bad = try await browser.post("\(company)/track-records/new", form: [("country", "Vietnam"), ("year", "2023"), ("disclosure", "public")])
            #expect(bad.status == 422 && bad.text.contains("国・地域を一覧から選んでください") && bad.text.contains("value=\"2023\""))
            let good = try await browser.post("\(company)/track-records/new", form: [
                ("country", "vn"), ("city", "Da Nang"), ("year", "2023"), ("client", "ダナン市"), ("summary", "焼却発電の設計"), ("disclosure", "public"),
            ])
            #expect(good.status == 303)
            let page = try await browser.get(company)
            #expect(page.text.contains("焼却発電の設計") && page.text.contains(">ベトナム<"))
            let opportunities = try await browser.get("\(company)/opportunities")
            #expect(opportunities.status == 200)
            #expect(opportunities.text.contains("/needs/\(world.needA.uuidString.lowercased())"))
            #expect(opportunities.text.contains("一致した分野："))
        }
    }

    @Test("a company field that meets two of the need's fields is named once in “why”")
    func matchedFieldNamedOnce() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            _ = try await CompanyService(pool: application.pool, clock: application.clock).createTechnology(
                CompanyTechnologyDraft(titleJa: "工場向けエネルギー管理システム", titleEn: "Factory energy management system", taxonomyCodes: ["ems"],
                                       maturity: .commercial, disclosure: .public),
                companyID: world.companyA, by: admin)
            let cities = CityService(pool: application.pool, clock: application.clock)
            let need = try await cities.need(world.needA, by: world.coordinator)
            _ = try await cities.updateNeed(world.needA, ifVersion: need.version, by: world.coordinator) { $0.taxonomyCodes = ["ems", "sensors_iot"] }
            var browser = world.browsers[.company]!
            let page = try await browser.get("/companies/\(world.companyA.uuidString.lowercased())/opportunities")
            #expect(page.status == 200 && page.text.contains("一致した分野：エネルギーマネジメントシステム"))
            #expect(!page.text.contains("エネルギーマネジメントシステム, エネルギーマネジメントシステム"))
        }
    }
}
