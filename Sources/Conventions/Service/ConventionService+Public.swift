public import FoundationEssentials
import DomainKit
import Postgres

/// What a guest's registration on the public page did. The page answers every case with the same
/// words ("we have written to you"), so it never tells a stranger whether an address is registered;
/// the difference reaches only the mailbox of the address.
public enum PublicRegistrationOutcome: Sendable, Equatable {
    /// A new registration: a seat or a place on the waitlist.
    case registered(Registration)
    /// The address already had a registration in force for the event; its message was sent again (within the limit).
    case alreadyRegistered
}

/// Registration by guests without an account (issue 15): the public page of each event.
extension ConventionService {
    /// An event as the public page shows it, with seats taken and waitlisted.
    public func publicEvent(_ id: UUID) async throws -> Event {
        guard let event = try await pool.withConnection({ try await events.find(id, on: $0) }) else {
            throw ConventionsError.notFound("event")
        }
        return event
    }

    /// The university registry for the student fields of the public page.
    public func publicUniversities() async throws -> [University] {
        try await pool.withConnection { try await universityRegistry.universities(on: $0) }
    }

    /// Registers a guest by the same rules as staff (window, capacity, waitlist, one registration per
    /// address, the confirmation in the transaction), with two differences that keep strangers from
    /// learning or changing what others gave: a known address keeps the person's details as they are,
    /// and an address already registered is not a 409 but the registration's message sent again to that
    /// address (at most `confirmationResends` times a day, as staff's resends). There is no actor for the audit trail
    /// (the row triggers record a write without one).
    public func registerPublicly(_ draft: RegistrationDraft, eventID: UUID) async throws -> PublicRegistrationOutcome {
        try await pool.transaction { db in
            guard let event = try await events.lock(eventID, on: db) else { throw ConventionsError.notFound("event") }
            try checkRegistrationWindow(of: event)
            guard clock.now() < event.endsAt else { throw ConventionsError.conflict("The event is over.", field: nil) }
            let (participantID, attendance, capacity) = try await prepare(draft, in: event, keepingKnownPerson: true, on: db)
            // A person who cancelled and registers again gets a new registration (a seat or the waitlist,
            // a new door code); the cancelled one stays cancelled. Someone still expected, or whose event
            // is behind them (attended, no-show), is already registered.
            if let existing = try await registrations.find(participantID: participantID, eventID: event.id, on: db), existing.status != .cancelled {
                // Within the limit of staff's resends, which these count towards: a stranger who knows the address
                // cannot fill its mailbox by registering it again and again (the page answers the same either way).
                if existing.status == .registered || existing.status == .waitlisted, try await resendLimitHolds(existing, on: db) == nil {
                    try await enqueueMail(.registered, existing, event: event, on: db)
                }
                return .alreadyRegistered
            }
            return .registered(try await seat(participantID, attendance: attendance, capacity: capacity, in: event, on: db))
        }
    }
}
