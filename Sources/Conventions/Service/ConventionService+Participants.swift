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
    /// trigger audits the old and the new values; an edit that changes nothing writes nothing.
    public func updateParticipant(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout ParticipantDraft) throws -> Void
    ) async throws -> Participant {
        guard principal.role == .admin || principal.role == .organizer else { throw ConventionsError.notFound("participant") }
        return try await pool.write(by: principal, constraints: Self.participantConstraints) { db in
            let organizer = principal.role == .admin ? nil : principal.userID
            guard let current = try await registrations.lockParticipant(id, organizer: organizer, on: db) else {
                throw ConventionsError.notFound("participant")
            }
            guard current.erasedAt == nil else {
                throw ConventionsError.conflict("This participant's personal data was erased (or merged into another participant); there is nothing to correct.",
                                                field: nil)
            }
            var draft = try current.edited(expecting: version, as: ConventionsError.self, edit)
            try draft.validate(prefix: "")
            draft = try await resolvedAffiliation(draft, prefix: "", on: db)
            draft.nameReading = draft.storedReading
            return try await current.saving(draft, as: ConventionsError.self) {
                try await registrations.updateParticipant(id, version: version, to: $0, at: clock.now(), on: db)
            }
        }
    }
}
