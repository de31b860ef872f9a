import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A form posted from another site is refused before anything runs, even with a valid session cookie
/// and token (docs/console.md, "Forms from other sites"); our own pages, a person's own request and a
/// browser that says nothing keep working.
@Suite("Console: forms from other sites")
struct ConsoleCrossSiteTests {
    @Test("a signed-in form with a valid token is refused from another site or a sibling site; from our page, the person or a silent browser it saves")
    func signedInForm() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let form = try await ConsoleDataRefusalTests.newNeed(world, application, title: "")
            func fields(_ title: String) -> [(String, String)] { form.map { $0.0 == "titleJa" ? ($0.0, title) : $0 } }
            let refusedHeaders: [[String: String]] = [
                ["Sec-Fetch-Site": "cross-site", "Origin": "https://attacker.example"],
                ["Sec-Fetch-Site": "same-site", "Origin": "https://staging.localhost"],
                ["Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"],
                ["Origin": "https://attacker.example"],
                ["Origin": "null"],
                ["Origin": "http://localhost.attacker.example"],
            ]
            for (index, headers) in refusedHeaders.enumerated() {
                _ = try await browser.get("/needs/new")
                let title = "別サイトからの送信 \(index)"
                let refused = try await browser.post("/needs/new", form: fields(title), headers: headers)
                #expect(refused.status == 403, "\(headers)")
                #expect(refused.text.contains("別のウェブサイトから送信されたため"), "\(headers)")
                #expect(try await ConsoleDataRefusalTests.needs(application, titled: title) == 0, "\(headers)")
            }
            let acceptedHeaders: [[String: String]] = [
                ["Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"],
                ["Sec-Fetch-Site": "none"],
                [:],
                ["Origin": "http://localhost"],
                ["Origin": "https://localhost:8443"],
            ]
            for (index, headers) in acceptedHeaders.enumerated() {
                _ = try await browser.get("/needs/new")
                let title = "このサイトからの送信 \(index)"
                let saved = try await browser.post("/needs/new", form: fields(title), headers: headers)
                #expect(saved.status == 303, "\(headers)")
                #expect(try await ConsoleDataRefusalTests.needs(application, titled: title) == 1, "\(headers)")
            }

            browser.cookies["domino_lang"] = "en"
            let english = try await browser.post("/needs/new", form: fields("English"), headers: ["Sec-Fetch-Site": "cross-site"])
            #expect(english.status == 403 && english.text.contains("This form was sent from another website"))
        }
    }

    @Test("the public registration and sign-in forms refuse a post from another site too, and write nothing")
    func publicForms() async throws {
        try await withTestServer { port, application in
            let event = try await PublicRegistrationTests.event(application)
            var guest = ConsoleBrowser(port: port)
            _ = try await guest.get(PublicRegistrationTests.path(event))
            let forged = try await guest.post(PublicRegistrationTests.path(event), form: PublicRegistrationTests.form("forged@example.vn"),
                                              headers: ["Sec-Fetch-Site": "cross-site"])
            #expect(forged.status == 403)
            #expect(try await PublicRegistrationTests.registrations(application, event).isEmpty)
            #expect(try await PublicRegistrationTests.outboxCount(application) == 0)
            let own = try await guest.post(PublicRegistrationTests.path(event), form: PublicRegistrationTests.form("own@example.vn"),
                                           headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(own.status == 303)
            #expect(try await PublicRegistrationTests.registrations(application, event).count == 1)

            // Signing someone in to the attacker's account (login CSRF) is refused the same way.
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var person = ConsoleBrowser(port: port)
            _ = try await person.get("/login")
            let login = try await person.post("/login", form: [("email", email), ("password", ConsoleBrowser.password)], headers: ["Origin": "https://attacker.example"])
            #expect(login.status == 403)
            #expect(person.cookies["domino_session"] == nil)
        }
    }
}
