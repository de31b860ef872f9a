import CLibPQ
public import EventIO
import Glibc
import Synchronization

/// One PostgreSQL session, driven through libpq's asynchronous API: statements are sent with
/// `PQsendQueryPrepared` on a non-blocking socket and results are read with `PQconsumeInput` /
/// `PQisBusy` whenever EventIO reports the socket readable. No libpq call here can block (connecting
/// aside, which goes to a dedicated thread), so it runs wherever its task runs: a request's event loop, or
/// Swift's cooperative pool for workers and start-up (ARCHITECTURE.md, Concurrency; docs/architecture.md).
///
/// Unchecked Sendable, and safe: the `PGconn` and the statement cache are used by one task at a time, the
/// task that leased the connection from the pool; `busy` turns any overlapping use into a crash with
/// a clear message instead of a corrupted protocol stream.
public final class PostgresConnection: @unchecked Sendable {
    let connection: OpaquePointer
    let handle: IOHandle
    let configuration: PostgresConfiguration
    private let busy = Atomic<Bool>(false)
    private var statements: [StatementKey: PreparedStatement] = [:]
    private var transactionDepth = 0
    /// Set by `commit(after:)` once the transaction it ended has committed; cleared when that
    /// transaction's body returns.
    private var committedEarly = false
    /// Set once libpq reports the session lost; the pool then replaces the connection.
    public private(set) var isBroken = false
    let createdAt = Deadline.now

    /// The most statements one connection keeps prepared; past it the cache starts over.
    static let statementCacheLimit = 512
    /// How long past the statement timeout a reply may take before the connection counts as lost
    /// (a server that vanished without closing the socket).
    static let replyGrace: Duration = .seconds(15)

    private init(connection: OpaquePointer, handle: IOHandle, configuration: PostgresConfiguration) {
        self.connection = connection
        self.handle = handle
        self.configuration = configuration
    }

    deinit {
        handle.deregister()
        PQfinish(connection)
    }

    /// Opens a session. libpq's connect blocks (a `getaddrinfo` for host names, then the start-up
    /// exchange), so the connect alone runs on a dedicated thread, never on a Dispatch queue, whose threads
    /// on Linux are the cooperative pool's (`DedicatedThreads`); everything after is async.
    ///
    /// A cancelled caller stops waiting at once, however long the connect waits for a thread or libpq for
    /// the server (a blocking connect cannot be interrupted); a session opened after it left is closed on
    /// its thread.
    public static func connect(_ configuration: PostgresConfiguration, loop: EventLoop = .shared) async throws(PostgresError) -> PostgresConnection {
        let keywords = configuration.connectionKeywords
        let outcome = await openBlocking(keywords)
        let pointer = try outcome.get().pointer
        // libpq prints NOTICEs to stderr by default; they are not errors and must not bypass the log.
        PQsetNoticeProcessor(pointer, { _, _ in }, nil)
        guard PQsetnonblocking(pointer, 1) == 0 else {
            PQfinish(pointer)
            throw PostgresError(.connectionFailed, "cannot make the connection non-blocking")
        }
        let handle: IOHandle
        do {
            handle = try loop.register(PQsocket(pointer))
        } catch {
            PQfinish(pointer)
            throw PostgresError(.connectionFailed, "cannot watch the connection's socket: \(error)")
        }
        return PostgresConnection(connection: pointer, handle: handle, configuration: configuration)
    }

    // MARK: Statements

    /// Runs one statement and returns its rows. The statement is prepared once per connection and
    /// reused by SQL text; `timeout` replaces the session's statement timeout for this statement only.
    @discardableResult
    public func query(_ query: PostgresQuery, timeout: Duration? = nil) async throws(PostgresError) -> PostgresRows {
        if let timeout {
            let limit = "\(max(1, timeout.milliseconds))"
            let results = try await pipeline([
                "SELECT set_config('statement_timeout', \(limit), false)",
                query,
                "SELECT set_config('statement_timeout', \(configuration.statementTimeout.map { "\($0.milliseconds)" } ?? "0"), false)",
            ])
            return try results[1].get()
        }
        try checkCancellation()
        enter()
        defer { leave() }
        precondition(!committedEarly, "a statement after commit(after:) ended its transaction")
        let statement = try await prepare(query)
        try send(query, statement: statement.name)
        try await flush()
        return try rows(from: try await readResults(), of: statement)
    }

    /// Runs a statement for its effect and returns the number of rows it touched.
    @discardableResult
    public func execute(_ statement: PostgresQuery, timeout: Duration? = nil) async throws(PostgresError) -> Int {
        try await query(statement, timeout: timeout).affectedRows
    }

    /// Sends independent statements together and reads all replies in one round trip (libpq pipeline
    /// mode). Each statement is followed by its own Sync, so one failing does not abort the others.
    public func pipeline(_ queries: [PostgresQuery]) async throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        try await pipeline(queries, syncEach: true)
    }

    /// `syncEach == false`: one Sync after the last statement, so the server answers the whole pipeline
    /// in one write instead of one per statement, and a failing statement makes the server skip the
    /// rest (their replies say so). For statements inside a transaction, where a failure aborts the
    /// transaction anyway.
    private func pipeline(_ queries: [PostgresQuery], syncEach: Bool) async throws(PostgresError) -> [Result<PostgresRows, PostgresError>] {
        try checkCancellation()
        enter()
        defer { leave() }
        precondition(!committedEarly, "a statement after commit(after:) ended its transaction")
        var statements: [PreparedStatement] = []
        for query in queries { statements.append(try await prepare(query)) }
        guard PQenterPipelineMode(connection) == 1 else { throw protocolError("cannot enter pipeline mode") }
        for (query, statement) in zip(queries, statements) {
            try send(query, statement: statement.name)
            if syncEach { guard PQpipelineSync(connection) == 1 else { throw connectionError() } }
        }
        if !syncEach { guard PQpipelineSync(connection) == 1 else { throw connectionError() } }
        try await flush()
        var outcomes: [Result<PostgresRows, PostgresError>] = []
        for statement in statements {
            let results = try await readResults(untilSync: true)
            outcomes.append(Result { () throws(PostgresError) -> PostgresRows in try rows(from: results, of: statement) })
            if syncEach { try await readSync() }
        }
        if !syncEach { try await readSync() }
        guard PQexitPipelineMode(connection) == 1 else { throw protocolError("cannot leave pipeline mode") }
        return outcomes
    }

    private func readSync() async throws(PostgresError) {
        let sync = try await readResults(untilSync: true)
        sync.forEach { PQclear($0) }
    }

    /// Runs trusted SQL text that may hold several statements, such as a migration file. It goes
    /// through the simple-query protocol, which takes no parameters: never pass text built from input.
    public func runScript(_ sql: String) async throws(PostgresError) {
        try checkCancellation()
        try await simpleQuery(sql)
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws or when the
    /// task was cancelled. Nested calls use savepoints, so an inner failure undoes only the inner work.
    @discardableResult
    public func transaction<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        let depth = transactionDepth
        try await control(depth == 0 ? "BEGIN" : "SAVEPOINT domino_\(depth)")
        return try await run(depth: depth, body)
    }

    /// `transaction(_:)` whose BEGIN travels in one pipeline with `statements`, the transaction's first
    /// statements (one round trip for all of them: the door's hot path). `body` gets their replies, in
    /// order. Nested in a transaction, it is a savepoint and the statements follow it, as usual.
    @discardableResult
    public func transaction<Value>(
        first statements: [PostgresQuery], _ body: (PostgresConnection, [Result<PostgresRows, PostgresError>]) async throws -> Value
    ) async throws -> Value {
        let depth = transactionDepth
        guard depth == 0 else {
            try await control("SAVEPOINT domino_\(depth)")
            return try await run(depth: depth) { try await body($0, try await $0.pipeline(statements)) }
        }
        let replies = try await pipeline(["BEGIN"] + statements, syncEach: false)
        if case .failure(let error) = replies[0] {
            if PQtransactionStatus(connection) != PQTRANS_IDLE, !isBroken { try? await control("ROLLBACK") }
            throw error
        }
        return try await run(depth: depth) { try await body($0, Array(replies.dropFirst())) }
    }

    /// The last step of an outermost transaction's body: runs `statements` and COMMIT in one pipeline
    /// with one Sync, one round trip for all of them (the door's hot path), and returns the statements'
    /// rows. If a statement fails, the server skips the ones after it and the COMMIT; its error is thrown
    /// and the transaction rolls back as for any failure of the body. If the COMMIT itself fails (a
    /// deferred constraint or trigger), its error is thrown and nothing was committed. Once it returns,
    /// the transaction is committed: the body must return without running another statement on this
    /// connection (doing so stops the process), and an error the body throws afterwards is still
    /// thrown but undoes nothing.
    public func commit(after statements: [PostgresQuery]) async throws(PostgresError) -> [PostgresRows] {
        precondition(transactionDepth == 1, "commit(after:) ends an outermost transaction, inside its body")
        // A COMMIT of a failed transaction "succeeds" by rolling back; refuse it, as `run` does.
        if PQtransactionStatus(connection) == PQTRANS_INERROR {
            throw PostgresError(.server, "an earlier statement failed, so the transaction was rolled back")
        }
        let replies = try await pipeline(statements + ["COMMIT"], syncEach: false)
        var rows: [PostgresRows] = []
        for reply in replies.dropLast() { rows.append(try reply.get()) }
        _ = try replies[replies.count - 1].get()
        committedEarly = true
        return rows
    }

    /// The body of a transaction begun at `depth`: committed (or its savepoint released) when `body`
    /// returns, rolled back when it throws or the task was cancelled.
    private func run<Value>(depth: Int, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        transactionDepth += 1
        do {
            let value = try await body(self)
            transactionDepth -= 1
            if committedEarly {
                // The body ended the transaction itself with `commit(after:)`.
                committedEarly = false
                return value
            }
            if Task.isCancelled {
                throw PostgresError(.server, "the task was cancelled; the transaction was rolled back", sqlState: .queryCanceled)
            }
            // COMMIT of a failed transaction "succeeds" by rolling back; refuse to report that as success.
            if PQtransactionStatus(connection) == PQTRANS_INERROR {
                throw PostgresError(.server, "an earlier statement failed, so the transaction was rolled back")
            }
            try await control(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT domino_\(depth)")
            return value
        } catch {
            if transactionDepth > depth { transactionDepth = depth }
            if committedEarly {
                committedEarly = false
                throw error
            }
            if !isBroken, PQtransactionStatus(connection) != PQTRANS_IDLE {
                try? await control(depth == 0 ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT domino_\(depth)")
            }
            throw error
        }
    }

    public var isInTransaction: Bool { transactionDepth > 0 }

    /// The event loop that watches this session's socket.
    public var loop: EventLoop { handle.loop }

    /// Transaction control ignores cancellation: a rollback must run even in a cancelled task.
    private func control(_ sql: String) async throws(PostgresError) {
        try await simpleQuery(sql)
    }

    /// One round of the simple-query protocol: no parameters, several statements allowed.
    private func simpleQuery(_ sql: String) async throws(PostgresError) {
        enter()
        defer { leave() }
        guard PQsendQuery(connection, sql) == 1 else { throw connectionError() }
        try await flush()
        let results = try await readResults()
        defer { results.forEach { PQclear($0) } }
        for result in results { try check(result) }
    }

    // MARK: Health

    /// Whether an idle connection can be handed out. A pooled session never LISTENs, so any byte the
    /// server sent while it sat idle is unasked: in practice "terminating connection due to
    /// administrator command" before a restart. Such a session is dropped before anyone uses it.
    func isUsable() -> Bool {
        guard !isBroken, PQstatus(connection) == CONNECTION_OK, handle.peekIdleInput() == .none else {
            isBroken = true
            return false
        }
        return PQtransactionStatus(connection) == PQTRANS_IDLE
    }

    // MARK: Protocol plumbing

    private func enter() {
        precondition(!busy.exchange(true, ordering: .acquiring), "a PostgresConnection was used by two tasks at once")
    }

    private func leave() {
        busy.store(false, ordering: .releasing)
    }

    private func checkCancellation() throws(PostgresError) {
        if Task.isCancelled {
            throw PostgresError(.server, "the task was cancelled before the statement was sent", sqlState: .queryCanceled)
        }
    }

    private func prepare(_ query: PostgresQuery) async throws(PostgresError) -> PreparedStatement {
        if let failure = query.encodingFailure { throw failure }
        let key = StatementKey(sql: query.sql, types: query.types)
        if let statement = statements[key] { return statement }
        if statements.count >= Self.statementCacheLimit {
            try await deallocateAll()
        }
        let name = "domino_s\(statements.count)"
        let sent = query.types.withUnsafeBufferPointer { types in
            PQsendPrepare(connection, name, query.sql, Int32(types.count), types.baseAddress)
        }
        guard sent == 1 else { throw connectionError() }
        try await flush()
        let results = try await readResults()
        defer { results.forEach { PQclear($0) } }
        for result in results { try check(result) }
        let statement = PreparedStatement(name: name)
        statements[key] = statement
        return statement
    }

    private func deallocateAll() async throws(PostgresError) {
        guard PQsendQuery(connection, "DEALLOCATE ALL") == 1 else { throw connectionError() }
        try await flush()
        let results = try await readResults()
        results.forEach { PQclear($0) }
        statements.removeAll()
    }

    private func send(_ query: PostgresQuery, statement: String) throws(PostgresError) {
        // Text parameters must be NUL-terminated for libpq; all values share one buffer.
        var storage: [UInt8] = []
        var offsets: [Int] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for (value, isBinary) in zip(query.values, query.binary) {
            offsets.append(value == nil ? -1 : storage.count)
            lengths.append(Int32(value?.count ?? 0))
            formats.append(isBinary ? 1 : 0)
            if let value {
                storage.append(contentsOf: value)
                storage.append(0)
            }
        }
        let sent = storage.withUnsafeBufferPointer { buffer -> Int32 in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in offset < 0 ? nil : base.map { $0 + offset } }
            return PQsendQueryPrepared(connection, statement, Int32(values.count), values, lengths, formats, 0)
        }
        guard sent == 1 else { throw connectionError() }
    }

    func flush() async throws(PostgresError) {
        while true {
            switch PQflush(connection) {
            case 0: return
            case 1:
                // The server may be waiting for us to read before it reads more; keep input moving.
                guard PQconsumeInput(connection) == 1 else { throw connectionError() }
                try await wait(.write)
            default: throw connectionError()
            }
        }
    }

    /// The next result only when libpq already holds it whole, `.needsInput` otherwise. PQgetResult
    /// blocks only while PQisBusy is 1 (libpq manual, "Asynchronous Command Processing": "PQgetResult will
    /// not block" once PQisBusy returns 0), so asking PQisBusy first, in this one place, means the call
    /// returns at once and never blocks the thread it runs on, an event loop's or Swift's cooperative
    /// pool's. `.ready(nil)` is libpq's NULL: the statement is done.
    private func readyResult() -> ReadyResult {
        guard PQisBusy(connection) == 0 else { return .needsInput }
        return .ready(PQgetResult(connection))
    }

    private enum ReadyResult {
        case ready(OpaquePointer?)
        case needsInput
    }

    /// Collects results until libpq returns NULL (the statement is done), or, in pipeline mode, until
    /// a Sync point; stops early at COPY states, where PQgetResult would repeat itself.
    func readResults(untilSync: Bool = false) async throws(PostgresError) -> [OpaquePointer] {
        var results: [OpaquePointer] = []
        while true {
            while case .ready(let next) = readyResult() {
                guard let result = next else { return results }
                results.append(result)
                switch PQresultStatus(result) {
                case PGRES_PIPELINE_SYNC where untilSync: return results
                case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH: return results
                default: continue
                }
            }
            // libpq needs more input. Wait for it unless bytes are already queued: libpq reads once
            // per call while its buffer is small, and edge-triggered readiness would not announce
            // those bytes again. Waiting before the first read saves a read that finds nothing: the
            // reply to a statement just sent has seldom arrived yet.
            if handle.bytesReadable <= 0 {
                do { try await wait(.read) } catch {
                    results.forEach { PQclear($0) }
                    throw error
                }
            }
            guard PQconsumeInput(connection) == 1 else {
                results.forEach { PQclear($0) }
                throw connectionError()
            }
        }
    }

    private enum Direction { case read, write }

    private func wait(_ direction: Direction) async throws(PostgresError) {
        let limit = (configuration.statementTimeout ?? .seconds(3600)) + Self.replyGrace
        let deadline = Deadline.after(limit)
        let outcome = switch direction {
        case .read: await handle.waitReadable(until: deadline, cancellable: false)
        case .write: await handle.waitWritable(until: deadline, cancellable: false)
        }
        switch outcome {
        case .ready: return
        case .timedOut, .closed, .cancelled:
            isBroken = true
            throw PostgresError(.connectionFailed, "the server did not answer in time; the connection was dropped")
        }
    }

    /// Keeps the last result (a statement has one) and turns a failure into PostgresError.
    private func rows(from results: [OpaquePointer], of statement: PreparedStatement) throws(PostgresError) -> PostgresRows {
        guard let last = results.last else { return PostgresRows(storage: nil) }
        for result in results.dropLast() { PQclear(result) }
        do {
            try check(last)
        } catch {
            PQclear(last)
            throw error
        }
        let layout = statement.layout ?? ColumnLayout(last)
        statement.layout = layout
        return PostgresRows(storage: ResultStorage(last, layout: layout))
    }

    func check(_ result: OpaquePointer) throws(PostgresError) {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_PIPELINE_SYNC:
            return
        case PGRES_PIPELINE_ABORTED:
            throw PostgresError(.server, "skipped because an earlier statement in the pipeline failed")
        default:
            let error = PostgresError(result: result)
            if PQstatus(connection) != CONNECTION_OK || error.sqlState?.isConnectionFailure == true { isBroken = true }
            throw error
        }
    }

    func connectionError() -> PostgresError {
        isBroken = PQstatus(connection) != CONNECTION_OK || isBroken
        isBroken = true
        return PostgresError(.connectionFailed, libpqMessage(PQerrorMessage(connection)))
    }

    private func protocolError(_ message: String) -> PostgresError {
        isBroken = true
        return PostgresError(.protocolViolation, message)
    }
}

/// Unchecked Sendable, and safe: `OpaquePointer` is not Sendable, but this pointer crosses from the
/// connecting thread to the awaiting task exactly once and is never used on that thread afterwards.
private struct ConnectionPointer: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// At most this many connects block a thread at once; more wait their turn, in order. Enough for the
/// pools of a process to reopen their sessions side by side after a PostgreSQL restart, without a
/// thread per session.
private let connectThreads = DedicatedThreads(name: "domino-connect", limit: 16)

/// `openBlocking` on a connect thread, or a failure as soon as the caller is cancelled, whichever comes
/// first: a request past its handler time limit gets its 503 only when its handler returns, and a connect
/// queued behind others' (16 threads) or held by a server that never answers held it for as long. A job whose
/// caller has already left when a thread takes it does not connect at all: after a PostgreSQL outage the
/// threads then serve the callers still waiting, not a backlog of abandoned ones.
private func openBlocking(_ keywords: [(key: String, value: String)]) async -> Result<ConnectionPointer, PostgresError> {
    let left = PostgresError(.connectionFailed, "the caller stopped waiting for PostgreSQL to accept the connection (cancelled)")
    let waiter = Mutex<CheckedContinuation<Result<ConnectionPointer, PostgresError>, Never>?>(nil)
    /// Resumes the caller once; false when it had already been resumed.
    @Sendable func deliver(_ outcome: Result<ConnectionPointer, PostgresError>) -> Bool {
        guard let continuation = waiter.withLock({ $0.take() }) else { return false }
        continuation.resume(returning: outcome)
        return true
    }
    return await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            waiter.withLock { $0 = continuation }
            // Cancelled before the continuation was set: the handler below found no one to resume.
            if Task.isCancelled {
                _ = deliver(.failure(left))
                return
            }
            connectThreads.submit {
                guard waiter.withLock({ $0 != nil }) else { return }
                let outcome = openBlocking(keywords)
                if !deliver(outcome), case .success(let opened) = outcome { PQfinish(opened.pointer) }
            }
        }
    } onCancel: {
        _ = deliver(.failure(left))
    }
}

private func openBlocking(_ keywords: [(key: String, value: String)]) -> Result<ConnectionPointer, PostgresError> {
    var cKeys = keywords.map { strdup($0.key) } + [nil]
    var cValues = keywords.map { strdup($0.value) } + [nil]
    defer {
        cKeys.forEach { free($0) }
        cValues.forEach { free($0) }
    }
    // Both arrays end with their nil terminator, so neither is empty and no base address is nil.
    let pointer = cKeys.withUnsafeMutableBufferPointer { keys in
        cValues.withUnsafeMutableBufferPointer { values in
            PQconnectdbParams(
                UnsafeRawPointer(keys.baseAddress!).assumingMemoryBound(to: UnsafePointer<CChar>?.self),
                UnsafeRawPointer(values.baseAddress!).assumingMemoryBound(to: UnsafePointer<CChar>?.self), 0)
        }
    }
    guard let pointer else { return .failure(PostgresError(.connectionFailed, "libpq could not allocate a connection")) }
    guard PQstatus(pointer) == CONNECTION_OK else {
        let message = libpqMessage(PQerrorMessage(pointer))
        PQfinish(pointer)
        return .failure(PostgresError(.connectionFailed, message))
    }
    return .success(ConnectionPointer(pointer: pointer))
}

func libpqMessage(_ text: UnsafePointer<CChar>?) -> String {
    guard let text else { return "unknown libpq error" }
    return String(cString: text).trimmingTrailingWhitespace()
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var copy = self
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }
}

extension PostgresError {
    init(result: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let code = field(Int32(UInt8(ascii: "C")))
        self.init(
            .server,
            field(Int32(UInt8(ascii: "M"))) ?? libpqMessage(PQresultErrorMessage(result)),
            sqlState: code.map(SQLState.init),
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            schema: field(Int32(UInt8(ascii: "s"))),
            table: field(Int32(UInt8(ascii: "t"))),
            column: field(Int32(UInt8(ascii: "c"))),
            constraint: field(Int32(UInt8(ascii: "n")))
        )
    }
}

/// A prepared statement is reused for the same text with the same parameter types. A struct rather
/// than the two joined into one string: this lookup runs for every statement, and the joined string
/// was a fresh copy of the SQL each time.
struct StatementKey: Hashable {
    let sql: String
    let types: [UInt32]
}

/// A statement prepared on this connection, and the shape of its results once one has been seen: the
/// column map is built once per statement instead of once per result.
final class PreparedStatement {
    let name: String
    var layout: ColumnLayout?

    init(name: String) {
        self.name = name
    }
}
