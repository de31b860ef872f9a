import Dispatch
import Glibc
import Synchronization

/// Where log lines go: a bounded in-memory queue drained to a descriptor by one dedicated thread.
///
/// `write(2)` to stdout blocks when whoever reads it (journald, a container runtime, a pipe to `less`)
/// is slow. Called on an event-loop thread or Swift's cooperative pool, that would stall every
/// connection served there (issue 17, item 15). Here a caller only appends under a short lock and
/// never waits: when the queue is full the line is dropped and counted
/// (`domino_log_lines_dropped_total` in `/metrics`), because losing a log line is better than losing
/// every request. The writer is its own OS thread, outside the cooperative pool, so its blocking
/// writes hold no thread that async code needs.
public final class LogSink: Sendable {
    /// The process's standard output, used by `Log`.
    public static let standardOutput = LogSink(descriptor: STDOUT_FILENO)

    /// Bytes of queued lines at most; past it lines are dropped. 4 MiB is seconds of access log at
    /// full speed, enough to ride out a consumer's hiccup.
    public static let defaultCapacity = 4 << 20

    private struct State {
        var lines: [[UInt8]] = []
        var queuedBytes = 0
        /// True while the writer holds lines it took from the queue and has not finished writing.
        var writing = false
        var flushWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let descriptor: Int32
    private let capacity: Int
    private let state = Mutex(State())
    private let dropped = Atomic<Int>(0)
    /// Counts lines waiting for the writer; it sleeps on it without spinning.
    private let ready = DispatchSemaphore(value: 0)

    /// A sink writing to `descriptor` (which it does not close) with a queue of at most `capacity` bytes.
    public init(descriptor: Int32, capacity: Int = LogSink.defaultCapacity) {
        self.descriptor = descriptor
        self.capacity = capacity
        startWriter()
    }

    /// Lines dropped so far because the queue was full.
    public var droppedLines: Int { dropped.load(ordering: .relaxed) }

    /// Queues one complete line (with its newline) and returns at once.
    public func write(_ line: String) {
        let bytes = Array(line.utf8)
        let accepted = state.withLock { state -> Bool in
            guard state.queuedBytes + bytes.count <= capacity else { return false }
            state.lines.append(bytes)
            state.queuedBytes += bytes.count
            return true
        }
        if accepted {
            ready.signal()
        } else {
            dropped.wrappingAdd(1, ordering: .relaxed)
        }
    }

    /// Returns once every line queued before the call has been written (at exit, so nothing is lost).
    public func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                guard !state.lines.isEmpty || state.writing else { return true }
                state.flushWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() } else { ready.signal() }
        }
    }

    private func startWriter() {
        let box = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            // The argument is `box.toOpaque()` below, never nil; taking it balances passRetained.
            let sink = Unmanaged<LogSink>.fromOpaque(argument!).takeRetainedValue()
            sink.drain()
            return nil
        }, box.toOpaque())
        guard result == 0 else { fatalError("pthread_create for the log writer failed: \(result)") }
        pthread_detach(thread)
    }

    /// The writer thread: takes everything queued, writes it outside the lock, and wakes flushers once
    /// the queue is empty. Runs for the life of the process (the sinks are process-wide).
    private func drain() {
        while true {
            ready.wait()
            while true {
                let batch = state.withLock { state -> [[UInt8]] in
                    let taken = state.lines
                    state.lines.removeAll(keepingCapacity: true)
                    state.queuedBytes = 0
                    state.writing = !taken.isEmpty
                    return taken
                }
                if batch.isEmpty { break }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(batch.reduce(0) { $0 + $1.count })
                for line in batch { bytes += line }
                writeAll(bytes, to: descriptor)
            }
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                guard state.lines.isEmpty else { return [] }
                state.writing = false
                defer { state.flushWaiters.removeAll() }
                return state.flushWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }
}
