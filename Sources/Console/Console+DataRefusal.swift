import DomainKit
import HTTPServer
import Postgres

/// A form the database refused where the page had no field to name: a constraint no service rule
/// checks first (a unique value taken by someone else a moment before, a rule only the schema holds), a
/// concurrent change that won, or the database out of reach. The API answers these with the problem
/// `Problem(database:)` maps them to (409, 422, 503); the console answers the same status with a page
/// that says nothing was saved and keeps what was typed, ready to send again under this session (the
/// resend form of Console+Resume) — never a 500, never the database's own text, which can quote the
/// values and names the schema (`PostgresError`).
extension Console {
    /// The page for `error` after a signed-in form was sent, when the database refused it as the API's
    /// mapping says; nil for any other error (the usual error page) or when nothing typed is left to keep.
    /// The form passed this session's CSRF check, so what it carries is this user's to send again.
    func dataRefusalPage(_ error: any Error, _ request: ConsoleRequest) -> HTTPResponse? {
        guard let database = error as? PostgresError, let problem = Problem(database: database),
              request.session != nil, case let fields = Self.resendable(request.form), !fields.isEmpty else {
            return nil
        }
        let t = request.language
        let path = request.http.path
        let message: Message = switch problem.status {
        case 409: .dataRefusedDuplicate
        case 422: .dataRefusedRule
        default: .dataRefusedRetry
        }
        let hidden: [HTML] = fields.map { .void("input", [attr("type", "hidden"), attr("name", $0.name), attr("value", $0.value)]) }
        var page = Layout.page(request, status: HTTPStatus(code: problem.status), title: t(.dataRefusedTitle), section: nil, [
            el("div", [attr("class", "error-summary"), attr("role", "alert"), attr("tabindex", "-1")], [
                el("h2", [], t(.dataRefusedNothingSaved)),
                el("p", [], t(message)),
            ]),
            el("p", [], t(.dataRefusedKept)),
            el("form", [attr("method", "post"), attr("action", path)], [Layout.csrfField(request)] + hidden + [
                el("button", [attr("type", "submit")], t(.resumeSend)),
            ]),
            el("p", [], [el("a", [attr("href", formPage(of: path.split(separator: "/", omittingEmptySubsequences: true)))], t(.dataRefusedBack))]),
            el("p", [attr("class", "explain")], t(.requestReference, request.requestID)),
        ])
        if let seconds = problem.retryAfterSeconds { page.headers.replaceOrAdd(name: "Retry-After", value: String(seconds)) }
        return page
    }
}
