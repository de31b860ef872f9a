import DomainKit
import HTTPServer
import Postgres

/// `/healthz` (the process is up), `/readyz` (the database answers and every migration is applied) and
/// `/metrics` (Prometheus text), for load balancers, orchestrators and monitoring.
struct OperationalRoutes: Sendable {
    let pool: PostgresPool
    let migrator: Migrator
    let metrics: Metrics

    var routes: [Route] {
        [
            Route(.get, "/healthz", operationID: "getHealth", access: .anonymous) { _ in Self.healthy },
            Route(.get, "/readyz", operationID: "getReadiness", access: .anonymous) { _ in await readiness() },
            Route(.get, "/metrics", operationID: "getMetrics", access: .anonymous) { _ in metricsResponse() },
        ]
    }

    private static let healthy = APIResponse(
        status: .ok, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
        body: .bytes(Array(#"{"status":"ok"}"#.utf8)))

    private func readiness() async -> APIResponse {
        let detail: String
        do {
            if try await migrator.isCurrent(pool) { return Self.healthy }
            detail = "Migrations are pending; run `domino migrate`."
        } catch {
            detail = "The database is not reachable."
        }
        var response = Problem(status: 503, title: "Service Unavailable", detail: detail).response
        response.headers["Retry-After"] = "5"
        return response
    }

    private func metricsResponse() -> APIResponse {
        let statistics = pool.statistics
        let text = metrics.render(extra: [
            ("domino_db_pool_open_connections", "PostgreSQL connections open in this process.", Double(statistics.open)),
            ("domino_db_pool_idle_connections", "Open connections not leased.", Double(statistics.idle)),
            ("domino_db_pool_waiting_tasks", "Tasks waiting for a connection.", Double(statistics.waiting)),
        ])
        return APIResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .bytes(Array(text.utf8)))
    }
}
