public import DomainKit
public import FoundationEssentials
import Postgres

/// Where a job is in its life (docs/jobs.md draws the diagram). `available` and `retryable` wait to be
/// claimed; `running` is leased by one worker; the last three are final.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case available, running, retryable, completed, discarded, cancelled

    public var isFinal: Bool { self == .completed || self == .discarded || self == .cancelled }
}

/// One row of `jobs`, as workers and the admin API see it.
public struct Job: Sendable, Equatable, Encodable {
    public let id: Int64
    public let kind: String
    public let queue: String
    /// The payload as JSON text, exactly as stored; handlers decode it with `payload(as:)`.
    public let payloadJSON: String
    /// The same payload as a JSON value, for the API.
    public let payload: JSONValue
    public let priority: Int
    public let state: JobState
    public let runAt: Date
    public let attempts: Int
    public let maxAttempts: Int
    public let lastError: String?
    public let uniqueKey: String?
    public let lockedBy: String?
    public let leaseExpiresAt: Date?
    public let createdAt: Date
    public let attemptedAt: Date?
    public let finalizedAt: Date?
    /// Set when an administrator dismissed the discarded job (dealt with, not to be retried); a retry clears it.
    public let dismissedAt: Date?
    public let dismissedBy: UUID?
    /// Their name as Accounts has it now (`account_names`, in the job's own statement); nil when not dismissed or when
    /// Accounts no longer has the user. For the console's job page; not part of the API's shape.
    public let dismissedByName: String?

    /// Qualified, so that UPDATE … FROM … RETURNING is unambiguous. The dismisser's name through the function Accounts
    /// publishes, looked up only for a dismissed job (a claimed one never is).
    static let columns: SQLFragment = """
        jobs.id, jobs.kind, jobs.queue, jobs.payload::text AS payload, jobs.priority, jobs.state, jobs.run_at,
        jobs.attempts, jobs.max_attempts, jobs.last_error, jobs.unique_key, jobs.locked_by, jobs.lease_expires_at,
        jobs.created_at, jobs.attempted_at, jobs.finalized_at, jobs.dismissed_at, jobs.dismissed_by,
        CASE WHEN jobs.dismissed_by IS NOT NULL THEN (SELECT n.display_name FROM account_names(ARRAY[jobs.dismissed_by]) n) END
            AS dismissed_by_name
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        kind = try row.decode("kind")
        queue = try row.decode("queue")
        payloadJSON = try row.decode("payload")
        payload = try JSONDecoder().decode(JSONValue.self, from: Data(payloadJSON.utf8))
        priority = try row.decode("priority", as: Int.self)
        let stateText: String = try row.decode("state")
        guard let state = JobState(rawValue: stateText) else { throw JobsError.corruptRow("state \(stateText)") }
        self.state = state
        runAt = try row.decode("run_at")
        attempts = try row.decode("attempts", as: Int.self)
        maxAttempts = try row.decode("max_attempts", as: Int.self)
        lastError = try row.decode("last_error")
        uniqueKey = try row.decode("unique_key")
        lockedBy = try row.decode("locked_by")
        leaseExpiresAt = try row.decode("lease_expires_at")
        createdAt = try row.decode("created_at")
        attemptedAt = try row.decode("attempted_at")
        finalizedAt = try row.decode("finalized_at")
        dismissedAt = try row.decode("dismissed_at")
        dismissedBy = try row.decode("dismissed_by")
        dismissedByName = try row.decode("dismissed_by_name")
    }

    /// Decodes the payload as the handler's own type; a payload that does not fit fails the attempt.
    public func payload<Payload: Decodable>(as type: Payload.Type = Payload.self) throws -> Payload {
        try JSONDecoder().decode(Payload.self, from: Data(payloadJSON.utf8))
    }

    /// The API's shape: `payload` as JSON, not the text that holds it.
    enum CodingKeys: String, CodingKey {
        case id, kind, queue, payload, priority, state, runAt, attempts, maxAttempts, lastError, uniqueKey, lockedBy,
             leaseExpiresAt, createdAt, attemptedAt, finalizedAt, dismissedAt, dismissedBy
    }
}

/// What to enqueue. Validated before it reaches the database; the CHECKs of migration 0013 repeat the
/// same limits, so a caller that skipped validation still cannot store a bad row.
public struct NewJob: Sendable {
    public var kind: String
    public var payloadJSON: String
    public var queue: String
    public var priority: Int
    public var runAt: Date?
    public var maxAttempts: Int
    public var uniqueKey: String?

    public static let defaultQueue = "default"
    public static let defaultPriority = 5
    public static let defaultMaxAttempts = 20
    public static let maximumPayloadBytes = 65_536

    public init(
        kind: String, payloadJSON: String = "{}", queue: String = NewJob.defaultQueue, priority: Int = NewJob.defaultPriority,
        runAt: Date? = nil, maxAttempts: Int = NewJob.defaultMaxAttempts, uniqueKey: String? = nil
    ) {
        self.kind = kind
        self.payloadJSON = payloadJSON
        self.queue = queue
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
    }

    /// A job whose payload is `payload` encoded as JSON.
    public init<Payload: Encodable>(
        kind: String, payload: Payload, queue: String = NewJob.defaultQueue, priority: Int = NewJob.defaultPriority,
        runAt: Date? = nil, maxAttempts: Int = NewJob.defaultMaxAttempts, uniqueKey: String? = nil
    ) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        self.init(kind: kind, payloadJSON: json, queue: queue, priority: priority, runAt: runAt, maxAttempts: maxAttempts, uniqueKey: uniqueKey)
    }

    func validate() throws(JobsError) {
        var validation = Validation()
        validation.check(JobName.isKind(kind), "kind", "must be 1–100 lowercase letters, digits, '_' or '.', starting with a letter")
        validation.check(JobName.isQueue(queue), "queue", "must be 1–50 lowercase letters, digits or '_', starting with a letter")
        validation.check((0...9).contains(priority), "priority", "must be from 0 (first) to 9")
        validation.check((1...100).contains(maxAttempts), "maxAttempts", "must be from 1 to 100")
        validation.check(payloadJSON.utf8.count <= Self.maximumPayloadBytes, "payload", "must be at most 64 KiB of JSON")
        if let uniqueKey {
            validation.check((1...200).contains(uniqueKey.count), "uniqueKey", "must be 1–200 characters")
        }
        if !validation.errors.isEmpty { throw JobsError.invalid(validation.errors) }
    }
}

/// The names the schema accepts for kinds and queues.
enum JobName {
    static func isKind(_ text: String) -> Bool {
        matches(text, maximum: 100, extra: [UInt8(ascii: "_"), UInt8(ascii: ".")])
    }

    static func isQueue(_ text: String) -> Bool {
        matches(text, maximum: 50, extra: [UInt8(ascii: "_")])
    }

    private static func matches(_ text: String, maximum: Int, extra: Set<UInt8>) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, (1...maximum).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || extra.contains($0) }
    }
}
