import Accounts
import DomainKit
import HTTPServer

/// A form sent after its session ended (idle for 30 minutes while the form was open): nothing is
/// written, and what the person typed is not dropped either. The answer is the sign-in form carrying
/// the sent fields; after signing in, the person sees them ready to send again under the new session
/// (its own CSRF token and submission id). Signing in sends nothing by itself: the person decides.
extension Console {
    /// The hidden field naming the path the form was sent to, and the prefix of each carried field.
    static let resumePathField = "_resume"
    static let resumeFieldPrefix = "_resume:"

    /// The sign-in form's hidden fields for a form refused for want of a session: its path and fields,
    /// but not the old session's CSRF token nor the submission id (the form is sent anew from the new page).
    static func resumeFields(path: String, form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        [(resumePathField, path)] + form.filter { $0.name != "_csrf" && $0.name != FormSubmission.field }
            .map { (resumeFieldPrefix + $0.name, $0.value) }
    }

    /// What a sign-in form carries (so a wrong password does not drop it either).
    static func carried(_ form: [(name: String, value: String)]) -> [(name: String, value: String)] {
        form.filter { $0.name == resumePathField || $0.name.hasPrefix(resumeFieldPrefix) }
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
        let t = request.language
        let fields: [HTML] = request.form.filter { $0.name.hasPrefix(Self.resumeFieldPrefix) }.map { field in
            .void("input", [attr("type", "hidden"), attr("name", String(field.name.dropFirst(Self.resumeFieldPrefix.count))), attr("value", field.value)])
        }
        return Layout.page(signed, title: t(.resumeTitle), section: nil, cookies: cookies, [
            el("p", [attr("class", "notice warning"), attr("role", "status")], t(.resumeReady)),
            el("form", [attr("method", "post"), attr("action", path)], [Layout.csrfField(signed)] + fields + [
                el("button", [attr("type", "submit")], t(.resumeSend)),
            ]),
            el("p", [], [el("a", [attr("href", formPage(of: segments))], t(.resumeDiscard))]),
        ])
    }
}
