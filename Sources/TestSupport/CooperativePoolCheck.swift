import EventIO
import Synchronization

/// Jobs that keep their threads computing until a task on Swift's cooperative pool has seen every one of them
/// start: the check that work sent elsewhere really leaves the pool free. Were the jobs on the pool's own threads
/// (on Linux, those of any Dispatch queue: `DedicatedThreads`), that task would never get a thread; the jobs then
/// give up at their limit, on the monotonic clock, and `everyJobReleased` is false.
public final class CooperativePoolCheck: Sendable {
    public let jobs: Int
    private let started = Atomic<Int>(0)
    private let released = Atomic<Bool>(false)
    private let endedByRelease = Atomic<Int>(0)
    /// A liveness bound, as the suite's others (docs/architecture.md): the jobs end as soon as the task lets them
    /// go, so the bound is reached only when the check fails, or when other suites' work holds both cooperative
    /// threads that long under CI's load; 60 s was the suite's one bound shorter than the wait for a pool
    /// connection. The jobs must compute while they wait, not sleep: libdispatch adds a thread to its pool about
    /// once a second while its workers sleep (none while they compute), so sleeping jobs on the pool's own
    /// threads would soon leave the task a new thread and the check would pass on exactly the code it is for.
    static let limit: Duration = TestDatabase.connectionWait

    public init(jobs: Int) {
        self.jobs = jobs
    }

    /// One job's body, run on the thread under test: computes, never suspending, until released.
    public func job() {
        started.add(1, ordering: .relaxed)
        let limit = Deadline.after(Self.limit)
        while !released.load(ordering: .acquiring), !limit.hasPassed {}
        if released.load(ordering: .acquiring) { endedByRelease.add(1, ordering: .relaxed) }
    }

    /// Started beside the jobs; returns once a new task on the cooperative pool saw all of them start and let them go.
    public func releaseFromCooperativePool() async {
        await Task.detached { [self] in
            while started.load(ordering: .relaxed) < jobs { await Task.yield() }
            released.store(true, ordering: .releasing)
        }.value
    }

    /// True when every job ended because the task let it go, none at its limit.
    public var everyJobReleased: Bool {
        endedByRelease.load(ordering: .relaxed) == jobs
    }
}
