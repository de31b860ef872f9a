import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer
import Mail
import Postgres

/// "I forgot my password" (reset29): the sign-in page links to a form asking for the account's e-mail address;
/// a known, enabled account gets a mail (Japanese, then English) with a link `/password-reset/{token}` that sets
/// a new password once, within an hour. The answer to the form is the same whether or not the address is an
/// account's (no account enumeration), and so is the answer past the request limits (AccountService).
extension Console {
    var passwordResetPages: [Page] {
        [
            Page(.get, "/password-reset", operations: [], signedIn: false) { console, request in
                console.passwordResetRequestPage(request, sent: false)
            },
            Page(.post, "/password-reset", operations: [], signedIn: false) { console, request in
                try console.checkPublicFormToken(request)
                let email = String((request.formValue("email") ?? "").prefix(320))
                do {
                    try await console.services.accounts.requestPasswordReset(
                        email: email, clientAddress: request.clientAddress, requestID: request.requestID, send: console.mailPasswordLink(request))
                } catch is MailAddress.Failure {
                    // An account whose address no mail can reach: the same answer, and nothing stored.
                }
                return console.passwordResetRequestPage(request, sent: true)
            },
            Page(.get, "/password-reset/{token}", operations: [], signedIn: false) { console, request in
                let token = request.parameters["token"] ?? ""
                guard let link = try await console.services.accounts.validPasswordLink(token: token) else {
                    return console.passwordLinkInvalidPage(request)
                }
                return console.passwordLinkPage(request, token: token, link: link, errors: [])
            },
            Page(.post, "/password-reset/{token}", operations: [], signedIn: false) { console, request in
                try console.checkPublicFormToken(request)
                return try await console.resetPasswordByLink(request)
            },
        ]
    }

    /// The form asking for the address; after it is sent, the one answer every address gets.
    func passwordResetRequestPage(_ request: ConsoleRequest, sent: Bool) -> HTTPResponse {
        let t = request.language
        let token = publicFormToken(request)
        var content: [HTML] = []
        if sent {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.passwordResetSent)))
        }
        content.append(el("p", [attr("class", "lead-text")], t(.passwordResetIntro)))
        content.append(el("form", [attr("method", "post"), attr("action", "/password-reset"), attr("class", "login-form")], [
            .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", token)]),
            Form.textField(request, name: "email", label: t(.email), value: "", type: "email", autocomplete: "username", required: true),
            el("button", [attr("type", "submit")], t(.passwordResetSend)),
        ]))
        content.append(el("p", [], [el("a", [attr("href", "/login")], t(.signIn))]))
        return Layout.page(request, title: t(.passwordResetTitle), section: nil,
                           cookies: [Cookies.set(Cookies.publicCSRF, token, secure: request.secure)], content)
    }

    /// Unknown, used, expired or superseded: one page for all, with the way to a new link.
    func passwordLinkInvalidPage(_ request: ConsoleRequest) -> HTTPResponse {
        let t = request.language
        return Layout.page(request, status: .notFound, title: t(.passwordLinkInvalidTitle), section: nil, [
            el("p", [], t(.passwordLinkInvalid)),
            el("p", [], [el("a", [attr("href", "/password-reset")], t(.passwordLinkAskAgain))]),
        ])
    }

    /// Queues the mail of a password link in the transaction that stores the link.
    func mailPasswordLink(_ request: ConsoleRequest) -> @Sendable (PasswordLink, PostgresConnection) async throws -> Void {
        let base = publicURL ?? ""
        let now = request.now
        return { link, connection in try await Mail.enqueue(try Self.passwordLinkMail(link, base: base), writtenAt: now, on: connection) }
    }

    /// The new password, twice (a first one for an invitation). Passwords are never written back into the form.
    func passwordLinkPage(
        _ request: ConsoleRequest, token: String, link: ValidPasswordLink, errors: [(field: String, message: String)], status: HTTPStatus = .ok
    ) -> HTTPResponse {
        let t = request.language
        let csrf = publicFormToken(request)
        let message: (String) -> String? = { field in errors.first { $0.field == field }?.message }
        let invitation = link.purpose == .invitation
        let email = link.email
        return Layout.page(request, status: status, title: t(invitation ? .passwordInvitationTitle : .passwordLinkTitle), section: nil,
                           cookies: [Cookies.set(Cookies.publicCSRF, csrf, secure: request.secure)], [
            Form.errorSummary(request, errors),
            el("p", [attr("class", "lead-text")], t(invitation ? .passwordInvitationIntro : .passwordLinkIntro, email)),
            el("form", [attr("method", "post"), attr("action", "/password-reset/\(token)"), flag("novalidate")], [
                .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", csrf)]),
                // For password managers, which pair the new password with the account (WHATWG autocomplete).
                .void("input", [attr("type", "hidden"), attr("name", "username"), attr("value", email), attr("autocomplete", "username")]),
                Form.textField(request, name: "newPassword", label: t(.newPassword), value: nil, type: "password", hint: t(.passwordHint),
                               autocomplete: "new-password", error: message("newPassword")),
                Form.textField(request, name: "newPasswordAgain", label: t(.newPasswordAgain), value: nil, type: "password",
                               autocomplete: "new-password", error: message("newPasswordAgain")),
                el("button", [attr("type", "submit")], t(.passwordLinkButton)),
            ]),
        ])
    }

    /// Sets the password through the link; on success the sign-in page says so.
    func resetPasswordByLink(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let token = request.parameters["token"] ?? ""
        guard let link = try await services.accounts.validPasswordLink(token: token) else { return passwordLinkInvalidPage(request) }
        let new = request.formValue("newPassword") ?? ""
        var errors: [(field: String, message: String)] = []
        if new.isEmpty { errors.append(("newPassword", t(.newPasswordRequired))) }
        if !new.isEmpty, new != request.formValue("newPasswordAgain") { errors.append(("newPasswordAgain", t(.newPasswordsDiffer))) }
        guard errors.isEmpty else {
            return passwordLinkPage(request, token: token, link: link, errors: errors, status: HTTPStatus(code: 422))
        }
        do {
            _ = try await services.accounts.resetPassword(through: link, new: new, requestID: request.requestID)
        } catch let error as AccountsError where error.code == .invalid {
            let errors = error.fieldErrors.map { (field: $0.field, message: Self.passwordMessage($0.message, t)) }
            return passwordLinkPage(request, token: token, link: link, errors: errors, status: HTTPStatus(code: 422))
        } catch let error as AccountsError where error.code == .notFound {
            return passwordLinkInvalidPage(request)
        }
        let notice = el("p", [attr("class", "notice success"), attr("role", "status")], t(link.purpose == .invitation ? .passwordInvitationDone : .passwordLinkDone))
        return loginPage(request, email: link.email, error: nil, notice: notice)
    }

    /// The link's mail: Japanese first, then English, in one message.
    static func passwordLinkMail(_ link: PasswordLink, base: String) throws -> MailMessage {
        let url = base + "/password-reset/" + link.token
        let (ja, en) = (Language.ja, Language.en)
        let body: (Language) -> String = { t in
            t(link.purpose == .invitation ? .passwordInvitationMailBody : .passwordResetMailBody, link.displayName, url)
        }
        let subject: Message = link.purpose == .invitation ? .passwordInvitationMailSubject : .passwordResetMailSubject
        return MailMessage(
            kind: .passwordReset, to: try MailAddress(link.email), subject: ja(subject) + " / " + en(subject),
            text: body(ja) + "\n\n----\n\n" + body(en), reference: "password-link:" + link.purpose.rawValue)
    }
}
