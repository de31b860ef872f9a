import EventIO
import Glibc
import Postgres
import TestSupport
import Synchronization
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test("an exhausted pool times out cleanly and recovers when a connection returns")
    func exhaustion() async throws {
        let fresh = try await TestDatabase.fresh()
        let pool = PostgresPool(configuration: fresh.configuration, options: .init(maximumConnections: 2, acquireTimeout: .milliseconds(100)))
        let first = try await pool.acquire()
        let second = try await pool.acquire()
        let error = await #expect(throws: PostgresError.self) { try await pool.acquire() }
        #expect(error?.kind == .poolTimeout)
        #expect(pool.statistics == .init(open: 2, idle: 0, waiting: 0))
        pool.release(first)
        let third = try await pool.acquire()
        #expect(third === first)
        pool.release(second)
        pool.release(third)
    }

    @Test("a waiter gets the connection another task returns")
    func handOff() async throws {
        let fresh = try await TestDatabase.fresh()
        let pool = PostgresPool(configuration: fresh.configuration, options: .init(maximumConnections: 1, acquireTimeout: TestDatabase.connectionWait))
        let held = try await pool.acquire()
        async let waiter = pool.query("SELECT 42 AS answer")
        while pool.statistics.waiting == 0 { await Task.yield() }
        pool.release(held)
        #expect(try await waiter[0].decode("answer", as: Int.self) == 42)
    }

    @Test("a returned connection goes to a waiter on its own loop ahead of an earlier one on another loop, and sessions open on the caller's loop")
    func loopAffinity() async throws {
        let fresh = try await TestDatabase.fresh()
        let pool = PostgresPool(configuration: fresh.configuration, options: .init(maximumConnections: 1, acquireTimeout: TestDatabase.connectionWait))
        let home = try EventLoop(name: "affinity-home")
        let other = try EventLoop(name: "affinity-other")
        let held = try await Task(executorPreference: home) { try await pool.acquire() }.value
        #expect(held.loop === home)
        let order = ArrivalOrder()
        let fromOther = Task(executorPreference: other) {
            let connection = try await pool.acquire()
            order.append("other")
            pool.release(connection)
        }
        while pool.statistics.waiting < 1 { await Task.yield() }
        let fromHome = Task(executorPreference: home) {
            let connection = try await pool.acquire()
            order.append("home")
            pool.release(connection)
        }
        while pool.statistics.waiting < 2 { await Task.yield() }
        pool.release(held)
        try await fromHome.value
        try await fromOther.value
        #expect(order.entries == ["home", "other"])
    }

    @Test("many tasks share a small pool without errors")
    func concurrency() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 4)
        // The tasks run on a loop of their own, as a request's do. On the cooperative pool each of the 200 hand-offs
        // waits its turn behind every other suite's work on two threads (a test body that builds a glossary or a
        // directory holds one for seconds), and the 200 acquire deadlines start together: with both threads held
        // for 15 s mid-run, a 10 s limit ran out there with the pool working as it should, while on a loop the 200
        // queries took 0.02 s (docs/architecture.md, Non-blocking I/O). A hand-off the pool loses still ends in the
        // limit's error.
        let loop = try EventLoop(name: "pool-share-test")
        // The four sessions open first, so a failure says which part ran out of time: opening them (queued for the
        // process's 16 connect threads behind every suite's connects) or sharing them.
        let sessions = try await Task(executorPreference: loop) {
            try await withThrowingTaskGroup(of: PostgresConnection.self) { group in
                for _ in 0..<4 { group.addTask { try await pool.acquire() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }.value
        sessions.forEach(pool.release)
        #expect(pool.statistics == .init(open: 4, idle: 4, waiting: 0))
        let total = try await Task(executorPreference: loop) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    group.addTask { try await pool.query("SELECT \(index) AS value")[0].decode("value", as: Int.self) }
                }
                return try await group.reduce(0, +)
            }
        }.value
        #expect(total == (0..<200).reduce(0, +))
        #expect(pool.statistics == .init(open: 4, idle: 4, waiting: 0))
    }

    @Test("after PostgreSQL restarts, the next queries succeed without a new pool")
    func recoversAfterRestart() async throws {
        let cluster = try await TestCluster.start()
        let pool = PostgresPool(configuration: cluster.configuration, options: .init(maximumConnections: 4, acquireTimeout: TestDatabase.connectionWait))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { try await pool.execute("SELECT pg_sleep(0.01)") } }
            try await group.waitForAll()
        }
        #expect(pool.statistics.idle == 4)
        try await cluster.restart()
        for index in 0..<10 {
            #expect(try await pool.query("SELECT \(index) AS value")[0].decode("value", as: Int.self) == index)
        }
        pool.close()
        try await cluster.stop()
    }

    @Test("a caller cancelled while waiting in line for a connection leaves the line at once, and the pool serves the next")
    func cancelledWaiterLeaves() async throws {
        let fresh = try await TestDatabase.fresh()
        let pool = PostgresPool(configuration: fresh.configuration, options: .init(maximumConnections: 1, acquireTimeout: .seconds(60)))
        let held = try await pool.acquire()
        let waiter = Task { try await pool.acquire() }
        while pool.statistics.waiting == 0 { await Task.yield() }
        waiter.cancel()
        let error = await #expect(throws: PostgresError.self) { _ = try await waiter.value }
        #expect(error?.message == "the caller stopped waiting for a database connection (cancelled)")
        #expect(pool.statistics == .init(open: 1, idle: 0, waiting: 0))
        pool.release(held)
        #expect(try await pool.query("SELECT 7 AS value")[0].decode("value", as: Int.self) == 7)
        pool.close()
    }

    @Test("a caller cancelled while a server takes the connection and never answers stops waiting at once, and its slot is free again")
    func cancelledConnectLeaves() async throws {
        // A socket that listens and never accepts: the kernel completes the handshake, so libpq's connect
        // blocks waiting for the server's first reply until its own connect_timeout.
        let silent = try SilentListener()
        let configuration = try PostgresConfiguration(url: "postgres://postgres@127.0.0.1:\(silent.port)/domino?connect_timeout=60")
        let pool = PostgresPool(configuration: configuration, options: .init(maximumConnections: 1, acquireTimeout: .seconds(120)))
        let caller = Task { try await pool.query("SELECT 1") }
        while pool.statistics.open == 0 { await Task.yield() }
        caller.cancel()
        let error = await #expect(throws: PostgresError.self) { _ = try await caller.value }
        #expect(error?.message == "the caller stopped waiting for PostgreSQL to accept the connection (cancelled)")
        #expect(pool.statistics == .init(open: 0, idle: 0, waiting: 0))
        pool.close()
        // Closing resets the waiting connect, which frees its thread.
        silent.close()
    }
}

/// A TCP socket on 127.0.0.1 that listens and never accepts.
private struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw PostgresError(.connectionFailed, "the silent listener could not listen: errno \(errno)") }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}

/// Names in the order tasks report them.
private final class ArrivalOrder: Sendable {
    private let names = Mutex<[String]>([])
    func append(_ name: String) { names.withLock { $0.append(name) } }
    var entries: [String] { names.withLock { $0 } }
}
