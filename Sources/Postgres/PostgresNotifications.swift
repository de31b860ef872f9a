import CLibPQ
public import EventIO

/// One `NOTIFY` received.
public struct PostgresNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String

    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}

/// `LISTEN` as an `AsyncSequence`. It owns a dedicated session (LISTEN state is per session, so a
/// pooled one would leak notifications to the next borrower). `listen` returns once LISTEN has run,
/// so every NOTIFY committed after it is delivered. Iteration runs in the consumer's own task: no
/// background task exists to leak. If the session drops, the iterator reconnects and listens again;
/// notifications sent meanwhile are lost, as with any LISTEN, so consumers also poll (see Jobs).
public struct PostgresNotifications: AsyncSequence, Sendable {
    public typealias Element = PostgresNotification
    let configuration: PostgresConfiguration
    let channels: [String]
    let loop: EventLoop
    let session: PostgresConnection

    public static func listen(
        configuration: PostgresConfiguration, channels: [String], loop: EventLoop = .shared
    ) async throws -> PostgresNotifications {
        let session = try await openListeningSession(configuration, channels: channels, loop: loop)
        return PostgresNotifications(configuration: configuration, channels: channels, loop: loop, session: session)
    }

    static func openListeningSession(
        _ configuration: PostgresConfiguration, channels: [String], loop: EventLoop
    ) async throws -> PostgresConnection {
        let session = try await PostgresConnection.connect(configuration, loop: loop)
        for channel in channels {
            try await session.runScript("LISTEN \(quotedIdentifier(channel))")
        }
        return session
    }

    /// Each iterator reads from the listening session; make one iterator per sequence.
    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self, connection: session)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let sequence: PostgresNotifications
        var connection: PostgresConnection?

        /// Ends (returns nil) when the task is cancelled.
        public mutating func next() async throws -> PostgresNotification? {
            while !Task.isCancelled {
                do {
                    let session = try await listeningSession()
                    if let notification = session.takeNotification() { return notification }
                    switch await session.handle.waitReadable() {
                    case .cancelled: return nil
                    case .ready, .timedOut:
                        guard PQconsumeInput(session.connection) == 1 else { throw session.connectionError() }
                    case .closed:
                        throw PostgresError(.connectionFailed, "the listening session closed")
                    }
                } catch let error as PostgresError where error.kind == .connectionFailed {
                    connection = nil
                    try? await EventLoop.sleep(for: .milliseconds(200))
                }
            }
            return nil
        }

        private mutating func listeningSession() async throws -> PostgresConnection {
            if let connection { return connection }
            let session = try await PostgresNotifications.openListeningSession(sequence.configuration, channels: sequence.channels, loop: sequence.loop)
            connection = session
            return session
        }
    }
}

extension PostgresConnection {
    func takeNotification() -> PostgresNotification? {
        guard let notify = PQnotifies(connection) else { return nil }
        defer { PQfreemem(notify) }
        return PostgresNotification(
            channel: String(cString: notify.pointee.relname),
            payload: String(cString: notify.pointee.extra))
    }

    /// `NOTIFY channel, payload` through `pg_notify`, so both are bound parameters.
    public func notify(_ channel: String, payload: String = "") async throws(PostgresError) {
        try await execute("SELECT pg_notify(\(channel), \(payload))")
    }
}

extension PostgresPool {
    public func notify(_ channel: String, payload: String = "") async throws(PostgresError) {
        try await execute("SELECT pg_notify(\(channel), \(payload))")
    }

    /// A dedicated listening session on the pool's database, outside the pool's count.
    public func listen(channels: [String]) async throws -> PostgresNotifications {
        try await PostgresNotifications.listen(configuration: configuration, channels: channels)
    }
}

/// Double-quotes an SQL identifier (doubling embedded quotes), for the statements that take no
/// parameters for names (LISTEN). Callers pass names from code, never from input.
public func quotedIdentifier(_ name: String) -> String {
    "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
}
