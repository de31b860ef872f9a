public import DomainKit
import EventIO
import FoundationEssentials
public import Postgres
import Synchronization

/// A worker: claims jobs with `FOR UPDATE SKIP LOCKED`, runs at most `concurrency` of them at once as
/// child tasks, wakes on NOTIFY with polling as the fallback, heartbeats its leases, rescues expired
/// leases, enqueues periodic jobs, and on `stop()` stops claiming and drains within the grace period.
///
/// Everything runs on Swift's cooperative pool, and nothing blocks it: PostgreSQL I/O is the
/// non-blocking adapter's, and every wait is an `await` (docs/jobs.md, Concurrency).
public final class JobWorker: Sendable {
    public let configuration: WorkerConfiguration
    let pool: PostgresPool
    let handlers: JobHandlers
    let periodicJobs: [PeriodicJob]
    let log: JobLog
    let random: @Sendable () -> Double
    /// Decides which period a periodic job is due for; the leases and run times are the database's.
    let clock: ProgrammeClock
    let store = JobStore()
    private struct State {
        /// Jobs whose handlers run now: each holds one of the `concurrency` slots.
        var running: Set<Int64> = []
        /// Jobs whose handlers returned and whose completion is not recorded yet. They hold no slot
        /// (the next claim may take its place at once) but still hold their lease, which the heartbeat
        /// extends until the claim loop records them, in one statement with its next claim.
        var finished: Set<Int64> = []
        /// Per job whose handler runs now: rung when a heartbeat finds its lease gone, which cancels
        /// the handler (`execute`).
        var leaseLost: [Int64: AsyncStream<Void>.Continuation] = [:]
        var stopping = false
        var deadlinePassed = false
        var doorbell: AsyncStream<Void>.Continuation?
    }
    private let state = Mutex(State())

    public init(
        pool: PostgresPool, configuration: WorkerConfiguration, handlers: JobHandlers, periodicJobs: [PeriodicJob] = [], clock: ProgrammeClock,
        log: @escaping JobLog = { _, _, _ in }, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.pool = pool
        self.configuration = configuration
        self.handlers = handlers
        self.periodicJobs = periodicJobs
        self.log = log
        self.random = random
        self.clock = clock
    }

    /// Jobs this worker holds right now.
    public var runningCount: Int { state.withLock { $0.running.count } }

    /// Asks the worker to stop claiming and drain; `run()` returns once it has.
    public func stop() {
        let doorbell = state.withLock { state -> AsyncStream<Void>.Continuation? in
            state.stopping = true
            return state.doorbell
        }
        doorbell?.yield()
    }

    /// Runs until `stop()` (or cancellation of the calling task, which stops without the grace period).
    public func run() async throws {
        guard let notifications = try await listen() else { return }
        let (bell, doorbell) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let alreadyStopping = state.withLock { state -> Bool in
            state.doorbell = doorbell
            return state.stopping
        }
        log(false, "worker started", ["worker.id": configuration.id, "worker.queues": configuration.queues.joined(separator: ","),
                                      "worker.concurrency": String(configuration.concurrency)])
        doorbell.yield()
        if alreadyStopping { doorbell.yield() }
        await withThrowingTaskGroup(of: Void.self) { services in
            services.addTask {
                // Any NOTIFY on the channel rings: claiming finds what is due, whatever the payload.
                for try await _ in notifications { doorbell.yield() }
            }
            services.addTask { try await self.every(self.configuration.pollInterval) { doorbell.yield() } }
            services.addTask { try await self.every(self.configuration.heartbeatInterval) { await self.heartbeat() } }
            services.addTask { try await self.every(self.configuration.rescueInterval) { await self.rescue(doorbell) } }
            if !periodicJobs.isEmpty {
                services.addTask { try await self.schedule() }
            }
            await withDiscardingTaskGroup { jobs in
                await claimLoop(bell: bell, doorbell: doorbell, jobs: &jobs)
            }
            services.cancelAll()
        }
        state.withLock { $0.doorbell = nil }
        doorbell.finish()
        log(false, "worker stopped", ["worker.id": configuration.id])
    }

    /// The LISTEN session. A worker started while PostgreSQL is still coming up waits for it (every
    /// poll interval) instead of exiting; other failures end `run()`. Nil when stopped meanwhile.
    private func listen() async throws -> PostgresNotifications? {
        while !state.withLock({ $0.stopping }) {
            do {
                return try await pool.listen(channels: [JobQueue.channel])
            } catch let error as PostgresError where error.kind == .connectionFailed {
                log(true, "database unreachable; retrying", ["worker.id": configuration.id, "error": describe(error)])
                try await EventLoop.sleep(for: configuration.pollInterval)
            }
        }
        return nil
    }

    /// Each ring: record the completions of the jobs that finished since the last ring and claim as
    /// many due jobs as there are free slots, both in one round trip (a pipeline). Jobs ring when they
    /// finish (a slot is free), so the loop needs no timer of its own; while a round trip is in flight,
    /// finished jobs gather, so under load each round completes and claims a batch.
    private func claimLoop(bell: AsyncStream<Void>, doorbell: AsyncStream<Void>.Continuation, jobs: inout DiscardingTaskGroup) async {
        var draining = false
        for await _ in bell {
            let (stopping, running, deadlinePassed) = state.withLock { ($0.stopping || Task.isCancelled, $0.running, $0.deadlinePassed) }
            if stopping {
                // Finished jobs are recorded even while stopping: they are done, not to be released.
                _ = await completeAndClaim(limit: 0)
                if running.isEmpty { break }
                if deadlinePassed {
                    // Cancel first: a cancelled task's next statement fails, so no handler can complete
                    // a job after it was released and another worker took it.
                    jobs.cancelAll()
                    await releaseAtDeadline(running)
                    break
                }
                if !draining {
                    draining = true
                    let grace = configuration.shutdownGrace
                    jobs.addTask {
                        try? await EventLoop.sleep(for: grace)
                        guard !Task.isCancelled else { return }
                        self.state.withLock { $0.deadlinePassed = true }
                        doorbell.yield()
                    }
                }
                continue
            }
            let free = configuration.concurrency - running.count
            guard let claimed = await completeAndClaim(limit: max(free, 0)) else { continue }
            state.withLock { state in for job in claimed { state.running.insert(job.id) } }
            for job in claimed {
                jobs.addTask {
                    let done = await self.execute(job)
                    self.state.withLock { state in
                        state.running.remove(job.id)
                        if done { state.finished.insert(job.id) }
                    }
                    doorbell.yield()
                }
            }
            // A full batch suggests more are due.
            if free > 0, claimed.count == free { doorbell.yield() }
        }
        // Ends the grace timer if it is still waiting; jobs have finished or were released.
        jobs.cancelAll()
        _ = await completeAndClaim(limit: 0)
    }

    /// One round trip: completes the finished jobs (one statement for all of them) and claims up to
    /// `limit` due jobs. Nil when nothing was claimed because there was nothing to do or the round trip
    /// failed (logged; finished jobs stay finished and are recorded by the next round, their leases
    /// extended meanwhile).
    ///
    /// The two statements are synced apart, so each commits or fails alone, and each reply is read
    /// alone: a claim that committed beside a failed completion is still run. Dropping it left its jobs
    /// running under this worker's name with no handler and no heartbeat until the lease expired and a
    /// rescue spent a second attempt on them (make test under CI's load).
    private func completeAndClaim(limit: Int) async -> [Job]? {
        let finished = state.withLock { Array($0.finished) }
        guard limit > 0 || !finished.isEmpty else { return nil }
        var statements: [PostgresQuery] = []
        if !finished.isEmpty { statements.append(JobQueue.completeStatement(finished, worker: configuration.id)) }
        if limit > 0 {
            statements.append(JobQueue.claimStatement(queues: configuration.queues, limit: limit, worker: configuration.id, lease: configuration.lease))
        }
        let replies: [Result<PostgresRows, PostgresError>]
        do {
            replies = try await pool.withConnection { try await $0.pipeline(statements) }
        } catch {
            log(true, finished.isEmpty ? "claim failed" : "completion and claim failed", ["worker.id": configuration.id, "error": describe(error)])
            return nil
        }
        if !finished.isEmpty { recordCompletion(of: finished, reply: replies[0]) }
        guard limit > 0 else { return nil }
        do {
            return try JobStore.jobs(try replies[statements.count - 1].get())
        } catch {
            log(true, "claim failed", ["worker.id": configuration.id, "error": describe(error)])
            return nil
        }
    }

    /// Forgets the finished jobs the completion recorded and logs those whose lease was lost; after a
    /// failed completion they stay finished for the next round.
    private func recordCompletion(of finished: [Int64], reply: Result<PostgresRows, PostgresError>) {
        do {
            let held = try JobStore.ids(try reply.get())
            state.withLock { state in for id in finished { state.finished.remove(id) } }
            for id in finished where !held.contains(id) {
                log(false, "job finished after its lease was lost", ["job.id": String(id), "worker.id": configuration.id])
            }
        } catch {
            log(true, "completion failed; retried with the next claim", ["worker.id": configuration.id, "error": describe(error)])
        }
    }

    /// Past the grace period: the jobs still running are cancelled (their tasks see cancellation) and
    /// handed back without counting the attempt, so another worker takes them at once.
    private func releaseAtDeadline(_ running: Set<Int64>) async {
        do {
            let released = try await pool.withConnection { db in
                try await store.release(Array(running), worker: configuration.id, on: db)
            }
            try await pool.notify(JobQueue.channel)
            log(false, "jobs released at shutdown", ["worker.id": configuration.id, "jobs": String(released)])
        } catch {
            log(true, "release failed; the rescuer will return the jobs when their lease expires",
                ["worker.id": configuration.id, "error": describe(error)])
        }
    }

    /// Runs one job's handler and records a failure. Returns true when the handler returned and its
    /// completion is still to be recorded (by the claim loop's next round, with other jobs'). A failure to
    /// record (database gone) is logged: the lease then expires and the rescuer returns the job, so
    /// nothing is lost.
    func execute(_ job: Job) async -> Bool {
        let fields = ["job.id": String(job.id), "job.kind": job.kind, "job.attempt": String(job.attempts), "worker.id": configuration.id]
        do {
            guard let handler = handlers[job.kind] else { throw UnknownKind(kind: job.kind) }
            let context = JobContext(job: job, pool: pool, worker: configuration.id)
            guard try await runUnlessLeaseLost(job, handler: handler, context: context) else {
                // Another worker may be running the job by now: this attempt records nothing.
                log(false, "handler cancelled: its lease was lost", fields)
                return false
            }
            return !context.completed.isSet
        } catch {
            // Cancelled at shutdown: the release hands the job back; this is not a failed attempt.
            if Task.isCancelled, state.withLock({ $0.stopping }) { return false }
            let delay = configuration.backoff.delay(afterAttempt: job.attempts, random: random())
            do {
                let outcome = try await pool.withConnection {
                    try await store.fail(job.id, worker: configuration.id, error: describe(error), retryAfter: delay, on: $0)
                }
                log(outcome == .discarded, "job failed", fields.merging(["job.state": outcome?.rawValue ?? "lost", "error": describe(error)]) { $1 })
            } catch let recording {
                log(true, "job failure not recorded", fields.merging(["error": describe(recording)]) { $1 })
            }
            return false
        }
    }

    /// Runs the handler as a child task beside a watcher of the job's lease. When a heartbeat finds the
    /// lease gone (rescued after it expired, or cancelled by an administrator), the handler's task is
    /// cancelled, so two workers never keep running one job after a rescue (issue 17, item 16). Returns
    /// false when the lease was lost; a handler's error is rethrown.
    private func runUnlessLeaseLost(_ job: Job, handler: @escaping JobHandlers.Handler, context: JobContext) async throws -> Bool {
        let (lost, ringLost) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        state.withLock { $0.leaseLost[job.id] = ringLost }
        defer {
            _ = state.withLock { $0.leaseLost.removeValue(forKey: job.id) }
            ringLost.finish()
        }
        return try await withThrowingTaskGroup(of: HandlerRace.self) { group in
            group.addTask {
                try await handler(context)
                return .handlerDone
            }
            group.addTask {
                for await _ in lost { return .leaseLost }
                return .watchEnded
            }
            // The watcher also ends when the whole worker is cancelled (shutdown); then the handler's
            // own outcome decides, as before.
            while let first = try await group.next() {
                switch first {
                case .handlerDone, .leaseLost:
                    // Cancels whichever is still running; the group waits for it, so the handler never
                    // outlives this call.
                    group.cancelAll()
                    return first == .handlerDone
                case .watchEnded:
                    continue
                }
            }
            return true
        }
    }

    private enum HandlerRace {
        case handlerDone
        case leaseLost
        case watchEnded
    }

    /// Extends the leases of the jobs running now and cancels the handlers of those whose lease is gone;
    /// the loop does this every `heartbeatInterval`. Public for tests, like `runOnce()`.
    public func heartbeatNow() async {
        await heartbeat()
    }

    /// Drains what is due now, in this task, without LISTEN or timers: for tests and one-off runs.
    /// Returns how many jobs ran.
    @discardableResult
    public func runOnce() async throws -> Int {
        var ran = 0
        while true {
            let claimed = try await pool.withConnection { db in
                try await store.claim(queues: configuration.queues, limit: configuration.concurrency, worker: configuration.id,
                                      lease: configuration.lease, on: db)
            }
            if claimed.isEmpty { return ran }
            let finished = await withTaskGroup(of: Int64?.self) { group in
                for job in claimed { group.addTask { await self.execute(job) ? job.id : nil } }
                return await group.reduce(into: [Int64]()) { if let id = $1 { $0.append(id) } }
            }
            if !finished.isEmpty {
                _ = try await pool.withConnection { try await store.complete(finished, worker: configuration.id, on: $0) }
            }
            ran += claimed.count
        }
    }

    /// Returns expired leases to the queue now (the worker loop does it every `rescueInterval`).
    @discardableResult
    public func rescueExpiredLeases() async throws -> Int {
        try await pool.withConnection { try await store.rescue(limit: 1000, on: $0) }
    }

    private func heartbeat() async {
        let running = state.withLock { Array($0.running.union($0.finished).union($0.leaseLost.keys)) }
        guard !running.isEmpty else { return }
        do {
            let held = try await pool.withConnection {
                try await store.heartbeat(running, worker: configuration.id, lease: configuration.lease, on: $0)
            }
            // A job completed while the heartbeat was in flight is not lost: it left `finished` since.
            let stillHeld = state.withLock { $0.running.union($0.finished).union($0.leaseLost.keys) }
            for lost in Set(running).subtracting(held).intersection(stillHeld) {
                log(false, "lease lost (job rescued, cancelled or finished)", ["job.id": String(lost), "worker.id": configuration.id])
                state.withLock { $0.leaseLost[lost] }?.yield()
            }
        } catch {
            log(true, "heartbeat failed", ["worker.id": configuration.id, "error": describe(error)])
        }
    }

    /// Any worker may rescue: the statement skips rows another rescuer holds, so running it
    /// everywhere is safe, and no leader has to be alive for dead workers' jobs to come back.
    private func rescue(_ doorbell: AsyncStream<Void>.Continuation) async {
        do {
            let rescued = try await pool.withConnection { try await store.rescue(limit: 1000, on: $0) }
            if rescued > 0 {
                log(false, "rescued jobs with expired leases", ["jobs": String(rescued), "worker.id": configuration.id])
                try await pool.notify(JobQueue.channel)
                doorbell.yield()
            }
        } catch {
            log(true, "rescue failed", ["worker.id": configuration.id, "error": describe(error)])
        }
    }

    private func schedule() async throws {
        var lastPeriod: [String: Date] = [:]
        try await every(configuration.schedulerTick) {
            let now = self.clock.now()
            for periodic in self.periodicJobs {
                let period = periodic.periodStart(containing: now)
                guard lastPeriod[periodic.name] != period else { continue }
                do {
                    if let id = try await periodic.enqueueIfDue(at: now, in: self.pool) {
                        self.log(false, "periodic job enqueued", ["job.id": String(id), "periodic.name": periodic.name])
                    }
                    lastPeriod[periodic.name] = period
                } catch {
                    self.log(true, "periodic enqueue failed", ["periodic.name": periodic.name, "error": describe(error)])
                }
            }
        }
    }

    /// Runs `body` now and then every `interval` until the task is cancelled. The sleep suspends
    /// the task; it never holds a thread.
    private func every(_ interval: Duration, _ body: () async -> Void) async throws {
        while !Task.isCancelled {
            await body()
            try await EventLoop.sleep(for: interval)
        }
    }
}

struct UnknownKind: Error, CustomStringConvertible {
    let kind: String
    var description: String { "no handler is registered for kind \(kind) on this worker" }
}

/// An error as text for `last_error` and logs. PostgreSQL errors describe themselves without bind
/// values (their description is redacted), so this never copies a payload into a log.
func describe(_ error: any Error) -> String {
    String(String(describing: error).prefix(2000))
}
