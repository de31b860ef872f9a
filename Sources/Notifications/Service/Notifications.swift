import DomainKit
import FoundationEssentials
import Jobs
public import Postgres

/// The entry point other modules call: `Notifications.publish(event, on: db)` inside the transaction
/// of the write that caused the event. It records one delivery per enabled endpoint that chose the
/// event and enqueues one delivery job for each, in that transaction: nothing is sent for a write that
/// rolled back, and the HTTP requests happen later in a worker, so a dead endpoint never slows the API.
public enum Notifications {
    /// Returns how many deliveries were queued.
    @discardableResult
    public static func publish(_ event: NotificationEvent, on db: PostgresConnection) async throws -> Int {
        try await publish(event, to: try await db.query(endpointsStatement(for: event.kind)), on: db)
    }

    /// The endpoints that take `kind`, for a caller that sends this statement in one pipeline with its
    /// own and then calls `publish(_:to:on:)` with the rows (the door: no round trip of its own).
    public static func endpointsStatement(for kind: NotificationEventKind) -> PostgresQuery {
        "SELECT id, channel FROM notification_endpoints WHERE enabled AND \(kind.rawValue) = ANY(events) ORDER BY id"
    }

    /// `publish(_:on:)` with the endpoints already read by `endpointsStatement(for:)` in this transaction.
    @discardableResult
    public static func publish(_ event: NotificationEvent, to endpoints: PostgresRows, on db: PostgresConnection) async throws -> Int {
        var queued = 0
        for endpoint in endpoints {
            let id: UUID = try endpoint.decode("id")
            guard let channel = NotificationChannel(rawValue: try endpoint.decode("channel")) else { throw NotificationsError.corruptRow }
            let body = try Self.body(of: event, for: channel)
            let rows = try await db.query("""
                INSERT INTO notification_deliveries (endpoint_id, event, event_id, body)
                VALUES (\(id), \(event.kind.rawValue), \(event.id), \(body))
                ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id
                """)
            guard let delivery = rows.first else { continue }
            let deliveryID: Int64 = try delivery.decode("id")
            let jobID = try await JobQueue.enqueue(WebhookDelivery.job(for: deliveryID), on: db)
            try await db.execute("UPDATE notification_deliveries SET job_id = \(jobID) WHERE id = \(deliveryID)")
            queued += 1
        }
        return queued
    }

    /// Slack and Teams incoming webhooks both take `{"text": …}`; integrators get the event as JSON.
    static func body(of event: NotificationEvent, for channel: NotificationChannel) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        switch channel {
        case .slack, .teams:
            return String(decoding: try encoder.encode(["text": event.summary]), as: UTF8.self)
        case .webhook:
            struct Envelope: Encodable {
                let id: UUID
                let type: String
                let occurredAt: Date
                let summary: String
                let data: [String: JSONValue]
            }
            let envelope = Envelope(id: event.id, type: event.kind.rawValue, occurredAt: event.occurredAt, summary: event.summary,
                                    data: event.data)
            return String(decoding: try encoder.encode(envelope), as: UTF8.self)
        }
    }
}
