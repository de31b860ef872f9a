public import Jobs
import DomainKit
import FoundationEssentials
public import Postgres

/// The reminder the day before (issue 15): every morning at 09:00 in Japan, everyone holding a seat at
/// an event that starts tomorrow (Japan time, on the programme clock) gets the reminder with their door
/// code and QR code. Each registration is marked in the transaction that enqueues its message and
/// completes the job, so a retried job, a second worker or a rerun never reminds anyone twice.
public enum ConventionReminders {
    public static let kind = "conventions.reminders"

    public static let daily = PeriodicJob(name: kind, schedule: .dailyInJapan(hour: 9, minute: 0)) { _ in
        NewJob(kind: kind, maxAttempts: 5)
    }

    public static func register(into handlers: inout JobHandlers, service: ConventionService) {
        handlers.register(kind) { context in
            try await context.pool.transaction { db in
                _ = try await service.sendReminders(on: db)
                try await context.complete(on: db)
            }
        }
    }
}

extension ConventionService {
    /// Enqueues tomorrow's reminders and marks them sent; returns how many. Waitlisted and cancelled
    /// people hold no seat and get none; an erased address gets none (the mark is still set).
    public func sendReminders(on db: PostgresConnection) async throws -> Int {
        let tomorrow = clock.today().adding(days: 1)
        let from = tomorrow.startInJapan, until = tomorrow.adding(days: 1).startInJapan
        let rows = try await db.query("""
            UPDATE registrations r SET reminder_sent_at = \(clock.now())
            FROM events e
            WHERE e.id = r.event_id AND e.starts_at >= \(from) AND e.starts_at < \(until)
              AND r.status = 'registered' AND r.reminder_sent_at IS NULL
            RETURNING r.id, r.event_id
            """)
        var events: [UUID: Event] = [:]
        for row in rows {
            let eventID: UUID = try row.decode("event_id")
            guard let registration = try await registrations.find(try row.decode("id"), on: db) else { continue }
            if events[eventID] == nil { events[eventID] = try await self.events.find(eventID, on: db) }
            guard let event = events[eventID] else { continue }
            try await enqueueMail(.reminder, registration, event: event, on: db)
        }
        return rows.count
    }
}
