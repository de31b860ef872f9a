import CEpoll
import Glibc
import Synchronization

/// One epoll instance on one dedicated OS thread. It reports readiness, fires timers, and is also a
/// `TaskExecutor`: tasks started with `executorPreference: loop` (the HTTP server's connections) run
/// their jobs on this thread between two `epoll_wait`s. A continuation resumed by readiness is then
/// run by the same thread that saw the readiness, without waking another thread; on two cores those
/// wake-ups (a futex and a context switch per reply) cost more than the work itself
/// (docs/benchmarks.md). Tasks without that preference run on Swift's cooperative pool as usual.
///
/// Why a dedicated thread: `epoll_wait` blocks, and Swift's cooperative pool (two threads here) must
/// never block (ARCHITECTURE.md, Concurrency). The jobs run here must not block either.
public final class EventLoop: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        case systemCall(String, errno: Int32)
    }

    private let epollDescriptor: Int32
    private let wakeDescriptor: Int32
    private let state = Mutex(LoopState())
    private let tokens = Atomic<UInt64>(1)
    /// `pthread_self()` of the loop thread, 0 until it starts.
    private let threadID = Atomic<UInt>(0)
    private static let wakeID: UInt64 = 0

    /// The first loop of the process-wide group: where descriptors go that no request's loop owns
    /// (listeners, notification sessions, connections opened outside a loop).
    public static var shared: EventLoop { EventLoopGroup.shared.loops[0] }

    /// The loop whose thread is running the caller, or nil off every loop thread (Swift's cooperative
    /// pool, the main thread). A database connection opened by a request registers with this loop.
    public static var current: EventLoop? {
        guard let pointer = pthread_getspecific(currentKey) else { return nil }
        return Unmanaged<EventLoop>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Loops are never torn down (their threads keep them), so the key holds an unretained pointer.
    private static let currentKey: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else { fatalError("pthread_key_create failed") }
        return key
    }()

    public init(name: String) throws {
        let epollDescriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollDescriptor >= 0 else { throw Failure.systemCall("epoll_create1", errno: errno) }
        let wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeDescriptor >= 0 else {
            close(epollDescriptor)
            throw Failure.systemCall("eventfd", errno: errno)
        }
        self.epollDescriptor = epollDescriptor
        self.wakeDescriptor = wakeDescriptor
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = Self.wakeID
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, wakeDescriptor, &event) == 0 else {
            throw Failure.systemCall("epoll_ctl", errno: errno)
        }
        try startThread(name: name)
    }

    /// Registers a non-blocking descriptor for edge-triggered read and write readiness.
    public func register(_ fileDescriptor: Int32) throws -> IOHandle {
        let handle = IOHandle(fileDescriptor: fileDescriptor, id: nextToken(), loop: self)
        state.withLock { $0.handles[handle.id] = handle }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        event.data.u64 = handle.id
        guard epoll_ctl(epollDescriptor, EPOLL_CTL_ADD, fileDescriptor, &event) == 0 else {
            let code = errno
            _ = state.withLock { $0.handles.removeValue(forKey: handle.id) }
            throw Failure.systemCall("epoll_ctl", errno: code)
        }
        return handle
    }

    /// True when called on this loop's thread: in a task that prefers this loop as its executor, or in
    /// a timer action.
    public var isCurrentThread: Bool {
        threadID.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Number of descriptors registered now, for metrics and leak tests.
    public var registeredCount: Int {
        state.withLock { $0.handles.count }
    }

    func remove(_ handle: IOHandle) {
        _ = state.withLock { $0.handles.removeValue(forKey: handle.id) }
        // A descriptor already closed by its owner has left epoll by itself; EBADF is expected then.
        var event = epoll_event()
        _ = epoll_ctl(epollDescriptor, EPOLL_CTL_DEL, handle.fileDescriptor, &event)
    }

    func nextToken() -> UInt64 {
        tokens.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Runs `action` on the loop thread once `deadline` passes. The action must be short and must not
    /// block: it typically resumes a continuation. Used for bounded waits that are not socket waits
    /// (a pool checkout), so no task has to sleep beside every waiter.
    ///
    /// Returns an id for `cancelTimer`. Cancelling releases the action (and whatever it captured) at
    /// once; only a small heap entry stays until it expires or the heap is compacted, so a timer armed
    /// and cancelled for every request costs no memory that grows with the request rate.
    @discardableResult
    public func schedule(at deadline: Deadline, _ action: @escaping @Sendable () -> Void) -> TimerID {
        let token = nextToken()
        state.withLock { $0.actions[token] = action }
        schedule(TimerEntry(deadline: deadline, token: token, action: .run))
        return TimerID(token: token)
    }

    /// Cancels a timer that has not fired; cancelling a fired or cancelled one does nothing.
    public func cancelTimer(_ id: TimerID) {
        _ = state.withLock { $0.actions.removeValue(forKey: id.token) }
    }

    public struct TimerID: Sendable, Hashable {
        let token: UInt64
    }

    /// Number of timers in the heap, live or stale, for leak tests.
    public var pendingTimerCount: Int {
        state.withLock { $0.timers.count }
    }

    func schedule(_ timer: TimerEntry) {
        let wakeNeeded = state.withLock { state -> Bool in
            // A keep-alive connection arms a timer for every wait, and most waits end early by
            // readiness. Those stale entries used to stay until their deadline: under load that is
            // request rate × timeout entries (millions for a 60 s idle timeout). Dropping them once the
            // heap doubles keeps it within twice the live waits, at amortised O(1) per push.
            if state.timers.count >= state.compactionThreshold {
                let handles = state.handles
                let actions = state.actions
                state.timers.removeAll { entry in
                    switch entry.action {
                    case .expireWait(let handleID, let direction):
                        !(handles[handleID]?.isWaiting(direction, token: entry.token) ?? false)
                    case .run:
                        actions[entry.token] == nil
                    }
                }
                state.compactionThreshold = max(LoopState.minimumCompactionThreshold, 2 * state.timers.count)
            }
            state.timers.push(timer)
            return state.timers.first?.token == timer.token && state.sleeping
        }
        if wakeNeeded { wake() }
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    // MARK: The loop thread

    private func startThread(name: String) throws {
        let box = Unmanaged.passRetained(LoopStart(loop: self, name: name))
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            // The argument is `box.toOpaque()` below, never nil; taking it balances passRetained.
            let start = Unmanaged<LoopStart>.fromOpaque(argument!).takeRetainedValue()
            // The thread's name shows in `top -H` and in crash reports; the kernel keeps 15 bytes.
            _ = String(start.name.prefix(15)).withCString { cepoll_set_thread_name($0) }
            start.loop.run()
            return nil
        }, box.toOpaque())
        guard result == 0 else {
            box.release()
            throw Failure.systemCall("pthread_create", errno: result)
        }
        pthread_detach(thread)
    }

    private func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        threadID.store(UInt(pthread_self()), ordering: .releasing)
        pthread_setspecific(Self.currentKey, Unmanaged.passUnretained(self).toOpaque())
        while true {
            runEnqueuedJobs()
            let timeout = state.withLock { state -> Int32 in
                guard state.jobs.isEmpty else { return 0 }
                state.sleeping = true
                guard let next = state.timers.first else { return -1 }
                let now = Deadline.now.nanoseconds
                guard next.deadline.nanoseconds > now else { return 0 }
                // Round up so a timer never fires a millisecond early.
                return Int32(min((next.deadline.nanoseconds - now + 999_999) / 1_000_000, 60_000))
            }
            let count = epoll_wait(epollDescriptor, events, Int32(capacity), timeout)
            state.withLock { $0.sleeping = false }
            if count < 0 {
                if errno == EINTR { continue }
                fatalError("epoll_wait failed: errno \(errno)")
            }
            for index in 0..<Int(count) {
                let event = events[index]
                let id = event.data.u64
                if id == Self.wakeID {
                    var drained: UInt64 = 0
                    _ = read(wakeDescriptor, &drained, MemoryLayout<UInt64>.size)
                    continue
                }
                guard let handle = state.withLock({ $0.handles[id] }) else { continue }
                let flags = event.events
                let failed = flags & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
                handle.deliver(
                    readable: flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0,
                    writable: flags & EPOLLOUT.rawValue != 0,
                    hangUp: failed
                )
            }
            fireExpiredTimers()
        }
    }

    /// Runs the jobs enqueued so far; jobs they enqueue wait for the next turn, after the next
    /// `epoll_wait(…, 0)`, so a busy task cannot starve the sockets.
    private func runEnqueuedJobs() {
        let batch = state.withLock { state -> [UnownedJob] in
            guard !state.jobs.isEmpty else { return [] }
            var batch = state.spareJobs
            swap(&batch, &state.jobs)
            return batch
        }
        guard !batch.isEmpty else { return }
        let executor = asUnownedTaskExecutor()
        for job in batch { job.runSynchronously(on: executor) }
        state.withLock { state in
            var emptied = batch
            emptied.removeAll(keepingCapacity: true)
            state.spareJobs = emptied
        }
    }

    private func fireExpiredTimers() {
        let now = Deadline.now
        let expired = state.withLock { state -> [() -> Void] in
            var due: [() -> Void] = []
            while let first = state.timers.first, first.deadline <= now {
                state.timers.popFirst()
                switch first.action {
                case .expireWait(let handleID, let direction):
                    if let handle = state.handles[handleID] {
                        due.append { handle.expire(direction, token: first.token) }
                    }
                case .run:
                    if let action = state.actions.removeValue(forKey: first.token) { due.append(action) }
                }
            }
            return due
        }
        for action in expired { action() }
    }
}

extension EventLoop: TaskExecutor {
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let wakeNeeded = state.withLock { state -> Bool in
            state.jobs.append(job)
            return state.sleeping
        }
        // From the loop thread itself (a continuation resumed by readiness) the loop is awake.
        if wakeNeeded { wake() }
    }
}

private final class LoopStart {
    let loop: EventLoop
    let name: String
    init(loop: EventLoop, name: String) {
        self.loop = loop
        self.name = name
    }
}

struct LoopState {
    static let minimumCompactionThreshold = 1024
    var handles: [UInt64: IOHandle] = [:]
    var timers = TimerHeap()
    var compactionThreshold = minimumCompactionThreshold
    var actions: [UInt64: @Sendable () -> Void] = [:]
    var sleeping = false
    var jobs: [UnownedJob] = []
    /// The drained array of the previous turn, kept for its capacity.
    var spareJobs: [UnownedJob] = []
}

struct TimerEntry {
    enum Action {
        case expireWait(handleID: UInt64, direction: IOHandle.Direction)
        /// The action itself lives in `LoopState.actions`, so that cancelling can drop it at once.
        case run
    }

    let deadline: Deadline
    let token: UInt64
    let action: Action
}

/// A binary min-heap on deadline. Timers of waits that ended early stay until they expire and then
/// find no matching waiter; that is cheaper than removing them from the middle of the heap.
struct TimerHeap {
    private var entries: [TimerEntry] = []

    var first: TimerEntry? { entries.first }
    var count: Int { entries.count }

    /// Drops entries and restores the heap order bottom-up in O(n).
    mutating func removeAll(where shouldRemove: (TimerEntry) -> Bool) {
        entries.removeAll(where: shouldRemove)
        var parent = entries.count / 2 - 1
        while parent >= 0 {
            siftDown(from: parent)
            parent -= 1
        }
    }

    mutating func push(_ entry: TimerEntry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() {
        guard !entries.isEmpty else { return }
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        siftDown(from: 0)
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count, entries[right].deadline < entries[smallest].deadline { smallest = right }
            if smallest == parent { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
