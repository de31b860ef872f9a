public import DomainKit
public import FoundationEssentials
import Postgres

/// Duplicate participants (issue 15): the same person registered twice with different spellings or
/// addresses. Candidates come from normalised keys (`DuplicateKeys`); a merge moves every registration,
/// check-in and meeting request of the duplicate to the person kept, in one audited transaction.
extension ConventionService {
    /// People compared at most in one listing (the programme has thousands; the keys are linear).
    static let duplicateScanLimit = 50_000
    static let duplicatePairLimit = 200

    /// Candidate pairs, most reasons first. With an event: pairs of people both registered for it (its
    /// managers); without: every participant (admins only).
    public func duplicates(eventID: UUID?, by principal: Principal) async throws -> [DuplicatePair] {
        try await pool.withConnection { db in
            if let eventID {
                _ = try await managedEvent(eventID, by: principal, seats: false, on: db)
            } else if principal.role != .admin {
                throw ConventionsError.field("eventId", "is required unless you are an admin")
            }
            // NFKC folds widths and compatibility forms (ｸﾞｴﾝ → グエン, ㈱ → (株)); NFKD then dropping the
            // combining marks folds accents (Nguyễn → Nguyen). PostgreSQL's own Unicode tables, not ours.
            let rows = try await db.query("""
                SELECT \(RegistrationStore.participantColumns), normalize(p.name_ja, NFKC) AS key_name_ja,
                    regexp_replace(normalize(p.name_en, NFKD), '[\\u0300-\\u036f]', '', 'g') AS key_name_en,
                    normalize(p.organisation, NFKC) AS key_organisation
                FROM participants p
                WHERE p.erased_at IS NULL
                  AND (\(eventID)::uuid IS NULL OR EXISTS (SELECT 1 FROM registrations r WHERE r.participant_id = p.id AND r.event_id = \(eventID)))
                ORDER BY p.created_at, p.id
                LIMIT \(Self.duplicateScanLimit)
                """)
            return Self.pairs(try rows.map { row in
                let person = try RegistrationStore.participant(row)
                return (person, DuplicateKeys(nameJa: try row.decode("key_name_ja"), nameEn: try row.decode("key_name_en"), email: person.email,
                                              organisation: try row.decode("key_organisation")))
            })
        }
    }

    /// Pairs inside each block of equal keys, each pair once, scored by its number of reasons.
    static func pairs(_ candidates: [(Participant, DuplicateKeys)]) -> [DuplicatePair] {
        let people = candidates.map(\.0), keys = candidates.map(\.1)
        var blocks: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() {
            for block in key.blocks { blocks[block, default: []].append(index) }
        }
        var seen = Set<[Int]>()
        var pairs: [DuplicatePair] = []
        // A block as large as a common surname says little; 50 people in one is plenty to review.
        for members in blocks.values where members.count > 1 && members.count <= 50 {
            for (offset, i) in members.enumerated() {
                for j in members[(offset + 1)...] where seen.insert([i, j]).inserted {
                    let reasons = keys[i].reasons(matching: keys[j])
                    guard !reasons.isEmpty else { continue }
                    pairs.append(DuplicatePair(first: people[i], second: people[j], reasons: reasons, score: reasons.count))
                }
            }
        }
        let sorted = pairs.sorted { ($0.score, $1.first.createdAt, $1.first.id.uuidString) > ($1.score, $0.first.createdAt, $0.first.id.uuidString) }
        return Array(sorted.prefix(duplicatePairLimit))
    }

    /// Which of two registrations of one person for one event stays: the one further along.
    static func rank(_ status: RegistrationStatus) -> Int {
        switch status {
        case .attended: 4
        case .registered: 3
        case .noShow: 2
        case .waitlisted: 1
        case .cancelled: 0
        }
    }

    /// Merges `duplicateID` into `keptID`. Admins merge anyone; an organizer only two people all of whose
    /// registrations are at events they manage (anything else is the 404 of a missing participant).
    public func merge(_ duplicateID: UUID, into keptID: UUID, by principal: Principal) async throws -> MergeReport {
        guard duplicateID != keptID else { throw ConventionsError.field("duplicateId", "must be another participant") }
        return try await write(by: principal) { db in
            let now = clock.now()
            // Lock order as everywhere: events, then registrations (and the two people), so a merge and a
            // registration of the same event take turns.
            let eventRows = try await db.query("""
                SELECT e.id, e.organizer_user_ids FROM events e
                WHERE e.id IN (SELECT event_id FROM registrations WHERE participant_id IN (\(keptID), \(duplicateID)))
                ORDER BY e.id FOR UPDATE
                """)
            if principal.role != .admin {
                for row in eventRows where !(try row.decode("organizer_user_ids", as: [UUID].self)).contains(principal.userID) {
                    throw ConventionsError.notFound("participant")
                }
                if eventRows.isEmpty { throw ConventionsError.notFound("participant") }
            }
            let people = try await db.query("""
                SELECT id FROM participants WHERE id IN (\(keptID), \(duplicateID)) AND erased_at IS NULL ORDER BY id FOR UPDATE
                """)
            guard people.count == 2 else { throw ConventionsError.notFound("participant") }

            var conflicts: [MergeReport.Conflict] = []
            // Both in force at one event (each person holds at most one such registration per event,
            // migration 0102): one pair per event, resolved below. Cancelled registrations conflict with nothing.
            let shared = try await db.query("""
                SELECT k.id AS kept, d.id AS duplicate, k.event_id FROM registrations k
                JOIN registrations d ON d.event_id = k.event_id AND d.participant_id = \(duplicateID) AND d.status <> 'cancelled'
                WHERE k.participant_id = \(keptID) AND k.status <> 'cancelled' ORDER BY k.event_id
                """)
            var stay: [UUID] = []
            for row in shared {
                stay.append(try row.decode("duplicate"))
                conflicts.append(try await resolve(kept: try row.decode("kept"), duplicate: try row.decode("duplicate"), on: db))
            }
            let moved = try await db.execute("""
                UPDATE registrations SET participant_id = \(keptID), version = version + 1, updated_at = \(now)
                WHERE participant_id = \(duplicateID) AND NOT id = ANY(\(stay))
                """)
            let requests = try await db.execute("""
                UPDATE meeting_requests SET participant_id = \(keptID), version = version + 1, updated_at = \(now)
                WHERE participant_id = \(duplicateID)
                """)
            // The person kept gains what only the duplicate said; their own answers and consents stand.
            try await db.execute("""
                UPDATE participants k SET name_ja = coalesce(k.name_ja, d.name_ja), name_en = coalesce(k.name_en, d.name_en),
                    name_reading = coalesce(k.name_reading, d.name_reading),
                    organisation = coalesce(k.organisation, d.organisation), country = coalesce(k.country, d.country),
                    university_id = coalesce(k.university_id, d.university_id), campus_id = coalesce(k.campus_id, d.campus_id),
                    version = k.version + 1, updated_at = \(now)
                FROM participants d WHERE k.id = \(keptID) AND d.id = \(duplicateID)
                """)
            try await db.execute("""
                UPDATE participants SET name_ja = NULL, name_en = NULL, name_reading = NULL, email = NULL, organisation = NULL, consent_share_contact = false,
                    consent_keep_in_touch = false, erased_at = \(now), merged_into = \(keptID), version = version + 1, updated_at = \(now)
                WHERE id = \(duplicateID)
                """)
            for row in shared {
                let eventID: UUID = try row.decode("event_id")
                for mode in AttendanceMode.allCases { try await fillFreeSeats(eventID: eventID, attendance: mode, on: db) }
            }
            try await AuditLog.record(
                on: db, actor: principal.userID, action: "merge", entity: "participants", entityID: keptID.uuidString.lowercased(),
                changes: ["mergedId": duplicateID.uuidString.lowercased(), "registrationsMoved": String(moved),
                          "conflicts": String(conflicts.count)],
                requestID: AuditContext.requestID, at: now)
            return MergeReport(participantId: keptID, mergedId: duplicateID, registrationsMoved: moved, meetingRequestsMoved: requests,
                               conflicts: conflicts)
        }
    }

    /// Both records registered for one event: the kept person's registration stays and takes the state
    /// of whichever was further along (attended > registered > no-show > waitlisted > cancelled) with its
    /// way of attending and door code, so the code the person holds still opens the door; the other is
    /// cancelled and stays on the merged record; its check-ins move unless the kept one has that day.
    func resolve(kept: UUID, duplicate: UUID, on db: PostgresConnection) async throws -> MergeReport.Conflict {
        guard let mine = try await registrations.find(kept, on: db), let theirs = try await registrations.find(duplicate, on: db) else {
            throw ConventionsError.notFound("registration")
        }
        let takeTheirs = Self.rank(theirs.status) > Self.rank(mine.status)
        var replacement = drawCode()
        for _ in 1..<Self.codeAttempts where try await registrations.find(code: replacement, eventID: mine.eventId, on: db) != nil {
            replacement = drawCode()
        }
        try await db.execute("""
            UPDATE registrations SET status = 'cancelled', code = \(takeTheirs ? replacement : theirs.code ?? replacement),
                version = version + 1, updated_at = now()
            WHERE id = \(duplicate)
            """)
        if takeTheirs {
            try await db.execute("""
                UPDATE registrations SET status = \(theirs.status.rawValue), attendance = \(theirs.attendance.rawValue), code = \(theirs.code),
                    version = version + 1, updated_at = now()
                WHERE id = \(kept)
                """)
        }
        let moved = try await db.execute("""
            UPDATE check_ins c SET registration_id = \(kept)
            WHERE c.registration_id = \(duplicate) AND NOT EXISTS (
                SELECT 1 FROM check_ins o WHERE o.registration_id = \(kept) AND o.day = c.day AND o.session_id IS NOT DISTINCT FROM c.session_id)
            """)
        // What stays on the duplicate is a second check-in of the same person on a day already counted.
        try await db.execute("DELETE FROM check_ins WHERE registration_id = \(duplicate)")
        if moved > 0 { try await db.execute(RegistrationStore.markAttended(kept)) }
        let from = takeTheirs ? theirs.status : mine.status
        return MergeReport.Conflict(
            eventId: mine.eventId, keptRegistrationId: kept, cancelledRegistrationId: duplicate, checkInsMoved: moved,
            explanation: takeTheirs
                ? "Both were registered; the kept registration took the duplicate's state (\(from.rawValue)), way of attending and door code."
                : "Both were registered; the kept registration (\(from.rawValue)) stays as it was and the duplicate's is cancelled.")
    }
}
