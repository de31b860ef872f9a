public import FoundationEssentials
import DomainKit
import Mail
import Postgres

/// Where the signed cancellation links of the messages point, and the key they are signed with
/// (the deployment's secrets key; docs/operations.md "Mail relay").
public struct CancellationLinks: Sendable {
    /// The public origin of the console, e.g. `https://domino.example.jp`, without a trailing slash.
    let baseURL: String
    let key: String

    public init(baseURL: String, key: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.key = key
    }
}

/// The messages of a registration and the signed link that cancels it.
extension ConventionService {
    /// Builds the message for `occasion` (with the cancellation link when links are configured) and
    /// enqueues it in the caller's transaction; nothing when the address cannot be written to, which the
    /// answer says (false).
    @discardableResult
    func enqueueMail(_ occasion: RegistrationMail.Occasion, _ registration: Registration, event: Event, on db: PostgresConnection) async throws -> Bool {
        var link: String?
        if let links = cancellationLinks, !occasion.isCancellation {
            let signature = try await signature(of: registration.id, key: links.key, on: db)
            link = "\(links.baseURL)/registrations/\(registration.id.uuidString.lowercased())/cancel?s=\(signature)"
        }
        guard let message = RegistrationMail.message(occasion, registration: registration, event: event, cancelLink: link) else { return false }
        try await Mail.enqueue(message, writtenAt: clock.now(), on: db)
        return true
    }

    /// HMAC-SHA-256 (pgcrypto) of the registration id under the secrets key, as 64 hex digits. Nothing is
    /// stored: the link proves itself, and a new secrets key invalidates every link sent before.
    func signature(of registrationID: UUID, key: String, on db: PostgresConnection) async throws -> String {
        let rows = try await db.query("""
            SELECT encode(hmac(convert_to('cancel-registration:' || \(registrationID.uuidString.lowercased()), 'UTF8'),
                               convert_to(\(key), 'UTF8'), 'sha256'), 'hex') AS signature
            """)
        return try rows[0].decode("signature")
    }

    /// The registration and its event when `signature` is the link's; otherwise the 404 of a missing one,
    /// so a guessed or altered link learns nothing.
    public func registrationForSignedLink(_ id: UUID, signature: String) async throws -> (Registration, Event) {
        try await pool.withConnection { db in try await signedRegistration(id, signature: signature, lock: false, on: db) }
    }

    /// Cancels through the signed link, by the same rules as an organizer's cancellation: the first
    /// waitlisted person moves up in the same transaction, and the person hears that it is done.
    public func cancelBySignedLink(_ id: UUID, signature: String) async throws -> Cancellation {
        try await pool.transaction { db in
            let (_, event) = try await signedRegistration(id, signature: signature, lock: true, on: db)
            return try await cancelLocked(id, in: event, telling: .cancelled, on: db)
        }
    }

    private func signedRegistration(_ id: UUID, signature: String, lock: Bool, on db: PostgresConnection) async throws -> (Registration, Event) {
        guard let links = cancellationLinks, signature.utf8.count == 64,
              let found = try await registrations.find(id, on: db) else { throw ConventionsError.notFound("registration") }
        let expected = try await self.signature(of: id, key: links.key, on: db)
        let matches = zip(expected.utf8, signature.lowercased().utf8).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        guard matches else { throw ConventionsError.notFound("registration") }
        // Lock order event → registration, as every other cancellation.
        let event = lock ? try await events.lock(found.eventId, on: db) : try await events.find(found.eventId, on: db)
        guard let event else { throw ConventionsError.notFound("registration") }
        return (found, event)
    }
}
