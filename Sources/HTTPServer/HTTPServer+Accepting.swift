import EventIO
import Glibc

extension HTTPServer {
    /// How long to back off when the process is out of descriptors: the pending connection stays in
    /// the backlog and edge-triggered epoll will not report it again, so we must retry on our own.
    static let descriptorExhaustionBackoff: Duration = .milliseconds(100)

    /// The accept loop and the drain, off the actor so that accepting never waits for actor calls.
    nonisolated static func serve(
        listener: TCPListener,
        registry: ConnectionRegistry,
        configuration: Configuration,
        handler: @escaping Handler,
        drainDeadline: @Sendable () async -> Deadline
    ) async {
        await withDiscardingTaskGroup { group in
            accepting: while true {
                switch listener.accept() {
                case .connection(let descriptor, let remoteAddress):
                    let loop = configuration.eventLoops.next()
                    guard let handle = try? loop.register(descriptor) else {
                        close(descriptor)
                        continue
                    }
                    let socket = TCPConnection(descriptor: descriptor, handle: handle, remoteAddress: remoteAddress)
                    guard let id = registry.admit(handle) else {
                        refuse(socket, clock: configuration.clock)
                        continue
                    }
                    // The connection's task, its handler and the libpq waits inside run on the loop
                    // thread that reports their readiness (EventLoop: TaskExecutor).
                    group.addTask(executorPreference: loop) {
                        var connection = HTTPConnection(socket: socket, id: id, registry: registry, configuration: configuration, handler: handler)
                        await connection.run()
                    }
                case .wouldBlock:
                    if await listener.handle.waitReadable() != .ready { break accepting }
                case .failed(let code) where code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM:
                    let outcome = await listener.handle.waitReadable(until: .after(descriptorExhaustionBackoff))
                    if outcome == .closed || outcome == .cancelled { break accepting }
                case .failed(let code) where code == EBADF || code == EINVAL:
                    // The listener was shut down under us.
                    break accepting
                case .failed:
                    // ECONNABORTED, EPROTO, EINTR and the like concern one connection, not the listener.
                    continue
                }
            }
            listener.close()
            let deadline = Task.isCancelled ? Deadline.now : await drainDeadline()
            await withTaskGroup(of: Void.self) { drain in
                drain.addTask { await registry.waitUntilEmpty() }
                drain.addTask { try? await EventLoop.sleep(for: deadline.remaining) }
                await drain.next()
                drain.cancelAll()
            }
            group.cancelAll()
        }
    }

    /// Answers a connection over the limit with 503 and closes it, without a task: one non-blocking
    /// send into an empty socket buffer does not block and is all we are willing to spend.
    private nonisolated static func refuse(_ socket: TCPConnection, clock: (@Sendable () -> Int)?) {
        var response: [UInt8] = []
        var dates = HTTPDateCache(clock: clock)
        let problem = HTTPResponse.problem(.serviceUnavailable, detail: "The server is at its connection limit.")
        HTTPResponseEncoder.appendHead(problem, framing: .length(problemBodyCount(problem)), keepAlive: false, version: .http1_1, date: dates.headerLine(), into: &response)
        if case .bytes(let body) = problem.body { response += body }
        // The response holds at least its status line, so its base address is never nil.
        _ = response.withUnsafeBytes { send(socket.descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        Glibc.shutdown(socket.descriptor, Int32(SHUT_WR))
        socket.close()
    }

    private nonisolated static func problemBodyCount(_ response: HTTPResponse) -> Int {
        if case .bytes(let body) = response.body { return body.count }
        return 0
    }
}
