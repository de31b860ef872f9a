import App
import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A form the database refuses with no field to name (a rule only the schema holds, a unique value taken a
/// moment before) gets the status the API gives the same write, a page that keeps the input ready to send
/// again, and nothing of the database's own text (docs/console.md, "When the database refuses a form").
@Suite("Console: a form the database refuses")
struct ConsoleDataRefusalTests {
    static func newNeed(_ world: ConsoleWorld, _ application: Application, title: String) async throws -> [(String, String)] {
        let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
        return [("cityId", city.uuidString.lowercased()), ("titleJa", title), ("taxonomyCodes", "waste_to_energy"), ("source", "inquiry")]
    }

    static func needs(_ application: Application, titled title: String) async throws -> Int {
        try await application.pool.query("SELECT count(*) AS n FROM city_needs WHERE title_ja = \(title)")[0].decode("n")
    }

    /// What a page must never show: the database's message, its names, the value it quotes.
    static func expectNoDatabaseText(_ text: String, constraint: String) {
        for leak in [constraint, "violates", "city_needs", "SQLSTATE", "PostgresError", "duplicate key"] {
            #expect(!text.contains(leak), "the page shows \(leak)")
        }
    }

    @Test("a value only a CHECK constraint refuses is the API's 422, with the input kept to send again, in Japanese and English")
    func checkOnlyTheDatabaseHolds() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            // A rule the schema holds and no service checks first (the service's constraint table does not list it).
            try await application.pool.withConnection {
                try await $0.runScript("ALTER TABLE city_needs ADD CONSTRAINT refused_by_the_schema CHECK (title_ja IS DISTINCT FROM '学校の屋根の太陽光')")
            }
            let fields = try await Self.newNeed(world, application, title: "学校の屋根の太陽光")
            var browser = world.browsers[.coordinator]!
            let form = try await browser.get("/needs/new")
            let refused = try await browser.post("/needs/new", form: fields, submission: ConsoleBrowser.submission(in: form.text, action: "/needs/new"))
            #expect(refused.status == 422)
            #expect(refused.text.contains("何も保存されていません"))
            #expect(refused.text.contains("入力した内容が保存データの規則に合いません"))
            #expect(refused.text.contains("name=\"titleJa\" value=\"学校の屋根の太陽光\""), "the input is kept in the page's resend form")
            #expect(refused.text.contains("action=\"/needs/new\""))
            Self.expectNoDatabaseText(refused.text, constraint: "refused_by_the_schema")
            #expect(try await Self.needs(application, titled: "学校の屋根の太陽光") == 0)

            browser.cookies["domino_lang"] = "en"
            let english = try await browser.post("/needs/new", form: fields)
            #expect(english.status == 422)
            #expect(english.text.contains("Nothing was saved") && english.text.contains("breaks a rule of the stored data"))
            Self.expectNoDatabaseText(english.text, constraint: "refused_by_the_schema")

            // The API answers the same write with the same status, from the same mapping.
            let (token, _) = try await application.token(for: .coordinator)
            let api = try await TestClient.request(
                port: port, "POST", "/v1/needs", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                body: #"{"cityId":"\#(fields[0].1)","titleJa":"学校の屋根の太陽光","source":"inquiry"}"#)
            #expect(api.status == 422)
        }
    }

    @Test("a unique value the schema alone guards, taken a moment before, is the API's 409 with the input kept; sent again once freed, it saves")
    func uniqueOnlyTheDatabaseHolds() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await application.pool.withConnection {
                try await $0.runScript("CREATE UNIQUE INDEX one_need_per_title_for_this_test ON city_needs (title_ja)")
            }
            let fields = try await Self.newNeed(world, application, title: "港の陸上電力供給")
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/needs/new")
            #expect(try await browser.post("/needs/new", form: fields).status == 303)
            let refused = try await browser.post("/needs/new", form: fields)
            #expect(refused.status == 409)
            #expect(refused.text.contains("同じ値の記録がすでにあるか"))
            #expect(refused.text.contains("name=\"titleJa\" value=\"港の陸上電力供給\""))
            Self.expectNoDatabaseText(refused.text, constraint: "one_need_per_title_for_this_test")
            #expect(try await Self.needs(application, titled: "港の陸上電力供給") == 1)

            // The kept input, sent again with the page's own token and submission id once the value is free, is saved.
            try await application.pool.withConnection { try await $0.runScript("DROP INDEX one_need_per_title_for_this_test") }
            let kept = try #require(ConsoleBrowser.submission(in: refused.text, action: "/needs/new"))
            let resent = try await browser.post("/needs/new", form: fields, submission: kept)
            #expect(resent.status == 303)
            #expect(try await Self.needs(application, titled: "港の陸上電力供給") == 2)
        }
    }
}
