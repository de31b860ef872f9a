@testable import App
import DomainKit
import Glibc
import HTTPServer
import Postgres
import TestSupport
import Testing

/// A request stopped by a time limit is logged as that limit and answered 503, never as "unhandled error: a
/// bug" (harden12): the server's handler timeout cancels the handler's task, whose next statement then fails
/// with SQLSTATE 57014, and the client already has the server's 503.
@Suite("A request stopped by a time limit")
struct TimeLimitLogTests {
    @Test("a request whose task is cancelled, as the handler timeout cancels it, is logged as a time limit with a 503, not as a bug")
    func handlerTimeoutIsNotABug() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        // The handler waits until its task is cancelled, then reaches the database as a real one would.
        let (status, logged) = try await cancelledRequest(pool: pool) { _ = try await pool.query("SELECT 1") }
        #expect(status == 503)
        #expect(logged.contains(#""msg":"request stopped by a time limit""#) && logged.contains(#""time_limit":"handler timeout""#), "\(logged)")
        #expect(!logged.contains("a bug"), "\(logged)")
        #expect(logged.contains(#""http.status":"503""#), "the access log line tells what the client got")
    }

    @Test("a handler that finishes its work after the handler timeout is logged with the 503 the client got, not its own 200")
    func lateAnswerIsLoggedAsTheClientGotIt() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        // Work that never looks at cancellation (a dry-run import checking rows in Swift) returns its 200 long after the
        // server answered 503 at the deadline.
        let (_, logged) = try await cancelledRequest(pool: pool) {}
        #expect(logged.contains(#""http.status":"503""#) && !logged.contains(#""http.status":"200""#), "\(logged)")
    }

    /// Runs a route whose handler waits until its task is cancelled (what HTTPConnection's handler timeout does at
    /// its deadline), then does `afterCancel` and answers 200; returns the status the handler gave and the log.
    private func cancelledRequest(pool: PostgresPool, afterCancel: @escaping @Sendable () async throws -> Void) async throws -> (status: Int, logged: String) {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        let sink = LogSink(descriptor: ends[1])
        let (cancelled, finish) = AsyncStream<Void>.makeStream()
        let route = Route(.get, "/v1/slow", operationID: "slow", access: .anonymous) { _ in
            await withTaskCancellationHandler { for await _ in cancelled {} } onCancel: { finish.finish() }
            try await afterCancel()
            return try .json(["done": true])
        }
        let handler = APIHandler(
            router: Router(routes: [route]), authenticate: { _, _ in nil }, cors: CORSPolicy(allowedOrigins: []), metrics: Metrics(),
            log: Log(minimum: .info, sink: sink), trustProxy: false, idempotency: IdempotencyKeys(pool: pool))
        let request = Task { await handler.respond(to: HTTPRequest(method: .get, target: "/v1/slow")) }
        request.cancel()
        let response = await request.value

        await sink.flush()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
        return (response.status.code, String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self))
    }
}
