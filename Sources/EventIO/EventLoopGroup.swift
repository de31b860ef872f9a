import Glibc
import Synchronization

/// A fixed set of event loops, one thread each, and the one place that hands them out. The HTTP
/// server spreads its connections over them round-robin; a database connection registers with the
/// loop of the task that opens it, so a request's socket and its PostgreSQL session are usually
/// watched by the same thread and a reply resumes the request without a hop to another thread.
///
/// One loop per core: a single loop thread was the ceiling of `/v1/me` on two cores while the other
/// core sat partly idle (docs/benchmarks.md).
public final class EventLoopGroup: Sendable {
    public let loops: [EventLoop]
    private let nextIndex = Atomic<Int>(0)

    /// `DOMINO_EVENT_LOOPS` threads when set to a number from 1 to 64, else one per online core.
    public static let shared: EventLoopGroup = {
        do { return try EventLoopGroup(name: "domino-io", count: defaultCount()) } catch {
            fatalError("cannot start the event loops: \(error)")
        }
    }()

    public init(name: String, count: Int) throws {
        precondition(count >= 1, "an event loop group needs at least one loop")
        // Thread names keep 15 bytes; "domino-io", "domino-io-1", … stay readable in `top -H`.
        loops = try (0..<count).map { try EventLoop(name: $0 == 0 ? name : "\(name)-\($0)") }
    }

    /// The loops in turn, for spreading new connections.
    public func next() -> EventLoop {
        loops[nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue % loops.count]
    }

    static func defaultCount() -> Int {
        if let text = getenv("DOMINO_EVENT_LOOPS").map({ String(cString: $0) }), let count = Int(text), (1...64).contains(count) {
            return count
        }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
