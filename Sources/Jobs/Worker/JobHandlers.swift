public import Postgres
import Synchronization

/// What a handler receives: the job (with its attempt number) and the pool to do its work with.
public struct JobContext: Sendable {
    public let job: Job
    public let pool: PostgresPool
    /// The id of the worker running it (`locked_by`).
    public let worker: String
    let completed = CompletionMark()

    /// Marks the job completed inside the handler's own transaction, so its writes and the completion
    /// commit together: if the lease was lost meanwhile (the job was rescued or cancelled), this throws
    /// and the handler's writes roll back. Database-only handlers get exactly-once effects this way.
    public func complete(on db: PostgresConnection) async throws {
        guard try await JobStore().complete([job.id], worker: worker, on: db).contains(job.id) else { throw LeaseLost(jobID: job.id) }
        completed.set()
    }
}

/// The job is no longer held by this worker (rescued after its lease expired, or cancelled).
public struct LeaseLost: Error, CustomStringConvertible {
    public let jobID: Int64
    public var description: String { "job \(jobID) is no longer held by this worker" }
}

/// Whether the handler completed its job itself; set once, read by the worker after the handler.
final class CompletionMark: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// Handlers registered by kind. A job whose kind has no handler fails its attempt with that message,
/// so a deploy that adds a kind to some workers first is safe: the others retry it later.
public struct JobHandlers: Sendable {
    public typealias Handler = @Sendable (JobContext) async throws -> Void
    private(set) var handlers: [String: Handler] = [:]

    public init() {}

    /// Registers `handler` for `kind`, replacing an earlier one.
    public mutating func register(_ kind: String, _ handler: @escaping Handler) {
        precondition(JobName.isKind(kind), "job kind \(kind) is not a valid name")
        handlers[kind] = handler
    }

    public var kinds: [String] { handlers.keys.sorted() }

    subscript(kind: String) -> Handler? { handlers[kind] }
}

/// Structured log events of the worker; App passes its JSON-lines log.
public typealias JobLog = @Sendable (_ isError: Bool, _ message: StaticString, _ fields: [String: String]) -> Void
