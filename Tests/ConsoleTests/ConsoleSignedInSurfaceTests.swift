import Accounts
import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@testable import Console

/// audit37: the signed-in surface under hostile use (docs/fuzzing.md, "The signed-in surface, 2026-12-07").
@Suite("Console: the signed-in surface under hostile use")
struct ConsoleSignedInSurfaceTests {
    static let keys = "SELECT count(*) AS n FROM auth_tokens WHERE kind = 'api_key'"

    static func keyCount(_ application: Application) async throws -> Int {
        try await application.pool.query(PostgresQuery(stringLiteral: keys))[0].decode("n")
    }

    /// The scopes the API-key form offers, as the page writes them.
    static func offeredScopes(_ html: String) -> [String] {
        html.components(separatedBy: "name=\"scopes\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("a form field sent twice that the page reads as one value is a 400 page naming it, and nothing is saved; a list may repeat")
    func repeatedScalarFieldIsRefused() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let scopes = Self.offeredScopes(try await browser.get("/api-keys").text)
            try #require(scopes.count >= 2)
            let before = try await Self.keyCount(application)
            // Before audit37 the first name was used silently and the key saved.
            for (language, words) in [("ja", "項目「name」が2回以上送られた"), ("en", "The field “name” was sent more than once")] {
                browser.cookies["domino_lang"] = language
                _ = try await browser.get("/api-keys")
                let refused = try await browser.post("/api-keys", form: [("name", "first"), ("scopes", scopes[0]), ("name", "second")])
                #expect(refused.status == 400, "\(language): \(refused.status)")
                #expect(refused.text.contains("<html lang=\"\(language)\">") && refused.text.contains(words), "\(language)")
            }
            // The CSRF token is a field like any other: sent twice, even both right, the form is refused.
            _ = try await browser.get("/api-keys")
            let token = try #require(browser.lastCSRF)
            let twice = try await browser.post("/api-keys", form: [("name", "twice"), ("scopes", scopes[0]), ("_csrf", token)])
            #expect(twice.status == 400)
            #expect(try await Self.keyCount(application) == before)
            // `scopes` is the page's declared list (a checkbox group): repeated, it is the key's scopes.
            _ = try await browser.get("/api-keys")
            let saved = try await browser.post("/api-keys", form: [("name", "listed"), ("scopes", scopes[0]), ("scopes", scopes[1])])
            #expect(saved.status == 200 && saved.text.contains("listed"))
            #expect(try await Self.keyCount(application) == before + 1)
        }
    }

    @Test("a public form with a field sent twice is refused too: signing in with two addresses signs nobody in")
    func repeatedFieldOnPublicForm() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get("/login")
            // Before audit37 the first address was used and the session cookie set (303).
            let refused = try await browser.post("/login", form: [
                ("email", email), ("password", ConsoleBrowser.password), ("email", "someone-else@example.com"),
            ])
            #expect(refused.status == 400)
            #expect(refused.text.contains("email"))
            #expect(browser.cookies[Cookies.session] == nil)
            let signedIn = try await browser.signIn(email)
            #expect(signedIn.status == 303)
        }
    }
}
