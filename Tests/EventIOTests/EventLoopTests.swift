import EventIO
import Glibc
import Testing

@Suite("EventLoop readiness")
struct EventLoopTests {
    private func socketPair() -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        let result = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds)
        precondition(result == 0)
        return (fds[0], fds[1])
    }

    @Test("a wait ends as ready when the peer writes")
    func readableAfterWrite() async throws {
        let (left, right) = socketPair()
        defer { close(left); close(right) }
        let handle = try EventLoop.shared.register(left)
        defer { handle.deregister() }
        async let outcome = handle.waitReadable(until: .after(.seconds(120)))
        var byte: UInt8 = 7
        #expect(write(right, &byte, 1) == 1)
        #expect(await outcome == .ready)
        var received: UInt8 = 0
        #expect(read(left, &received, 1) == 1)
        #expect(received == 7)
    }

    @Test("readiness that arrives before the wait is remembered")
    func readinessBeforeWait() async throws {
        let (left, right) = socketPair()
        defer { close(left); close(right) }
        let handle = try EventLoop.shared.register(left)
        defer { handle.deregister() }
        var byte: UInt8 = 1
        #expect(write(right, &byte, 1) == 1)
        // The loop thread delivers the edge asynchronously; the flag it sets is what the wait finds.
        #expect(await handle.waitReadable(until: .after(.seconds(120))) == .ready)
    }

    @Test("a wait with a passed deadline times out")
    func deadlineExpires() async throws {
        let (left, right) = socketPair()
        defer { close(left); close(right) }
        let handle = try EventLoop.shared.register(left)
        defer { handle.deregister() }
        #expect(await handle.waitReadable(until: .after(.milliseconds(20))) == .timedOut)
    }

    @Test("cancelling the waiting task ends the wait")
    func cancellation() async throws {
        let (left, right) = socketPair()
        defer { close(left); close(right) }
        let handle = try EventLoop.shared.register(left)
        defer { handle.deregister() }
        let waiter = Task { await handle.waitReadable() }
        waiter.cancel()
        #expect(await waiter.value == .cancelled)
    }

    @Test("deregistering wakes a waiter with closed")
    func deregisterWakes() async throws {
        let (left, right) = socketPair()
        defer { close(left); close(right) }
        let handle = try EventLoop.shared.register(left)
        // Whether deregister runs before or after the waiter is stored, the wait must end as closed.
        let waiter = Task { await handle.waitReadable() }
        handle.deregister()
        #expect(await waiter.value == .closed)
    }

    @Test("a peer that closes shows as an unread event on an idle handle")
    func hangUpIsVisible() async throws {
        let (left, right) = socketPair()
        defer { close(left) }
        let handle = try EventLoop.shared.register(left)
        defer { handle.deregister() }
        close(right)
        #expect(await handle.waitReadable(until: .after(.seconds(120))) == .ready)
        #expect(handle.hasUnreadEvent)
    }
}

@Suite("EventLoop timers")
struct EventLoopTimerTests {
    @Test("a scheduled action runs once its deadline passes")
    func scheduledActionRuns() async {
        let due = Deadline.after(.milliseconds(5))
        let ranAt = await withCheckedContinuation { (continuation: CheckedContinuation<Deadline, Never>) in
            EventLoop.shared.schedule(at: due) { continuation.resume(returning: .now) }
        }
        #expect(ranAt >= due)
    }

    @Test("timers of waits that ended by readiness do not pile up")
    func staleTimersAreDropped() async throws {
        var fds: [Int32] = [0, 0]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let loop = try EventLoop(name: "timer-test")
        let handle = try loop.register(fds[0])
        defer { handle.deregister() }
        var byte: UInt8 = 1
        var suspendedWaits = 0
        for _ in 0..<3000 {
            let before = loop.pendingTimerCount
            async let outcome = handle.waitReadable(until: .after(.seconds(3600)))
            // Write only once the wait has armed its timer, so every round leaves a timer behind it.
            var spins = 0
            while loop.pendingTimerCount == before, spins < 100_000 {
                await Task.yield()
                spins += 1
            }
            if spins < 100_000 { suspendedWaits += 1 }
            #expect(write(fds[1], &byte, 1) == 1)
            #expect(await outcome == .ready)
            var received: UInt8 = 0
            while read(fds[0], &received, 1) == 1 {}
        }
        #expect(suspendedWaits > 2048)
        #expect(loop.pendingTimerCount <= 2048)
    }
}

@Suite("EventLoop timer cancellation")
struct EventLoopTimerCancellationTests {
    final class Tracker: Sendable {}

    @Test("a cancelled timer never runs and releases what its action captured at once")
    func cancelledTimerReleasesItsAction() async throws {
        let loop = try EventLoop(name: "cancel-test")
        weak var released: Tracker?
        let id: EventLoop.TimerID
        do {
            let tracker = Tracker()
            released = tracker
            id = loop.schedule(at: .after(.seconds(3600))) { _ = tracker; Issue.record("a cancelled timer ran") }
        }
        #expect(released != nil)
        loop.cancelTimer(id)
        #expect(released == nil)
        // A timer scheduled after it still runs, so the loop keeps working.
        let due = Deadline.after(.milliseconds(2))
        let ranAt = await withCheckedContinuation { (continuation: CheckedContinuation<Deadline, Never>) in
            loop.schedule(at: due) { continuation.resume(returning: .now) }
        }
        #expect(ranAt >= due)
    }
}
