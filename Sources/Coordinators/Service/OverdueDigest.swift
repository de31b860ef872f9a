public import DomainKit
import FoundationEssentials
public import Jobs
import Notifications
import Postgres

/// The daily digest of overdue next actions (`overdue_digest`), one message for all coordinators: who
/// has how many, the oldest first. Published with the job's completion in one transaction, so a retried
/// job never sends the digest twice.
public enum OverdueDigest {
    public static let kind = "coordinators.overdue_digest"

    /// Every morning at 08:30 in Japan, before the coordinators' day starts.
    public static let daily = PeriodicJob(name: kind, schedule: .dailyInJapan(hour: 8, minute: 30)) { _ in
        NewJob(kind: kind, maxAttempts: 5)
    }

    public static func register(into handlers: inout JobHandlers, clock: ProgrammeClock) {
        handlers.register(kind) { context in
            let today = clock.today()
            try await context.pool.transaction { db in
                let rows = try await db.query("""
                    SELECT c.display_name, count(*)::int AS overdue, max(\(today)::date - a.next_action_due_on)::int AS oldest,
                           (count(*) OVER ())::int AS coordinators
                    FROM lead_activities a JOIN leads l ON l.id = a.lead_id JOIN coordinators c ON c.id = l.owner_coordinator_id
                    WHERE a.next_action IS NOT NULL AND NOT a.next_action_done
                      AND a.next_action_due_on < \(today)::date
                    GROUP BY c.id, c.display_name
                    ORDER BY oldest DESC, c.display_name
                    LIMIT 50
                    """)
                if let first = rows.first {
                    var lines = try rows.map { row in
                        "\(try row.decode("display_name", as: String.self)): \(try row.decode("overdue", as: Int.self)) (oldest \(try row.decode("oldest", as: Int.self)) days)"
                    }
                    // The message names the 50 with the oldest; it never hides that there are more.
                    let coordinators: Int = try first.decode("coordinators")
                    if coordinators > rows.count { lines.append("+\(coordinators - rows.count) more coordinators / 他\(coordinators - rows.count)名") }
                    _ = try await Notifications.publish(NotificationEvent(
                        kind: .overdueDigest, summary: "Overdue next actions 期限切れの次のアクション — " + lines.joined(separator: "; "),
                        data: ["coordinators": .number(Double(coordinators))], occurredAt: clock.now()), on: db)
                }
                try await context.complete(on: db)
            }
        }
    }
}
