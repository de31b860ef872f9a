import Accounts
import DomainKit
public import HTTPServer

/// Signing in and out, the language switch, and the error pages.
extension Console {
    var sessionPages: [Page] {
        [
            Page(.get, "/login", operations: [], signedIn: false) { console, request in
                console.loginPage(request, email: "", error: nil)
            },
            Page(.post, "/login", operations: ["login"], signedIn: false) { console, request in
                try await console.login(request)
            },
            Page(.post, "/logout", operations: [], signedIn: true) { console, request in
                let session = try request.signedIn
                try await console.services.accounts.logout(token: session.token, requestID: request.requestID)
                try await console.sessions.end(token: session.token)
                return Layout.seeOther("/login?signed_out=1", cookies: [Cookies.clear(Cookies.session, secure: request.secure)])
            },
            Page(.get, "/language", operations: [], signedIn: false) { _, request in
                let language = Language(rawValue: request.query("to") ?? "") ?? .ja
                let back = request.query("back").flatMap { $0.hasPrefix("/") && HTML.safeURL($0) == $0 ? $0 : nil } ?? "/"
                // Remembered for a year; not HttpOnly-sensitive, but no script needs it either.
                return Layout.seeOther(back, cookies: [Cookies.set(Language.cookieName, language.rawValue, secure: request.secure, maxAge: 31_536_000)])
            },
        ]
    }

    /// The login form. It has no session yet, so its CSRF defence is a double-submit token: a random
    /// value in a SameSite=Strict cookie that the form must repeat (OWASP CSRF cheat sheet).
    /// `notice`: what a page that ended the session has to say (a password change). `resume` carries a form sent
    /// after its session ended (Console+Resume), through a wrong password too.
    func loginPage(
        _ request: ConsoleRequest, email: String, error: Message?, notice: HTML? = nil, status: HTTPStatus = .ok,
        cookies: [String] = [], resume: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        let t = request.language
        let token = Cookies.value(Cookies.loginCSRF, in: request.http).flatMap { $0.utf8.count == 32 ? $0 : nil } ?? Self.randomToken()
        var content: [HTML] = []
        if !resume.isEmpty {
            content.append(el("p", [attr("class", "notice warning")], t(.resumeNotSaved)))
        } else if request.query("expired") != nil {
            content.append(el("p", [attr("class", "notice warning")], t(.sessionExpired)))
        }
        if request.query("signed_out") != nil { content.append(el("p", [attr("class", "notice success")], t(.signedOut))) }
        if let notice { content.append(notice) }
        if let error {
            content.append(el("div", [attr("class", "error-summary"), attr("role", "alert"), attr("tabindex", "-1")], [
                el("h2", [], t(.errorSummaryTitle)),
                el("ul", [], [el("li", [], [el("a", [attr("href", "#email")], t(error))])]),
            ]))
        }
        content.append(el("p", [attr("class", "lead-text")], t(.loginIntro)))
        content.append(el("form", [attr("method", "post"), attr("action", "/login"), attr("class", "login-form")], [
            .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", token)]),
            .fragment(resume.map { .void("input", [attr("type", "hidden"), attr("name", $0.name), attr("value", $0.value)]) }),
            Form.textField(request, name: "email", label: t(.email), value: email, type: "email", autocomplete: "username", required: true),
            Form.textField(request, name: "password", label: t(.password), value: "", type: "password", autocomplete: "current-password", required: true),
            el("button", [attr("type", "submit")], t(.signIn)),
        ]))
        // A forgotten password or no account: the sign-in page was a dead end (persona29). A forgotten password is
        // reset by a mailed link (reset29, Pages+PasswordReset); an account is made by an administrator.
        content.append(el("p", [], [el("a", [attr("href", "/password-reset")], t(.loginForgottenLink))]))
        content.append(el("p", [attr("class", "explain")], t(.loginForgotten)))
        // A company that has no account yet asks to take part (signup31, Pages+CompanyApplication).
        content.append(el("p", [], [el("a", [attr("href", "/apply")], t(.applyLink))]))
        return Layout.page(
            request, status: status, title: t(.signInTitle), section: nil,
            cookies: cookies + [Cookies.set(Cookies.loginCSRF, token, secure: request.secure)], content)
    }

    /// Signs in through `AccountService.login` (which throttles and does constant work). A new session
    /// token is issued on every login and any session the browser still held is revoked: rotation,
    /// so a session id planted before login is worthless after it (OWASP session fixation).
    func login(_ request: ConsoleRequest) async throws -> HTTPResponse {
        guard let sent = request.formValue("_csrf"), let expected = Cookies.value(Cookies.loginCSRF, in: request.http),
              constantTimeEqual(sent, expected) else {
            throw ConsoleError.badCSRF
        }
        let email = request.formValue("email") ?? ""
        let password = request.formValue("password") ?? ""
        let issued: IssuedToken
        do {
            issued = try await services.accounts.login(
                email: email, password: password, clientAddress: request.clientAddress, requestID: request.requestID)
        } catch let error as AccountsError where error.code == .throttled {
            return loginPage(request, email: email, error: .loginThrottled, status: HTTPStatus(code: 429), resume: Self.carried(request.form))
        } catch let error as AccountsError where error.code == .invalidCredentials {
            return loginPage(request, email: email, error: .loginFailed, status: .unauthorized, resume: Self.carried(request.form))
        }
        if let previous = Cookies.value(Cookies.session, in: request.http) {
            try await services.accounts.logout(token: previous, requestID: request.requestID)
            try await sessions.end(token: previous)
        }
        guard let expiresAt = issued.expiresAt else { throw ConsoleError.badRequest }
        let csrf = try await sessions.start(token: issued.token, expiresAt: expiresAt, now: request.now)
        let cookies = [Cookies.set(Cookies.session, issued.token, secure: request.secure), Cookies.clear(Cookies.loginCSRF, secure: request.secure)]
        if let resume = try await resumePage(request, token: issued.token, csrf: csrf, cookies: cookies) { return resume }
        return Layout.seeOther("/", cookies: cookies)
    }

    /// 128 random bits as 32 hex digits, from the system's generator (getrandom(2)).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The error page for `error`: a sign-in redirect when there is no session, otherwise the status
    /// the API would answer, explained in the reader's language.
    func errorPage(_ error: any Error, _ request: ConsoleRequest, status: Int? = nil) -> HTTPResponse {
        let t = request.language
        let code = status ?? ConsoleError.status(of: error) ?? 500
        switch error as? ConsoleError {
        case .signInRequired?:
            return Layout.seeOther("/login")
        case .sessionExpired?:
            return Layout.seeOther("/login?expired=1", cookies: [Cookies.clear(Cookies.session, secure: request.secure)])
        default:
            break
        }
        if let refusal = error as? QueryRefusal { return queryRefusalPage(refusal, request) }
        if code == 500 || (code == 503 && TimeLimit.reached(by: error) != nil) { report(error, request.requestID) }
        let (title, message): (Message, Message) = switch code {
        case 400 where error as? ConsoleError == .unreadableForm: (.badRequestTitle, .unreadableFormMessage)
        case 400 where error as? ConsoleError == .formNotText: (.badRequestTitle, .formNotTextMessage)
        case 403 where error as? ConsoleError == .badCSRF: (.forbiddenTitle, .csrfMessage)
        case 403 where error as? ConsoleError == .crossSite: (.forbiddenTitle, .crossSiteMessage)
        case 403: (.forbiddenTitle, .forbiddenMessage)
        case 404: (.notFoundTitle, .notFoundMessage)
        case 405, 400: (.badRequestTitle, .badRequestMessage)
        case 409 where error as? ConsoleError == .companyArchived: (.companyArchivedTitle, .companyArchivedMessage)
        case 409, 412, 422: (.badRequestTitle, .conflictMessage)
        case 413: (.tooLargeTitle, .tooLargeMessage)
        case 429: (.badRequestTitle, .loginThrottled)
        case 503: (.unavailableTitle, .unavailableMessage)
        default: (.serverErrorTitle, .serverErrorMessage)
        }
        // A path no page has (and a refused upload) is answered before any session is read: whoever
        // carries a session cookie is most likely signed in, and "/" sends anyone else to sign in anyway.
        let home = request.session != nil || Cookies.value(Cookies.session, in: request.http) != nil
        let explained: String = if case .repeatedField(let field)? = error as? ConsoleError {
            t(.formFieldRepeatedMessage, field.count > 64 ? String(field.prefix(64)) + "…" : field)
        } else {
            t(message)
        }
        var page = Layout.page(request, status: HTTPStatus(code: code), title: t(title), section: nil, [
            el("p", [], explained),
            el("p", [attr("class", "explain")], t(.requestReference, request.requestID)),
            el("p", [], [el("a", [attr("href", home ? "/" : "/login")], t(home ? .backHome : .signIn))]),
        ])
        // As the API's 503 does (RFC 9110, section 10.2.3).
        if code == 503 { page.headers.replaceOrAdd(name: "Retry-After", value: "5") }
        return page
    }

    /// The page for a console request the server refused before reading its body (413: an upload over
    /// the limit; 414: a query over the request line's limit, before any header) or answered for a handler
    /// out of time (503: the "not available right now" page with Retry-After, as when PostgreSQL is out of
    /// reach), so that a person meets a page in their language rather than the API's problem+json. Nil for
    /// other refusals, which keep the server's answer.
    public func refusalPage(_ request: HTTPRequest, status: HTTPStatus, requestID: String) -> HTTPResponse? {
        guard [413, 414, 503].contains(status.code) else { return nil }
        let language = Language(rawValue: Cookies.value(Language.cookieName, in: request) ?? "") ?? .ja
        let context = ConsoleRequest(
            http: request, parameters: [:], language: language, session: nil, requestID: requestID, clientAddress: "",
            secure: false, now: clock.now(), form: [])
        // An import form's own page is for its file over the limit; an import out of time is the 503 page as any other (probe15).
        var response = if status.code == 414 {
            addressTooLongPage(context)
        } else if status.code == 413 && Self.bodyLimit(method: request.method, path: request.path) != nil {
            importTooLargePage(context, status: status)
        } else {
            errorPage(ConsoleError.badRequest, context, status: status.code)
        }
        response.headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
        SecurityHeaders.apply(to: &response.headers)
        return response
    }

    /// A query too long to read (414). It was refused before any header, so neither the session nor the
    /// reader's language is known: the page says it in both languages, and offers the page without its query.
    func addressTooLongPage(_ request: ConsoleRequest) -> HTTPResponse {
        let t = request.language
        let other: Language = t == .ja ? .en : .ja
        return Layout.page(request, status: .uriTooLong, title: t(.addressTooLongTitle), section: nil, [
            el("p", [], t(.addressTooLongMessage)),
            el("p", [attr("lang", other.rawValue)], other(.addressTooLongMessage)),
            el("p", [], [el("a", [attr("href", request.http.path)], [
                .text(t(.addressTooLongBack) + " / "), el("span", [attr("lang", other.rawValue)], other(.addressTooLongBack)),
            ])]),
            el("p", [attr("class", "explain")], t(.requestReference, request.requestID)),
        ])
    }

    /// An import's file over the body limit, refused before it was read: the import page's own words for
    /// a file too large, and the way back to its form. Nothing of the form can be kept (the body was
    /// never read, and the session behind it neither), so the link is the form again, empty.
    func importTooLargePage(_ request: ConsoleRequest, status: HTTPStatus) -> HTTPResponse {
        let t = request.language
        let path = request.http.path
        let form = path.hasSuffix("/confirm") ? String(path.dropLast("/confirm".count)) : path
        return Layout.page(request, status: status, title: t(.tooLargeTitle), section: nil, [
            el("div", [attr("class", "error-summary"), attr("role", "alert")], [
                el("h2", [], t(.importHasErrors)),
                el("p", [], t(.importTooLarge)),
                el("p", [], t(.importNothingWrittenFile)),
            ]),
            el("p", [attr("class", "explain")], t(.requestReference, request.requestID)),
            el("p", [], [el("a", [attr("href", form)], t(.importChooseSmaller))]),
        ])
    }
}
