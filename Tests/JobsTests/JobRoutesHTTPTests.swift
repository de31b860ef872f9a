import App
import DomainKit
import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

@Suite("Jobs admin API over real HTTP")
struct JobRoutesHTTPTests {
    struct Listed: Decodable {
        struct Item: Decodable, Equatable {
            let id: Int64
            let kind: String
            let state: String
        }
        let items: [Item]
        let nextCursor: String?
    }

    @Test("an admin lists jobs by state and kind, newest first, page by page with the cursor")
    func listByStateAndKind() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            var ids: [Int64] = []
            for label in ["a", "b", "c"] { ids.append(try #require(try await JobQueue.enqueue(try probe(label: label), in: pool))) }
            let other = try #require(try await JobQueue.enqueue(NewJob(kind: BuiltInJobs.noop), in: pool))
            _ = try await JobAdmin(pool: pool, clock: .test).cancel(ids[1], by: admin)
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]

            let first = try await TestClient.request(port: port, "GET", "/v1/jobs?state=available&kind=jobs.probe&limit=1", headers: auth)
            #expect(first.status == 200, "\(first.text)")
            let page1 = try JSONDecoder().decode(Listed.self, from: Data(first.body))
            #expect(page1.items == [Listed.Item(id: ids[2], kind: "jobs.probe", state: "available")])
            let cursor = try #require(page1.nextCursor)
            let second = try await TestClient.request(port: port, "GET", "/v1/jobs?state=available&kind=jobs.probe&limit=1&cursor=\(cursor)", headers: auth)
            #expect(second.status == 200, "\(second.text)")
            let page2 = try JSONDecoder().decode(Listed.self, from: Data(second.body))
            #expect(page2.items == [Listed.Item(id: ids[0], kind: "jobs.probe", state: "available")])
            #expect(page2.nextCursor == nil)

            let cancelled = try await TestClient.request(port: port, "GET", "/v1/jobs?state=cancelled", headers: auth)
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect(try JSONDecoder().decode(Listed.self, from: Data(cancelled.body)).items.map(\.id) == [ids[1]])
            let all = try await TestClient.request(port: port, "GET", "/v1/jobs", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(all.body)).items.map(\.id) == [other, ids[2], ids[1], ids[0]])
        }
    }

    /// A job that failed its only attempt (discarded) and one that ran fine (completed), drained by one worker pass.
    static func discardedAndCompleted(_ pool: PostgresPool) async throws -> (discarded: Int64, completed: Int64) {
        let failing = try #require(try await JobQueue.enqueue(try probe(failAttempts: 1, maxAttempts: 1), in: pool))
        let fine = try #require(try await JobQueue.enqueue(try probe(), in: pool))
        try await worker(pool).runOnce()
        #expect(try await jobRow(failing, in: pool).state == "discarded")
        return (failing, fine)
    }

    @Test("retry makes a discarded job available again with one more attempt; retrying a completed job is a 409")
    func retry() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let (failing, fine) = try await Self.discardedAndCompleted(pool)
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            let retried = try await TestClient.request(port: port, "POST", "/v1/jobs/\(failing)/retry", headers: auth)
            #expect(retried.status == 200)
            #expect(retried.text.contains(#""state":"available""#))
            #expect(retried.text.contains(#""maxAttempts":2"#))
            try await worker(pool).runOnce()
            #expect(try await jobRow(failing, in: pool).state == "completed")
            let refused = try await TestClient.request(port: port, "POST", "/v1/jobs/\(fine)/retry", headers: auth)
            #expect(refused.status == 409)
            #expect(refused.text.contains(#""field":"state""#))
            #expect(try await count("SELECT count(*) FROM audit_log WHERE entity = 'jobs' AND entity_id = \(String(failing))", in: pool) == 1)
        }
    }

    @Test("cancel stops a waiting job from running; cancelling it again is a 409")
    func cancel() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let id = try #require(try await JobQueue.enqueue(try probe(), in: pool))
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            let cancelled = try await TestClient.request(port: port, "POST", "/v1/jobs/\(id)/cancel", headers: auth)
            #expect(cancelled.status == 200)
            #expect(try await worker(pool).runOnce() == 0)
            #expect(try await count("SELECT count(*) FROM job_probe_runs", in: pool) == 0)
            let again = try await TestClient.request(port: port, "POST", "/v1/jobs/\(id)/cancel", headers: auth)
            #expect(again.status == 409)
        }
    }

    @Test("dismiss marks a discarded job dealt with, by whom and when; the list filters on it; twice, or a job not discarded, is a 409; a retry clears it")
    func dismiss() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            let (failing, fine) = try await Self.discardedAndCompleted(pool)
            let (token, admin) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            #expect(try await TestClient.request(port: port, "POST", "/v1/jobs/\(failing)/dismiss", headers: ["Authorization": "Bearer \(coordinatorToken)"]).status == 403)

            let dismissed = try await TestClient.request(port: port, "POST", "/v1/jobs/\(failing)/dismiss", headers: auth)
            #expect(dismissed.status == 200 && dismissed.text.contains(#""state":"discarded""#), "\(dismissed.text)")
            #expect(dismissed.text.contains(#""dismissedAt":"#) && dismissed.text.contains(#""dismissedBy":"#), "\(dismissed.text)")
            #expect(try await count("""
                SELECT count(*) FROM jobs WHERE id = \(failing) AND dismissed_at = \(application.clock.now()) AND dismissed_by = \(admin.userID)
                """, in: pool) == 1, "when: the programme clock")
            let open = try await TestClient.request(port: port, "GET", "/v1/jobs?state=discarded&dismissed=false", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(open.body)).items.isEmpty)
            let done = try await TestClient.request(port: port, "GET", "/v1/jobs?dismissed=true", headers: auth)
            #expect(try JSONDecoder().decode(Listed.self, from: Data(done.body)).items.map(\.id) == [failing])

            let again = try await TestClient.request(port: port, "POST", "/v1/jobs/\(failing)/dismiss", headers: auth)
            #expect(again.status == 409 && again.text.contains("dismissed already"), "\(again.text)")
            let completed = try await TestClient.request(port: port, "POST", "/v1/jobs/\(fine)/dismiss", headers: auth)
            #expect(completed.status == 409 && completed.text.contains(#""field":"state""#), "\(completed.text)")

            // A retry brings the job back to life: the dismissal was about the state it left.
            #expect(try await TestClient.request(port: port, "POST", "/v1/jobs/\(failing)/retry", headers: auth).status == 200)
            #expect(try await count("SELECT count(*) FROM jobs WHERE id = \(failing) AND dismissed_at IS NULL AND dismissed_by IS NULL", in: pool) == 1)
        }
    }

    @Test("several discarded jobs are dismissed in one request, all or nothing: nothing chosen or too many is a 422, a job in another state or dismissed already a 409 naming it, an unknown id a 404")
    func dismissMany() async throws {
        try await withTestServer { port, application in
            let pool = application.pool
            var discarded: [Int64] = []
            for _ in 0..<3 { discarded.append(try #require(try await JobQueue.enqueue(try probe(failAttempts: 1, maxAttempts: 1), in: pool))) }
            let fine = try #require(try await JobQueue.enqueue(try probe(), in: pool))
            try await worker(pool).runOnce()
            #expect(try await count("SELECT count(*) FROM jobs WHERE state = 'discarded'", in: pool) == 3)
            let (token, admin) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let dismiss = { (ids: [Int64]) async throws -> TestClient.Response in
                try await TestClient.request(port: port, "POST", "/v1/jobs/dismissed", headers: auth, body: #"{"ids":[\#(ids.map(String.init).joined(separator: ","))]}"#)
            }
            let dismissedCount = { () async throws -> Int in try await count("SELECT count(*) FROM jobs WHERE dismissed_at IS NOT NULL", in: pool) }
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let asCoordinator = try await TestClient.request(
                port: port, "POST", "/v1/jobs/dismissed", headers: ["Authorization": "Bearer \(coordinatorToken)", "Content-Type": "application/json"],
                body: #"{"ids":[\#(discarded[0])]}"#)
            #expect(asCoordinator.status == 403)

            let empty = try await dismiss([])
            #expect(empty.status == 422 && empty.text.contains(#""field":"ids""#), "\(empty.text)")
            let tooMany = try await dismiss(Array(1...Int64(JobAdmin.dismissLimit + 1)))
            #expect(tooMany.status == 422 && tooMany.text.contains(#""field":"ids""#), "\(tooMany.text)")
            let withCompleted = try await dismiss([discarded[0], fine])
            #expect(withCompleted.status == 409 && withCompleted.text.contains("Job \(fine) is completed"), "\(withCompleted.text)")
            let unknown = try await dismiss([discarded[0], fine + 1000])
            #expect(unknown.status == 404, "\(unknown.text)")
            #expect(try await dismissedCount() == 0, "nothing dismissed, not even the discarded job asked with them")

            let done = try await dismiss([discarded[0], discarded[1]])
            #expect(done.status == 200, "\(done.text)")
            #expect(try JSONDecoder().decode(Listed.self, from: Data(done.body)).items.map(\.id) == [discarded[1], discarded[0]])
            #expect(try await count("""
                SELECT count(*) FROM jobs WHERE id = ANY(\([discarded[0], discarded[1]])) AND dismissed_at = \(application.clock.now()) AND dismissed_by = \(admin.userID)
                """, in: pool) == 2, "who, and when: the programme clock")
            #expect(try await count("SELECT count(*) FROM audit_log WHERE entity = 'jobs' AND entity_id = \(String(discarded[0]))", in: pool) == 1, "audited")

            // The list as it was shown before, sent again: refused, naming the job; the third is not dismissed either.
            let again = try await dismiss([discarded[1], discarded[2]])
            #expect(again.status == 409 && again.text.contains("Job \(discarded[1]) is dismissed already"), "\(again.text)")
            #expect(try await dismissedCount() == 2)
        }
    }

    @Test("only admins reach the queue: a coordinator gets 403, anonymous 401, an unknown or malformed id 404")
    func access() async throws {
        try await withTestServer { port, application in
            let id = try #require(try await JobQueue.enqueue(try probe(), in: application.pool))
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let asCoordinator = try await TestClient.request(port: port, "GET", "/v1/jobs/\(id)", headers: ["Authorization": "Bearer \(coordinatorToken)"])
            #expect(asCoordinator.status == 403)
            let cancelAsCoordinator = try await TestClient.request(port: port, "POST", "/v1/jobs/\(id)/cancel", headers: ["Authorization": "Bearer \(coordinatorToken)"])
            #expect(cancelAsCoordinator.status == 403)
            #expect(try await jobRow(id, in: application.pool).state == "available")
            #expect(try await TestClient.request(port: port, "GET", "/v1/jobs").status == 401)
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            #expect(try await TestClient.request(port: port, "GET", "/v1/jobs/\(id + 1000)", headers: auth).status == 404)
            #expect(try await TestClient.request(port: port, "GET", "/v1/jobs/abc", headers: auth).status == 404)
            #expect(try await TestClient.request(port: port, "GET", "/v1/jobs/-1", headers: auth).status == 404)
        }
    }

    @Test("bad filters, cursors and limits are a 400 naming the parameter")
    func badFilters() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            let state = try await TestClient.request(port: port, "GET", "/v1/jobs?state=sleeping", headers: auth)
            #expect(state.status == 400)
            #expect(state.text.contains(#""field":"state""#))
            let kind = try await TestClient.request(port: port, "GET", "/v1/jobs?kind=Bad%20Kind", headers: auth)
            #expect(kind.status == 400)
            #expect(kind.text.contains(#""field":"kind""#))
            let cursor = try await TestClient.request(port: port, "GET", "/v1/jobs?cursor=nonsense", headers: auth)
            #expect(cursor.status == 400)
            #expect(try await TestClient.request(port: port, "GET", "/v1/jobs?limit=0", headers: auth).status == 400)
        }
    }

    @Test("/metrics reports the queue: available, running, retryable jobs and the oldest due job's wait")
    func metrics() async throws {
        try await withTestServer { port, application in
            for _ in 0..<3 { try await JobQueue.enqueue(try probe(), in: application.pool) }
            let metrics = try await TestClient.request(port: port, "GET", "/metrics")
            #expect(metrics.text.contains("domino_jobs_available 3.0\n"))
            #expect(metrics.text.contains("domino_jobs_running 0.0\n"))
            #expect(metrics.text.contains("domino_jobs_retryable 0.0\n"))
            #expect(metrics.text.contains("domino_jobs_oldest_due_seconds "))
        }
    }
}
