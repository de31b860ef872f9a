import HTTPServer
import Postgres

/// `/healthz` (the process is up) and `/readyz` (the database answers and every migration is applied),
/// for load balancers and orchestrators. The versioned API arrives with the router (issue 3).
struct OperationalRoutes: Sendable {
    let pool: PostgresPool
    let migrator: Migrator

    private static let healthy = HTTPResponse(
        status: .ok, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
        body: Array(#"{"status":"ok"}"#.utf8))

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .get || request.method == .head else {
            if ["/healthz", "/readyz"].contains(request.path) {
                var response = HTTPResponse.problem(.methodNotAllowed, detail: "Only GET and HEAD are allowed here.")
                response.headers["Allow"] = "GET, HEAD"
                return response
            }
            return .problem(.notFound, detail: "No route matches \(request.path).")
        }
        switch request.path {
        case "/healthz": return Self.healthy
        case "/readyz": return await readiness()
        default: return .problem(.notFound, detail: "No route matches \(request.path).")
        }
    }

    private func readiness() async -> HTTPResponse {
        do {
            guard try await migrator.isCurrent(pool) else {
                return unavailable("Migrations are pending; run `domino migrate`.")
            }
            return Self.healthy
        } catch {
            return unavailable("The database is not reachable.")
        }
    }

    private func unavailable(_ detail: String) -> HTTPResponse {
        var response = HTTPResponse.problem(.serviceUnavailable, detail: detail)
        response.headers["Retry-After"] = "5"
        return response
    }
}
