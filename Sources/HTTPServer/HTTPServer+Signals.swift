import Dispatch
import EventIO
import Glibc

extension HTTPServer {
    /// Runs the server until SIGTERM or SIGINT arrives, then shuts down gracefully, giving requests in
    /// flight `drainTimeout` to finish. Returns when the server has stopped, so `main` can exit 0.
    ///
    /// The default signals are SIGTERM (15) and SIGINT (2), written as numbers because a public default
    /// argument cannot name Glibc's internally imported constants.
    /// Signals are received by a DispatchSource on Dispatch's own thread, never by a handler that
    /// runs on the cooperative pool; the default action is disabled first so the process survives.
    public func runUntilTerminated(signals: [Int32] = [15, 2], drainTimeout: Duration = .seconds(25)) async throws {
        let (received, continuation) = AsyncStream<Int32>.makeStream()
        let sources = signals.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in received {
                    await self.shutdown(deadline: .after(drainTimeout))
                    return
                }
            }
            // Ends the signal watcher whether run() returned or threw.
            defer { continuation.finish() }
            try await run()
        }
    }
}
