import App
import Cities
import DomainKit
import Foundation
import TestSupport
import Testing

/// Reporting and editing needs through the console.
@Suite("Console needs")
struct ConsoleNeedTests {
    @Test("an edit from a stale version writes nothing, says someone changed the need, and keeps the input")
    func staleEdit() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            let path = "/needs/\(world.needA.uuidString.lowercased())/edit"
            let form = try await browser.get(path)
            #expect(form.status == 200)
            let version = String(form.text[try #require(form.text.range(of: "name=\"version\" value=\"")).upperBound...].prefix { $0 != "\"" })

            // A coordinator saves the need first, through the same service.
            let cities = CityService(pool: application.pool, clock: application.clock)
            _ = try await cities.updateNeed(world.needA, ifVersion: Int(version)!, by: world.coordinator) { $0.titleEn = "Changed by a coordinator" }

            let fields = [("version", version), ("titleJa", "ダナンの廃棄物発電（改訂）"), ("titleEn", ""), ("descriptionJa", "焼却炉 300t/日"),
                          ("status", "open"), ("taxonomyCodes", "waste_to_energy")]
            let stale = try await browser.post(path, form: fields)
            #expect(stale.status == 409)
            #expect(stale.text.contains("他の人がこのニーズを変更しました"))
            #expect(stale.text.contains("保存されている件名（英語）：Changed by a coordinator"))
            #expect(stale.text.contains("value=\"ダナンの廃棄物発電（改訂）\""))
            #expect(stale.text.contains(">焼却炉 300t/日</textarea>"))
            #expect(try await cities.need(world.needA, by: world.coordinator).titleJa == "ダナンの廃棄物発電")

            let newVersion = String(stale.text[try #require(stale.text.range(of: "name=\"version\" value=\"")).upperBound...].prefix { $0 != "\"" })
            let saved = try await browser.post(path, form: [("version", newVersion)] + fields.dropFirst())
            #expect(saved.status == 303)
            let need = try await cities.need(world.needA, by: world.coordinator)
            #expect(need.titleJa == "ダナンの廃棄物発電（改訂）" && need.titleEn == nil && need.descriptionJa == "焼却炉 300t/日")
        }
    }

    @Test("a need's ranking says which method and weights made its scores, as the API's ranking does; a liaison officer sees the weights' note without the method's version")
    func rankingMethod() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get("/needs/\(world.needA.uuidString.lowercased())")
            #expect(page.status == 200)
            let (token, _) = try await application.token(for: .coordinator)
            let api = try await TestClient.request(
                port: port, "GET", "/v1/needs/\(world.needA.uuidString.lowercased())/matches", headers: ["Authorization": "Bearer \(token)"])
            let ranking = try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any]
            let version = try #require(ranking?["algorithmVersion"] as? String)
            let note = try #require((ranking?["weights"] as? [String: Any])?["noteJa"] as? String)
            #expect(page.text.contains("ランキング方式 \(version)。"))
            #expect(page.text.contains(note))
            // A liaison officer reads the same ranking and its note, without the method's version, a code that names a
            // release of the matcher and tells the reader nothing.
            var liaison = world.browsers[.liaison]!
            let liaisonPage = try await liaison.get("/needs/\(world.needA.uuidString.lowercased())")
            #expect(liaisonPage.status == 200)
            #expect(liaisonPage.text.contains(note))
            #expect(!liaisonPage.text.contains(version) && !liaisonPage.text.contains("ランキング方式"))
        }
    }

    @Test("a liaison officer cannot edit another city's need: the same 404 as the API")
    func otherTenant() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            _ = try await browser.get("/")
            let response = try await browser.post("/needs/\(world.needB.uuidString.lowercased())/edit", form: [("version", "1"), ("titleJa", "乗っ取り")])
            #expect(response.status == 404)
            #expect(try await CityService(pool: application.pool, clock: application.clock).need(world.needB, by: world.coordinator).titleJa == "バンコクの廃棄物発電")
        }
    }

    @Test("a refused field is named by its label and says which rule it broke, in either language; never by its API key")
    func fieldRulesWorded() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            let path = "/needs/\(world.needA.uuidString.lowercased())/edit"
            let form = try await browser.get(path)
            let version = try ConsoleCoordinatorTests.hidden("version", in: form.text)
            // Text pasted from a PDF can carry a form feed; a title can be a whole paragraph.
            let fields = [("version", version), ("titleJa", String(repeating: "廃", count: 301)), ("titleEn", ""),
                          ("descriptionJa", "焼却炉\u{0C}300t/日"), ("descriptionEn", "Incinerator\u{0C}300 t/day"), ("status", "open")]
            let ja = try await browser.post(path, form: fields)
            #expect(ja.status == 422)
            #expect(ja.text.contains("「件名（日本語）」は300文字以内で入力してください"))
            #expect(ja.text.contains("「内容（日本語）」から制御文字・文字方向の制御記号を取り除いてください"))
            #expect(ja.text.contains("「内容（英語）」から制御文字"))
            #expect(!ja.text.contains("descriptionJa」") && !ja.text.contains("descriptionEn」") && !ja.text.contains("件名を日本語か英語で入力してください"))
            browser.cookies["domino_lang"] = "en"
            let en = try await browser.post(path, form: fields)
            #expect(en.text.contains("“Title in Japanese” must be at most 300 characters"))
            #expect(en.text.contains("Remove control characters and text-direction marks from “Description in Japanese”"))
            #expect(!en.text.contains("“descriptionJa”"))
            let empty = try await browser.post(path, form: [("version", version), ("titleJa", ""), ("titleEn", ""), ("status", "open")])
            #expect(empty.status == 422 && empty.text.contains("Enter a title in Japanese or English"))
        }
    }

    @Test("counts read as English counts: one need is “1 need”, not “1 needs”; Japanese keeps its counter")
    func singularCounts() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            browser.cookies["domino_lang"] = "en"
            let one = try await browser.get("/needs?q=" + ConsoleBrowser.encode("バンコク"))
            #expect(one.status == 200 && one.text.contains(">1 need<") && !one.text.contains("1 needs"))
            #expect(try await browser.get("/needs").text.contains(">2 needs<"))
            browser.cookies["domino_lang"] = "ja"
            #expect(try await browser.get("/needs?q=" + ConsoleBrowser.encode("バンコク")).text.contains(">ニーズ 1件<"))
        }
    }
    @Test("a need's text in the other language carries that language's lang, in the list, the heading and the description")
    func otherLanguageIsMarked() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let cities = CityService(pool: application.pool, clock: application.clock)
            let city = try await cities.need(world.needA, by: world.coordinator).cityId
            let english = try await cities.createNeed(
                CityNeedDraft(cityId: city, titleEn: "Sludge to biogas", descriptionEn: "Two plants, 120 t/day", source: .inquiry), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let list = try await browser.get("/needs")
            #expect(list.text.contains("<span lang=\"en\">Sludge to biogas</span><span class=\"fallback\">英語のみ</span>"))
            #expect(list.text.contains(">ダナンの廃棄物発電<"), "text in the reader's language is not wrapped")
            let page = try await browser.get("/needs/\(english.id.uuidString.lowercased())")
            #expect(page.text.contains("<h1 lang=\"en\">Sludge to biogas</h1>"))
            #expect(page.text.contains("<span lang=\"en\">Two plants, 120 t/day</span>"))
            browser.cookies["domino_lang"] = "en"
            #expect(try await browser.get("/needs/\(english.id.uuidString.lowercased())").text.contains("<h1>Sludge to biogas</h1>"))
        }
    }
}
