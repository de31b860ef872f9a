public import FoundationEssentials
public import Postgres

/// The rows of `idempotency_keys` (Migrations/0002): the first request with a (user, key) claims it and
/// its answer is kept for 24 h, so a repeat gets that answer instead of doing the work twice. Two doors
/// use it: the API's `Idempotency-Key` header (App) and the console's one-time form submission id
/// (Console). The console's keys start with `console ` — a space, which an `Idempotency-Key` may not
/// hold — so neither can claim the other's keys.
public struct IdempotencyRecords: Sendable {
    /// An answer as stored: status, the headers worth repeating, the body.
    public struct Answer: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: [UInt8]

        public init(status: Int, headers: [String: String], body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    public enum Claim: Sendable {
        /// The caller runs the request, then calls `finish` or `release`.
        case claimed
        /// The first request with this key is still running.
        case running
        case answered(Answer)
        /// The key was claimed by a request with another fingerprint.
        case differentRequest
    }

    public static let lifetime: Duration = .seconds(24 * 3600)
    /// A claim whose request never finished (the process died mid-request) is released after this,
    /// longer than the handler deadline, so a retry can run instead of waiting a day.
    public static let abandonedAfter: Duration = .seconds(120)

    let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Claims `key` for `userID`, or says who has it. `fingerprint` tells a repeat of the same request
    /// from another request reusing the key.
    public func claim(userID: UUID, key: String, fingerprint: Data) async throws -> Claim {
        let lifetime = "\(Self.lifetime.components.seconds) seconds"
        let abandoned = "\(Self.abandonedAfter.components.seconds) seconds"
        // One statement: drop this user's expired keys (no job sweeps the table, and a console id is
        // never sent again once its form is gone) and an abandoned claim of this key, then insert ours
        // unless a live one exists.
        let claimed = try await pool.query("""
            WITH stale AS (
                DELETE FROM idempotency_keys
                WHERE user_id = \(userID)
                  AND (created_at < now() - \(lifetime)::interval
                       OR (key = \(key) AND status IS NULL AND created_at < now() - \(abandoned)::interval))
            )
            INSERT INTO idempotency_keys (user_id, key, request_hash)
            VALUES (\(userID), \(key), encode(sha256(\(fingerprint)), 'hex'))
            ON CONFLICT (user_id, key) DO NOTHING
            RETURNING 1 AS claimed
            """)
        if !claimed.isEmpty { return .claimed }
        guard let stored = try await answer(userID: userID, key: key, fingerprint: fingerprint) else {
            // Released between the two statements: try again.
            return try await claim(userID: userID, key: key, fingerprint: fingerprint)
        }
        return stored
    }

    /// What the key's row says now, or nil when there is no row (never claimed, or released).
    public func answer(userID: UUID, key: String, fingerprint: Data) async throws -> Claim? {
        let rows = try await pool.query("""
            SELECT request_hash = encode(sha256(\(fingerprint)), 'hex') AS same_request, status, response_body, headers
            FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key)
            """)
        guard let row = rows.first else { return nil }
        guard try row.decode("same_request", as: Bool.self) else { return .differentRequest }
        guard let status: Int = try row.decode("status") else { return .running }
        let headers = try row.decode("headers", as: JSONB<[String: String]>.self).value
        let body: Data = try row.decode("response_body")
        return .answered(Answer(status: status, headers: headers, body: Array(body)))
    }

    /// Stores the answer of a claimed request.
    public func finish(userID: UUID, key: String, answer: Answer) async {
        _ = try? await pool.execute("""
            UPDATE idempotency_keys SET status = \(answer.status), response_body = \(Data(answer.body)), headers = \(JSONB(answer.headers))
            WHERE user_id = \(userID) AND key = \(key)
            """)
    }

    /// Forgets a claim whose request failed, so that a retry runs again.
    /// Deletes up to `batch` records past their lifetime, of every user, and says how many went. A claim
    /// drops its own user's old records, but a user who never posts again would keep theirs, and a kept
    /// answer can be a page with people's names (an import's result) or a response body: nothing is kept
    /// longer than a day and a night.
    public func prune(batch: Int) async throws -> Int {
        let lifetime = "\(Self.lifetime.components.seconds) seconds"
        let rows = try await pool.query("""
            WITH gone AS (
                DELETE FROM idempotency_keys WHERE ctid IN (
                    SELECT ctid FROM idempotency_keys WHERE created_at < now() - \(lifetime)::interval LIMIT \(batch))
                RETURNING 1
            )
            SELECT count(*)::int AS pruned FROM gone
            """)
        return try rows[0].decode("pruned")
    }

    public func release(userID: UUID, key: String) async {
        _ = try? await pool.execute("DELETE FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key)")
    }
}
