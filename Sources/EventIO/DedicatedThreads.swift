import CEpoll
import Dispatch
import Glibc
import Synchronization

/// A few OS threads of our own for work that blocks the thread it runs on (a libpq connect, `waitpid`,
/// `getaddrinfo`) or computes for long (deriving the matching index). The caller's task only suspends.
///
/// Why not a Dispatch queue: on Linux, Swift's cooperative pool is a Dispatch queue as wide as the cores,
/// drawing its threads from the same global pool that runs `DispatchQueue.global()` and every queue made
/// with `DispatchQueue(label:)`. A block that blocks there takes one of the cooperative pool's two
/// threads. libdispatch adds a thread about once a second while its workers sleep, and none while
/// they compute; under libfaketime (`make test-dates`) that timer never fires, so two such blocks held
/// every task of the process until they ended (docs/architecture.md, Non-blocking I/O).
///
/// Threads start when work waits and no thread is free, up to `limit`, and then stay; past the limit,
/// work waits its turn in order.
public final class DedicatedThreads: Sendable {
    private let name: String
    private let limit: Int
    private let state = Mutex(State())
    /// One signal per job queued; an idle thread sleeps on it. A semaphore, not a Dispatch queue: waiting
    /// on it blocks only our own thread.
    private let queued = DispatchSemaphore(value: 0)

    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var threads = 0
        var idle = 0
    }

    /// `name` is the threads' name in `top -H` (15 bytes are kept); `limit` the most threads that may run.
    public init(name: String, limit: Int) {
        precondition(limit >= 1, "dedicated threads need a limit of at least one")
        self.name = name
        self.limit = limit
    }

    /// Runs `work` on one of the threads and returns its value; the calling task suspends meanwhile.
    public func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: work()) }
        }
    }

    /// Queues `job`; starts a thread when the queued jobs outnumber the idle threads and the limit allows.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        let startThread = state.withLock { state -> Bool in
            state.jobs.append(job)
            guard state.jobs.count > state.idle, state.threads < limit else { return false }
            state.threads += 1
            return true
        }
        if startThread { start() }
        queued.signal()
    }

    /// Number of threads started so far, for tests.
    public var threadCount: Int {
        state.withLock { $0.threads }
    }

    private func start() {
        let box = Unmanaged.passRetained(ThreadStart(threads: self))
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            // The argument is `box.toOpaque()` below, never nil; taking it balances passRetained.
            let start = Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue()
            _ = String(start.threads.name.prefix(15)).withCString { cepoll_set_thread_name($0) }
            start.threads.serve()
            return nil
        }, box.toOpaque())
        guard result == 0 else { fatalError("pthread_create for \(name) failed: errno \(result)") }
        pthread_detach(thread)
    }

    /// A thread's life: take the oldest job, run it, sleep until the next. Every signal follows the append of
    /// its job, so a thread that got one always finds a job.
    private func serve() {
        while true {
            state.withLock { $0.idle += 1 }
            queued.wait()
            let job = state.withLock { state -> @Sendable () -> Void in
                state.idle -= 1
                return state.jobs.removeFirst()
            }
            job()
        }
    }
}

private final class ThreadStart {
    let threads: DedicatedThreads
    init(threads: DedicatedThreads) { self.threads = threads }
}
