import App
import Cities
import Companies
import Conventions
import Coordinators
import DomainKit
import Foundation
import TestSupport
import Testing

/// What people still met in the console that a serious product would not show them (ux15), each through
/// the real server: country codes, a thank-you page that did not say seat or waitlist, "1/2ページ目" in an
/// event's heading, city ids to type into a needs file, a lead form offering the first 100 needs only, and
/// registry codes on /universities.
@Suite("Console: names people read (ux15)")
struct ConsoleNamesPeopleReadTests {
    /// The city service, an administrator, and Da Nang (the city of the world's need A).
    static func cityOfNeedA(_ application: Application, _ world: ConsoleWorld) async throws -> (CityService, Principal, UUID) {
        let service = CityService(pool: application.pool, clock: application.clock)
        return (service, Principal(userID: UUID(), role: .admin), try await service.need(world.needA, by: world.coordinator).cityId)
    }

    @Test("countries are shown and chosen by name in both languages: lists, filters, a city's page, a lead's city, a profile")
    func countriesByName() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let cities = try await browser.get("/cities")
            #expect(cities.text.contains(">ベトナム</td>") && cities.text.contains(">タイ</td>") && !cities.text.contains(">VN</td>"))
            #expect(cities.text.contains("<select id=\"country\" name=\"country\"><option value=\"\" selected>すべての国</option>"))
            #expect(cities.text.contains("<option value=\"VN\">ベトナム</option>") && cities.text.contains("<option value=\"JP\">日本</option>"))
            let thai = try await browser.get("/cities?country=TH")
            #expect(thai.text.contains("<option value=\"TH\" selected>タイ</option>") && thai.text.contains("バンコク") && !thai.text.contains("ダナン"))
            let lead = try await browser.get("/leads/\(world.leadA.uuidString.lowercased())/edit")
            #expect(lead.text.contains("ダナン（ベトナム）"))
            #expect(try await browser.get("/coordinators").text.contains(">ベトナム</td>"))
            #expect(try await browser.get("/cities/new").text.contains("<option value=\"\" selected>選んでください</option>"))

            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get("/cities")
            #expect(english.text.contains(">Viet Nam</td>") && english.text.contains(">Thailand</td>") && !english.text.contains(">VN</td>"))
            #expect(english.text.contains("<option value=\"VN\">Viet Nam</option>") && english.text.contains("<option value=\"\" selected>Any country</option>"))
            #expect(try await browser.get("/leads/\(world.leadA.uuidString.lowercased())/edit").text.contains("Da Nang (Viet Nam)"))
            #expect(try await browser.get("/companies").text.contains("<option value=\"PH\">Philippines</option>"))
            #expect(try await browser.get("/knowledge").text.contains("<option value=\"KR\">Republic of Korea</option>"))
        }
    }

    @Test("spoken languages are shown by name, as countries are: a company's page and the coordinator profiles, in both languages")
    func languagesByName() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let company = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(
                CompanyDraft(nameJa: "言語テスト株式会社", size: .sme, languages: ["ja", "vi", "qu"]), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get("/companies/\(company.id.uuidString.lowercased())")
            #expect(page.status == 200 && page.text.contains("日本語、ベトナム語、qu"), "a code not in the list stays as typed")
            #expect(try await browser.get("/coordinators").text.contains(">日本語</td>"))
            browser.cookies["domino_lang"] = "en"
            #expect(try await browser.get("/companies/\(company.id.uuidString.lowercased())").text.contains("Japanese, Vietnamese, qu"))
            #expect(try await browser.get("/coordinators").text.contains(">Japanese</td>"))
        }
    }

    @Test("the public thank-you page says seat or waitlist and what comes next, in the registration's language; a known address reads as a new one")
    func thanksSaysSeatOrWaitlist() async throws {
        try await withTestServer { port, application in
            let event = try await PublicRegistrationTests.event(application, seats: 1)
            let path = PublicRegistrationTests.path(event)
            var first = ConsoleBrowser(port: port)
            let seated = try await ConsoleUsabilityTests.registerPublicly(&first, event, "an@example.vn")
            #expect(seated.header("location") == path + "/thanks?place=seat&attendance=in_person")
            let seat = try await first.get(path + "/thanks?place=seat&attendance=in_person")
            #expect(seat.status == 200 && seat.text.contains("「横浜脱炭素コンベンション」の席を確保しました（会場参加）"))
            #expect(seat.text.contains("<h2>このあとの流れ</h2>") && seat.text.contains("受付コードとQRコードをお送りします"))

            var second = ConsoleBrowser(port: port)
            second.cookies["domino_lang"] = "en"
            let waitlisted = try await ConsoleUsabilityTests.registerPublicly(&second, event, "binh@example.vn")
            #expect(waitlisted.header("location") == path + "/thanks?place=waitlist&attendance=in_person")
            let waitlist = try await second.get(path + "/thanks?place=waitlist&attendance=in_person")
            #expect(waitlist.text.contains("<h1>You are on the waitlist</h1>") && waitlist.text.contains("is full, so you are on the waitlist (In person)"))
            #expect(waitlist.text.contains("If you move up, we will e-mail you"))
            let statuses = try await PublicRegistrationTests.registrations(application, event).map(\.status)
            #expect(statuses.sorted { $0.rawValue < $1.rawValue } == [.registered, .waitlisted])

            // The seated person's address again, from a stranger: the answer a new registration would get now (full).
            var stranger = ConsoleBrowser(port: port)
            let again = try await ConsoleUsabilityTests.registerPublicly(&stranger, event, "AN@example.vn")
            #expect(again.header("location") == waitlisted.header("location"))
            // An old link without a place keeps the general sentence.
            #expect(try await first.get(path + "/thanks").text.contains("登録の状況"))
        }
    }

    @Test("the needs file names a city by its name in either language; a name two cities share is refused; the page lists names with ids")
    func needsImportByCityName() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (service, admin, daNang) = try await Self.cityOfNeedA(application, world)
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get("/needs/import")
            #expect(page.text.contains("都市名とID（cityId 列にはどちらを書いても構いません）") && page.text.contains(">ダナン</td>") && page.text.contains(">Da Nang</td>"))
            #expect(page.text.contains(daNang.uuidString.lowercased()))
            let csv = "cityId,titleJa,source\n da nang ,名前で指定した案件,inquiry\nダナン,日本語名で指定した案件,inquiry\nHanoi,未登録の都市,inquiry\n"
            let checked = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", Array(csv.utf8)))
            #expect(checked.status == 422 && checked.text.contains("<td class=\"num\" data-label=\"行\">4</td>") && !checked.text.contains("<td class=\"num\" data-label=\"行\">2</td>"))
            #expect(checked.text.contains("登録されている都市のIDか都市名（日本語または英語）を入力してください"))

            let good = String(csv.split(separator: "\n").dropLast().joined(separator: "\n")) + "\n"
            let clean = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", Array(good.utf8)))
            #expect(clean.status == 200 && clean.text.contains("name=\"content\""))
            let content = Data(good.utf8).base64EncodedString()
            #expect(try await browser.postMultipart("/needs/import/confirm", fields: [("content", content)], file: nil).status == 303)
            let titles = try await service.needs(CityNeedFilter(cityID: daNang), page: PageRequest(limit: 100), by: admin).items.compactMap(\.titleJa)
            #expect(titles.contains("名前で指定した案件") && titles.contains("日本語名で指定した案件"))

            _ = try await service.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "US", relationship: .other), by: admin)
            browser.cookies["domino_lang"] = "en"
            _ = try await browser.get("/needs/import")
            let shared = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", Array(good.utf8)))
            #expect(shared.status == 422 && shared.text.contains("More than one city is called “da nang”: enter the city&#39;s id in cityId"))
        }
    }

    @Test("a lead's edit form offers every need of its city, not the first 100, and keeps each of the lead's needs checked")
    func leadFormOffersEveryNeed() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (cities, admin, city) = try await Self.cityOfNeedA(application, world)
            var created: [UUID] = []
            for index in 0..<110 {
                created.append(try await cities.createNeed(
                    CityNeedDraft(cityId: city, titleJa: "追加の案件 \(index)", taxonomyCodes: [], source: .inquiry), by: admin).id)
            }
            let coordinators = CoordinatorService(
                pool: application.pool, cities: cities, companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
            let linked = [0, 50, 104, 105, 109].map { created[$0] }
            let lead = try await coordinators.createLead(LeadDraft(title: "多くの案件", cityId: city, needIds: linked, sourceChannel: .inquiry), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let form = try await browser.get("/leads/\(lead.id.uuidString.lowercased())/edit")
            #expect(form.status == 200)
            #expect(form.text.components(separatedBy: "name=\"needIds\"").count - 1 == 111, "needA and the 110 added")
            for id in linked {
                #expect(form.text.contains("name=\"needIds\" value=\"\(id.uuidString.lowercased())\" checked"))
            }
        }
    }

    @Test("/universities names the country and says what the registry id is for, instead of 'ynu · JP'")
    func universitiesByName() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get("/universities")
            #expect(page.text.contains("横浜国立大学") && page.text.contains("<p>日本 · ") && page.text.contains("登録ファイル（CSV）で使うID：ynu"))
            #expect(!page.text.contains("ynu · JP"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get("/universities")
            #expect(english.text.contains("<p>Japan · ") && english.text.contains("ID for registration files (CSV): ynu"))
        }
    }
}
