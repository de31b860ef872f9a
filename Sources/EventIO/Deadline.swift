import Glibc

/// A point on the monotonic clock. Timeouts in EventIO are absolute deadlines so that a limit that
/// spans several reads (RFC 9112 header read time, a query's total wait) is measured once, not per read.
public struct Deadline: Sendable, Comparable, Hashable {
    public let nanoseconds: UInt64

    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    public static var now: Deadline {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Deadline(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
    }

    public static func after(_ duration: Duration) -> Deadline {
        now.adding(duration)
    }

    public func adding(_ duration: Duration) -> Deadline {
        let (seconds, attoseconds) = duration.components
        let nanos = max(0, seconds) * 1_000_000_000 + max(0, attoseconds) / 1_000_000_000
        return Deadline(nanoseconds: nanoseconds &+ UInt64(nanos))
    }

    public var hasPassed: Bool { self <= .now }

    /// Time left until the deadline, zero once it has passed.
    public var remaining: Duration {
        let current = Deadline.now.nanoseconds
        guard nanoseconds > current else { return .zero }
        return .nanoseconds(Int64(nanoseconds - current))
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}
