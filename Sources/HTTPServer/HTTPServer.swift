public import EventIO
import Glibc

/// An HTTP/1.1 server on a non-blocking listening socket driven by the event loop.
///
/// `run()` accepts connections until `shutdown(deadline:)`; every connection is a child task of one
/// task group, so nothing outlives `run()`. The lifecycle is an explicit state in this actor and is
/// re-checked after every suspension (actor reentrancy: another call may have run meanwhile).
public actor HTTPServer {
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    enum Lifecycle {
        case idle
        case running(TCPListener)
        case shuttingDown
        case stopped
    }

    public let configuration: Configuration
    private let handler: Handler
    private let registry: ConnectionRegistry
    private var lifecycle = Lifecycle.idle
    private var listeningWaiters: [CheckedContinuation<Int, any Error>] = []
    /// Why `run()` could not listen (the port taken, say): a `waitUntilListening()` that comes after
    /// the failure throws it too, rather than a bare "not idle" that hides the cause.
    private var listenFailure: (any Error)?

    /// The bound port once listening (the real one when the configuration asked for port 0).
    public private(set) var port: Int?

    public init(configuration: Configuration = Configuration(), handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
        self.registry = ConnectionRegistry(capacity: configuration.maxConnections)
    }

    /// Number of open connections, for metrics and tests.
    public nonisolated var connectionCount: Int { registry.count }

    /// Binds, accepts and serves until shutdown has drained or cancelled every connection. Returns
    /// normally after a shutdown, so an executable can exit 0. Cancelling the calling task shuts down
    /// without a grace period.
    public func run() async throws {
        switch lifecycle {
        case .idle: break
        case .stopped: return
        case .running, .shuttingDown: throw HTTPServerError.notIdle
        }
        let listener: TCPListener
        do {
            listener = try TCPListener(host: configuration.host, port: configuration.port, backlog: configuration.backlog, loop: configuration.eventLoops.loops[0])
        } catch {
            lifecycle = .stopped
            listenFailure = error
            finishListeningWaiters(with: .failure(error))
            throw error
        }
        lifecycle = .running(listener)
        port = listener.port
        finishListeningWaiters(with: .success(listener.port))
        await Self.serve(listener: listener, registry: registry, configuration: configuration, handler: handler, drainDeadline: { [weak self] in
            await self?.drainDeadline ?? .now
        })
        lifecycle = .stopped
    }

    /// Suspends until the server listens and returns its port; tests use it instead of sleeping.
    public func waitUntilListening() async throws -> Int {
        switch lifecycle {
        case .running: if let port { return port }
        case .stopped, .shuttingDown: throw listenFailure ?? HTTPServerError.notIdle
        case .idle: break
        }
        return try await withCheckedThrowingContinuation { listeningWaiters.append($0) }
    }

    /// Stops accepting at once (new connections are refused), closes idle keep-alive connections, lets
    /// requests in flight finish until `deadline`, then cancels what is left. Returns once the
    /// listener is closed; `run()` returns when the drain is over.
    public func shutdown(deadline: Deadline) {
        switch lifecycle {
        case .idle:
            lifecycle = .stopped
            finishListeningWaiters(with: .failure(HTTPServerError.notIdle))
        case .running(let listener):
            lifecycle = .shuttingDown
            drainDeadline = deadline
            registry.beginDraining()
            listener.stop()
        case .shuttingDown, .stopped:
            return
        }
    }

    private var drainDeadline: Deadline?

    private func finishListeningWaiters(with result: Result<Int, any Error>) {
        let waiters = listeningWaiters
        listeningWaiters = []
        for waiter in waiters { waiter.resume(with: result) }
    }
}
