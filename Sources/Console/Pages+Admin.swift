import Accounts
import DomainKit
import HTTPServer

/// The administrator's hub (`/admin`, the header's "Administration"): plain links to the operations
/// pages an administrator uses instead of the API. Each link shows only when the reader may open it.
extension Console {
    var adminPages: [Page] {
        [Page(.get, "/admin", operations: ["listUsers", "listJobs"]) { console, request in try console.adminHub(request) }]
    }

    /// The hub's entries: path, title and what the page is for.
    static let adminEntries: [(path: String, title: Message, explain: Message)] = [
        ("/users", .usersTitle, .adminUsersExplain),
        ("/coordinators", .coordinatorsTitle, .adminCoordinatorsExplain),
        ("/jobs", .jobsTitle, .adminJobsExplain),
        ("/audit", .auditTitle, .adminAuditExplain),
        ("/mail", .mailLogTitle, .adminMailExplain),
        ("/webhooks", .webhooksTitle, .adminWebhooksExplain),
    ]

    func adminHub(_ request: ConsoleRequest) throws -> HTTPResponse {
        let t = request.language
        let role = try request.principal.role
        let entries = Self.adminEntries.filter { mayOpen(role, $0.path) }
        return Layout.page(request, title: t(.adminTitle), section: .admin, [
            el("ul", [attr("class", "admin-links")], entries.map { entry in
                el("li", [], [el("a", [attr("href", entry.path)], t(entry.title)), el("p", [attr("class", "explain")], t(entry.explain))])
            }),
        ])
    }
}
