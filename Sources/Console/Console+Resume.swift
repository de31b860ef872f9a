import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer

/// A form sent after its session ended (idle for 30 minutes while the form was open), or after the
/// session changed under it (signed in again in another tab, so its CSRF token is an old one): nothing
/// is written, and what the person typed is not dropped either. An ended session answers with the
/// sign-in form carrying the sent fields; once signed in (or at once, for a changed session) the person
/// sees them ready to send again under the current session, with its own CSRF token and submission id.
/// Nothing is sent on the person's behalf: they press the button.
///
/// Only a form sent from our own pages is carried (`Sec-Fetch-Site: same-origin`, or an `Origin` that is
/// this host): a form posted from another site must not reach a person's sign-in page pre-filled. And only
/// to the person who typed it: every form names its user (`formUserField`, written by `Layout.csrfField`),
/// so on a shared computer someone else signing in (or already signed in, in another tab) is not offered
/// another person's input to send as their own. A form with nothing typed to carry (signing out, the
/// password change, whose passwords are never carried) is not offered again either.
extension Console {
    /// The hidden field naming the path the form was sent to, and the prefix of each carried field.
    static let resumePathField = "_resume"
    static let resumeFieldPrefix = "_resume:"
    /// The hidden field of every signed-in form naming its user, and the sign-in form's copy of it.
    static let formUserField = "_user"
    static let resumeUserField = "_resume_user"

    /// The fields worth sending again: all but the old CSRF token, submission id and user (the new page has
    /// its own), passwords, which are typed again rather than written into a page (a secret stays out of
    /// HTML), and the password form's account name (the page's, not typed).
    static func resendable(_ form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        form.filter { !["_csrf", FormSubmission.field, formUserField, "username"].contains($0.name) && !passwordFields.contains($0.name) }
    }

    /// The console's password inputs (`type="password"`), by field name; a webhook's address is one too
    /// (a Slack or Teams URL is all it takes to post to that channel).
    static let passwordFields: Set<String> = ["password", "currentPassword", "newPassword", "newPasswordAgain", webhookURLField]

    /// The sign-in form's hidden fields for a form refused for want of a session: its path, its user and
    /// fields; nil when there is nothing to carry (no field typed, or a form that names no user).
    static func resumeFields(path: String, form: [(name: String, value: String)]) -> [(name: String, value: String)]? {
        let fields = resendable(form)
        guard !fields.isEmpty, let user = form.first(where: { $0.name == formUserField })?.value else { return nil }
        return [(resumePathField, path), (resumeUserField, user)] + fields.map { (resumeFieldPrefix + $0.name, $0.value) }
    }

    /// What a sign-in form carries (so a wrong password does not drop it either).
    static func carried(_ form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        form.filter { $0.name == resumePathField || $0.name == resumeUserField || $0.name.hasPrefix(resumeFieldPrefix) }
    }

    /// The fields of a form sent under a session that is not the one it was rendered in, to offer again
    /// under this one: nil unless it was typed by this session's user and has something typed to carry.
    static func resendableUnder(_ session: SignedIn, _ form: [(name: String, value: String)]) -> [(name: String, value: String)]? {
        let fields = resendable(form)
        guard !fields.isEmpty, form.first(where: { $0.name == formUserField })?.value == session.user.id.uuidString.lowercased() else { return nil }
        return fields
    }

    /// Whether the browser says the form came from one of our pages (Fetch Metadata, else the Origin).
    static func sentFromOurPage(_ request: HTTPRequest) -> Bool {
        PostOrigin(request) == .ourPage
    }

    /// After signing in with carried fields: the page that offers to send them where they were going,
    /// or nil when the path is no signed-in form of the console (then sign-in goes home as usual).
    func resumePage(_ request: ConsoleRequest, token: String, csrf: String, cookies: [String]) async throws -> HTTPResponse? {
        guard let path = request.formValue(Self.resumePathField), path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard pageTable.contains(where: { $0.method == .post && $0.signedIn && $0.template.match(segments) != nil }),
              let authentication = try await services.accounts.authentication(token: token),
              let user = authentication.account as? User,
              request.formValue(Self.resumeUserField) == user.id.uuidString.lowercased() else { return nil }
        let signed = request.with(session: SignedIn(
            token: token, principal: authentication.principal, user: user, csrf: csrf, header: headerEntries(for: authentication.principal)))
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
