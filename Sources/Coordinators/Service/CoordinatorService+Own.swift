public import DomainKit
import Postgres

extension CoordinatorService {
    /// The caller's own coordinator profile, or nil when it has none (an admin, or a coordinator whose
    /// profile an admin has not created yet). The console's home page lists this profile's leads.
    public func ownProfile(by principal: Principal) async throws -> Coordinator? {
        try await pool.withConnection { db in try await coordinators.find(userID: principal.userID, on: db) }
    }
}
