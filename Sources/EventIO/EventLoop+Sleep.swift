import Synchronization

extension EventLoop {
    /// Suspends the calling task for `duration` on the monotonic clock, woken by an event-loop timer;
    /// cancelling the task ends the sleep at once with `CancellationError`, as `Task.sleep` does.
    ///
    /// Why not `Task.sleep`: on Linux its timers follow a clock that libfaketime moves, so under
    /// `make test-dates` (the suite with the wall clock years ahead) a `Task.sleep` never ends. The
    /// loops' timers read `CLOCK_MONOTONIC` (`Deadline`), which stays real. Every wait in Domino that
    /// is not a socket wait sleeps here.
    public static func sleep(for duration: Duration) async throws {
        let loop = EventLoop.current ?? EventLoop.shared
        let sleeper = Sleeper()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                guard sleeper.wait(continuation) else { return }
                let timer = loop.schedule(at: .after(duration)) { sleeper.finish(nil) }
                sleeper.arm(timer, on: loop)
            }
        } onCancel: {
            sleeper.finish(CancellationError())
        }
    }
}

/// One sleep's state: the continuation is resumed exactly once, by the timer or by cancellation,
/// whichever comes first; a cancellation that comes before the wait starts ends it at once.
private final class Sleeper: Sendable {
    private enum Phase {
        case idle
        case waiting(CheckedContinuation<Void, any Error>, timer: (EventLoop.TimerID, EventLoop)?)
        case finished(cancelled: Bool)
    }
    private let phase = Mutex(Phase.idle)

    /// Stores the continuation; false (and resumed) when the sleep was cancelled before it began.
    func wait(_ continuation: CheckedContinuation<Void, any Error>) -> Bool {
        let cancelled = phase.withLock { phase -> Bool in
            if case .finished = phase { return true }
            phase = .waiting(continuation, timer: nil)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    func arm(_ timer: EventLoop.TimerID, on loop: EventLoop) {
        let stale = phase.withLock { phase -> Bool in
            guard case .waiting(let continuation, nil) = phase else { return true }
            phase = .waiting(continuation, timer: (timer, loop))
            return false
        }
        if stale { loop.cancelTimer(timer) }
    }

    func finish(_ error: (any Error)?) {
        let taken = phase.withLock { phase -> (CheckedContinuation<Void, any Error>, (EventLoop.TimerID, EventLoop)?)? in
            switch phase {
            case .waiting(let continuation, let timer):
                phase = .finished(cancelled: error != nil)
                return (continuation, timer)
            case .idle:
                phase = .finished(cancelled: error != nil)
                return nil
            case .finished:
                return nil
            }
        }
        guard let (continuation, timer) = taken else { return }
        if error != nil, let (id, loop) = timer { loop.cancelTimer(id) }
        if let error { continuation.resume(throwing: error) } else { continuation.resume() }
    }
}
