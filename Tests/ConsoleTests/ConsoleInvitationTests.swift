import Accounts
import App
@testable import Console
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// An administrator adds a user without typing a password: the person sets their own from a mailed 7-day link.
/// Real server, fresh database; the mail is read from the outbox.
@Suite("Console invitation of a new user")
struct ConsoleInvitationTests {
    static let chosen = "a passphrase chosen by the invitee 2026"

    static func invite(_ admin: inout ConsoleBrowser, email: String, extra: [(String, String)] = []) async throws -> TestClient.Response {
        _ = try await admin.get("/users/new")
        return try await admin.post("/users/new", form: [
            ("displayName", "Trần Thị Mai"), ("email", email), ("role", "coordinator"), ("companyId", ""), ("liaisonBaseId", ""),
        ] + extra)
    }

    static func email() -> String { "invited-\(UUID().uuidString.prefix(8).lowercased())@console.test.domino.example" }

    static func usersNamed(_ email: String, _ application: Application) async throws -> Int {
        try await application.pool.query("SELECT count(*) AS n FROM users WHERE email = \(email)")[0].decode("n")
    }

    @Test("invited by default: the mail, no password signs in, the person sets theirs, the invitation is then gone")
    func roundTrip() async throws {
        try await withTestServer { port, application in
            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            var admin = ConsoleBrowser(port: port)
            #expect(try await admin.signIn(adminEmail).status == 303)
            let form = try await admin.get("/users/new")
            #expect(form.text.contains("id=\"passwordBy-invitation\" name=\"passwordBy\" value=\"invitation\" checked"))
            let email = Self.email()
            let invited = try await Self.invite(&admin, email: email, extra: [("passwordBy", "invitation"), ("password", "")])
            #expect(invited.status == 303)
            let path = try #require(invited.header("Location"))
            #expect(path.hasSuffix("?invited=1"))
            let page = try await admin.get(path)
            #expect(page.text.contains("ユーザーを追加し、招待メールを送りました"))
            #expect(page.text.contains("2026年10月15日に送信、2026年10月22日まで有効（まだ使われていません）"))
            #expect(page.text.contains("action=\"\(path.components(separatedBy: "?")[0])/invitation\""))

            let mails = try await ConsolePasswordResetTests.mails(application)
            try #require(mails.count == 1)
            #expect(mails[0].to == email && mails[0].subject == "Domino アカウントのご案内 / Your Domino account")
            let japanese = try #require(mails[0].text.range(of: "Domino にあなたのアカウントが作成されました"))
            let english = try #require(mails[0].text.range(of: "An account was made for you on Domino"))
            #expect(japanese.lowerBound < english.lowerBound, "Japanese first")
            let link = try ConsolePasswordResetTests.link(in: mails[0].text)

            var person = ConsoleBrowser(port: port)
            #expect(try await person.signIn(email).status == 401, "no password signs in before the invitation is used")
            let set = try await person.get(link)
            #expect(set.status == 200 && set.text.contains("パスワードの設定") && set.text.contains("\(email) のアカウントが作成されています"))
            let done = try await person.post(link, form: [("newPassword", Self.chosen), ("newPasswordAgain", Self.chosen)])
            #expect(done.status == 200 && done.text.contains("パスワードを設定しました。このパスワードでログインしてください。"))
            #expect(try await person.signIn(email, password: Self.chosen).status == 303)

            let after = try await admin.get(path.components(separatedBy: "?")[0])
            #expect(!after.text.contains("まだ使われていません") && !after.text.contains("/invitation\""), "nothing waits any more")
            let again = try await admin.post(path.components(separatedBy: "?")[0] + "/invitation", form: [])
            #expect(again.status == 409 && again.text.contains("送り直せる招待はありません"))
            #expect(try await ConsolePasswordResetTests.mails(application).count == 1, "a set password is never replaced by an invitation")
            let actions: [String] = try await application.pool.query("""
                SELECT action || coalesce(':' || (changes ->> 'purpose'), '') AS a FROM audit_log WHERE entity = 'user' AND entity_id = (
                    SELECT id::text FROM users WHERE email = \(email)) ORDER BY id
                """).map { try $0.decode("a") }
            #expect(actions == ["user.create", "user.password_link:invitation", "user.reset_password_by_link:invitation"])
        }
    }

    @Test("an invitation past its 7 days: the link refused, the page says expired, sent again only by an administrator")
    func expiredSentAgain() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            var admin = ConsoleBrowser(port: port)
            #expect(try await admin.signIn(adminEmail).status == 303)
            admin.cookies["domino_lang"] = "en"
            let email = Self.email()
            let invited = try await Self.invite(&admin, email: email)
            #expect(invited.status == 303, "a form with neither a choice nor a password invites")
            let path = try #require(invited.header("Location")).components(separatedBy: "?")[0]
            let first = try ConsolePasswordResetTests.link(in: try #require(try await ConsolePasswordResetTests.mails(application).first).text)
            clock.advance(seconds: 7 * 86400 + 1)
            var person = ConsoleBrowser(port: port)
            #expect(try await person.get(first).status == 404)
            #expect(try await admin.signIn(adminEmail).status == 303, "a week on, the administrator's session has ended")
            let page = try await admin.get(path)
            #expect(page.text.contains("Sent 15 Oct 2026; expired 22 Oct 2026 (not used)"))

            let (coordinatorEmail, _) = try await ConsoleBrowser.user(application, .coordinator)
            var coordinator = ConsoleBrowser(port: port)
            #expect(try await coordinator.signIn(coordinatorEmail).status == 303)
            _ = try await coordinator.get("/")
            #expect(try await coordinator.post(path + "/invitation", form: []).status == 403)
            #expect(try await ConsolePasswordResetTests.mails(application).count == 1)

            _ = try await admin.get(path)
            let again = try await admin.post(path + "/invitation", form: [])
            #expect(again.status == 303 && again.header("Location") == path + "?reinvited=1")
            #expect(try await admin.get(path + "?reinvited=1").text.contains("The invitation has been sent again."))
            let mails = try await ConsolePasswordResetTests.mails(application)
            try #require(mails.count == 2)
            let second = try ConsolePasswordResetTests.link(in: mails[1].text)
            #expect(second != first)
            person.cookies["domino_lang"] = "en"
            let set = try await person.get(second)
            #expect(set.status == 200 && set.text.contains("Set your password") && set.text.contains("An account was made for \(email)."))
            let done = try await person.post(second, form: [("newPassword", Self.chosen), ("newPasswordAgain", Self.chosen)])
            #expect(done.text.contains("Your password is set; sign in with it."))
        }
    }

    @Test("refusals change nothing: a typed password left empty, an address no mail reaches, an unknown choice")
    func refusals() async throws {
        try await withTestServer { port, application in
            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            var admin = ConsoleBrowser(port: port)
            #expect(try await admin.signIn(adminEmail).status == 303)
            let email = Self.email()
            let empty = try await Self.invite(&admin, email: email, extra: [("passwordBy", "typed"), ("password", "")])
            #expect(empty.status == 422 && empty.text.contains("このパスワードは使えません"))
            #expect(empty.text.contains("id=\"passwordBy-typed\" name=\"passwordBy\" value=\"typed\" checked"), "the choice is kept")
            #expect(try await Self.usersNamed(email, application) == 0)

            let unmailable = "まい@例え.jp"
            let refused = try await Self.invite(&admin, email: unmailable, extra: [("passwordBy", "invitation")])
            #expect(refused.status == 422 && refused.text.contains("このアドレスにはメールを送れません"))
            #expect(try await Self.usersNamed(unmailable, application) == 0, "the user is not kept without its invitation")

            #expect(try await Self.invite(&admin, email: email, extra: [("passwordBy", "carrier pigeon")]).status == 400)
            #expect(try await Self.usersNamed(email, application) == 0)

            // An account made with a typed password may hold an address no mail reaches: its reset gets the one answer.
            _ = try await application.accounts.createUser(
                NewUser(email: unmailable, displayName: "舞", role: .viewer, password: ConsoleBrowser.password), actor: nil)
            var forgetful = ConsoleBrowser(port: port)
            let asked = try await ConsolePasswordResetTests.ask(&forgetful, unmailable)
            #expect(asked.status == 200 && asked.text.contains("このメールアドレスのアカウントがあれば"))
            #expect(try await ConsolePasswordResetTests.mails(application).isEmpty)
        }
    }
}
