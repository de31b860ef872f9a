import Synchronization

/// Group commit for statements: requests that arrive while a round trip is in flight wait and then
/// share the next one, so N concurrent callers cost one statement instead of N, and nobody waits
/// longer than the round in flight plus their own.
///
/// A request joins the next round to be *sent*, never one already in flight, so its round starts
/// after it arrived (what `PostgresNotificationFence` relies on). The caller that finds no round running
/// leads one in its own task; when the round ends it answers everyone the round covered and hands
/// leadership to the first caller waiting. No background task exists, so nothing outlives its callers.
public final class SharedRoundTrip<Request: Sendable, Reply: Sendable>: Sendable {
    /// Runs one round for the requests given (in arrival order) and returns one reply per request.
    public typealias Round = @Sendable ([Request]) async throws -> [Reply]

    private enum Turn {
        case lead
        case replied(Result<Reply, any Error>)
    }

    private struct Waiter {
        let request: Request
        let continuation: CheckedContinuation<Turn, Never>
    }

    private struct State {
        var leading = false
        var waiting: [Waiter] = []
    }

    private let round: Round
    private let state = Mutex(State())

    public init(_ round: @escaping Round) {
        self.round = round
    }

    public func submit(_ request: Request) async throws -> Reply {
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
            let leads = state.withLock { state in
                if state.leading {
                    state.waiting.append(Waiter(request: request, continuation: continuation))
                    return false
                }
                state.leading = true
                return true
            }
            if leads { continuation.resume(returning: .lead) }
        }
        if case .replied(let result) = turn { return try result.get() }

        // Leading. Everyone waiting now arrived before this round is sent, so it covers them.
        let covered = state.withLock { state in
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        let replies: Result<[Reply], any Error>
        do {
            let answered = try await round([request] + covered.map(\.request))
            replies = answered.count == covered.count + 1
                ? .success(answered) : .failure(PostgresError(.protocolViolation, "a shared round answered \(answered.count) of \(covered.count + 1) requests"))
        } catch {
            replies = .failure(error)
        }
        for (index, waiter) in covered.enumerated() {
            waiter.continuation.resume(returning: .replied(replies.map { $0[index + 1] }))
        }
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.leading = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.continuation.resume(returning: .lead)
        return try replies.get()[0]
    }
}
