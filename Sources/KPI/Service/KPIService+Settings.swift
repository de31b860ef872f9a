public import DomainKit
import Postgres

extension KPIService {
    public func settings() async throws -> KPISettings {
        try await pool.withConnection { try await store.settings(on: $0) }
    }

    /// Changes the rating thresholds and counting choices (admin, audited). A stale version is a 412; a
    /// changed counting choice recounts every year through the settings' trigger, in this transaction.
    public func updateSettings(_ draft: KPISettingsDraft, ifVersion version: Int, by principal: Principal) async throws -> KPISettings {
        try await pool.audited(by: principal) { db in
            let current = try await store.settings(on: db, forUpdate: true)
            guard current.version == version else { throw KPIError.staleVersion(current: current.version) }
            try await store.updateSettings(try draft.applied(to: current), on: db)
            return try await store.settings(on: db)
        }
    }
}
