import Accounts
import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// My account, for every signed-in role (reached from the name in the header): who I am, a link to my
/// API keys, and changing my password with `AccountService.changePassword` (`PUT /v1/me/password`),
/// which ends every session and API key of mine, this session included (docs/accounts.md).
extension Console {
    var accountPages: [Page] {
        [
            Page(.get, "/account", operations: ["getMe"]) { console, request in try await console.accountPage(request, errors: []) },
            Page(.post, "/account/password", operations: ["getMe", "changePassword"]) { console, request in
                try await console.changePassword(request)
            },
        ]
    }

    func accountPage(_ request: ConsoleRequest, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let session = try request.signedIn
        let user = session.user
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var content: [HTML] = [Form.errorSummary(request, errors)]
        var facts: [HTML] = [
            el("dt", [], t(.displayName)), el("dd", [], user.displayName),
            el("dt", [], t(.email)), el("dd", [], user.email),
            el("dt", [], t(.role)), el("dd", [], t(Layout.roleMessage(user.role))),
        ]
        facts += try await affiliation(request, user)
        facts += [
            el("dt", [], t(.accountLanguage)),
            el("dd", [], [.text(t(.languageName)), .text(" "),
                          el("a", [attr("href", "/language?to=\(t.other.rawValue)&back=%2Faccount"), attr("lang", t.other.rawValue)],
                             t.other(.accountUseOtherLanguage))]),
        ]
        content.append(el("dl", [attr("class", "summary-list")], facts))
        content.append(el("h2", [], t(.apiKeysTitle)))
        content.append(el("p", [], [.text(t(.accountAPIKeysIntro)), .text(" "), el("a", [attr("href", "/api-keys")], t(.accountAPIKeysLink))]))
        content.append(el("h2", [attr("id", "change-password")], t(.changePasswordTitle)))
        content.append(el("p", [attr("class", "explain")], t(.changePasswordExplained)))
        content.append(el("form", [attr("method", "post"), attr("action", "/account/password"), flag("novalidate")], [
            Layout.csrfField(request),
            // The account's email, for password managers that pair the new password with it (WHATWG
            // autocomplete: a username field beside new-password).
            .void("input", [attr("type", "hidden"), attr("name", "username"), attr("value", user.email), attr("autocomplete", "username")]),
            Form.textField(request, name: "currentPassword", label: t(.currentPassword), value: nil, type: "password",
                           autocomplete: "current-password", error: message("currentPassword")),
            Form.textField(request, name: "newPassword", label: t(.newPassword), value: nil, type: "password", hint: t(.passwordHint),
                           autocomplete: "new-password", error: message("newPassword")),
            Form.textField(request, name: "newPasswordAgain", label: t(.newPasswordAgain), value: nil, type: "password",
                           autocomplete: "new-password", error: message("newPasswordAgain")),
            el("button", [attr("type", "submit")], t(.changePasswordButton)),
        ]))
        return Layout.page(request, status: status, title: t(.accountTitle), section: nil, content)
    }

    /// The company or liaison base the account belongs to, named as far as the role may read it.
    private func affiliation(_ request: ConsoleRequest, _ user: User) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        if let company = user.companyID {
            let id = company.uuidString.lowercased()
            guard allows(principal.role, "getCompany") else { return [] }
            let record = try await services.companies.company(company, by: principal)
            return [el("dt", [], t(.accountCompany)),
                    el("dd", [], [el("a", [attr("href", "/companies/\(id)")], t.pick(ja: record.nameJa, en: record.nameEn).text)])]
        }
        if let base = user.liaisonBaseID, allows(principal.role, "getLiaisonBase") {
            return [el("dt", [], t(.accountLiaisonBase)), el("dd", [], try await services.cities.liaisonBase(base, by: principal).name)]
        }
        return []
    }

    /// Changes the password. Passwords are never written back into the form (GOV.UK: do not
    /// pre-fill a password); every refusal is worded beside its field. On success this session is
    /// over like every other one, so the answer is the sign-in page saying what was ended.
    func changePassword(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let session = try request.signedIn
        let current = request.formValue("currentPassword") ?? ""
        let new = request.formValue("newPassword") ?? ""
        var errors: [(field: String, message: String)] = []
        if current.isEmpty { errors.append(("currentPassword", t(.currentPasswordRequired))) }
        if new.isEmpty { errors.append(("newPassword", t(.newPasswordRequired))) }
        if !new.isEmpty, new != request.formValue("newPasswordAgain") { errors.append(("newPasswordAgain", t(.newPasswordsDiffer))) }
        guard errors.isEmpty else { return try await accountPage(request, errors: errors, status: HTTPStatus(code: 422)) }
        let revoked: RevokedCredentials
        do {
            revoked = try await services.accounts.changePassword(
                current: current, new: new, principal: session.principal, clientAddress: request.clientAddress, requestID: request.requestID)
        } catch let error as AccountsError where error.code == .invalid {
            let errors = error.fieldErrors.map { field in
                (field: field.field, message: field.field == "currentPassword" ? t(.currentPasswordWrong) : Self.passwordMessage(field.message, t))
            }
            return try await accountPage(request, errors: errors, status: HTTPStatus(code: 422))
        } catch let error as AccountsError where error.code == .throttled {
            return try await accountPage(request, errors: [("currentPassword", t(.loginThrottled))], status: HTTPStatus(code: 429))
        }
        try await sessions.end(token: session.token)
        let signedOut = ConsoleRequest(
            http: request.http, parameters: [:], language: t, session: nil, requestID: request.requestID, clientAddress: request.clientAddress,
            secure: request.secure, now: request.now, form: [])
        let notice = el("div", [attr("class", "notice success"), attr("role", "status")], [
            el("h2", [], t(.passwordChanged)),
            el("p", [], t(.passwordChangedEnded, t.count(revoked.revokedSessions, .sessionsCount, one: .sessionsCountOne),
                          t.count(revoked.revokedApiKeys, .apiKeysCount, one: .apiKeysCountOne))),
        ])
        var page = loginPage(signedOut, email: session.user.email, error: nil, notice: notice)
        page.headers.add(name: "Set-Cookie", value: Cookies.clear(Cookies.session, secure: request.secure))
        return page
    }

    /// A password policy refusal in the reader's language, read back from the rule's API message.
    static func passwordMessage(_ message: String, _ t: Language) -> String {
        switch PasswordRule(message: message) {
        case .tooShort?: t(.passwordTooShort, t.number(PasswordRule.minimumLength))
        case .tooLong?: t(.passwordTooLong, t.number(PasswordRule.maximumLength))
        case .common?: t(.passwordCommon)
        case .oneCharacterRepeated?: t(.passwordRepeated)
        case .programmeName?: t(.passwordProgrammeName)
        case .containsEmail?: t(.passwordContainsEmail)
        case .containsDisplayName?: t(.passwordContainsName)
        case .sameAsCurrent?: t(.passwordSameAsCurrent)
        case nil: t(.passwordRejected)
        }
    }
}
