import Accounts
import DomainKit
import HTTPServer

/// A form sent after its session ended (idle for 30 minutes while the form was open), or after the
/// session changed under it (signed in again in another tab, so its CSRF token is an old one): nothing
/// is written, and what the person typed is not dropped either. An ended session answers with the
/// sign-in form carrying the sent fields; once signed in (or at once, for a changed session) the person
/// sees them ready to send again under the current session, with its own CSRF token and submission id.
/// Nothing is sent on the person's behalf: they press the button.
///
/// Only a form sent from our own pages is carried (`Sec-Fetch-Site: same-origin`, or an `Origin` that is
/// this host): a form posted from another site must not reach a person's sign-in page pre-filled.
extension Console {
    /// The hidden field naming the path the form was sent to, and the prefix of each carried field.
    static let resumePathField = "_resume"
    static let resumeFieldPrefix = "_resume:"

    /// The fields worth sending again: all but the old CSRF token and submission id (the new page has its own)
    /// and passwords, which are typed again rather than written into a page (a secret stays out of HTML).
    static func resendable(_ form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        form.filter { $0.name != "_csrf" && $0.name != FormSubmission.field && !passwordFields.contains($0.name) }
    }

    /// The console's password inputs (`type="password"`), by field name; a webhook's address is one too
    /// (a Slack or Teams URL is all it takes to post to that channel).
    static let passwordFields: Set<String> = ["password", "currentPassword", "newPassword", "newPasswordAgain", webhookURLField]

    /// The sign-in form's hidden fields for a form refused for want of a session: its path and fields.
    static func resumeFields(path: String, form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        [(resumePathField, path)] + resendable(form).map { (resumeFieldPrefix + $0.name, $0.value) }
    }

    /// What a sign-in form carries (so a wrong password does not drop it either).
    static func carried(_ form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        form.filter { $0.name == resumePathField || $0.name.hasPrefix(resumeFieldPrefix) }
    }

    /// Whether the browser says the form came from one of our pages (Fetch Metadata, else the Origin).
    static func sentFromOurPage(_ request: HTTPRequest) -> Bool {
        if let site = request.headers["sec-fetch-site"] { return site == "same-origin" }
        guard let origin = request.headers["origin"], let host = request.headers["host"] else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// After signing in with carried fields: the page that offers to send them where they were going,
    /// or nil when the path is no signed-in form of the console (then sign-in goes home as usual).
    func resumePage(_ request: ConsoleRequest, token: String, csrf: String, cookies: [String]) async throws -> HTTPResponse? {
        guard let path = request.formValue(Self.resumePathField), path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard pageTable.contains(where: { $0.method == .post && $0.signedIn && $0.template.match(segments) != nil }),
              let authentication = try await services.accounts.authentication(token: token),
              let user = authentication.account as? User else { return nil }
        let signed = request.with(session: SignedIn(token: token, principal: authentication.principal, user: user, csrf: csrf))
        let fields = request.form.filter { $0.name.hasPrefix(Self.resumeFieldPrefix) }
            .map { (name: String($0.name.dropFirst(Self.resumeFieldPrefix.count)), value: $0.value) }
        return resendOffer(signed, path: path, fields: fields, status: .ok, cookies: cookies)
    }

    /// The page offering to send `fields` to `path` under the session `request` carries.
    func resendOffer(
        _ request: ConsoleRequest, path: String, fields: [(name: String, value: String)], status: HTTPStatus, cookies: [String] = []
    ) -> HTTPResponse {
        let t = request.language
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let hidden: [HTML] = fields.map { .void("input", [attr("type", "hidden"), attr("name", $0.name), attr("value", $0.value)]) }
        return Layout.page(request, status: status, title: t(.resumeTitle), section: nil, cookies: cookies, [
            el("p", [attr("class", "notice warning"), attr("role", "status")], t(.resumeReady)),
            el("form", [attr("method", "post"), attr("action", path)], [Layout.csrfField(request)] + hidden + [
                el("button", [attr("type", "submit")], t(.resumeSend)),
            ]),
            el("p", [], [el("a", [attr("href", formPage(of: segments))], t(.resumeDiscard))]),
        ])
    }
}
