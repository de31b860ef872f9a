public import Jobs
public import DomainKit
public import FoundationEssentials
import Postgres

/// Retention of participants' personal data (issue 15): each event keeps it for `retentionDays` after
/// it ends; then the daily job anonymises the event's participants who did not consent to stay in touch
/// and hold no registration at an event still inside its own period. Anonymising is erasure by the job
/// (`MeetingRequestStore.erase`, through `AuditLog.redact`): the personal columns and their audit values
/// go, registrations, check-ins, sector, role, country and campus stay, so every KPI count and export
/// total is the same before and after.
public enum ConventionRetention {
    public static let kind = "conventions.retention"

    /// Every night at 03:15 in Japan, after the KPI recount at 02:30 and before anyone works.
    public static let daily = PeriodicJob(name: kind, schedule: .dailyInJapan(hour: 3, minute: 15)) { _ in
        NewJob(kind: kind, maxAttempts: 5)
    }

    public static func register(into handlers: inout JobHandlers, service: ConventionService) {
        handlers.register(kind) { context in
            // Batches commit on their own, so a long backlog is never one huge transaction; a retry
            // starts where the last committed batch ended (anonymised people are no longer candidates).
            while try await service.anonymiseDueBatch() == ConventionService.retentionBatch {}
            try await context.pool.transaction { db in try await context.complete(on: db) }
        }
    }
}

/// Where an event stands with its participants' personal data.
public enum RetentionState: String, Sendable, Codable {
    /// Before `retainUntil`.
    case retained
    /// `retainUntil` has passed and the job has not yet anonymised the participants it may.
    case due
    /// The job ran after `retainUntil`; only consenting people and people of later events keep their data.
    case shredded
}

/// `GET /v1/events/{id}/retention`.
public struct RetentionStatus: Sendable, Encodable, Equatable {
    public let eventId: UUID
    public let retentionDays: Int
    public let retainUntil: Date
    public let state: RetentionState
    public let shreddedAt: Date?
    /// Participants of the event whose personal data is still held, in three groups.
    public let heldWithoutConsent: Int
    public let keptByConsent: Int
    /// Of `heldWithoutConsent`: registered at an event whose own period has not ended, so they wait for it.
    public let waitingForLaterEvent: Int
    /// Participants of the event already anonymised or erased.
    public let anonymised: Int
}

/// One row of `GET /v1/retention/due`.
public struct RetentionDue: Sendable, Encodable, Equatable {
    public let eventId: UUID
    public let titleJa: String?
    public let titleEn: String?
    public let endsAt: Date
    public let retainUntil: Date
    public let state: RetentionState
    /// People the job anonymises at its next run (when the state is due) or at `retainUntil`.
    public let toAnonymise: Int
}

extension ConventionService {
    static let retentionBatch = 200
    /// `GET /v1/retention/due` lists at most this many events, soonest first (the programme has tens a year).
    static let retentionDueLimit = 500

    /// People who may be anonymised now: holding personal data, not consenting to stay in touch, and
    /// registered only at events whose retention period has ended.
    static func anonymisable(now: Date) -> PostgresQuery {
        """
        SELECT p.id FROM participants p
        WHERE p.erased_at IS NULL AND NOT p.consent_keep_in_touch
          AND EXISTS (SELECT 1 FROM registrations r WHERE r.participant_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM registrations r JOIN events e ON e.id = r.event_id
                          WHERE r.participant_id = p.id AND e.ends_at + e.retention_days * interval '1 day' > \(now))
        ORDER BY p.id LIMIT \(retentionBatch)
        """
    }

    /// Anonymises one batch in one transaction and stamps every event whose period has ended; returns
    /// how many people it anonymised. The job calls it until a batch comes back short.
    public func anonymiseDueBatch() async throws -> Int {
        let now = clock.now()
        return try await pool.transaction { db in
            let rows = try await db.query(Self.anonymisable(now: now))
            for row in rows {
                _ = try await meetings.erase(participant: try row.decode("id"), reason: "retention", actor: nil, at: now, on: db)
            }
            try await db.execute("""
                UPDATE events SET personal_data_shredded_at = \(now)
                WHERE personal_data_shredded_at IS NULL AND ends_at + retention_days * interval '1 day' <= \(now)
                """)
            return rows.count
        }
    }

    /// An event's retention, for its managers and coordinators (another organizer's event is a 404).
    public func retentionStatus(of eventID: UUID, by principal: Principal) async throws -> RetentionStatus {
        let now = clock.now()
        return try await pool.withConnection { db in
            let event = try await readableByStaff(eventID, by: principal, on: db)
            let rows = try await db.query("""
                SELECT count(DISTINCT p.id) FILTER (WHERE p.erased_at IS NULL AND NOT p.consent_keep_in_touch) AS held,
                    count(DISTINCT p.id) FILTER (WHERE p.erased_at IS NULL AND p.consent_keep_in_touch) AS kept,
                    count(DISTINCT p.id) FILTER (WHERE p.erased_at IS NULL AND NOT p.consent_keep_in_touch AND EXISTS (
                        SELECT 1 FROM registrations r2 JOIN events e2 ON e2.id = r2.event_id
                        WHERE r2.participant_id = p.id AND e2.id <> \(eventID)
                          AND e2.ends_at + e2.retention_days * interval '1 day' > greatest(\(now), \(event.retainUntil)))) AS waiting,
                    count(DISTINCT p.id) FILTER (WHERE p.erased_at IS NOT NULL) AS anonymised
                FROM registrations r JOIN participants p ON p.id = r.participant_id
                -- People, not registrations: one who cancelled and registered again holds two (migration 0102).
                WHERE r.event_id = \(eventID)
                """)
            let held: Int = try rows[0].decode("held")
            return RetentionStatus(
                eventId: eventID, retentionDays: event.retentionDays, retainUntil: event.retainUntil,
                state: Self.state(of: event, now: now), shreddedAt: event.personalDataShreddedAt, heldWithoutConsent: held,
                keptByConsent: try rows[0].decode("kept"), waitingForLaterEvent: try rows[0].decode("waiting"),
                anonymised: try rows[0].decode("anonymised"))
        }
    }

    /// Events whose period has ended and are not yet shredded, then those ending within `withinDays`,
    /// soonest first, with how many people each would lose. Admins only.
    public func retentionDue(withinDays: Int, by principal: Principal) async throws -> [RetentionDue] {
        guard principal.role == .admin else { throw ConventionsError.notFound("retention") }
        let now = clock.now()
        let horizon = now.addingTimeInterval(Double(withinDays) * 86_400)
        return try await pool.withConnection { db in
            let rows = try await db.query("""
                SELECT \(EventStore.columns), NULL::bigint AS in_person_taken, NULL::bigint AS in_person_waitlisted,
                    NULL::bigint AS online_taken, NULL::bigint AS online_waitlisted,
                    (SELECT count(DISTINCT p.id) FROM registrations r JOIN participants p ON p.id = r.participant_id
                     WHERE r.event_id = e.id AND p.erased_at IS NULL AND NOT p.consent_keep_in_touch
                       AND NOT EXISTS (SELECT 1 FROM registrations r2 JOIN events e2 ON e2.id = r2.event_id
                                       WHERE r2.participant_id = p.id
                                         AND e2.ends_at + e2.retention_days * interval '1 day'
                                             > greatest(\(now), e.ends_at + e.retention_days * interval '1 day'))) AS to_anonymise
                FROM events e
                WHERE e.personal_data_shredded_at IS NULL AND e.ends_at + e.retention_days * interval '1 day' <= \(horizon)
                ORDER BY e.ends_at + e.retention_days * interval '1 day', e.id
                LIMIT \(Self.retentionDueLimit)
                """)
            return try rows.map { row in
                let event = try EventStore.event(row)
                return RetentionDue(
                    eventId: event.id, titleJa: event.titleJa, titleEn: event.titleEn, endsAt: event.endsAt,
                    retainUntil: event.retainUntil, state: Self.state(of: event, now: now), toAnonymise: try row.decode("to_anonymise"))
            }
        }
    }

    static func state(of event: Event, now: Date) -> RetentionState {
        if event.personalDataShreddedAt != nil { return .shredded }
        return event.retainUntil <= now ? .due : .retained
    }
}
