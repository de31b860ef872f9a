public import EventIO
import Synchronization

/// A bounded pool of sessions. Checkout is a lock and an array pop when a connection is idle; when none
/// is, the caller waits in line up to `acquireTimeout` and then gets `.poolTimeout`, never a hang.
/// Idle connections are checked on the way out (see `PostgresConnection.isUsable`), broken ones are
/// replaced, and opening retries with backoff, so a PostgreSQL restart heals without an app restart.
public final class PostgresPool: Sendable {
    public struct Options: Sendable {
        public var maximumConnections: Int
        public var acquireTimeout: Duration
        /// Connections older than this are closed on return, so server-side memory never grows forever.
        public var maximumLifetime: Duration

        public init(maximumConnections: Int = 20, acquireTimeout: Duration = .seconds(5), maximumLifetime: Duration = .seconds(1800)) {
            self.maximumConnections = maximumConnections
            self.acquireTimeout = acquireTimeout
            self.maximumLifetime = maximumLifetime
        }
    }

    public let configuration: PostgresConfiguration
    public let options: Options
    /// Watches the sessions opened off every loop thread (workers, start-up) and runs checkout timers.
    /// A session opened by a request registers with the request's own loop instead (`EventLoop.current`).
    private let loop: EventLoop
    private let state = Mutex(PoolState())

    public init(configuration: PostgresConfiguration, options: Options = Options(), loop: EventLoop = .shared) {
        self.configuration = configuration
        self.options = options
        self.loop = loop
    }

    /// Leases a connection for the duration of `body`; it returns to the pool however `body` ends.
    public func withConnection<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        let connection = try await acquire()
        do {
            let value = try await body(connection)
            release(connection)
            return value
        } catch {
            release(connection)
            throw error
        }
    }

    @discardableResult
    public func query(_ query: PostgresQuery, timeout: Duration? = nil) async throws(PostgresError) -> PostgresRows {
        let connection = try await acquire()
        defer { release(connection) }
        return try await connection.query(query, timeout: timeout)
    }

    @discardableResult
    public func execute(_ statement: PostgresQuery, timeout: Duration? = nil) async throws(PostgresError) -> Int {
        try await query(statement, timeout: timeout).affectedRows
    }

    @discardableResult
    public func transaction<Value>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await withConnection { try await $0.transaction(body) }
    }

    /// Runs `body` again, in a fresh transaction, when PostgreSQL reports a serialization failure or a
    /// deadlock: the cases where retrying the whole transaction is the documented remedy.
    public func retryingTransaction<Value>(
        attempts: Int = 5, _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        var attempt = 1
        while true {
            do {
                return try await transaction(body)
            } catch let error as PostgresError where error.isTransient && attempt < attempts {
                attempt += 1
                try await EventLoop.sleep(for: .milliseconds(5 * attempt * attempt))
            }
        }
    }

    public struct Statistics: Sendable, Equatable {
        public let open: Int
        public let idle: Int
        public let waiting: Int

        public init(open: Int, idle: Int, waiting: Int) {
            self.open = open
            self.idle = idle
            self.waiting = waiting
        }
    }

    public var statistics: Statistics {
        state.withLock { Statistics(open: $0.open, idle: $0.idle.count, waiting: $0.waiters.count) }
    }

    /// Closes idle connections and refuses new checkouts; leased connections close when returned.
    public func close() {
        // Dropping the last reference to an idle connection closes its session (PostgresConnection.deinit).
        let waiters = state.withLock { state -> [PoolWaiter] in
            state.closed = true
            state.open -= state.idle.count
            state.idle.removeAll()
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: .failed(PostgresError(.closed, "the pool is closed"))) }
    }

    // MARK: Checkout

    private enum Grant: Sendable {
        case connection(PostgresConnection)
        case openNew
        case failed(PostgresError)
    }

    /// How far down the line of waiters a returned connection looks for one on its own loop.
    static let affinityWindow = 8

    private struct PoolWaiter {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, Never>
        /// The waiter's deadline, cancelled once it is served: under load most waits end early, and a
        /// timer left to run out kept its closure alive for the whole acquire timeout.
        let timer: EventLoop.TimerID
        /// The loop the waiting task runs on: its timer's loop, and the loop a returned connection
        /// looks for among the first waiters.
        let home: EventLoop

        func resume(with grant: Grant) {
            home.cancelTimer(timer)
            continuation.resume(returning: grant)
        }
    }

    private struct PoolState {
        var idle: [PostgresConnection] = []
        var open = 0
        var waiters: [PoolWaiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    public func acquire() async throws(PostgresError) -> PostgresConnection {
        let deadline = Deadline.after(options.acquireTimeout)
        let home = EventLoop.current ?? loop
        while true {
            let grant = await nextGrant(until: deadline, preferring: home)
            switch grant {
            case .connection(let connection):
                if connection.isUsable() { return connection }
                discard(connection)
            case .openNew:
                do {
                    return try await open(until: deadline, on: home)
                } catch {
                    forgetOpening()
                    throw error
                }
            case .failed(let error):
                throw error
            }
        }
    }

    public func release(_ connection: PostgresConnection) {
        let tooOld = connection.createdAt.adding(options.maximumLifetime).hasPassed
        guard !connection.isBroken, !connection.isInTransaction, !tooOld else {
            discard(connection)
            return
        }
        let waiter = state.withLock { state -> PoolWaiter? in
            if state.closed {
                state.open -= 1
                return nil
            }
            if !state.waiters.isEmpty {
                // To a waiter on the connection's own loop if one is near the front of the line, so
                // its replies resume it without waking the other thread; never past a few others.
                let window = state.waiters.prefix(Self.affinityWindow)
                let index = window.firstIndex { $0.home === connection.handle.loop } ?? state.waiters.startIndex
                return state.waiters.remove(at: index)
            }
            state.idle.append(connection)
            return nil
        }
        waiter?.resume(with: .connection(connection))
    }

    private func nextGrant(until deadline: Deadline, preferring home: EventLoop) async -> Grant {
        if let immediate = state.withLock({ state -> Grant? in
            if state.closed { return .failed(PostgresError(.closed, "the pool is closed")) }
            return takeWithoutWaiting(&state, preferring: home)
        }) {
            return immediate
        }
        // A caller cancelled while in line (a request past its time limit, whose answer waits for its
        // handler) leaves the line at once instead of at the deadline.
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate = state.withLock { state -> Grant? in
                    // Re-check under the same lock: a connection may have come back meanwhile.
                    if let grant = takeWithoutWaiting(&state, preferring: home) { return grant }
                    // Cancelled before joining: the handler below has run and found no one to remove.
                    if Task.isCancelled { return .failed(Self.leftTheLine) }
                    let timer = home.schedule(at: deadline) { [weak self] in self?.expireWaiter(id) }
                    state.waiters.append(PoolWaiter(id: id, continuation: continuation, timer: timer, home: home))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            removeWaiter(id)?.resume(with: .failed(Self.leftTheLine))
        }
    }

    static let leftTheLine = PostgresError(.poolTimeout, "the caller stopped waiting for a database connection (cancelled)")

    /// An idle connection, or leave to open one; nil when the caller must wait. Most recently used
    /// first (its statements are prepared and its pages are warm), among those watched by the caller's
    /// own loop when there are any: then the reply resumes the caller on the thread that read it.
    private func takeWithoutWaiting(_ state: inout PoolState, preferring home: EventLoop) -> Grant? {
        if let index = state.idle.lastIndex(where: { $0.handle.loop === home }) ?? state.idle.indices.last {
            return .connection(state.idle.remove(at: index))
        }
        if state.open < options.maximumConnections {
            state.open += 1
            return .openNew
        }
        return nil
    }

    private func expireWaiter(_ id: UInt64) {
        removeWaiter(id)?.continuation.resume(returning: .failed(PostgresError(
            .poolTimeout, "no database connection became free within \(options.acquireTimeout)")))
    }

    private func removeWaiter(_ id: UInt64) -> PoolWaiter? {
        state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
    }

    /// Opens a session, retrying with backoff while the server refuses (starting up, restarting), until
    /// the deadline or until the caller is cancelled (a request past its time limit, whose answer waits
    /// for its handler to return).
    private func open(until deadline: Deadline, on home: EventLoop) async throws(PostgresError) -> PostgresConnection {
        var backoff: Duration = .milliseconds(25)
        while true {
            do {
                return try await PostgresConnection.connect(configuration, loop: home)
            } catch {
                guard error.kind == .connectionFailed, !Task.isCancelled, Deadline.after(backoff) < deadline else { throw error }
                try? await EventLoop.sleep(for: backoff)
                backoff = min(backoff * 2, .milliseconds(500))
            }
        }
    }

    /// The caller drops its reference afterwards, which closes the session.
    private func discard(_ connection: PostgresConnection) {
        forgetOpening()
    }

    /// A slot was freed (a connection discarded, or an open failed): the next waiter may open one.
    private func forgetOpening() {
        let waiter = state.withLock { state -> PoolWaiter? in
            state.open -= 1
            guard !state.closed, !state.waiters.isEmpty else { return nil }
            state.open += 1
            return state.waiters.removeFirst()
        }
        waiter?.resume(with: .openNew)
    }
}
