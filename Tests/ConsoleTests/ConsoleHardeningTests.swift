import App
import Cities
@testable import Console
import Companies
import Coordinators
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// Hardening leftovers (harden11) in the console, on the real server: a lead's source base of another
/// city and a policy dialogue dated after today are refused beside their field with input kept, and the
/// refusal of a form from another site is written in the language the browser asks for.
@Suite("Console hardening leftovers")
struct ConsoleHardeningTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    /// The two-city world, its cities and bases, and the Cities service on the server's clock.
    static func cities(_ port: Int, _ application: Application) async throws -> (ConsoleWorld, ConsoleCityTests.Places, CityService) {
        let world = try await ConsoleWorld(port: port, application: application)
        return (world, try await ConsoleCityTests.Places(application, world), CityService(pool: application.pool, clock: application.clock))
    }

    @Test("a lead edit naming another city's base is a 422 beside the base, input kept, nothing written, in both languages")
    func leadBaseOfAnotherCity() async throws {
        try await withTestServer { port, application in
            let (world, places, _) = try await Self.cities(port, application)
            var coordinator = world.browsers[.coordinator]!
            let path = "/leads/\(Self.id(world.leadA))/edit"
            let form = try await coordinator.get(path)
            #expect(form.status == 200 && !form.text.contains(Self.id(places.baseB)), "the form offers only the lead's city's bases")
            let typed = [("version", "1"), ("title", "案件 0（拠点を変更）"), ("needIds", Self.id(world.needA)), ("sourceChannel", "liaison_base"),
                         ("sourceLiaisonBaseId", Self.id(places.baseB)), ("sourceReference", ""), ("estimatedValueYen", ""), ("expectedCloseOn", "")]
            let refused = try await coordinator.post(path, form: typed)
            #expect(refused.status == 422)
            #expect(refused.text.contains("この現地拠点は別の都市の拠点です") && refused.text.contains("value=\"案件 0（拠点を変更）\""))
            coordinator.cookies["domino_lang"] = "en"
            _ = try await coordinator.get(path)
            let english = try await coordinator.post(path, form: typed)
            #expect(english.status == 422 && english.text.contains("This liaison base is in another city"))
            let services = CoordinatorService(
                pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
            let lead = try await services.lead(world.leadA, by: world.coordinator)
            #expect(lead.version == 1 && lead.sourceLiaisonBaseId == places.baseA && lead.title == "案件 0")
        }
    }

    @Test("a policy dialogue dated after today (the programme clock's) is a 422 beside the date on record and correction, input kept")
    func dialogueAfterToday() async throws {
        try await withTestServer { port, application in
            let (world, places, service) = try await Self.cities(port, application)
            var coordinator = world.browsers[.coordinator]!
            let city = "/cities/\(Self.id(places.cityA))"
            _ = try await coordinator.get("\(city)/policy-dialogues/new")
            // The test clock's today is 2026-10-15 in Japan.
            let typed = [("heldOn", "2026-10-16"), ("participants", "ダナン市人民委員会"), ("topics", "廃棄物発電"), ("outcomes", "来週の対話の予定")]
            let refused = try await coordinator.post("\(city)/policy-dialogues/new", form: typed)
            #expect(refused.status == 422 && refused.text.contains("日付が今日より後です") && refused.text.contains(">来週の対話の予定</textarea>"))
            #expect(try await service.policyDialogues(of: places.cityA, page: PageRequest(), by: places.admin).items.isEmpty)
            let saved = try await coordinator.post("\(city)/policy-dialogues/new", form: typed.map { $0.0 == "heldOn" ? ($0.0, "2026-10-15") : $0 })
            #expect(saved.status == 303)

            let dialogue = try #require(try await service.policyDialogues(of: places.cityA, page: PageRequest(), by: places.admin).items.first)
            let edit = "\(city)/policy-dialogues/\(Self.id(dialogue.id))/edit"
            coordinator.cookies["domino_lang"] = "en"
            _ = try await coordinator.get(edit)
            let corrected = try await coordinator.post(edit, form: [("version", "1")] + typed)
            #expect(corrected.status == 422 && corrected.text.contains("The date is after today") && corrected.text.contains("value=\"2026-10-16\""))
            #expect(try await service.policyDialogue(dialogue.id, by: places.admin).heldOn == CalendarDate(year: 2026, month: 10, day: 15))
        }
    }

    @Test("a form from another site is refused in the language the browser's Accept-Language prefers (our cookie does not come)")
    func crossSiteLanguage() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let cases: [(String?, String, String)] = [
                ("en-GB,en;q=0.9,ja;q=0.5", "en", "This form was sent from another website"),
                ("fr-CA,fr;q=0.9,en;q=0.4", "en", "This form was sent from another website"),
                ("ja,en-US;q=0.8", "ja", "別のウェブサイトから送信されたため"),
                ("de", "ja", "別のウェブサイトから送信されたため"),
                (nil, "ja", "別のウェブサイトから送信されたため"),
            ]
            for (accept, language, words) in cases {
                _ = try await browser.get("/needs/new")
                var headers = ["Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"]
                headers["Accept-Language"] = accept
                let refused = try await browser.post("/needs/new", form: [("titleJa", "別サイト")], headers: headers)
                #expect(refused.status == 403 && refused.text.contains("<html lang=\"\(language)\">") && refused.text.contains(words), "\(accept ?? "none")")
            }
        }
    }

    @Test("a merge confirmed again from a second tab gets the page that says it happened, with links onward; nothing else changes")
    func mergeFromSecondTab() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (companies, kept, copy) = try await ConsoleProbeFixesTests.twins(application, world)
            let path = "/companies/\(Self.id(kept.id))"
            var first = world.browsers[.admin]!, second = world.browsers[.admin]!
            _ = try await first.get("\(path)/merge?absorb=\(Self.id(copy.id))")
            _ = try await second.get("\(path)/merge?absorb=\(Self.id(copy.id))")
            let merged = try await first.post("\(path)/merge", form: [("absorb", Self.id(copy.id)), ("version", "1"), ("absorbVersion", "1")])
            #expect(merged.status == 200)
            let again = try await second.post("\(path)/merge", form: [("absorb", Self.id(copy.id)), ("version", "1"), ("absorbVersion", "1")])
            #expect(again.status == 404 && again.text.contains("<h1>統合済みです</h1>") && again.text.contains("今回は何も変更していません"))
            #expect(again.text.contains("href=\"\(path)\"") && again.text.contains("Minato Water Co., Ltd."))
            #expect(try await companies.company(kept.id, by: world.coordinator).version == 2, "the kept company is not touched again")

            // The other way round from a third tab: the company in the path is the one merged away.
            var third = world.browsers[.admin]!
            third.cookies["domino_lang"] = "en"
            _ = try await third.get("/companies")
            let reverse = try await third.post("/companies/\(Self.id(copy.id))/merge", form: [("absorb", Self.id(kept.id)), ("version", "1")])
            #expect(reverse.status == 404 && reverse.text.contains("Already merged") && reverse.text.contains("href=\"/companies\""))
            #expect(reverse.text.contains("This company is no longer in the directory"))
        }
    }

    @Test("a lead's partner choice offers every partner of its city, past the API's first page of 100")
    func partnersPastFirstPage() async throws {
        try await withTestServer { port, application in
            let (world, places, cities) = try await Self.cities(port, application)
            for index in 0..<105 {
                _ = try await cities.createLocalPartner(LocalPartnerDraft(name: "Da Nang partner \(index)"), cityID: places.cityA, by: places.admin)
            }
            var coordinator = world.browsers[.coordinator]!
            let page = try await coordinator.get("/leads/\(Self.id(world.leadA))")
            #expect(page.status == 200 && page.text.contains("Da Nang partner 0<") && page.text.contains("Da Nang partner 104<"))
        }
    }

    @Test("a university or campus saved from a second tab is a 409 with the saved values that differ, input kept, nothing overwritten")
    func registryFromTwoTabs() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var first = world.browsers[.admin]!, second = world.browsers[.admin]!
            let university = "/universities/ynu/edit"
            let form = try await first.get(university)
            #expect(form.status == 200 && form.text.contains("name=\"version\" value=\"1\""))
            _ = try await second.get(university)
            let fields = [("version", "1"), ("nameEn", "Yokohama National University"), ("country", "JP")]
            #expect(try await first.post(university, form: [("nameJa", "国立大学法人 横浜国立大学")] + fields).status == 303)
            let stale = try await second.post(university, form: [("nameJa", "横浜国大")] + fields)
            #expect(stale.status == 409 && stale.text.contains("他の人がこの登録内容を変更しました"))
            #expect(stale.text.contains("<dd>国立大学法人 横浜国立大学</dd>") && stale.text.contains("value=\"横浜国大\""))
            #expect(stale.text.contains("name=\"version\" value=\"2\""), "the form now carries the saved version")
            let list = try await first.get("/universities")
            #expect(list.text.contains("国立大学法人 横浜国立大学") && !list.text.contains("横浜国大<"))

            let campus = "/universities/ynu/campuses/ynu_tokiwadai/edit"
            _ = try await first.get(campus)
            second.cookies["domino_lang"] = "en"
            _ = try await second.get(campus)
            let campusFields = [("version", "1"), ("nameJa", "常盤台キャンパス"), ("nameEn", "Tokiwadai campus"), ("inYokohama", "true")]
            #expect(try await first.post(campus, form: campusFields + [("municipality", "横浜市保土ケ谷区常盤台")]).status == 303)
            let staleCampus = try await second.post(campus, form: campusFields + [("municipality", "保土ケ谷区")])
            #expect(staleCampus.status == 409 && staleCampus.text.contains("Someone else changed this record"))
            #expect(staleCampus.text.contains("<dd>横浜市保土ケ谷区常盤台</dd>") && staleCampus.text.contains("value=\"保土ケ谷区\""))
        }
    }

    @Test("Accept-Language picks the heavier of ja and en, the earlier on a tie, and none when neither is acceptable")
    func acceptLanguage() {
        #expect(Language.acceptable("en-GB,en;q=0.9,ja;q=0.5") == .en)
        #expect(Language.acceptable("ja-JP, EN;q=0.2") == .ja)
        #expect(Language.acceptable("fr, ja;q=0.3, en;q=0.6") == .en)
        #expect(Language.acceptable("en;q=0.5, ja;q=0.5") == .en)
        #expect(Language.acceptable("ja;q=0, en;q=0") == nil)
        #expect(Language.acceptable("*, de") == nil)
        #expect(Language.acceptable("") == nil)
    }
}
