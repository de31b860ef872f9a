import DomainKit
import FoundationEssentials
import Postgres

/// The SQL of business-match records and their status history.
struct BusinessMatchStore {
    static let columns: SQLFragment = """
        id, company_id, need_id, lead_id, city_id, counterpart_kind, local_partner_id, channel, liaison_base_id, status,
        algorithm_version, score_parts::text AS score_parts, notes, created_by, version, created_at, updated_at, duplicate_of,
        (SELECT c.name_ja FROM published_companies c WHERE c.id = matches.company_id) AS company_name_ja,
        (SELECT c.name_en FROM published_companies c WHERE c.id = matches.company_id) AS company_name_en
        """

    func find(_ id: UUID, on db: PostgresConnection, forUpdate: Bool = false) async throws -> BusinessMatch? {
        let lock: SQLFragment = forUpdate ? "FOR UPDATE" : ""
        return try await db.query("SELECT \(Self.columns) FROM matches WHERE id = \(id) \(lock)").first.map(Self.match)
    }

    /// `onlyCompany` confines a company user to its own records.
    func list(_ filter: BusinessMatchFilter, onlyCompany: UUID?, page: PageRequest, on db: PostgresConnection) async throws -> Page<BusinessMatch> {
        let rows = try await db.query("""
            SELECT \(Self.columns) FROM matches
            WHERE (\(onlyCompany)::uuid IS NULL OR company_id = \(onlyCompany))
              AND (\(filter.companyId)::uuid IS NULL OR company_id = \(filter.companyId))
              AND (\(filter.needId)::uuid IS NULL OR need_id = \(filter.needId))
              AND (\(filter.leadId)::uuid IS NULL OR lead_id = \(filter.leadId))
              AND (\(filter.status?.rawValue)::text IS NULL OR status = \(filter.status?.rawValue))
              AND (\(page.after?.createdAt)::timestamptz IS NULL OR (created_at, id) > (\(page.after?.createdAt), \(page.after?.id)))
            ORDER BY created_at, id
            LIMIT \(page.fetchLimit)
            """)
        return Page(fetched: try rows.map(Self.match), request: page) { PageCursor(createdAt: $0.createdAt, id: $0.id) }
    }

    func insert(_ draft: BusinessMatchDraft, suggestion: SuggestionSnapshot?, by user: UUID, on db: PostgresConnection) async throws -> BusinessMatch {
        let parts = try suggestion.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let rows = try await db.query("""
            INSERT INTO matches (company_id, need_id, lead_id, city_id, counterpart_kind, local_partner_id, channel, liaison_base_id,
                algorithm_version, score_parts, notes, created_by)
            VALUES (\(draft.companyId), \(draft.needId), \(draft.leadId), \(draft.cityId), \(draft.counterpartKind?.rawValue),
                \(draft.localPartnerId), \(draft.channel.rawValue), \(draft.liaisonBaseId), \(suggestion?.algorithmVersion),
                \(parts)::jsonb, \(draft.notes), \(user))
            RETURNING \(Self.columns)
            """)
        return try Self.match(rows[0])
    }

    /// Makes the caller's transaction the only one adding a record for this company until it ends: the check of
    /// `liveRecord(like:)` and the insert then cannot race another request's (two clients at once, one wins).
    func lockCompany(_ company: UUID, on db: PostgresConnection) async throws {
        try await db.execute("SELECT pg_advisory_xact_lock(hashtextextended(\("business-match:" + company.uuidString.lowercased()), 0))")
    }

    /// A live record (not declined or withdrawn) of the draft's company for its need or its lead, the oldest, with
    /// the field it shares; a record kept as a duplicate (`duplicate_of`, migration 0105) counts as live too.
    func liveRecord(like draft: BusinessMatchDraft, on db: PostgresConnection) async throws -> (id: UUID, field: String)? {
        guard draft.needId != nil || draft.leadId != nil else { return nil }
        return try await db.query("""
            SELECT id, need_id = \(draft.needId) AS same_need FROM matches
            WHERE company_id = \(draft.companyId) AND status NOT IN ('declined', 'withdrawn')
              AND (need_id = \(draft.needId) OR lead_id = \(draft.leadId))
            ORDER BY coalesce(need_id = \(draft.needId), false) DESC, created_at, id
            LIMIT 1
            """).first.map { row in (try row.decode("id"), try row.decode("same_need", as: Bool?.self) == true ? "needId" : "leadId") }
    }

    /// The decided records made from a suggestion of this method (`matching-2.…`; the parts of 1.x meant other
    /// things), with their mean parts: won or commercialised against declined (withdrawn ones say nothing).
    func outcomes(on db: PostgresConnection) async throws -> DecidedOutcomes {
        let rows = try await db.query("""
            SELECT status = 'declined' AS declined, count(*)::int AS records,
                avg((score_parts -> 'parts' ->> 'taxonomy')::float8) AS taxonomy, avg((score_parts -> 'parts' ->> 'text')::float8) AS text,
                avg((score_parts -> 'parts' ->> 'trackRecord')::float8) AS track_record,
                avg((score_parts -> 'parts' ->> 'readiness')::float8) AS readiness
            FROM matches
            WHERE score_parts IS NOT NULL AND algorithm_version LIKE 'matching-2.%' AND status IN ('won', 'commercialized', 'declined')
            GROUP BY 1
            """)
        var outcomes = DecidedOutcomes()
        for row in rows {
            let parts = ScoreParts(taxonomy: try row.decode("taxonomy"), text: try row.decode("text"),
                                   trackRecord: try row.decode("track_record"), readiness: try row.decode("readiness"))
            if try row.decode("declined") as Bool {
                outcomes.declined = try row.decode("records")
                outcomes.declinedParts = parts
            } else {
                outcomes.won = try row.decode("records")
                outcomes.wonParts = parts
            }
        }
        return outcomes
    }

    func setStatus(_ id: UUID, to status: MatchStatus, version: Int, on db: PostgresConnection) async throws -> BusinessMatch? {
        try await db.query("""
            UPDATE matches SET status = \(status.rawValue), version = version + 1, updated_at = now()
            WHERE id = \(id) AND version = \(version)
            RETURNING \(Self.columns)
            """).first.map(Self.match)
    }

    /// A meeting accepted at a convention: introduced there, with the meeting request as its subject.
    func insertConventionMeeting(company: UUID, meetingRequest: UUID, by user: UUID, on day: CalendarDate, on db: PostgresConnection) async throws -> UUID {
        let rows = try await db.query("""
            INSERT INTO matches (company_id, meeting_request_id, channel, status, notes, created_by)
            VALUES (\(company), \(meetingRequest), 'convention', 'introduced', 'Meeting requested at a convention and accepted.', \(user))
            RETURNING id
            """)
        let id: UUID = try rows[0].decode("id")
        try await recordChange(id, from: nil, to: .introduced, on: day, by: user, note: "accepted meeting request", on: db)
        return id
    }

    func recordChange(
        _ match: UUID, from: MatchStatus?, to: MatchStatus, on day: CalendarDate, by user: UUID, note: String?, on db: PostgresConnection
    ) async throws {
        try await db.execute("""
            INSERT INTO match_status_history (match_id, from_status, to_status, occurred_on, actor_user_id, note)
            VALUES (\(match), \(from?.rawValue), \(to.rawValue), \(day), \(user), \(note))
            """)
    }

    func history(of match: UUID, on db: PostgresConnection) async throws -> [MatchStatusChange] {
        try await db.query("""
            SELECT from_status, to_status, occurred_on, actor_user_id, note, recorded_at FROM match_status_history
            WHERE match_id = \(match) ORDER BY id
            """).map { row in
            let from: String? = try row.decode("from_status")
            let to: String = try row.decode("to_status")
            return MatchStatusChange(
                fromStatus: try from.map { try known(MatchStatus(rawValue: $0), $0) }, toStatus: try known(MatchStatus(rawValue: to), to),
                occurredOn: try row.decode("occurred_on"), actorUserId: try row.decode("actor_user_id"), note: try row.decode("note"),
                recordedAt: try row.decode("recorded_at"))
        }
    }

    /// The day of the record's latest move. The first step (proposed) is dated the day the record was made, so a
    /// match recorded late can still be moved on the days it happened.
    func lastMoveDay(of match: UUID, on db: PostgresConnection) async throws -> CalendarDate? {
        try await db.query("SELECT max(occurred_on) AS day FROM match_status_history WHERE match_id = \(match) AND from_status IS NOT NULL")[0]
            .decode("day")
    }

    /// The references that belong to another city than the first one given (the city, the need's, the lead's, the
    /// local partner's, in that order), by field name: one record is about one city.
    func fieldsOfAnotherCity(of draft: BusinessMatchDraft, on db: PostgresConnection) async throws -> [String] {
        let row = try await db.query("""
            SELECT \(draft.cityId)::uuid AS city,
                   (SELECT city_id FROM published_needs WHERE id = \(draft.needId)) AS need,
                   (SELECT city_id FROM published_leads WHERE id = \(draft.leadId)) AS lead,
                   (SELECT city_id FROM published_local_partners WHERE id = \(draft.localPartnerId)) AS partner
            """)[0]
        var first: UUID?
        var elsewhere: [String] = []
        for (column, field) in [("city", "cityId"), ("need", "needId"), ("lead", "leadId"), ("partner", "localPartnerId")] {
            guard let city = try row.decode(column, as: UUID?.self) else { continue }
            if let first, city != first { elsewhere.append(field) } else if first == nil { first = city }
        }
        return elsewhere
    }

    /// Which of the referenced records exist, reported by field name.
    func missingReferences(of draft: BusinessMatchDraft, on db: PostgresConnection) async throws -> [String] {
        let row = try await db.query("""
            SELECT EXISTS (SELECT 1 FROM published_companies WHERE id = \(draft.companyId) AND NOT archived) AS company,
                   \(draft.needId)::uuid IS NULL OR EXISTS (SELECT 1 FROM published_needs WHERE id = \(draft.needId)) AS need,
                   \(draft.leadId)::uuid IS NULL OR EXISTS (SELECT 1 FROM published_leads WHERE id = \(draft.leadId)) AS lead,
                   \(draft.cityId)::uuid IS NULL OR EXISTS (SELECT 1 FROM published_cities WHERE id = \(draft.cityId)) AS city,
                   \(draft.liaisonBaseId)::uuid IS NULL OR EXISTS (SELECT 1 FROM published_liaison_bases WHERE id = \(draft.liaisonBaseId)) AS base,
                   \(draft.localPartnerId)::uuid IS NULL
                       OR EXISTS (SELECT 1 FROM published_local_partners WHERE id = \(draft.localPartnerId)) AS partner
            """)[0]
        var missing: [String] = []
        for (column, field) in [("company", "companyId"), ("need", "needId"), ("lead", "leadId"), ("city", "cityId"), ("base", "liaisonBaseId"),
                                ("partner", "localPartnerId")] where !(try row.decode(column, as: Bool.self)) {
            missing.append(field)
        }
        return missing
    }

    static func match(_ row: PostgresRow) throws -> BusinessMatch {
        let channel: String = try row.decode("channel")
        let status: String = try row.decode("status")
        let kind: String? = try row.decode("counterpart_kind")
        let parts: String? = try row.decode("score_parts")
        return BusinessMatch(
            id: try row.decode("id"), companyId: try row.decode("company_id"),
            companyNameJa: try row.decode("company_name_ja"), companyNameEn: try row.decode("company_name_en"), needId: try row.decode("need_id"),
            leadId: try row.decode("lead_id"), cityId: try row.decode("city_id"),
            counterpartKind: try kind.map { try known(CounterpartKind(rawValue: $0), $0) }, localPartnerId: try row.decode("local_partner_id"),
            channel: try known(MatchChannel(rawValue: channel), channel), liaisonBaseId: try row.decode("liaison_base_id"),
            status: try known(MatchStatus(rawValue: status), status),
            suggestion: try parts.map { try JSONDecoder().decode(SuggestionSnapshot.self, from: Data($0.utf8)) },
            notes: try row.decode("notes"), createdBy: try row.decode("created_by"), version: try row.decode("version"),
            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"), duplicateOf: try row.decode("duplicate_of"))
    }
}
