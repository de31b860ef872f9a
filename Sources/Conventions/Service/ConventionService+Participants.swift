public import DomainKit
public import FoundationEssentials
import Postgres

/// Organizers correct a participant's details (conv35): a misspelt name, a missing reading, another address or
/// organisation, without the person registering again and without losing their registrations or check-ins.
extension ConventionService {
    /// The module's constraints with the fields named as this route's body names them (no `participant.` prefix).
    static let participantConstraints = constraints(naming: "")

    /// Applies `edit` to the person's details when `version` is current, by the registration's rules (the same
    /// validation and university registry); another person's address is the 409 on `email`. Admins correct
    /// anyone; an organizer only a person registered (in any state) for an event they organize: anyone else is
    /// the 404 of a missing participant. An erased or merged person has nothing left to correct (409). The row
    /// trigger audits the old and the new values; an edit that changes nothing writes nothing. A changed e-mail (not
    /// only its letter case) queues the confirmation of each registration still in force for an event not yet ended to
    /// the new address, in this transaction (`queueConfirmationsToNewAddress`); nothing goes to the old address, which
    /// was often someone else's.
    public func updateParticipant(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout ParticipantDraft) throws -> Void
    ) async throws -> ParticipantCorrection {
        try await pool.write(by: principal, constraints: Self.participantConstraints) { db in
            let current = try await visibleParticipant(id, by: principal, forUpdate: true, on: db)
            guard current.erasedAt == nil else {
                throw ConventionsError.conflict("This participant's personal data was erased (or merged into another participant); there is nothing to correct.",
                                                field: nil)
            }
            var draft = try current.edited(expecting: version, as: ConventionsError.self, edit)
            try draft.validate(prefix: "")
            draft = try await resolvedAffiliation(draft, prefix: "", on: db)
            draft.nameReading = draft.storedReading
            let saved = try await current.saving(draft, as: ConventionsError.self) {
                try await registrations.updateParticipant(id, version: version, to: $0, at: clock.now(), on: db)
            }
            let moved = saved.email?.lowercased() != current.email?.lowercased()
            return ParticipantCorrection(
                participant: saved, confirmationsQueued: moved ? try await queueConfirmationsToNewAddress(of: id, by: principal, on: db) : 0)
        }
    }

    /// The person as `updateParticipant` corrects them, with their version (part36: `GET /v1/participants/{id}`), for the
    /// same callers; anyone else the 404 of a missing participant. An erased or merged person is answered as stored:
    /// `erasedAt` set and no personal data (so a client learns why a PATCH is refused).
    public func participant(_ id: UUID, by principal: Principal) async throws -> Participant {
        try await pool.withConnection { db in try await visibleParticipant(id, by: principal, forUpdate: false, on: db) }
    }

    /// Admins see anyone; an organizer a person registered (in any state) for an event they organize; else the 404.
    private func visibleParticipant(_ id: UUID, by principal: Principal, forUpdate: Bool, on db: PostgresConnection) async throws -> Participant {
        guard principal.role == .admin || principal.role == .organizer,
              let found = try await registrations.participant(id, organizer: principal.role == .admin ? nil : principal.userID, forUpdate: forUpdate, on: db)
        else { throw ConventionsError.notFound("participant") }
        return found
    }
}
