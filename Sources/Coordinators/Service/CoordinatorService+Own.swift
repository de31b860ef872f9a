public import DomainKit
public import FoundationEssentials
import Accounts
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

    /// How many lead-owning profiles `disabledOwnersOfActiveLeads` reads: far more than the programme has coordinators.
    public static let leadOwnersChecked = 1_000

    /// The profiles whose user is disabled while they still own active leads (home32): the administrator's home links
    /// each to the leads list filtered by it, where the hand-over is. Two statements, whatever the number of owners: the
    /// profiles owning active leads, then which of their users are disabled (the Accounts module's door). Administrators only.
    public func disabledOwnersOfActiveLeads(by principal: Principal) async throws -> [Coordinator] {
        guard principal.role == .admin else { throw RecordError.forbidden("Only an administrator reads which disabled users own leads.") }
        let owners = try await pool.withConnection { try await coordinators.owningActiveLeads(limit: Self.leadOwnersChecked, on: $0) }
        let disabled = try await accounts.disabled(among: owners.map(\.userId), actor: principal)
        return owners.filter { disabled.contains($0.userId) }
    }
}
