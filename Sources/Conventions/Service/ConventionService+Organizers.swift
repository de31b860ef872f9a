public import DomainKit
public import FoundationEssentials
import Postgres

/// One of an event's organizers as its co-organizers see them: whom they share the event with.
public struct EventOrganizer: Sendable, Equatable, Encodable {
    public let userId: UUID
    public let displayName: String
    public let email: String
    /// A disabled account stays listed (it was named) but can no longer sign in or manage the event.
    public let disabled: Bool
    /// Whether this user keeps the event organized: an enabled user of the organizer role. A coordinator the list
    /// names manages no event and an admin every one (`Event.isManaged`), so neither counts as the organizer kept
    /// (`removeOrganizer`, probe12). Not part of the API's answer, which says `disabled` only.
    public let organizes: Bool

    private enum CodingKeys: String, CodingKey {
        case userId, displayName, email, disabled
    }

    /// The one rule of every change to an event's organizer list (`removeOrganizer`, `updateEvent`, harden14): a list
    /// that named someone names someone after, and a list that had an enabled user of the organizer role (`organizing`
    /// holds those among both lists) keeps one, so an event is left to admins alone only when an admin disables the
    /// account of its last organizer. Anyone may go otherwise, the organizer making the change included.
    static func keepsOrganized(from before: [UUID], to after: [UUID], organizing: Set<UUID>) -> Bool {
        if after.isEmpty { return before.isEmpty }
        return !before.contains(where: organizing.contains) || after.contains(where: organizing.contains)
    }
}

/// Co-organizers (gaps12; docs/conventions.md, "Co-organizers"): the event's organizers add one by an
/// exact e-mail address and remove one, each with the event's version.
///
/// Only enabled users with the **organizer** role can be added this way: an organizer listed on an event
/// manages it, while an admin already manages every event and a coordinator, listed or not, reads every
/// event and manages none (`Event.isManaged`), so naming either would show a co-organizer who gains
/// nothing. An address that is unknown, disabled or of another role gets one and the same answer, so the
/// form tells nobody who has an account. `createEvent` and `updateEvent` apply the same rule to the ids they add
/// (`checkOrganizers`, harden12).
extension ConventionService {
    /// The sentence of every refused address, whatever the reason (no account, disabled, another role).
    static let noOrganizerAtAddress = "is not the address of an enabled organizer user"

    /// The event's organizers with names, for those who manage it and coordinators (who read every event).
    public func organizers(of eventID: UUID, by principal: Principal) async throws -> [EventOrganizer] {
        try await pool.withConnection { db in
            guard let event = try await events.find(eventID, seats: false, on: db),
                  event.isManaged(by: principal) || principal.role == .coordinator else {
                throw ConventionsError.notFound("event")
            }
            return try await organizerNames(event.organizerUserIds, on: db)
        }
    }

    /// Adds the organizer user with exactly this address (case and surrounding spaces aside). One who
    /// is already an organizer of the event leaves it as it is, so a retry is harmless.
    public func addOrganizer(email: String, to eventID: UUID, ifVersion version: Int, by principal: Principal) async throws -> Event {
        let address = email.trimmed.lowercased()
        guard ParticipantDraft.isEmail(address) else {
            throw ConventionsError.field("email", "must be an email address of at most \(Limit.email) characters")
        }
        return try await write(by: principal) { db in
            let current = try await managedEvent(eventID, by: principal, lock: true, on: db)
            guard current.version == version else { throw ConventionsError.staleVersion(current: current.version) }
            let found = try await db.query("SELECT account_organizer_by_email(\(address)) AS id")
            let user = try found.first?.decode("id", as: UUID?.self)
            if let user, current.organizerUserIds.contains(user) { return current }
            // A full event answers every address it does not list alike, known or not: the limit's 409 for
            // an organizer's address beside the 422 for any other would tell who has an account (probe11).
            guard current.organizerUserIds.count < Limit.organizers else {
                throw ConventionsError.conflict("An event has at most \(Limit.organizers) organizers.", field: "email")
            }
            guard let user else { throw ConventionsError.field("email", Self.noOrganizerAtAddress) }
            return try await saveOrganizers(current.organizerUserIds + [user], of: current, on: db)
        }
    }

    /// Removes one organizer. The last one stays (an event nobody organizes is left to admins alone), and
    /// an organizer may leave an event that keeps another organizer, after which it is a 404 to them.
    /// A disabled account cannot sign in, so it does not count as the one kept: the last enabled organizer
    /// stays too, while a disabled one may always be removed (probe11). Nor does a coordinator or an admin the
    /// list names (`createEvent` and `updateEvent` accept them): a coordinator manages no event and an admin every
    /// one (`Event.isManaged`), so only an enabled user of the organizer role keeps an event organized (probe12).
    public func removeOrganizer(_ userID: UUID, from eventID: UUID, ifVersion version: Int, by principal: Principal) async throws -> Event {
        try await write(by: principal) { db in
            let current = try await managedEvent(eventID, by: principal, lock: true, on: db)
            guard current.version == version else { throw ConventionsError.staleVersion(current: current.version) }
            guard current.organizerUserIds.contains(userID) else { throw ConventionsError.notFound("organizer of this event") }
            let remaining = current.organizerUserIds.filter { $0 != userID }
            try await checkOrganizersKept(from: current.organizerUserIds, to: remaining, field: "userId", on: db)
            return try await saveOrganizers(remaining, of: current, on: db)
        }
    }

    static let lastOrganizerKept = "An event keeps at least one enabled organizer; add another before removing this one."

    /// `EventOrganizer.keepsOrganized` with the accounts as they are now, or the 409 naming `field`.
    func checkOrganizersKept(from before: [UUID], to after: [UUID], field: String, on db: PostgresConnection) async throws {
        guard before != after else { return }
        let organizing = Set(try await organizerNames(Array(Set(before + after)), on: db).filter(\.organizes).map(\.userId))
        guard EventOrganizer.keepsOrganized(from: before, to: after, organizing: organizing) else {
            throw ConventionsError.conflict(Self.lastOrganizerKept, field: field)
        }
    }

    /// Writes the new list through the event's versioned update, so the row trigger audits it as any
    /// other edit of the event (actor, before and after).
    private func saveOrganizers(_ organizers: [UUID], of current: Event, on db: PostgresConnection) async throws -> Event {
        let draft = try current.edited(expecting: current.version, as: ConventionsError.self) { $0.organizerUserIds = organizers }
        guard try await events.update(current.id, version: current.version, to: draft, on: db) else {
            throw ConventionsError.staleVersion(current: current.version)
        }
        guard let updated = try await events.find(current.id, on: db) else { throw ConventionsError.notFound("event") }
        return updated
    }

    /// Names in the event's order; an id Accounts no longer has is skipped rather than invented.
    private func organizerNames(_ ids: [UUID], on db: PostgresConnection) async throws -> [EventOrganizer] {
        guard !ids.isEmpty else { return [] }
        // `account_roles` answers enabled users only.
        var organizing = Set<UUID>()
        for row in try await db.query("SELECT id, role FROM account_roles(\(ids))") where try row.decode("role", as: String.self) == Role.organizer.rawValue {
            organizing.insert(try row.decode("id", as: UUID.self))
        }
        var found: [UUID: EventOrganizer] = [:]
        for row in try await db.query("SELECT id, display_name, email, disabled FROM account_names(\(ids))") {
            let id: UUID = try row.decode("id")
            found[id] = EventOrganizer(
                userId: id, displayName: try row.decode("display_name"), email: try row.decode("email"), disabled: try row.decode("disabled"),
                organizes: organizing.contains(id))
        }
        return ids.compactMap { found[$0] }
    }
}
