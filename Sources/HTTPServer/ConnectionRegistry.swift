import EventIO
import Synchronization

/// The open connections, so that shutdown can close the idle ones and wait for the busy ones, and so
/// that the accept loop can enforce the connection limit. Connections mark themselves idle while they
/// wait between requests; only idle ones are closed early, so a request in flight always finishes.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let handle: IOHandle
        var isIdle = false
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
        var isDraining = false
        var emptyWaiter: CheckedContinuation<Void, Never>?
        var waiterCancelled = false
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { state.withLock { $0.entries.count } }
    var isDraining: Bool { state.withLock { $0.isDraining } }

    /// Adds a connection, or returns nil when at capacity or shutting down.
    func admit(_ handle: IOHandle) -> UInt64? {
        state.withLock { state in
            guard !state.isDraining, state.entries.count < capacity else { return nil }
            state.nextID += 1
            state.entries[state.nextID] = Entry(handle: handle)
            return state.nextID
        }
    }

    /// Marks a connection as waiting for its next request. Returns false when the server is draining:
    /// the connection should close instead of waiting.
    func markIdle(_ id: UInt64) -> Bool {
        state.withLock { state in
            guard !state.isDraining else { return false }
            state.entries[id]?.isIdle = true
            return true
        }
    }

    func markBusy(_ id: UInt64) {
        state.withLock { $0.entries[id]?.isIdle = false }
    }

    /// Must run before the connection closes its descriptor, so that `beginDraining` can never
    /// deregister a handle whose descriptor number was already reused.
    func remove(_ id: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.entries[id] = nil
            guard state.entries.isEmpty else { return nil }
            defer { state.emptyWaiter = nil }
            return state.emptyWaiter
        }
        waiter?.resume()
    }

    /// Refuses new connections and wakes idle ones with `.closed`, which ends them.
    func beginDraining() {
        state.withLock { state in
            state.isDraining = true
            for entry in state.entries.values where entry.isIdle {
                entry.handle.deregister()
            }
        }
    }

    /// Returns when no connection is left, or when the task is cancelled.
    func waitUntilEmpty() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.entries.isEmpty || state.waiterCancelled { return true }
                    state.emptyWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.waiterCancelled = true
                defer { state.emptyWaiter = nil }
                return state.emptyWaiter
            }
            waiter?.resume()
        }
    }
}
