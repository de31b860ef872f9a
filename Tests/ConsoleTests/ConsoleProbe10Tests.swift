import App
@testable import Console
import Conventions
import DomainKit
import Foundation
import TestSupport
import Testing

/// Defects found by probing last session's pages from outside (probe10), each through the real server.
@Suite("Console: defects found probing last session's pages (probe10)")
struct ConsoleProbe10Tests {
    @Test("the language switch never sends the browser to another host, however the way back hides it: a tab or line break in it is dropped by browsers, so /<tab>/host is //host")
    func languageSwitchStaysOnSite() async throws {
        try await withTestServer { port, _ in
            var browser = ConsoleBrowser(port: port)
            for back in ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%09%5Cevil.example", "%09%2F%2Fevil.example"] {
                let switched = try await browser.get("/language?to=en&back=\(back)")
                #expect(switched.status == 303 && switched.header("location") == "/", "\(back) → \(switched.header("location") ?? "none")")
            }
            let kept = try await browser.get("/language?to=ja&back=%2Fneeds%3Fq%3D%25E6%25B0%25B4")
            #expect(kept.header("location") == "/needs?q=%E6%B0%B4")
        }
    }

    @Test("a link, form action or image address holding an ASCII control character renders as #, since browsers strip tabs and newlines and /<tab>/host would leave the site")
    func urlAttributesRefuseControlCharacters() {
        for value in ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\t\\evil.example", "/needs/\u{7F}x"] {
            for name in ["href", "src", "action", "formaction"] {
                #expect(el("a", [attr(name, value)], []).render() == "<a \(name)=\"#\"></a>", "\(name)=\(value.debugDescription)")
            }
        }
    }

    @Test("an old cancellation link, after the organizers cancelled and the person registered again, says the registration was cancelled already, sends nothing and leaves the new one standing, in both languages")
    func oldCancellationLinkAfterRegisteringAgain() async throws {
        try await withTestServer(configure: ParticipantMessagesTests.links) { port, application in
            let event = try await ParticipantMessagesTests.event(application)
            let first = try await ParticipantMessagesTests.register(application, event, "an@example.vn")
            let (path, signature) = try ParticipantMessagesTests.link(in: try #require(try await ParticipantMessagesTests.outbox(application).first?.text))
            var browser = ConsoleBrowser(port: port)
            // The person opens the link and leaves the confirmation open; meanwhile the organizers cancel
            // (mailing the person) and the person registers again.
            #expect(try await browser.get(path).text.contains("参加登録を取り消しますか"))
            _ = try await application.conventions.cancel(first.id, by: ParticipantMessagesTests.admin)
            let again = try await ParticipantMessagesTests.register(application, event, "an@example.vn")
            let mails = try await ParticipantMessagesTests.outbox(application).count
            let confirmed = try await browser.post("/registrations/\(first.id.uuidString.lowercased())/cancel", form: [("s", signature)])
            #expect(confirmed.status == 200 && confirmed.text.contains("すでに取り消されています") && confirmed.text.contains("その登録は有効です"))
            #expect(!confirmed.text.contains("確認のメールをお送りします"), "no message is on its way")
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("すでに取り消されています") && !page.text.contains("確認のメールをお送りします"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get(path)
            #expect(english.text.contains("was already cancelled") && !english.text.contains("We are sending you a confirmation"))
            #expect(try await ParticipantMessagesTests.outbox(application).count == mails)
            let standing = try await application.conventions.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: ParticipantMessagesTests.admin).items
            #expect(standing.first { $0.id == again.id }?.status == .registered)
        }
    }
}
