import DomainKit
import HTTPServer
import Testing

@Suite("Routing")
struct RouterTests {
    let router = Router(routes: [
        Route(.get, "/v1/companies", operationID: "listCompanies", access: .anonymous) { _ in .noContent },
        Route(.post, "/v1/companies", operationID: "createCompany", access: .only(.admin)) { _ in .noContent },
        Route(.get, "/v1/companies/{id}", operationID: "getCompany", access: .anyRole()) { _ in .noContent },
        Route(.get, "/v1/companies/{id}/technologies", operationID: "listTechnologies", access: .anyRole()) { _ in .noContent },
        Route(.post, "/v1/companies/import", operationID: "importCompanies", access: .anyRole()) { _ in .noContent },
    ])

    @Test("a literal segment takes precedence over a parameter, so other methods there are 405")
    func literalBeatsParameter() {
        guard case .matched(let route, _) = router.resolve(method: .post, path: "/v1/companies/import") else {
            Issue.record("expected a match")
            return
        }
        #expect(route.operationID == "importCompanies")
        guard case .methodNotAllowed(let allowed) = router.resolve(method: .get, path: "/v1/companies/import") else {
            Issue.record("GET on the literal path must not fall through to /v1/companies/{id}")
            return
        }
        #expect(allowed.map(\.rawValue) == ["POST"])
        guard case .matched(let byID, let parameters) = router.resolve(method: .get, path: "/v1/companies/abc") else {
            Issue.record("expected a match")
            return
        }
        #expect(byID.operationID == "getCompany")
        #expect(parameters == ["id": "abc"])
    }

    @Test("a template matches and decodes its parameters")
    func matches() throws {
        guard case .matched(let route, let parameters) = router.resolve(method: .get, path: "/v1/companies/%E6%A8%AA%E6%B5%9C/technologies") else {
            Issue.record("expected a match")
            return
        }
        #expect(route.operationID == "listTechnologies")
        #expect(parameters == ["id": "横浜"])
    }

    @Test("an unknown path is not found, a known path with another method lists the allowed ones")
    func notFoundAndNotAllowed() {
        guard case .notFound = router.resolve(method: .get, path: "/v1/cities") else {
            Issue.record("expected not found")
            return
        }
        guard case .methodNotAllowed(let allowed) = router.resolve(method: .delete, path: "/v1/companies") else {
            Issue.record("expected method not allowed")
            return
        }
        #expect(Set(allowed.map(\.rawValue)) == ["GET", "POST", "HEAD"])
    }

    @Test("HEAD is served by the GET route")
    func head() {
        guard case .matched(let route, _) = router.resolve(method: .head, path: "/v1/companies") else {
            Issue.record("expected a match")
            return
        }
        #expect(route.operationID == "listCompanies")
    }

    @Test("a trailing slash, an empty segment and an encoded slash match nothing", arguments: [
        "/v1/companies/", "/v1//companies", "/v1/companies/a%2Fb", "/v1/companies/%ZZ",
    ])
    func strictPaths(path: String) {
        if case .matched = router.resolve(method: .get, path: path) {
            Issue.record("\(path) should not match")
        }
    }

    @Test("between templates with parameters, the one with fewer parameters wins, whatever the declaration order")
    func fewerParametersWin() {
        let router = Router(routes: [
            Route(.get, "/v1/needs/{id}/{view}", operationID: "needView", access: .anonymous) { _ in .noContent },
            Route(.post, "/v1/needs/{id}/consortium", operationID: "consortium", access: .anonymous) { _ in .noContent },
            Route(.get, "/v1/needs/{id}", operationID: "need", access: .anonymous) { _ in .noContent },
        ])
        guard case .methodNotAllowed(let allowed) = router.resolve(method: .get, path: "/v1/needs/7/consortium") else {
            Issue.record("GET on the literal tail must not fall through to /v1/needs/{id}/{view}")
            return
        }
        #expect(allowed.map(\.rawValue) == ["POST"])
        guard case .matched(let view, let parameters) = router.resolve(method: .get, path: "/v1/needs/7/matches") else {
            Issue.record("expected a match")
            return
        }
        #expect(view.operationID == "needView")
        #expect(parameters == ["id": "7", "view": "matches"])
        guard case .matched(let need, _) = router.resolve(method: .head, path: "/v1/needs/7") else {
            Issue.record("expected a match")
            return
        }
        #expect(need.operationID == "need")
    }
}
