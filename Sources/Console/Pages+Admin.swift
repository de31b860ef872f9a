import Accounts
import Companies
import DomainKit
import HTTPServer

/// The administrator's hub (`/admin`, the header's "Administration"): plain links to the operations
/// pages an administrator uses instead of the API. Each link shows only when the reader may open it.
extension Console {
    var adminPages: [Page] {
        [Page(.get, "/admin", operations: ["listUsers", "listJobs"]) { console, request in try await console.adminHub(request) }]
    }

    /// The hub's entries: path, title and what the page is for.
    static let adminEntries: [(path: String, title: Message, explain: Message)] = [
        ("/users", .usersTitle, .adminUsersExplain),
        ("/applications", .applicationsTitle, .adminApplicationsExplain),
        ("/coordinators", .coordinatorsTitle, .adminCoordinatorsExplain),
        ("/jobs", .jobsTitle, .adminJobsExplain),
        ("/audit", .auditTitle, .adminAuditExplain),
        ("/mail", .mailLogTitle, .adminMailExplain),
        ("/webhooks", .webhooksTitle, .adminWebhooksExplain),
    ]

    /// The hub; the applications to join that wait for a decision are counted beside their entry (signup31).
    func adminHub(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let entries = Self.adminEntries.filter { mayOpen(principal.role, $0.path) }
        let waiting = mayOpen(principal.role, "/applications") ? try await services.companies.waitingApplications(limit: 0, by: principal).total : 0
        return Layout.page(request, title: t(.adminTitle), section: .admin, [
            el("ul", [attr("class", "admin-links")], entries.map { entry in
                let count: HTML = entry.path == "/applications" && waiting > 0
                    ? el("strong", [attr("class", "count")], " " + t(.applicationsWaiting, t.number(waiting))) : .fragment([])
                return el("li", [], [el("a", [attr("href", entry.path)], t(entry.title)), count, el("p", [attr("class", "explain")], t(entry.explain))])
            }),
        ])
    }
}
