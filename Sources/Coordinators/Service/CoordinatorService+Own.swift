public import DomainKit
public import FoundationEssentials
import Postgres

extension CoordinatorService {
    /// The caller's own coordinator profile, or nil when it has none (an admin, or a coordinator whose
    /// profile an admin has not created yet). The console's home page lists this profile's leads.
    public func ownProfile(by principal: Principal) async throws -> Coordinator? {
        try await pool.withConnection { db in try await coordinators.find(userID: principal.userID, on: db) }
    }

    /// A user's coordinator profile (with the active leads it owns), or nil when the user has none: an administrator's
    /// page of a user says which leads stay with a coordinator being disabled. Every role reads profiles, as the API says.
    public func profile(ofUser userID: UUID, by principal: Principal) async throws -> Coordinator? {
        try await pool.withConnection { db in try await coordinators.find(userID: userID, on: db) }
    }
}
