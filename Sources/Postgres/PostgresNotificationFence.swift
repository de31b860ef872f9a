public import EventIO
import Synchronization

/// A LISTEN session used as a barrier. `pass()` returns once every NOTIFY on the fence's channels that
/// committed before the call has been handed to `receive`, at the cost of one trivial statement on the
/// listening session, shared by every caller waiting at the same time.
///
/// Why one round trip suffices (PostgreSQL 15, src/backend/commands/async.c and tcop/postgres.c): a
/// committing transaction signals every listening backend of its database (`SignalBackends`, from
/// `AtCommit_Notify`) before it reports the commit to its client; a signalled backend sends the queued
/// notifications to its client before the `ReadyForQuery` of the next statement it runs. So when
/// a caller learns of a commit (say, an HTTP 204 from another process) and *then* calls `pass()`, the
/// round's statement is sent after that signal, and its reply is preceded by the notification.
///
/// Concurrent callers share rounds (`SharedRoundTrip`): a caller joins the next round to be *sent*,
/// never one already in flight, which might have been sent before the caller's commit.
public final class PostgresNotificationFence: Sendable {
    public enum Event: Sendable, Equatable {
        /// The session (re)started listening: notifications sent before may have been missed.
        case listening
        case notification(PostgresNotification)
        /// The session failed; nothing is known until the next `.listening`.
        case lost
    }

    /// The fence's session in `pg_stat_activity`, for operators (and the test that cuts it).
    public static let applicationName = "domino-notification-fence"

    private let rounds: SharedRoundTrip<Void, Void>

    /// `receive` runs inside `pass()`, on the task of the caller leading the round; it must not block.
    public init(configuration: PostgresConfiguration, channels: [String], loop: EventLoop = .shared, receive: @escaping @Sendable (Event) -> Void) {
        let listener = Listener(configuration: configuration, channels: channels, loop: loop, receive: receive)
        rounds = SharedRoundTrip { requests in
            try await listener.round()
            return requests
        }
    }

    /// Returns when every notification committed before this call has been received; throws when the
    /// listening session cannot be (re)opened or fails (after `.lost`).
    public func pass() async throws {
        try await rounds.submit(())
    }

    /// The listening session, used only by the round being led (`SharedRoundTrip` runs one at a time).
    private final class Listener: Sendable {
        let configuration: PostgresConfiguration
        let channels: [String]
        let loop: EventLoop
        let receive: @Sendable (Event) -> Void
        let session = Mutex<PostgresConnection?>(nil)

        init(configuration: PostgresConfiguration, channels: [String], loop: EventLoop, receive: @escaping @Sendable (Event) -> Void) {
            self.configuration = configuration
            self.channels = channels
            self.loop = loop
            self.receive = receive
        }

        /// One statement on the listening session (opened first if needed); the notifications libpq
        /// parsed before its reply are handed over in order.
        func round() async throws {
            let open: PostgresConnection
            if let current = session.withLock({ $0 }) {
                open = current
            } else {
                open = try await PostgresNotifications.openListeningSession(configuration, channels: channels, loop: loop)
                try await open.runScript("SET application_name = '\(PostgresNotificationFence.applicationName)'")
                session.withLock { $0 = open }
                receive(.listening)
            }
            do {
                try await open.query("SELECT 1")
            } catch {
                session.withLock { $0 = nil }
                receive(.lost)
                throw error
            }
            while let notification = open.takeNotification() { receive(.notification(notification)) }
        }
    }
}
