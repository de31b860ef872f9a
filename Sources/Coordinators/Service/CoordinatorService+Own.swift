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

    /// How many stranded profiles `strandedOwnersOfActiveLeads` reads: far more than the programme has coordinators.
    public static let leadOwnersChecked = 1_000

    /// The profiles that still own active leads while their user may no longer own leads: disabled, or moved to another role
    /// (`owner(named:)`'s rule). The administrator's home links each to the leads list filtered by it, where the hand-over is.
    /// One statement, whatever the number of owners. Administrators only.
    public func strandedOwnersOfActiveLeads(by principal: Principal) async throws -> [Coordinator] {
        guard principal.role == .admin else { throw RecordError.forbidden("Only an administrator reads which owners can no longer own leads.") }
        return try await pool.withConnection { try await coordinators.strandedOwners(limit: Self.leadOwnersChecked, on: $0) }
    }
}
