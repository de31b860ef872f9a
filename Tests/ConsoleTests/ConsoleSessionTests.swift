import App
@testable import Console
import Cities
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// Signing in and out through the console on the real server and a fresh database.
@Suite("Console sessions")
struct ConsoleSessionTests {
    @Test("signing in sets an HttpOnly SameSite=Strict session cookie and opens the home page")
    func signIn() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            let login = try await browser.signIn(email)
            #expect(login.status == 303)
            #expect(login.header("location") == "/")
            let cookie = try #require(login.headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix("domino_session=") }?.value)
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain HTTP without a trusted proxy: no Secure flag")
            let home = try await browser.get("/")
            #expect(home.status == 200)
            #expect(home.text.contains("<html lang=\"ja\">"))
        }
    }

    @Test("a signed-in person on a path no page has, or with the wrong method, is offered home, not the sign-in page")
    func lostWhileSignedIn() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            let anonymous = try await browser.get("/no-such-page")
            #expect(anonymous.status == 404 && anonymous.text.contains("href=\"/login\">ログイン</a>"))
            _ = try await browser.signIn(email)
            let lost = try await browser.get("/no-such-page")
            #expect(lost.status == 404 && lost.text.contains("href=\"/\">ホームへ戻る</a>") && !lost.text.contains(">ログイン</a>"))
            let wrongMethod = try await browser.post("/kpi", form: [])
            #expect(wrongMethod.status == 405 && wrongMethod.text.contains("href=\"/\">ホームへ戻る</a>"))
        }
    }

    @Test("a wrong password shows the form again with the error, in the reader's language")
    func wrongPassword() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            let response = try await browser.signIn(email, password: "not the password")
            #expect(response.status == 401)
            #expect(response.text.contains("メールアドレスまたはパスワードが正しくありません"))
            // Someone who forgot the password is offered a mailed link, not left at the form (persona29, reset29).
            #expect(response.text.contains("href=\"/password-reset\">パスワードを忘れた場合</a>"))
            #expect(response.text.contains("アカウントがない場合は、事業の管理者に連絡してください。企業として参加したい場合は、下のリンクから申し込めます。"))
            browser.cookies["domino_lang"] = "en"
            #expect(try await browser.get("/login").text.contains("No account yet? Ask the programme&#39;s administrator, or, for a company, apply below."))
            #expect(browser.cookies["domino_session"] == nil)
            #expect(try await browser.get("/").status == 303)
        }
    }

    @Test("a POST without the CSRF token is refused with a 403 page, the login form included")
    func csrf() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get("/login")
            let forged = try await browser.post("/login", form: [("email", email), ("password", ConsoleBrowser.password)], csrf: "forged")
            #expect(forged.status == 403)
            #expect(try await browser.signIn(email).status == 303)
            _ = try await browser.get("/")
            let logout = try await browser.post("/logout", form: [], csrf: "0" + String(repeating: "a", count: 47))
            #expect(logout.status == 403)
            #expect(logout.text.contains("<title>"))
            #expect(try await browser.get("/").status == 200, "the refused logout did nothing")
        }
    }

    @Test("the session cookie never authenticates the API: /v1 takes bearer tokens only")
    func cookieIsNotABearer() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .admin)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let session = try #require(browser.cookies["domino_session"])
            #expect(try await browser.get("/v1/me").status == 401)
            #expect(try await browser.get("/v1/users").status == 401)
            // The same token as a bearer works: the refusal above is the cookie's, not the token's.
            let bearer = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(session)"])
            #expect(bearer.status == 200)
        }
    }

    @Test("signing in again rotates the session: the old cookie stops working")
    func rotation() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let first = try #require(browser.cookies["domino_session"])
            _ = try await browser.signIn(email)
            let second = try #require(browser.cookies["domino_session"])
            #expect(first != second)
            var stale = ConsoleBrowser(port: port)
            stale.cookies["domino_session"] = first
            #expect(try await stale.get("/").header("location") == "/login?expired=1")
            #expect(try await browser.get("/").status == 200)
        }
    }

    @Test("a session idle for 30 minutes expires; one in use lives until its absolute lifetime")
    func expiry() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            clock.advance(seconds: 29 * 60)
            #expect(try await browser.get("/").status == 200)
            clock.advance(seconds: 31 * 60)
            let expired = try await browser.get("/")
            #expect(expired.status == 303)
            #expect(expired.header("location") == "/login?expired=1")

            _ = try await browser.signIn(email)
            // Used every 20 minutes, the session lasts its 12 hours and no longer.
            for _ in 0..<35 {
                clock.advance(seconds: 20 * 60)
                #expect(try await browser.get("/").status == 200)
            }
            clock.advance(seconds: 20 * 60)
            #expect(try await browser.get("/").header("location") == "/login?expired=1")
        }
    }

    @Test("logging out ends the session and revokes its token")
    func logout() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let token = try #require(browser.cookies["domino_session"])
            _ = try await browser.get("/")
            let logout = try await browser.post("/logout", form: [])
            #expect(logout.status == 303 && logout.header("location") == "/login?signed_out=1")
            var replay = ConsoleBrowser(port: port)
            replay.cookies["domino_session"] = token
            #expect(try await replay.get("/").status == 303)
            let api = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(token)"])
            #expect(api.status == 401, "logout revoked the token itself")
        }
    }

    @Test("every page has the security headers; assets are cached for a year under a content hash")
    func headers() async throws {
        try await withTestServer { port, _ in
            var browser = ConsoleBrowser(port: port)
            let login = try await browser.get("/login")
            let policy = try #require(login.header("content-security-policy"))
            #expect(policy.contains("script-src 'self'") && policy.contains("style-src 'self'") && policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(login.header("x-content-type-options") == "nosniff")
            #expect(login.header("referrer-policy") == "same-origin")
            #expect(login.header("cache-control") == "no-store")
            #expect(!login.text.contains("<script>") && !login.text.contains("style="))
            let stylesheet = try #require(login.text.range(of: "/assets/console-[0-9a-f]{16}\\.css", options: .regularExpression))
            let asset = try await browser.get(String(login.text[stylesheet]))
            #expect(asset.status == 200)
            #expect(asset.header("cache-control") == "public, max-age=31536000, immutable")
            #expect(asset.header("content-type") == "text/css; charset=utf-8")
            #expect(try await browser.get("/assets/console-0000000000000000.css").status == 404)
            let missing = try await browser.get("/no/such/page")
            #expect(missing.status == 404 && missing.header("content-security-policy") != nil)
        }
    }

    @Test("English is one click away and remembered")
    func language() async throws {
        try await withTestServer { port, _ in
            var browser = ConsoleBrowser(port: port)
            let switched = try await browser.get("/language?to=en&back=%2Flogin")
            #expect(switched.status == 303 && switched.header("location") == "/login")
            #expect(browser.cookies["domino_lang"] == "en")
            let login = try await browser.get("/login")
            #expect(login.text.contains("<html lang=\"en\">") && login.text.contains("Sign in – Domino"))
            let offsite = try await browser.get("/language?to=ja&back=%2F%2Fevil.example")
            #expect(offsite.header("location") == "/")
        }
    }
    @Test("a form of ours sent after the session expired is not lost: signing in again, past a wrong password, offers it ready to send")
    func expiredFormResumes() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (atForm, email, city, form) = try await Self.adminAtNeedForm(port, application)
            var browser = atForm
            let submission = ConsoleBrowser.submission(in: form.text, action: "/needs/new")
            let session = try #require(browser.cookies["domino_session"])
            clock.advance(seconds: 31 * 60)
            let description = String(repeating: "下水汚泥の再資源化について、", count: 20)
            let fields = [("cityId", city), ("titleJa", "下水汚泥の再資源化"), ("descriptionJa", description),
                          ("taxonomyCodes", "waste_to_energy"), ("taxonomyCodes", "solar_pv")]
            let user = try #require(Self.hiddenFields(in: form.text).first { $0.0 == "_user" })
            // From another site, nothing is carried to the sign-in page: the post is refused before its session is read.
            let foreign = try await browser.post("/needs/new", form: fields + [user], submission: submission, headers: ["Sec-Fetch-Site": "cross-site"])
            #expect(foreign.status == 403 && !foreign.text.contains("_resume"))
            browser.cookies["domino_session"] = session
            let sent = try await browser.post("/needs/new", form: fields + [user], submission: submission, headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(sent.status == 401 && sent.text.contains("送信した内容はまだ保存されていません"))
            #expect(sent.text.contains("name=\"_resume:descriptionJa\" value=\"\(description)\""))
            #expect(!sent.text.contains("_resume:_csrf") && !sent.text.contains("_resume:_submission") && !sent.text.contains("_resume:_user"))
            let carried = Self.hiddenFields(in: sent.text).filter { $0.0.hasPrefix("_resume") }
            #expect(carried.count == 7)

            let wrong = try await browser.post("/login", form: [("email", email), ("password", "not the password")] + carried)
            #expect(wrong.status == 401 && wrong.text.contains("name=\"_resume:titleJa\" value=\"下水汚泥の再資源化\""))
            let signedIn = try await browser.post("/login", form: [("email", email), ("password", ConsoleBrowser.password)] + carried)
            #expect(signedIn.status == 200 && signedIn.text.contains("入力した内容を送信する"))
            #expect(signedIn.text.contains("action=\"/needs/new\""), "the form goes where it was going")
            let again = Self.hiddenFields(in: signedIn.text).filter { !["_csrf", "_submission", "_user"].contains($0.0) }
            #expect(again.map(\.0) == fields.map(\.0) && again.map(\.1) == fields.map(\.1))
            let saved = try await browser.post(
                "/needs/new", form: again, submission: ConsoleBrowser.submission(in: signedIn.text, action: "/needs/new"))
            #expect(saved.status == 303 && (saved.header("location") ?? "").hasPrefix("/needs/"))
            #expect(try await browser.get(saved.header("location") ?? "/").text.contains(description))
        }
    }

    @Test("a password typed into a form is never carried into the sign-in page or the offer to send again")
    func passwordsNotCarried() throws {
        let form = [("email", "a@example.jp"), ("password", "p1"), ("currentPassword", "p2"), ("newPassword", "p3"),
                    ("newPasswordAgain", "p3"), ("_csrf", "t"), (FormSubmission.field, "s"), ("nameJa", "山田")]
            .map { (name: $0.0, value: $0.1) }
        #expect(Console.resendable(form).map(\.name) == ["email", "nameJa"])
        let carried = try #require(Console.resumeFields(path: "/users/new", form: form + [(name: "_user", value: "u")]))
        #expect(!carried.contains { $0.value.hasPrefix("p") })
    }

    @Test("a form sent after its session ended is offered again only to the person who typed it: another person signing in on that browser is not")
    func expiredFormNotCarriedToAnotherUser() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (atForm, email, city, form) = try await Self.adminAtNeedForm(port, application)
            var browser = atForm
            let user = try #require(Self.hiddenFields(in: form.text).first { $0.0 == "_user" })
            clock.advance(seconds: 31 * 60)
            let fields = [("cityId", city), ("titleJa", "雨水の再利用"), ("descriptionJa", "管理者が書いた説明"), user]
            let sent = try await browser.post("/needs/new", form: fields, submission: ConsoleBrowser.submission(in: form.text, action: "/needs/new"),
                                              headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(sent.status == 401 && sent.text.contains("管理者が書いた説明"))
            let carried = Self.hiddenFields(in: sent.text).filter { $0.0.hasPrefix("_resume") }
            // Someone else signs in on that computer: their home page, not the first person's words to send as theirs.
            let (other, _) = try await ConsoleBrowser.user(application, .coordinator)
            let signedIn = try await browser.post("/login", form: [("email", other), ("password", ConsoleBrowser.password)] + carried)
            #expect(signedIn.status == 303 && signedIn.header("location") == "/" && !signedIn.text.contains("管理者が書いた説明"))
            // A form that names no user (or a forged one) is not carried to the sign-in page at all.
            clock.advance(seconds: 31 * 60)
            var again = ConsoleBrowser(port: port)
            _ = try await again.signIn(email)
            clock.advance(seconds: 31 * 60)
            let unnamed = try await again.post("/needs/new", form: Array(fields.dropLast()), headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(unnamed.status == 303 && unnamed.header("location") == "/login?expired=1")
        }
    }

    @Test("signing out or changing the password after the session ended is not offered again after signing in: nothing typed is carried")
    func nothingTypedNotCarried() async throws {
        let clock = TestClock()
        try await withTestServer(clock: clock.programme) { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .coordinator)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let account = try await browser.get("/account")
            let user = try #require(Self.hiddenFields(in: account.text).first { $0.0 == "_user" })
            let username = try #require(Self.hiddenFields(in: account.text).first { $0.0 == "username" })
            let session = try #require(browser.cookies["domino_session"])
            clock.advance(seconds: 31 * 60)
            let signOut = try await browser.post("/logout", form: [user], headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(signOut.status == 303 && signOut.header("location") == "/login?expired=1")
            browser.cookies["domino_session"] = session
            let password = try await browser.post("/account/password", form: [
                username, ("currentPassword", ConsoleBrowser.password), ("newPassword", "a new passphrase 2027"), ("newPasswordAgain", "a new passphrase 2027"), user,
            ], headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(password.status == 303 && password.header("location") == "/login?expired=1" && !password.text.contains("_resume"))
        }
    }

    @Test("a form whose session changed under it (signed in again in another tab) is offered to send again, not refused with its input lost")
    func changedSessionResends() async throws {
        try await withTestServer { port, application in
            let (atForm, email, city, form) = try await Self.adminAtNeedForm(port, application)
            var browser = atForm
            let (oldCSRF, submission) = (try #require(browser.lastCSRF), ConsoleBrowser.submission(in: form.text, action: "/needs/new"))
            _ = try await browser.signIn(email)  // the other tab: a new session, a new CSRF token
            let user = try #require(Self.hiddenFields(in: form.text).first { $0.0 == "_user" })
            let fields = [("cityId", city), ("titleJa", "雨水の再利用"), ("descriptionJa", "公園の散水に"), user]
            let plain = try await browser.post("/needs/new", form: fields, csrf: oldCSRF, submission: submission)
            #expect(plain.status == 403 && !plain.text.contains("雨水の再利用"), "without Fetch Metadata saying ours: refused as before")
            let offered = try await browser.post("/needs/new", form: fields, csrf: oldCSRF, submission: submission, headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(offered.status == 403 && offered.text.contains("入力した内容を送信する"))
            let again = Self.hiddenFields(in: offered.text).filter { !["_csrf", "_submission", "_user"].contains($0.0) }
            #expect(again.map(\.0) == fields.dropLast().map(\.0) && again.map(\.1) == fields.dropLast().map(\.1))
            let saved = try await browser.post("/needs/new", form: again, submission: ConsoleBrowser.submission(in: offered.text, action: "/needs/new"))
            #expect(saved.status == 303 && (saved.header("location") ?? "").hasPrefix("/needs/"))

            // The first person signed out in the other tab and someone else signed in: the open form is not theirs to send.
            let (other, _) = try await ConsoleBrowser.user(application, .coordinator)
            _ = try await browser.signIn(other)
            let notTheirs = try await browser.post("/needs/new", form: fields, csrf: oldCSRF, headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(notTheirs.status == 403 && !notTheirs.text.contains("公園の散水に") && !notTheirs.text.contains("入力した内容を送信する"))
        }
    }

    /// An admin signed in and on the need form, and a city to report the need for.
    static func adminAtNeedForm(_ port: Int, _ application: Application) async throws -> (ConsoleBrowser, String, String, TestClient.Response) {
        let world = try await ConsoleWorld(port: port, application: application)
        let city = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId.uuidString.lowercased()
        let (email, _) = try await ConsoleBrowser.user(application, .admin)
        var browser = ConsoleBrowser(port: port)
        _ = try await browser.signIn(email)
        return (browser, email, city, try await browser.get("/needs/new"))
    }

    /// Each hidden input's name and value, in order (values here hold no character the builder escapes).
    static func hiddenFields(in html: String) -> [(String, String)] {
        html.components(separatedBy: "<input type=\"hidden\" name=\"").dropFirst().compactMap { rest in
            guard let nameEnd = rest.firstIndex(of: "\""), let value = rest.range(of: "value=\"") else { return nil }
            let tail = rest[value.upperBound...]
            return (String(rest[..<nameEnd]), String(tail[..<(tail.firstIndex(of: "\"") ?? tail.endIndex)]))
        }
    }

    @Test("with the database unreachable a signed-in page is the 503 'not available' page with Retry-After, as the API answers, not a 500")
    func databaseUnreachable() async throws {
        // A socket directory where no PostgreSQL listens: every connection attempt fails at once.
        var configuration = AppConfiguration(
            database: try PostgresConfiguration(url: "postgres:///domino?host=/nonexistent/domino-console-test&user=postgres"),
            port: 0, logLevel: .error)
        configuration.isDevelopment = true
        let application = try Application(configuration: configuration, clock: .test)
        let server = application.makeServer(port: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.waitUntilListening()
            let session = ["Cookie": "domino_session=dmn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]
            let page = try await TestClient.request(port: port, "GET", "/", headers: session)
            let api = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer dmn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
            // Cancelling run() closes the server at once (nothing is in flight any more).
            group.cancelAll()
            try await group.waitForAll()
            application.pool.close()
            #expect(api.status == 503)
            #expect(page.status == 503)
            #expect(page.header("Retry-After") == "5")
            #expect(page.text.contains("ただいま利用できません"))
        }
    }

    @Test("a page whose handler runs out of time is the console's 503 page with Retry-After in the reader's language; the API's stays problem+json")
    func handlerOutOfTime() async throws {
        // PostgreSQL out of reach, and the pool told to keep trying for longer than a handler may run: every
        // request that needs the database runs out of time.
        var configuration = AppConfiguration(
            database: try PostgresConfiguration(url: "postgres:///domino?host=/nonexistent/domino-console-timeout&user=postgres"),
            port: 0, logLevel: .error)
        configuration.isDevelopment = true
        configuration.handlerTimeout = .seconds(1)
        let pool = PostgresPool(configuration: configuration.database, options: .init(acquireTimeout: .seconds(600)))
        let application = try Application(configuration: configuration, pool: pool, clock: .test)
        let server = application.makeServer(port: 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            let port = try await server.waitUntilListening()
            let token = "dmn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            let page = try await TestClient.request(port: port, "GET", "/", headers: ["Cookie": "domino_session=\(token); domino_lang=en"])
            let api = try await TestClient.request(port: port, "GET", "/v1/me", headers: ["Authorization": "Bearer \(token)"])
            // An import's form out of time (a big dry run under load) is not a file too large: the same 503 page (probe15).
            let boundary = "probe15"
            let upload = try await TestClient.request(port: port, "POST", "/needs/import", headers: [
                "Cookie": "domino_session=\(token); domino_lang=en", "Content-Type": "multipart/form-data; boundary=\(boundary)",
            ], body: "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"needs.csv\"\r\n\r\ncity\r\n--\(boundary)--\r\n")
            group.cancelAll()
            try await group.waitForAll()
            pool.close()
            #expect(page.status == 503)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.header("Retry-After") == "5")
            #expect(page.text.contains("Domino is not available right now"))
            #expect(page.header("Content-Security-Policy") != nil)
            #expect(api.status == 503)
            #expect(api.header("Content-Type") == "application/problem+json")
            #expect(api.text.contains("not handled within"))
            #expect(upload.status == 503)
            #expect(upload.header("Retry-After") == "5")
            #expect(upload.text.contains("Domino is not available right now"))
            #expect(!upload.text.contains("too large"), "nothing was too large: the import ran out of time")
        }
    }
}
