import Accounts
import App
import Cities
import Conventions
@testable import Console
import DomainKit
import Foundation
import TestSupport
import Testing

/// Cities, their policy dialogues and local partners, liaison bases and the university registry in the
/// console (console12), on the real server: each page answers each role as the API's rules say, and
/// every form adds, edits, refuses (input kept) and explains a concurrent save (nothing written).
@Suite("Console cities, liaison bases and universities")
struct ConsoleCityTests {
    /// City A (the liaison officer's base's city) and B, their bases, and a local partner in city B.
    struct Places {
        let cityA: UUID, cityB: UUID, baseA: UUID, baseB: UUID, partnerB: UUID
        let admin: Principal

        init(_ application: Application, _ world: ConsoleWorld) async throws {
            admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let cities = CityService(pool: application.pool, clock: application.clock)
            cityA = try await cities.need(world.needA, by: admin).cityId
            cityB = try await cities.need(world.needB, by: admin).cityId
            let all = PageRequest(limit: 10)
            baseA = try #require(try await cities.liaisonBases(LiaisonBaseFilter(cityID: cityA), page: all, by: admin).items.first).id
            baseB = try #require(try await cities.liaisonBases(LiaisonBaseFilter(cityID: cityB), page: all, by: admin).items.first).id
            partnerB = try await cities.createLocalPartner(LocalPartnerDraft(name: "Bangkok Recycling Co."), cityID: cityB, by: admin).id
        }
    }

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    @Test("each page answers each role as the API's rules say; a liaison officer of another city's base gets the 404 page")
    func matrix() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            let places = try await Places(application, world)
            let (a, b) = (Self.id(places.cityA), Self.id(places.cityB))
            let all = Set(Role.allCases)
            let managers: Set<Role> = [.admin, .coordinator]
            let partnerWriters: Set<Role> = [.admin, .coordinator, .liaison]
            // (path, roles answered 200, roles answered 404; every other role 403)
            let rows: [(String, Set<Role>, Set<Role>)] = [
                ("/cities", all, []),
                ("/cities?q=Da&country=vn&relationship=mou_partner&includeArchived=true", all, []),
                ("/cities/new", managers, []),
                ("/cities/\(a)", all, []),
                ("/cities/\(b)", all, []),
                ("/cities/\(Self.id(UUID()))", [], all),
                ("/cities/\(a)/edit", managers, []),
                ("/cities/\(Self.id(UUID()))/edit", [], managers),
                ("/cities/\(a)/policy-dialogues/new", managers, []),
                ("/cities/\(Self.id(UUID()))/policy-dialogues/new", [], managers),
                ("/cities/\(a)/partners/new", partnerWriters, []),
                ("/cities/\(b)/partners/new", managers, [.liaison]),
                ("/cities/\(b)/partners/\(Self.id(places.partnerB))/edit", managers, [.liaison]),
                ("/cities/\(a)/partners/\(Self.id(places.partnerB))/edit", [], partnerWriters),
                ("/liaison-bases", partnerWriters, []),
                ("/liaison-bases/new", managers, []),
                ("/liaison-bases/\(Self.id(places.baseA))", partnerWriters, []),
                ("/liaison-bases/\(Self.id(places.baseB))", managers, [.liaison]),
                ("/liaison-bases/\(Self.id(places.baseA))/edit", managers, []),
                ("/liaison-bases/\(Self.id(UUID()))/edit", [], managers),
                ("/universities", all, []),
                ("/universities/new", [.admin], []),
                ("/universities/ynu/edit", [.admin], []),
                ("/universities/no_such_university/edit", [], [.admin]),
                ("/universities/ynu/campuses/new", [.admin], []),
                ("/universities/ynu/campuses/ynu_tokiwadai/edit", [.admin], []),
                ("/universities/ycu/campuses/ynu_tokiwadai/edit", [], [.admin]),
            ]
            try await world.expectPages(rows)
            // City B's page: a liaison officer of city A reads the city and its needs, never its partners or
            // another base; a company user sees neither dialogues nor partners; a viewer reads the dialogues.
            var liaison = world.browsers[.liaison]!
            let seenByLiaison = try await liaison.get("/cities/\(b)")
            #expect(!seenByLiaison.text.contains("Bangkok Recycling") && !seenByLiaison.text.contains("Bangkok office"))
            #expect(!seenByLiaison.text.contains("政策対話"))
            let ownCity = try await liaison.get("/cities/\(a)")
            #expect(ownCity.text.contains("現地パートナー企業") && ownCity.text.contains("Da Nang office") && ownCity.text.contains("ダナンの廃棄物発電"))
            #expect(ownCity.text.contains("href=\"/leads/\(Self.id(world.leadA))\"") && !seenByLiaison.text.contains("/leads/"))
            let bases = try await liaison.get("/liaison-bases")
            #expect(bases.text.contains("Da Nang office") && !bases.text.contains("Bangkok office"))
            var coordinator = world.browsers[.coordinator]!
            let managed = try await coordinator.get("/cities/\(b)")
            #expect(managed.text.contains("Bangkok Recycling") && managed.text.contains("Bangkok office") && managed.text.contains("政策対話を記録"))
            #expect(managed.text.contains("href=\"/leads/\(Self.id(world.leadB))\""))
            var viewer = world.browsers[.viewer]!
            let read = try await viewer.get("/cities/\(b)")
            #expect(read.text.contains("政策対話") && !read.text.contains("政策対話を記録") && !read.text.contains("Bangkok Recycling"))
            #expect(!read.text.contains("href=\"/cities/\(b)/edit\""))
            // The header's Cities item, for every role.
            for role in Role.allCases {
                #expect(try await world.browsers[role]!.get("/").text.contains("<a href=\"/cities\">都市</a>"), "\(role)")
            }
            // Writes are refused to roles the API refuses before any service runs; a liaison officer's partner
            // in another city is the 404 page, and nothing is written.
            for role in Role.allCases {
                var browser = world.browsers[role]!
                _ = try await browser.get("/")
                let city = try await browser.post("/cities/new", form: [("nameJa", ""), ("nameEn", ""), ("country", "VN"), ("relationship", "prospect")])
                #expect(city.status == (managers.contains(role) ? 422 : 403), "create a city as \(role): \(city.status)")
                let partner = try await browser.post("/cities/\(b)/partners/new", form: [("name", "Written by \(role.rawValue)")])
                #expect(partner.status == (managers.contains(role) ? 303 : role == .liaison ? 404 : 403), "partner in B as \(role): \(partner.status)")
                let university = try await browser.post("/universities/new", form: [("id", "u_\(role.rawValue)"), ("nameJa", "大学"), ("nameEn", "U"), ("country", "JP")])
                #expect(university.status == (role == .admin ? 303 : 403), "university as \(role): \(university.status)")
                world.browsers[role] = browser
            }
            let partners = try await CityService(pool: application.pool, clock: application.clock).localPartners(of: places.cityB, page: PageRequest(limit: 50), by: places.admin).items
            #expect(!partners.contains { $0.name == "Written by liaison" } && partners.contains { $0.name == "Written by coordinator" })
            liaison = world.browsers[.liaison]!
            #expect(try await liaison.post("/cities/\(a)/partners/\(Self.id(places.partnerB))/edit", form: [("version", "1"), ("name", "x")]).status == 404)
        }
    }

    @Test("a city is refused (each field's error beside it, input kept), added, edited, and a stale edit is explained with nothing written")
    func city() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await Places(application, world)
            var browser = world.browsers[.coordinator]!
            #expect(try await browser.get("/cities/new").status == 200)
            let fields = [("nameJa", ""), ("nameEn", "Surabaya"), ("country", "Indonesia"), ("region", "East Java"), ("population", "2874000"),
                          ("relationship", "prospect"), ("mouDate", ""), ("mouScope", ""), ("zeroCarbonDeclaredYear", "2021"),
                          ("zeroCarbonDeclaredOn", ""), ("zeroCarbonTargetYear", "2050"), ("policyTargets", "<b>廃棄物の削減</b>"), ("notes", "")]
            let refused = try await browser.post("/cities/new", form: fields)
            #expect(refused.status == 422 && refused.text.contains("「都市名（日本語）」を入力してください"))
            #expect(refused.text.contains("国・地域を一覧から選んでください") && refused.text.contains("<select id=\"country\" name=\"country\" aria-describedby=\"country-error\" aria-invalid=\"true\">"))
            #expect(refused.text.contains("value=\"Surabaya\"") && refused.text.contains("&lt;b&gt;廃棄物の削減&lt;/b&gt;</textarea>"))
            let unparsed = try await browser.post("/cities/new", form: [("nameJa", "スラバヤ")] + fields.dropFirst().map { $0.0 == "population" ? ($0.0, "many") : $0 })
            // The message says how to write it (it said only to check the field).
            #expect(unparsed.status == 422 && unparsed.text.contains("「人口」は整数で入力してください（例：1200000、1,200,000）") && unparsed.text.contains("value=\"many\""))
            let undated = try await browser.post("/cities/new", form: [("nameJa", "スラバヤ")] + fields.dropFirst().map { $0.0 == "zeroCarbonDeclaredOn" ? ($0.0, "21 April") : $0 })
            #expect(undated.status == 422 && undated.text.contains("は日付で入力してください（例：2026-04-01）") && undated.text.contains("value=\"21 April\""))
            let mouForProspect = try await browser.post("/cities/new", form: [("nameJa", "スラバヤ")] + fields.dropFirst().map {
                $0.0 == "country" ? ($0.0, "id") : $0.0 == "mouDate" ? ($0.0, "2024-04-01") : $0
            })
            #expect(mouForProspect.status == 422 && mouForProspect.text.contains("MOU締結日はMOU締結都市の場合だけ入力できます"))
            let saved = try await browser.post("/cities/new", form: [("nameJa", "スラバヤ")] + fields.dropFirst().map { $0.0 == "country" ? ($0.0, "id") : $0 })
            #expect(saved.status == 303)
            let location = try #require(saved.header("Location"))
            let page = try await browser.get(location)
            #expect(page.text.contains("<h1>スラバヤ</h1>") && page.text.contains("都市を追加しました") && page.text.contains("2,874,000"))
            let service = CityService(pool: application.pool, clock: application.clock)
            let id = try #require(UUID(uuidString: String(location.dropFirst("/cities/".count).prefix(36))))
            let stored = try await service.city(id, by: places.admin)
            #expect(stored.country == "ID" && stored.nameEn == "Surabaya" && stored.zeroCarbonDeclaredYear == 2021)
            #expect(try await browser.get("/cities?q=%E3%82%B9%E3%83%A9%E3%83%90%E3%83%A4").text.contains("スラバヤ"))

            let edit = "/cities/\(Self.id(id))/edit"
            let form = try await browser.get(edit)
            #expect(form.status == 200 && form.text.contains("name=\"version\" value=\"\(stored.version)\"") && form.text.contains("value=\"2874000\""))
            _ = try await service.updateCity(id, ifVersion: stored.version, by: places.admin) { $0.region = "Jawa Timur" }
            let typed = [("nameJa", "スラバヤ市")] + fields.dropFirst().map { $0.0 == "country" ? ($0.0, "ID") : $0 } + [("archived", "false")]
            let stale = try await browser.post(edit, form: [("version", String(stored.version))] + typed)
            #expect(stale.status == 409 && stale.text.contains("他の人がこの都市を変更しました") && stale.text.contains("value=\"スラバヤ市\""))
            #expect(stale.text.contains("<dt>地域・州</dt><dd>Jawa Timur</dd>") && stale.text.contains("name=\"version\" value=\"\(stored.version + 1)\""))
            #expect(try await service.city(id, by: places.admin).nameJa == "スラバヤ", "nothing written")
            let again = try await browser.post(edit, form: [("version", String(stored.version + 1))] + typed)
            #expect(again.status == 303 && again.header("Location")?.hasSuffix("?saved=1") == true)
            #expect(try await service.city(id, by: places.admin).nameJa == "スラバヤ市")
            // Archiving lands on the list, which leaves the city out unless asked.
            let archived = try await browser.post(edit, form: [("version", String(stored.version + 2))] + typed.dropLast() + [("archived", "true")])
            #expect(archived.status == 303 && archived.header("Location") == "/cities?archivedCity=1")
            #expect(!(try await browser.get("/cities").text.contains("スラバヤ市")))
            #expect(try await browser.get("/cities?includeArchived=true").text.contains("スラバヤ市"))

            // The same refusal in English, each field named by its English label.
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.post("/cities/new", form: fields)
            #expect(english.status == 422 && english.text.contains("Enter “City name (Japanese)”") && english.text.contains("Choose the country or region from the list"))
        }
    }

    @Test("a policy dialogue and a local partner are added from the city's page; refused input is kept; a stale partner edit writes nothing")
    func dialoguesAndPartners() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await Places(application, world)
            let city = "/cities/\(Self.id(places.cityA))"
            var coordinator = world.browsers[.coordinator]!
            _ = try await coordinator.get("\(city)/policy-dialogues/new")
            let dialogue = [("heldOn", ""), ("participants", "ダナン市人民委員会\n横浜市 国際局\n"), ("topics", "廃棄物発電"), ("outcomes", "次回は現地視察")]
            let refused = try await coordinator.post("\(city)/policy-dialogues/new", form: dialogue)
            #expect(refused.status == 422 && refused.text.contains("「実施日」を入力してください") && refused.text.contains(">次回は現地視察</textarea>"))
            let saved = try await coordinator.post("\(city)/policy-dialogues/new", form: [("heldOn", "2026-10-15")] + dialogue.dropFirst())
            #expect(saved.status == 303 && saved.header("Location") == "\(city)?dialogueSaved=1")
            let page = try await coordinator.get("\(city)?dialogueSaved=1")
            #expect(page.text.contains("2026年10月15日") && page.text.contains("ダナン市人民委員会、横浜市 国際局") && page.text.contains("政策対話を記録しました"))

            // The liaison officer of city A adds a partner there; the name is required.
            var liaison = world.browsers[.liaison]!
            _ = try await liaison.get("\(city)/partners/new")
            let partner = [("name", " "), ("sector", "廃棄物処理"), ("contact", "info@example.vn"), ("notes", "")]
            let noName = try await liaison.post("\(city)/partners/new", form: partner)
            #expect(noName.status == 422 && noName.text.contains("「企業名」を入力してください") && noName.text.contains("value=\"廃棄物処理\""))
            let added = try await liaison.post("\(city)/partners/new", form: [("name", "Da Nang Green JSC")] + partner.dropFirst())
            #expect(added.status == 303)
            let service = CityService(pool: application.pool, clock: application.clock)
            let stored = try #require(try await service.localPartners(of: places.cityA, page: PageRequest(limit: 10), by: places.admin).items.first)
            #expect(stored.name == "Da Nang Green JSC" && stored.reportedByLiaisonBaseID == places.baseA)
            let taken = try await liaison.post("\(city)/partners/new", form: [("name", "Da Nang Green JSC")] + partner.dropFirst())
            #expect(taken.status == 409 && taken.text.contains("この都市に同じ名前のパートナー企業がすでにあります"))

            let edit = "\(city)/partners/\(Self.id(stored.id))/edit"
            #expect(try await liaison.get(city).text.contains("href=\"\(edit)\""))
            _ = try await liaison.get(edit)
            _ = try await service.updateLocalPartner(stored.id, ifVersion: stored.version, by: places.admin) { $0.contact = "+84 236 000 000" }
            let stale = try await liaison.post(edit, form: [("version", String(stored.version)), ("name", "Da Nang Green"), ("sector", "廃棄物処理"),
                                                             ("contact", "info@example.vn"), ("notes", "")])
            #expect(stale.status == 409 && stale.text.contains("他の人がこの現地パートナーを変更しました") && stale.text.contains("value=\"Da Nang Green\""))
            #expect(stale.text.contains("<dd>+84 236 000 000</dd>"))
            #expect(try await service.localPartners(of: places.cityA, page: PageRequest(limit: 10), by: places.admin).items.first?.name == "Da Nang Green JSC")
            let updated = try await liaison.post(edit, form: [("version", String(stored.version + 1)), ("name", "Da Nang Green"), ("sector", "廃棄物処理"),
                                                               ("contact", "+84 236 000 000"), ("notes", "")])
            #expect(updated.status == 303 && updated.header("Location") == "\(city)?partnerUpdated=1")
        }
    }

    @Test("a liaison base is refused with every bad field at once, added, and a stale edit is explained; English wording")
    func liaisonBase() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await Places(application, world)
            var browser = world.browsers[.coordinator]!
            let form = try await browser.get("/liaison-bases/new")
            #expect(form.status == 200 && form.text.contains("ダナン（ベトナム）"))
            let fields = [("name", "Bangkok desk"), ("operatorName", "横浜エンジニアリング"), ("cityId", Self.id(places.cityB)), ("kind", "yokohama_overseas_office"),
                          ("activeFrom", "2026-04-01"), ("activeUntil", "2025-03-31"), ("contactName", ""), ("contactEmail", "desk.example"),
                          ("contactPhone", ""), ("notes", "")]
            let refused = try await browser.post("/liaison-bases/new", form: fields)
            #expect(refused.status == 422 && refused.text.contains("活動終了日は活動開始日以降にしてください") && refused.text.contains("メールアドレスを正しく入力してください"))
            #expect(refused.text.contains("value=\"desk.example\""))
            let noCity = try await browser.post("/liaison-bases/new", form: fields.map { $0.0 == "cityId" ? ($0.0, "") : $0.0 == "name" ? ($0.0, "") : $0 })
            #expect(noCity.status == 422 && noCity.text.contains("都市を選んでください") && noCity.text.contains("「拠点名」を入力してください"))
            #expect(noCity.text.contains("活動終了日は活動開始日以降にしてください"), "the other fields' rules are reported with the missing city")
            let good = fields.map { $0.0 == "activeUntil" ? ($0.0, "2029-03-31") : $0.0 == "contactEmail" ? ($0.0, "desk@example.jp") : $0 }
            let saved = try await browser.post("/liaison-bases/new", form: good)
            #expect(saved.status == 303)
            let location = try #require(saved.header("Location"))
            let page = try await browser.get(location)
            #expect(page.text.contains("<h1>Bangkok desk</h1>") && page.text.contains("2026年4月1日〜2029年3月31日") && page.text.contains("横浜市の海外事務所"))
            let service = CityService(pool: application.pool, clock: application.clock)
            let id = try #require(UUID(uuidString: String(location.dropFirst("/liaison-bases/".count).prefix(36))))
            let stored = try await service.liaisonBase(id, by: places.admin)
            #expect(stored.cityId == places.cityB && stored.country == "TH")

            let edit = "/liaison-bases/\(Self.id(id))/edit"
            _ = try await browser.get(edit)
            _ = try await service.updateLiaisonBase(id, ifVersion: stored.version, by: places.admin) { $0.operatorName = "Y-PORT Center" }
            let stale = try await browser.post(edit, form: [("version", String(stored.version))] + good.map { $0.0 == "name" ? ($0.0, "Bangkok desk 2") : $0 })
            #expect(stale.status == 409 && stale.text.contains("他の人がこの拠点を変更しました") && stale.text.contains("<dd>Y-PORT Center</dd>"))
            let unchanged = try await service.liaisonBase(id, by: places.admin)
            #expect(stale.text.contains("value=\"Bangkok desk 2\"") && unchanged.name == "Bangkok desk")

            browser.cookies["domino_lang"] = "en"
            let english = try await browser.post("/liaison-bases/new", form: fields)
            #expect(english.status == 422 && english.text.contains("The end date must not be before the start date"))
        }
    }

    @Test("an administrator adds a university and a campus (a bad or taken id refused, input kept) and edits the campus")
    func universities() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.admin]!
            let list = try await browser.get("/universities")
            #expect(list.text.contains("横浜国立大学") && list.text.contains("常盤台キャンパス") && list.text.contains("href=\"/universities/new\""))
            _ = try await browser.get("/universities/new")
            let badID = try await browser.post("/universities/new", form: [("id", "Tokyo-U"), ("nameJa", "港湾工科大学"), ("nameEn", "Minato Tech"), ("country", "jp")])
            #expect(badID.status == 422 && badID.text.contains("IDは英小文字・数字・_ で入力してください"))
            #expect(badID.text.contains("value=\"港湾工科大学\""))
            let empty = try await browser.post("/universities/new", form: [("id", ""), ("nameJa", ""), ("nameEn", "Minato Tech"), ("country", "JP")])
            #expect(empty.status == 422 && empty.text.contains("「ID」を入力してください") && empty.text.contains("「大学名（日本語）」を入力してください"))
            #expect(empty.text.contains("value=\"Minato Tech\""))
            let taken = try await browser.post("/universities/new", form: [("id", "ynu"), ("nameJa", "別の大学"), ("nameEn", "Other"), ("country", "JP")])
            #expect(taken.status == 409 && taken.text.contains("このIDはすでに使われています"))
            let noName = try await browser.post("/universities/new", form: [("id", "minato_tech"), ("nameJa", "港湾工科大学"), ("nameEn", " "), ("country", "JP")])
            #expect(noName.status == 422 && noName.text.contains("「大学名（英語）」を入力してください"))
            let saved = try await browser.post("/universities/new", form: [("id", "minato_tech"), ("nameJa", "港湾工科大学"), ("nameEn", "Minato Institute of Technology"), ("country", "jp")])
            #expect(saved.status == 303)
            let campus = [("campusId", "minato_tech_main"), ("nameJa", "横浜キャンパス"), ("nameEn", "Yokohama campus"), ("municipality", ""), ("inYokohama", "true")]
            let noPlace = try await browser.post("/universities/minato_tech/campuses/new", form: campus)
            #expect(noPlace.status == 422 && noPlace.text.contains("「所在地」を入力してください") && noPlace.text.contains("value=\"横浜キャンパス\""))
            let added = try await browser.post("/universities/minato_tech/campuses/new", form: campus.map { $0.0 == "municipality" ? ($0.0, "横浜市都筑区") : $0 })
            #expect(added.status == 303)
            let elsewhere = try await browser.post("/universities/minato_tech/campuses/new", form: campus.map {
                $0.0 == "campusId" ? ($0.0, "ynu_tokiwadai") : $0.0 == "municipality" ? ($0.0, "横浜市") : $0
            })
            #expect(elsewhere.status == 409 && elsewhere.text.contains("このIDはすでに使われています"))
            let edited = try await browser.post("/universities/minato_tech/campuses/minato_tech_main/edit", form: [
                ("version", "1"), ("nameJa", "横浜キャンパス"), ("nameEn", "Yokohama campus"), ("municipality", "横浜市都筑区牛久保西"), ("inYokohama", "true"),
            ])
            #expect(edited.status == 303)
            let page = try await browser.get("/universities?campusSaved=1")
            #expect(page.text.contains("港湾工科大学") && page.text.contains("横浜市都筑区牛久保西") && page.text.contains("キャンパスを保存しました"))
        }
    }
}
