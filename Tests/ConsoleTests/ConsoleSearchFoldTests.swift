import Accounts
import App
import Cities
import DomainKit
import Foundation
import TestSupport
import Testing

/// The console's search boxes read their words through the same fold as the API's `q` (search17).
@Suite("console search folds text as people type it")
struct ConsoleSearchFoldTests {
    @Test("the needs page finds a need stored full-width with an ideographic space by its plain words, and one stored plainly by half-width katakana")
    func needsBothWays() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let (_, adminUser) = try await ConsoleBrowser.user(application, .admin)
            let cities = CityService(pool: application.pool, clock: application.clock)
            let cityA = try await cities.need(world.needA, by: Principal(userID: adminUser.id, role: .admin)).cityId
            _ = try await cities.createNeed(
                CityNeedDraft(cityId: cityA, titleEn: "Ｓｅａｒｃｈ\u{3000}Ａｌｐｈａ ｱﾙﾌｧ", source: .inquiry), by: Principal(userID: adminUser.id, role: .admin))
            var browser = world.browsers[.coordinator]!
            for words in ["search alpha", "SEARCH\u{00A0}\u{00A0}ALPHA", "アルファ"] {
                let page = try await browser.get("/needs?q=" + ConsoleBrowser.encode(words))
                #expect(page.status == 200 && page.text.contains(">ニーズ 1件<") && page.text.contains("Ｓｅａｒｃｈ\u{3000}Ａｌｐｈａ ｱﾙﾌｧ"), "q=\(words.debugDescription)")
            }
            // ConsoleWorld's need A is ダナンの廃棄物発電 (Waste to energy in Da Nang), stored as a Japanese IME writes it
            // (words naming its technology would find need B too, through the taxonomy).
            let halfWidth = try await browser.get("/needs?q=" + ConsoleBrowser.encode("ﾀﾞﾅﾝ"))
            #expect(halfWidth.status == 200 && halfWidth.text.contains(">ニーズ 1件<") && halfWidth.text.contains("ダナンの廃棄物発電"))
            let fullWidth = try await browser.get("/needs?q=" + ConsoleBrowser.encode("ｉｎ　Ｄａ　Ｎａｎｇ"))
            #expect(fullWidth.status == 200 && fullWidth.text.contains(">ニーズ 1件<") && fullWidth.text.contains("ダナンの廃棄物発電"))
        }
    }
}
