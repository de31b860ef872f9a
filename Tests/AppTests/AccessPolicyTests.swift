import App
import DomainKit
import Foundation
import TestSupport
import Testing

/// The access policy's other readers: the docs table, the council's reach, and the scopes a key may hold.
extension AuthorizationMatrixTests {
    static let policyDocument = URL(fileURLWithPath: TestDatabase.migrationsDirectory)
        .deletingLastPathComponent().appendingPathComponent("docs/access-policy.md")

    @Test("docs/access-policy.md carries the route table's policy exactly (issue 17, item 7)")
    func documentedTable() async throws {
        try await withTestServer { _, application in
            let document = try String(contentsOf: Self.policyDocument, encoding: .utf8)
            let begin = "<!-- policy table: begin -->\n", end = "<!-- policy table: end -->"
            let start = try #require(document.range(of: begin)).upperBound
            let stop = try #require(document.range(of: end)).lowerBound
            let table = application.policy.markdownTable
            #expect(String(document[start..<stop]) == table, "regenerate the table between the markers from Application.policy.markdownTable:\n\(table)")
        }
    }

    @Test("the council (viewer) calls exactly the operations docs/accounts.md lists for it")
    func councilReach() async throws {
        try await withTestServer { _, application in
            // Written out by hand from the decision in docs/accounts.md ("The council"), not read from the code.
            let own: Set<String> = ["logout", "getMe", "changePassword", "listApiKeys", "createApiKey", "revokeApiKey"]
            let anonymous: Set<String> = ["getHealth", "getReadiness", "getMetrics", "login", "listShowcaseCompanies"]
            let kpi: Set<String> = [
                "getKPIs", "getKPIReport", "listKPITargets", "getKPISettings", "listKPIRecords", "listKPISnapshots", "listRevenueEntries",
                "getRevenueSummary",
            ]
            let programme: Set<String> = [
                "listCities", "getCity", "listPolicyDialogues", "getPolicyDialogue", "listNeeds", "exportNeeds", "getNeed", "getTaxonomy",
                "listUniversities", "listEvents", "getEvent", "listEventSessions", "getLeadPipeline", "listNeedCoverage",
                // Business-match records are the records behind KPI ②; ranking is the Matches module's own rule.
                "listMatches", "getMatch", "listMatchHistory", "listNeedMatches",
            ]
            let reach = application.policy.operations(for: .viewer)
            let expected = own.union(anonymous).union(kpi).union(programme)
            #expect(reach.subtracting(expected).isEmpty, "the council also reaches \(reach.subtracting(expected).sorted())")
            #expect(expected.subtracting(reach).isEmpty, "the council no longer reaches \(expected.subtracting(reach).sorted())")
            for refused in ["listLeads", "getLead", "listLeadActivities", "listCoordinators", "getCoordinator", "listCompanies", "getCompany"] {
                #expect(!reach.contains(refused), "\(refused)")
            }
        }
    }

    @Test("over HTTP, a key may hold a scope exactly when a route admits its role with that scope; unused scopes are refused")
    func keyScopes() async throws {
        try await withTestServer { port, application in
            let policy = application.policy
            let unused = [Scope(resource: "payments", action: .read), Scope(resource: "secrets", action: .write)]
            #expect(unused.allSatisfy { !policy.allScopes.contains($0) })
            for role in Role.allCases {
                let (session, _) = try await application.token(for: role)
                for scope in policy.allScopes.union(unused).sorted() {
                    let response = try await TestClient.request(
                        port: port, "POST", "/v1/api-keys", headers: ["Authorization": "Bearer \(session)", "Content-Type": "application/json"],
                        body: #"{"name":"one scope","scopes":["\#(scope)"]}"#)
                    let routesAdmitting = policy.rules.contains { rule in
                        if case .roles(let roles, let required?) = rule.access { required == scope && roles.contains(role) } else { false }
                    }
                    #expect(response.status == (routesAdmitting ? 201 : 422), "\(role) asking for \(scope) got \(response.status)")
                }
            }
        }
    }
}
