import DomainKit
import FoundationEssentials
import Glibc

/// How one worker process runs: which queues, how many jobs at once, how long a lease lasts, and how
/// often it polls, heartbeats and rescues. Read from the environment by `domino worker`.
public struct WorkerConfiguration: Sendable {
    /// Names this worker in `locked_by` and the logs; unique per process.
    public var id: String
    public var queues: [String]
    /// Jobs run at most this many at once in this process.
    public var concurrency: Int
    /// How long a claim holds without a heartbeat; a dead worker's jobs are rescued after it.
    public var lease: Duration
    /// How often leases are extended; a third of the lease, so two heartbeats may be lost.
    public var heartbeatInterval: Duration
    /// The fallback when a NOTIFY was lost (the listening session reconnected) and for jobs whose
    /// run-at arrives (a retry's backoff ends without any NOTIFY).
    public var pollInterval: Duration
    public var rescueInterval: Duration
    /// How often the scheduler checks whether a periodic job's period began.
    public var schedulerTick: Duration
    public var backoff: RetryBackoff
    /// On SIGTERM, running jobs get this long to finish; the rest are released for another worker.
    public var shutdownGrace: Duration

    public init(
        id: String = WorkerConfiguration.defaultID(), queues: [String] = [NewJob.defaultQueue], concurrency: Int = 10,
        lease: Duration = .seconds(30), pollInterval: Duration = .seconds(1), backoff: RetryBackoff = RetryBackoff(),
        shutdownGrace: Duration = .seconds(25)
    ) {
        self.id = id
        self.queues = queues
        self.concurrency = concurrency
        self.lease = lease
        heartbeatInterval = lease / 3
        self.pollInterval = pollInterval
        rescueInterval = lease / 2
        schedulerTick = .seconds(1)
        self.backoff = backoff
        self.shutdownGrace = shutdownGrace
    }

    /// `host-pid-random`: readable in `locked_by`, and never reused by a restarted process.
    public static func defaultID() -> String {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(host.prefix(100))-\(getpid())-\(UInt32.random(in: 0...UInt32.max) & 0xffff)"
    }

    /// Reads `WORKER_QUEUES` (comma-separated), `WORKER_CONCURRENCY`, `JOB_LEASE_SECONDS`,
    /// `JOB_POLL_MILLISECONDS`, `JOB_RETRY_BASE_MILLISECONDS`, `WORKER_ID` and `SHUTDOWN_GRACE_SECONDS`.
    public init(environment: [String: String]) throws(JobsError) {
        var validation = Validation()
        func integer(_ name: String, default value: Int, in range: ClosedRange<Int>) -> Int {
            guard let text = environment[name], !text.isEmpty else { return value }
            guard let parsed = Int(text), range.contains(parsed) else {
                validation.add(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return value
            }
            return parsed
        }
        let queues = (environment["WORKER_QUEUES"] ?? "").split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }
            .filter { !$0.isEmpty }
        for queue in queues where !JobName.isQueue(queue) { validation.add("WORKER_QUEUES", "\(queue) is not a queue name") }
        validation.check(queues.count <= 20, "WORKER_QUEUES", "must list at most 20 queues")
        let workerID = environment["WORKER_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultID()
        validation.check(workerID.count <= 200, "WORKER_ID", "must be at most 200 characters")
        self.init(
            id: workerID, queues: queues.isEmpty ? [NewJob.defaultQueue] : queues,
            concurrency: integer("WORKER_CONCURRENCY", default: 10, in: 1...200),
            lease: .seconds(integer("JOB_LEASE_SECONDS", default: 30, in: 1...3600)),
            pollInterval: .milliseconds(integer("JOB_POLL_MILLISECONDS", default: 1000, in: 10...60_000)),
            backoff: RetryBackoff(base: .milliseconds(integer("JOB_RETRY_BASE_MILLISECONDS", default: 1000, in: 0...3_600_000))),
            shutdownGrace: .seconds(integer("SHUTDOWN_GRACE_SECONDS", default: 25, in: 0...600)))
        if !validation.errors.isEmpty { throw JobsError.invalid(validation.errors) }
    }
}

/// Exponential backoff with jitter: attempt n waits base × 2^(n−1), at most `maximum`, then moved by up
/// to ±`jitter` of itself at random, so jobs that failed together do not retry together.
public struct RetryBackoff: Sendable {
    public var base: Duration
    public var maximum: Duration
    public var jitter: Double

    public init(base: Duration = .seconds(1), maximum: Duration = .seconds(3600), jitter: Double = 0.2) {
        self.base = base
        self.maximum = maximum
        self.jitter = jitter
    }

    /// `random` is in 0..<1 (injected, so tests are exact).
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 40)
        let raw = min(base.secondsValue * pow(2, Double(exponent)), maximum.secondsValue)
        let moved = raw * (1 + jitter * (random * 2 - 1))
        return .milliseconds(Int64((max(moved, 0) * 1000).rounded()))
    }
}

extension Duration {
    var secondsValue: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
