import DomainKit
import HTTPServer
import Jobs
import Postgres

/// `/healthz` (the process is up), `/readyz` (the database answers and every migration is applied) and
/// `/metrics` (Prometheus text), for load balancers, orchestrators and monitoring.
struct OperationalRoutes: Sendable {
    let pool: PostgresPool
    let migrator: Migrator
    let metrics: Metrics
    let jobs: JobAdmin

    var routes: [Route] {
        [
            Route(.get, "/healthz", operationID: "getHealth", access: .anonymous) { _ in Self.healthy },
            Route(.get, "/readyz", operationID: "getReadiness", access: .anonymous) { _ in await readiness() },
            Route(.get, "/metrics", operationID: "getMetrics", access: .anonymous) { _ in await metricsResponse() },
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

    private func metricsResponse() async -> APIResponse {
        let statistics = pool.statistics
        var gauges: [(name: String, help: String, value: Double)] = [
            ("domino_db_pool_open_connections", "PostgreSQL connections open in this process.", Double(statistics.open)),
            ("domino_db_pool_idle_connections", "Open connections not leased.", Double(statistics.idle)),
            ("domino_db_pool_waiting_tasks", "Tasks waiting for a connection.", Double(statistics.waiting)),
        ]
        // The queue's figures come from the database; while it is unreachable they are left out (an
        // absent series is what Prometheus alerts on), and the process figures are still served.
        if let figures = try? await jobs.figures() {
            gauges += [
                ("domino_jobs_available", "Jobs waiting to run (due or scheduled).", Double(figures.available)),
                ("domino_jobs_running", "Jobs leased by a worker.", Double(figures.running)),
                ("domino_jobs_retryable", "Jobs waiting for a retry after a failed attempt.", Double(figures.retryable)),
                ("domino_jobs_discarded_last_day", "Jobs discarded after their last attempt in the past 24 hours.", Double(figures.discardedLastDay)),
                ("domino_jobs_oldest_due_seconds", "How long the oldest due job has waited to be claimed.", figures.oldestDueSeconds),
            ]
        }
        let text = metrics.render(extra: gauges)
        return APIResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .bytes(Array(text.utf8)))
    }
}
