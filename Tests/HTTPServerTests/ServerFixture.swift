import TestSupport
import EventIO
import HTTPServer
import Synchronization

/// Starts a server on an ephemeral port, runs the body, then shuts the server down and waits for
/// `run()` to return, so no test leaks a listener or a connection task.
func withServer(
    _ configure: (inout HTTPServer.Configuration) -> Void = { _ in },
    handler: @escaping HTTPServer.Handler = { _ in HTTPResponse(text: "ok") },
    _ body: (HTTPServer, Int) async throws -> Void
) async throws {
    var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, handler: handler)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        let port = try await server.waitUntilListening()
        do {
            try await body(server, port)
        } catch {
            await server.shutdown(deadline: .now)
            throw error
        }
        await server.shutdown(deadline: .after(.seconds(5)))
        try await group.waitForAll()
    }
}

/// A one-shot event a test can wait for: the handler signals that it started, the test opens the
/// gate that lets it finish. Waiting on events keeps tests independent of timing.
final class TestEvent: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state -> Bool in
                if !state.fired { state.waiters.append(continuation) }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}

/// Records the order in which the handler saw requests.
final class RequestLog: Sendable {
    private let paths = Mutex<[String]>([])
    func append(_ path: String) { paths.withLock { $0.append(path) } }
    var all: [String] { paths.withLock { $0 } }
}
