import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// `Idempotency-Key` on POST: the first request with a key runs and its response is stored; a retry
/// with the same key and the same request gets the stored response (for 24 h) instead of creating
/// anything twice; the same key with a different request is a 422. Keys belong to the caller.
struct IdempotencyKeys: Sendable {
    let pool: PostgresPool

    static let lifetime: Duration = .seconds(24 * 3600)
    /// A claim whose request never finished (the process died mid-request) is released after this,
    /// longer than the handler deadline, so a retry can run instead of waiting a day.
    static let abandonedAfter: Duration = .seconds(120)

    enum Claim {
        case run
        case replay(APIResponse)
    }

    /// Claims the key for this request, or returns the stored answer, or refuses.
    func claim(key: String, principal: Principal, request: HTTPRequest) async throws -> Claim {
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw Problem.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.",
                                     errors: [FieldError(field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters")])
        }
        let fingerprint = Data((request.method.rawValue + " " + request.path + "\n").utf8) + Data(request.body)
        let lifetime = "\(Self.lifetime.components.seconds) seconds"
        let abandoned = "\(Self.abandonedAfter.components.seconds) seconds"
        // One statement: drop an expired or abandoned claim, then insert ours unless a live one exists.
        let claimed = try await pool.query("""
            WITH stale AS (
                DELETE FROM idempotency_keys
                WHERE user_id = \(principal.userID) AND key = \(key)
                  AND (created_at < now() - \(lifetime)::interval
                       OR (status IS NULL AND created_at < now() - \(abandoned)::interval))
            )
            INSERT INTO idempotency_keys (user_id, key, request_hash)
            VALUES (\(principal.userID), \(key), encode(sha256(\(fingerprint)), 'hex'))
            ON CONFLICT (user_id, key) DO NOTHING
            RETURNING 1 AS claimed
            """)
        if !claimed.isEmpty { return .run }
        let rows = try await pool.query("""
            SELECT request_hash = encode(sha256(\(fingerprint)), 'hex') AS same_request, status, response_body, headers
            FROM idempotency_keys WHERE user_id = \(principal.userID) AND key = \(key)
            """)
        guard let row = rows.first else { return try await claim(key: key, principal: principal, request: request) }
        guard try row.decode("same_request", as: Bool.self) else {
            throw Problem.unprocessable("This Idempotency-Key was used for a different request.",
                                        errors: [FieldError(field: "Idempotency-Key", message: "was used for a different request")])
        }
        guard let status: Int = try row.decode("status") else {
            throw Problem.conflict("A request with this Idempotency-Key is still running; retry shortly.")
        }
        var headers: HTTPHeaders = [:]
        for (name, value) in try row.decode("headers", as: JSONB<[String: String]>.self).value { headers[name] = value }
        headers["Idempotent-Replayed"] = "true"
        let body: Data = try row.decode("response_body")
        return .replay(APIResponse(status: HTTPStatus(code: status), headers: headers, body: .bytes(Array(body))))
    }

    /// Stores the answer of a claimed request. A failure (5xx) or a streamed body releases the claim
    /// instead, so that a retry runs again.
    func finish(key: String, principal: Principal, response: APIResponse) async {
        guard response.status.code < 500, case .bytes(let body) = response.body else {
            await release(key: key, principal: principal)
            return
        }
        var kept: [String: String] = [:]
        for name in ["Content-Type", "ETag", "Location"] { kept[name] = response.headers[name] }
        _ = try? await pool.execute("""
            UPDATE idempotency_keys SET status = \(response.status.code), response_body = \(Data(body)), headers = \(JSONB(kept))
            WHERE user_id = \(principal.userID) AND key = \(key)
            """)
    }

    func release(key: String, principal: Principal) async {
        _ = try? await pool.execute("DELETE FROM idempotency_keys WHERE user_id = \(principal.userID) AND key = \(key)")
    }
}
