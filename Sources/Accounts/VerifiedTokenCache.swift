import DomainKit
import FoundationEssentials
public import Postgres
import Synchronization

/// Bearer tokens the database verified recently, so that an authenticated request costs no statement
/// of its own (issue 19, item 1). Keyed by the SHA-256 of the token's secret, never the token.
///
/// Revocation stays immediate, in every process: migration 0038 makes every change that can end or
/// narrow a token's authority (revocation, logout, a password reset or change, a disabled, demoted or
/// edited user, a revoked API key) `NOTIFY domino_auth` in its own transaction, and a cached entry is
/// only ever used after `PostgresNotificationFence.pass()`, which returns once every notification
/// committed before the request arrived has been received. Any notification empties the cache (they are
/// rare; a precise eviction would gain little and could be wrong). So a revocation whose commit anyone
/// has seen is in force for every request answered afterwards, here or in any other process, and a
/// process whose listening session dropped trusts nothing cached until it listens again.
///
/// Two races, closed by a generation counter that every notification, (re)connection and loss bumps:
/// a lookup that read the token before a revocation committed must not store its (stale) answer after
/// the notification emptied the cache, so an answer is stored only if the generation is the one read
/// before the lookup started; and an entry found before the fence is used only if still present after it.
public final class VerifiedTokenCache: Sendable {
    /// The channel migration 0038's triggers notify.
    public static let channel = "domino_auth"

    struct Entry: Sendable {
        let kind: TokenKind
        let authentication: Authentication
        /// The token's own expiry, checked on every use.
        let expiresAt: Date?
        /// Re-verified by the database after this, which also stamps `last_used_at`.
        let freshUntil: Date
    }

    private struct State {
        var entries: [[UInt8]: Entry] = [:]
        var generation: UInt64 = 0
        var listening = false
    }

    /// The state behind a reference, so the fence's handler can hold it.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    /// How long a verification is reused before the database is asked again.
    let lifetime: Duration
    /// The most tokens kept; past it the cache starts over.
    let capacity: Int
    private let shared: Shared
    private let fence: PostgresNotificationFence

    public init(configuration: PostgresConfiguration, lifetime: Duration = .seconds(30), capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
        let shared = Shared()
        self.shared = shared
        fence = PostgresNotificationFence(configuration: configuration, channels: [Self.channel]) { [shared] event in
            shared.state.withLock { state in
                state.entries.removeAll()
                state.generation &+= 1
                switch event {
                case .listening: state.listening = true
                case .lost: state.listening = false
                case .notification: break
                }
            }
        }
    }

    /// The cached verification of `digest` if it is still valid after every revocation committed so far.
    func authentication(digest: [UInt8], kind: TokenKind, now: Date) async -> Authentication? {
        guard shared.state.withLock({ $0.entries[digest] != nil }) else { return nil }
        do {
            try await fence.pass()
        } catch {
            return nil
        }
        return shared.state.withLock { state -> Authentication? in
            guard let entry = state.entries[digest], entry.kind == kind else { return nil }
            guard entry.freshUntil > now, entry.expiresAt.map({ $0 > now }) ?? true else {
                state.entries[digest] = nil
                return nil
            }
            return entry.authentication
        }
    }

    /// What the caller reads before asking the database, to hand back to `store`; nil when nothing may
    /// be stored (the process is not listening, and could not start).
    func generationBeforeLookup() async -> UInt64? {
        if let generation = shared.state.withLock({ $0.listening ? $0.generation : nil }) { return generation }
        try? await fence.pass()
        return shared.state.withLock { $0.listening ? $0.generation : nil }
    }

    func store(_ authentication: Authentication, digest: [UInt8], kind: TokenKind, expiresAt: Date?, now: Date, generation: UInt64) {
        let entry = Entry(kind: kind, authentication: authentication, expiresAt: expiresAt, freshUntil: now.addingTimeInterval(lifetime.seconds))
        shared.state.withLock { state in
            guard state.listening, state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll() }
            state.entries[digest] = entry
        }
    }
}
