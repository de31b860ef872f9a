public import DomainKit
public import FoundationEssentials
import Notifications
public import Postgres

/// Business-match records. Admin and coordinator create them and move them along; viewers read them
/// (those role rules are the routes'); a company user reads only its own company's (another record is
/// a 404), the object rule kept here.
extension MatchService {
    public func createMatch(_ draft: BusinessMatchDraft, by principal: Principal) async throws -> BusinessMatch {
        var validation = Validation()
        validation.check(draft.needId != nil || draft.leadId != nil || draft.cityId != nil, "needId",
                         "a match needs a need, a lead or a city (needId, leadId or cityId)")
        validation.check((draft.channel == .liaisonBase) == (draft.liaisonBaseId != nil), "liaisonBaseId",
                         "is required with channel liaison_base and only then")
        validation.check((draft.counterpartKind == .localPartner) == (draft.localPartnerId != nil), "localPartnerId",
                         "is required with counterpartKind local_partner and only then")
        validation.check(draft.fromSuggestion != true || draft.needId != nil, "fromSuggestion", "needs needId: suggestions are made for a need")
        validation.optional(draft.notes, "notes", max: BusinessMatchDraft.notesLimit)
        try validation.validate(as: MatchesError.self)

        let suggestion = draft.fromSuggestion == true ? try await snapshot(company: draft.companyId, need: draft.needId) : nil
        // One live record per company and need, and per company and lead: a second is a 409 naming the first. The
        // company's lock orders concurrent requests, so the second sees the first; the unique indexes are the backstop.
        return try await write(by: principal) { db in
            try await records.lockCompany(draft.companyId, on: db)
            let missing = try await records.missingReferences(of: draft, on: db)
            if !missing.isEmpty { throw MatchesError.invalid(missing.map { FieldError(field: $0, message: "is not a known record") }) }
            let elsewhere = try await records.fieldsOfAnotherCity(of: draft, on: db)
            if !elsewhere.isEmpty {
                throw MatchesError.invalid(elsewhere.map { FieldError(field: $0, message: "is of another city than the record's other references") })
            }
            if let live = try await records.liveRecord(like: draft, on: db) {
                let subject = live.field == "needId" ? "need" : "lead"
                throw MatchesError.conflict("This company already has a live match for this \(subject): \(live.id.uuidString). "
                                            + "Move that record along, or decline or withdraw it first.", field: live.field)
            }
            let match = try await records.insert(draft, suggestion: suggestion, by: principal.userID, on: db)
            try await records.recordChange(match.id, from: nil, to: .proposed, on: clock.today(),
                                           by: principal.userID, note: nil, on: db)
            return match
        }
    }

    /// The business match of a meeting a company accepted at a convention, written in the caller's
    /// transaction (the Conventions module's acceptance) so that both commit together.
    public static func recordConventionMeeting(
        company: UUID, meetingRequest: UUID, acceptedBy: UUID, acceptedOn day: CalendarDate, on db: PostgresConnection
    ) async throws -> UUID {
        try await BusinessMatchStore().insertConventionMeeting(company: company, meetingRequest: meetingRequest, by: acceptedBy, on: day, on: db)
    }

    /// The matcher's score for the company and need now, for a record made from a suggestion.
    func snapshot(company: UUID, need needID: UUID?) async throws -> SuggestionSnapshot? {
        guard let needID else { return nil }
        guard let need = try await pool.withConnection({ try await sources.need(needID, on: $0) }) else {
            throw MatchesError.invalid([FieldError(field: "needId", message: "is not a known record")])
        }
        let state = try await index.current()
        guard let slot = state.slotOf[company] else {
            throw MatchesError.invalid([FieldError(field: "companyId", message: "is not a known record")])
        }
        let (matcher, _, version) = try await outcomeMatcher(for: state)
        let analysis = matcher.analyse(need.profile, in: state)
        let parts = matcher.parts(ofSlot: slot, for: analysis, in: state, evenUnrelated: true) ?? ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0)
        return SuggestionSnapshot(algorithmVersion: version, score: matcher.total(parts, for: analysis), parts: parts)
    }

    /// The live record that a create of `draft` would duplicate (the same company's, for its need or its lead), if one
    /// exists and the caller may read it (`GET /v1/matches/{id}`'s roles and `visibleMatch`): what the 409 names, for
    /// the console to link to. Nil for a caller who may not read it, as for no record: the answer names nothing
    /// that `match(_:by:)` would not show.
    public func liveMatch(like draft: BusinessMatchDraft, by principal: Principal) async throws -> UUID? {
        guard MatchRoutes.recordReaders.contains(principal.role) else { return nil }
        return try await pool.withConnection { db in
            guard let live = try await records.liveRecord(like: draft, on: db) else { return nil }
            do {
                return try await visibleMatch(live.id, by: principal, on: db).id
            } catch MatchesError.notFound {
                return nil
            }
        }
    }

    public func match(_ id: UUID, by principal: Principal) async throws -> BusinessMatch {
        return try await pool.withConnection { db in try await visibleMatch(id, by: principal, on: db) }
    }

    public func businessMatches(_ filter: BusinessMatchFilter, page: PageRequest, by principal: Principal) async throws -> Page<BusinessMatch> {
        let onlyCompany = principal.role == .company ? (principal.companyID ?? UUID()) : nil
        return try await pool.withConnection { db in try await records.list(filter, onlyCompany: onlyCompany, page: page, on: db) }
    }

    public func history(of id: UUID, by principal: Principal) async throws -> [MatchStatusChange] {
        return try await pool.withConnection { db in
            _ = try await visibleMatch(id, by: principal, on: db)
            return try await records.history(of: id, on: db)
        }
    }

    /// Moves a match to its next status; a move the status does not allow is a 422 naming the allowed ones.
    public func transition(_ id: UUID, _ request: MatchTransitionRequest, ifVersion version: Int, by principal: Principal) async throws -> BusinessMatch {
        var validation = Validation()
        validation.optional(request.note, "note", max: MatchTransitionRequest.noteLimit)
        try validation.validate(as: MatchesError.self)
        return try await write(by: principal) { db in
            guard let current = try await records.find(id, on: db, forUpdate: true) else { throw MatchesError.notFound("match") }
            guard current.version == version else { throw MatchesError.staleVersion(current: current.version) }
            let today = clock.today()
            var checks = Validation()
            let allowed = current.status.next.map(\.rawValue)
            checks.check(current.status.next.contains(request.to), "to",
                         allowed.isEmpty ? "\(current.status.rawValue) is final" : "from \(current.status.rawValue) only \(allowed.joined(separator: ", "))")
            try checks.validate(as: MatchesError.self)
            if let problem = try await EffectiveDay.problem(with: request.occurredOn ?? today, today: today, field: "occurredOn", on: db) {
                throw MatchesError.invalid([problem])
            }
            // The history is read in the order of its days: a move dated before the last one would run it backwards.
            if let last = try await records.lastMoveDay(of: id, on: db), (request.occurredOn ?? today) < last {
                throw MatchesError.invalid([FieldError(field: "occurredOn", message: "must not be before \(last), the day of the record's last move")])
            }
            guard let updated = try await records.setStatus(id, to: request.to, version: version, on: db) else {
                throw MatchesError.staleVersion(current: current.version)
            }
            try await records.recordChange(id, from: current.status, to: request.to, on: request.occurredOn ?? today,
                                           by: principal.userID, note: request.note, on: db)
            if request.to == .introduced {
                _ = try await Notifications.publish(NotificationEvent(
                    kind: .matchIntroduced, summary: "Business match introduced (\(updated.channel.rawValue))",
                    data: ["matchId": .string(id.uuidString.lowercased()), "companyId": .string(updated.companyId.uuidString.lowercased()),
                           "channel": .string(updated.channel.rawValue)], occurredAt: clock.now()),
                    on: db)
            }
            return updated
        }
    }

    /// The record, when the caller may see it; otherwise the same 404 as a record that does not exist.
    func visibleMatch(_ id: UUID, by principal: Principal, on db: PostgresConnection) async throws -> BusinessMatch {
        guard let match = try await records.find(id, on: db), principal.role != .company || match.companyId == principal.companyID else {
            throw MatchesError.notFound("match")
        }
        return match
    }
}
