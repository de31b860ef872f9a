import EventIO
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import DomainKit
public import Jobs
import Postgres

/// The job that sends one delivery: `notifications.deliver` with `{"deliveryID": n}`. It reads the
/// endpoint's URL (decrypted by PostgreSQL) and, for a generic webhook, the signature, computed by
/// PostgreSQL as `hmac(timestamp + "." + body, secret, 'sha256')`, then POSTs with URLSession's async
/// API (its I/O runs on URLSession's own thread; the task awaits, never blocking the cooperative pool).
/// A non-2xx answer or a network error fails the attempt, and the queue retries with backoff.
public enum WebhookDelivery {
    public static let kind = "notifications.deliver"
    /// Eight attempts with the queue's backoff span about four minutes at the default 1 s base.
    static let maxAttempts = 8
    /// How long one attempt may wait for the endpoint's answer.
    public static let defaultTimeLimit: Duration = .seconds(10)

    struct Payload: Codable {
        let deliveryID: Int64
    }

    static func job(for deliveryID: Int64) throws -> NewJob {
        try NewJob(kind: kind, payload: Payload(deliveryID: deliveryID), maxAttempts: maxAttempts)
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Answers every redirect with "do not follow", so the 3xx is the endpoint's answer and fails the
    /// attempt. `URLSession.shared` followed them: a 307 sends the same signed POST on to wherever the
    /// endpoint points, plain http or an internal address that registration would have refused.
    final class RefusingRedirects: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
            completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }

    /// Registers the handler on `handlers`.
    public static func register(
        into handlers: inout JobHandlers, secretsKey: String, clock: ProgrammeClock, timeLimit: Duration = defaultTimeLimit
    ) {
        // Ephemeral: no cookies or cache carried from one endpoint's answer to another's request. The
        // delegate is the session's (swift-corelibs-foundation asks a task's own delegate about
        // redirects only for delegate-driven tasks, not for `data(for:)`).
        let session = URLSession(configuration: .ephemeral, delegate: RefusingRedirects(), delegateQueue: nil)
        handlers.register(kind) { context in
            let payload = try context.job.payload(as: Payload.self)
            let timestamp = String(Int64(clock.now().timeIntervalSince1970))
            guard let row = try await context.pool.query("""
                SELECT d.body, d.event, d.event_id, e.channel, pgp_sym_decrypt(e.url_encrypted, \(secretsKey)) AS url,
                       CASE WHEN e.secret_encrypted IS NULL THEN NULL ELSE
                           encode(hmac(convert_to(\(timestamp) || '.' || d.body, 'UTF8'),
                                       convert_to(pgp_sym_decrypt(e.secret_encrypted, \(secretsKey)), 'UTF8'), 'sha256'), 'hex') END AS signature
                FROM notification_deliveries d JOIN notification_endpoints e ON e.id = d.endpoint_id
                WHERE d.id = \(payload.deliveryID) AND e.enabled
                """).first else {
                return // The delivery or its endpoint is gone or disabled: nothing to send.
            }
            let body: String = try row.decode("body")
            guard let url = URL(string: try row.decode("url")) else { throw Failed(description: "the stored URL does not parse") }
            var request = URLRequest(url: url, timeoutInterval: TimeInterval(timeLimit.components.seconds))
            request.httpMethod = "POST"
            request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
            request.setValue("Domino-Webhooks/1", forHTTPHeaderField: "User-Agent")
            request.setValue(try row.decode("event"), forHTTPHeaderField: "X-Domino-Event")
            request.setValue(String(payload.deliveryID), forHTTPHeaderField: "X-Domino-Delivery")
            if let signature: String = try row.decode("signature") {
                request.setValue(timestamp, forHTTPHeaderField: "X-Domino-Timestamp")
                request.setValue("v1=\(signature)", forHTTPHeaderField: "X-Domino-Signature")
            }
            request.httpBody = Data(body.utf8)
            var status: Int?
            var failure: String?
            do {
                let response = try await answer(to: request, on: session, within: timeLimit)
                status = (response as? HTTPURLResponse)?.statusCode
                if !(200..<300).contains(status ?? 0) { failure = "the endpoint answered \(status.map(String.init) ?? "without a status")" }
            } catch let failed as Failed {
                failure = failed.description
            } catch {
                failure = "the request failed: \(error.localizedDescription)"
            }
            try await context.pool.transaction { db in
                if let failure {
                    try await db.execute("""
                        UPDATE notification_deliveries SET attempts = attempts + 1, last_status = \(status), last_error = \(String(failure.prefix(2000))),
                            state = CASE WHEN \(context.job.attempts) >= \(context.job.maxAttempts) THEN 'failed' ELSE 'pending' END
                        WHERE id = \(payload.deliveryID)
                        """)
                } else {
                    try await db.execute("""
                        UPDATE notification_deliveries SET attempts = attempts + 1, last_status = \(status), last_error = NULL,
                            state = 'delivered', delivered_at = now()
                        WHERE id = \(payload.deliveryID)
                        """)
                    try await context.complete(on: db)
                }
            }
            if let failure { throw Failed(description: failure) }
        }
    }

    /// The endpoint's answer, or `Failed` once `timeLimit` has passed. The request's own
    /// `timeoutInterval` is not enough: on Linux (swift-corelibs-foundation) an endpoint that accepted
    /// the request and never answered held the attempt 25 s past a 2 s interval, measured. So the
    /// attempt races a timer on the event loops' monotonic clock, and the loser is cancelled.
    static func answer(to request: URLRequest, on session: URLSession, within timeLimit: Duration) async throws -> URLResponse {
        try await withThrowingTaskGroup(of: URLResponse?.self) { group in
            group.addTask { try await session.data(for: request).1 }
            group.addTask {
                try await EventLoop.sleep(for: timeLimit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw Failed(description: "the endpoint did not answer within \(timeLimit.components.seconds) s")
            }
            return response
        }
    }
}
