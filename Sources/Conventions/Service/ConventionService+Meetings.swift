public import DomainKit
public import FoundationEssentials
import Postgres

extension ConventionService {
    /// Records that a registered participant asks to meet a company at the event. Admins, coordinators
    /// and the event's organizers record requests.
    public func requestMeeting(_ draft: MeetingRequestDraft, eventID: UUID, by principal: Principal) async throws -> MeetingRequest {
        var validation = Validation()
        validation.optional(draft.message, "message", max: Limit.message)
        try validation.validateConventions()
        return try await write(by: principal) { db in
            guard let event = try await events.find(eventID, on: db), event.isManaged(by: principal) || principal.role == .coordinator else {
                throw ConventionsError.notFound("event")
            }
            guard let registration = try await registrations.find(participantID: draft.participantId, eventID: eventID, on: db),
                  registration.status != .cancelled else {
                throw ConventionsError.field("participantId", "is not registered for this event")
            }
            guard let request = try await meetings.insert(draft, eventID: eventID, on: db) else {
                throw ConventionsError.conflict("This participant already asked to meet this company at this event.", field: "companyId")
            }
            return request
        }
    }

    /// Requests of an event: all for its managers and coordinators; a company user's own company's only.
    public func meetingRequests(of eventID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<MeetingRequest> {
        try await pool.withConnection { db in
            let event = try await participantReadableEvent(eventID, by: principal, on: db)
            let companyID = principal.role == .company ? (principal.companyID ?? UUID()) : nil
            return try await meetings.list(eventID: event.id, companyID: companyID, page: page, on: db)
        }
    }

    /// The company (or an admin or coordinator) accepts or declines once. Accepting calls
    /// `recordBusinessMatch` in the same transaction, so the match and the decision commit together.
    public func decideMeeting(_ id: UUID, _ decision: MeetingDecision, by principal: Principal) async throws -> MeetingRequest {
        try await write(by: principal) { db in
            guard let current = try await meetings.find(id, on: db, forUpdate: true),
                  principal.role == .admin || principal.role == .coordinator
                    || (principal.role == .company && principal.companyID == current.companyId) else {
                throw ConventionsError.notFound("meeting request")
            }
            guard current.status == .requested else {
                throw ConventionsError.conflict("This request was already \(current.status.rawValue).", field: "decision")
            }
            let decided = try await meetings.decide(id, decision.decision == .accepted ? .accepted : .declined, by: principal.userID, on: db)
            guard decided.status == .accepted else { return decided }
            let accepted = AcceptedMeeting(
                meetingRequestID: id, eventID: decided.eventId, participantID: decided.participantId, companyID: decided.companyId,
                acceptedBy: principal.userID, acceptedAt: decided.decidedAt ?? decided.updatedAt)
            guard let matchID = try await recordBusinessMatch?(accepted, db) else { return decided }
            return try await meetings.linkBusinessMatch(matchID, to: id, on: db)
        }
    }

    /// Erases a participant's personal data on request (APPI): names, email and organisation are
    /// removed; registrations and check-ins stay, anonymous, so past counts do not change. Admins only.
    public func eraseParticipant(_ id: UUID, by principal: Principal) async throws {
        guard principal.role == .admin else { throw ConventionsError.notFound("participant") }
        try await write(by: principal) { db in
            guard try await meetings.erase(participant: id, reason: "erasure", actor: principal.userID, at: clock.now(), on: db) else {
                throw ConventionsError.notFound("participant")
            }
        }
    }
}
