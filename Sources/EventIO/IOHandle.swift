import CEpoll
import Glibc
import Synchronization

/// What a wait for readiness ended with.
public enum Readiness: Sendable, Equatable {
    /// The descriptor may be read (or written); the caller reads until `EAGAIN` before waiting again.
    case ready
    case timedOut
    case cancelled
    /// The handle was deregistered while the caller waited.
    case closed
}

/// One non-blocking descriptor registered edge-triggered with an `EventLoop`.
///
/// Edge-triggered epoll reports each arrival once, so readiness that arrives while nobody waits is
/// remembered in a flag; a waiter that finds the flag set returns at once. The contract that keeps
/// this correct: after `ready`, the caller drains the descriptor until it would block, then waits again.
/// At most one task waits per direction (a connection has one reader and one writer at a time).
public final class IOHandle: Sendable {
    public let fileDescriptor: Int32
    let id: UInt64
    /// The loop that reports this descriptor's readiness.
    public let loop: EventLoop
    private let state = Mutex(HandleState())

    init(fileDescriptor: Int32, id: UInt64, loop: EventLoop) {
        self.fileDescriptor = fileDescriptor
        self.id = id
        self.loop = loop
    }

    /// Suspends until the descriptor is readable, the deadline passes, the task is cancelled,
    /// or the handle is closed. Never blocks a thread.
    ///
    /// With `cancellable: false` the wait does not end on task cancellation: for protocols where
    /// abandoning a half-read reply would leave the stream unusable (a libpq result in flight).
    public func waitReadable(until deadline: Deadline? = nil, cancellable: Bool = true) async -> Readiness {
        cancellable ? await wait(.read, until: deadline) : await suspend(.read, until: deadline, token: loop.nextToken())
    }

    public func waitWritable(until deadline: Deadline? = nil, cancellable: Bool = true) async -> Readiness {
        cancellable ? await wait(.write, until: deadline) : await suspend(.write, until: deadline, token: loop.nextToken())
    }

    /// True when input (or a hang-up) arrived since the last wait: an idle connection that the peer
    /// closed shows up here without a system call.
    public var hasUnreadEvent: Bool {
        state.withLock { $0.readReady || $0.hungUp }
    }

    /// Bytes the kernel holds for reading now. A reader that stops before draining the socket (libpq
    /// reads once while its buffer is small) asks this before waiting: no new edge will come for them.
    public var bytesReadable: Int {
        Int(cepoll_bytes_readable(fileDescriptor))
    }

    /// What an idle connection's peer did while nobody read: nothing (a stale edge, now forgotten),
    /// sent bytes, or closed. Peeks without consuming.
    public enum IdleInput: Sendable, Equatable { case none, data, closed }

    public func peekIdleInput() -> IdleInput {
        guard hasUnreadEvent else { return .none }
        var byte: UInt8 = 0
        let received = recv(fileDescriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if received > 0 { return .data }
        if received == 0 { return .closed }
        guard errno == EAGAIN || errno == EWOULDBLOCK else { return .closed }
        state.withLock { state in
            if !state.hungUp { state.readReady = false }
        }
        return state.withLock { $0.hungUp } ? .closed : .none
    }

    /// Removes the descriptor from the loop and wakes any waiter with `.closed`. Does not close the
    /// descriptor: its owner (libpq, or the socket's owner) does that after this returns.
    public func deregister() {
        let waiters = state.withLock { state -> [Waiter] in
            state.closed = true
            let waiting = [state.readWaiter, state.writeWaiter].compactMap { $0 }
            state.readWaiter = nil
            state.writeWaiter = nil
            return waiting
        }
        loop.remove(self)
        for waiter in waiters { waiter.continuation.resume(returning: .closed) }
    }

    // MARK: Loop side

    func deliver(readable: Bool, writable: Bool, hangUp: Bool) {
        let (reader, writer) = state.withLock { state -> (Waiter?, Waiter?) in
            var reader: Waiter?
            var writer: Waiter?
            if hangUp { state.hungUp = true }
            if readable || hangUp {
                if let waiter = state.readWaiter {
                    state.readWaiter = nil
                    reader = waiter
                } else {
                    state.readReady = true
                }
            }
            if writable || hangUp {
                if let waiter = state.writeWaiter {
                    state.writeWaiter = nil
                    writer = waiter
                } else {
                    state.writeReady = true
                }
            }
            return (reader, writer)
        }
        reader?.continuation.resume(returning: .ready)
        writer?.continuation.resume(returning: .ready)
    }

    /// Whether a wait with this token is still pending; the loop calls it (holding its own lock, never
    /// the other way round) to drop timers of waits that already ended.
    func isWaiting(_ direction: Direction, token: UInt64) -> Bool {
        state.withLock { state in
            switch direction {
            case .read: state.readWaiter?.token == token
            case .write: state.writeWaiter?.token == token
            }
        }
    }

    func expire(_ direction: Direction, token: UInt64) {
        finish(direction, token: token, with: .timedOut)
    }

    // MARK: Private

    enum Direction: Sendable { case read, write }

    private func wait(_ direction: Direction, until deadline: Deadline?) async -> Readiness {
        if let deadline, deadline.hasPassed { return .timedOut }
        let token = loop.nextToken()
        return await withTaskCancellationHandler {
            await suspend(direction, until: deadline, token: token)
        } onCancel: {
            finish(direction, token: token, with: .cancelled, rememberIfAbsent: true)
        }
    }

    private func suspend(_ direction: Direction, until deadline: Deadline?, token: UInt64) async -> Readiness {
        if let deadline, deadline.hasPassed { return .timedOut }
        return await withUnsafeContinuation { (continuation: UnsafeContinuation<Readiness, Never>) in
                let immediate = state.withLock { state -> Readiness? in
                    if state.closed { return .closed }
                    if state.cancelledToken == token { return .cancelled }
                    switch direction {
                    case .read:
                        if state.readReady || state.hungUp {
                            state.readReady = false
                            return .ready
                        }
                        precondition(state.readWaiter == nil, "two tasks wait to read one descriptor")
                        state.readWaiter = Waiter(continuation: continuation, token: token)
                    case .write:
                        if state.writeReady || state.hungUp {
                            state.writeReady = false
                            return .ready
                        }
                        precondition(state.writeWaiter == nil, "two tasks wait to write one descriptor")
                        state.writeWaiter = Waiter(continuation: continuation, token: token)
                    }
                    return nil
                }
                if let immediate {
                    continuation.resume(returning: immediate)
                } else if let deadline {
                    loop.schedule(TimerEntry(deadline: deadline, token: token, action: .expireWait(handleID: id, direction: direction)))
                }
        }
    }

    private func finish(_ direction: Direction, token: UInt64, with outcome: Readiness, rememberIfAbsent: Bool = false) {
        let waiter = state.withLock { state -> Waiter? in
            switch direction {
            case .read where state.readWaiter?.token == token:
                defer { state.readWaiter = nil }
                return state.readWaiter
            case .write where state.writeWaiter?.token == token:
                defer { state.writeWaiter = nil }
                return state.writeWaiter
            default:
                // Cancellation can run before the waiter is stored; remember it so the wait ends at once.
                if rememberIfAbsent { state.cancelledToken = token }
                return nil
            }
        }
        waiter?.continuation.resume(returning: outcome)
    }
}

struct Waiter {
    let continuation: UnsafeContinuation<Readiness, Never>
    let token: UInt64
}

struct HandleState {
    var readReady = false
    var writeReady = false
    var hungUp = false
    var closed = false
    var cancelledToken: UInt64 = 0
    var readWaiter: Waiter?
    var writeWaiter: Waiter?
}
