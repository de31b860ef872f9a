public import DomainKit
import Postgres

extension KPIService {
    public func settings() async throws -> KPISettings {
        try await pool.withConnection { try await store.settings(on: $0) }
    }

    /// Changes the rating thresholds and counting choices (admin, audited). A stale version is a 412; a
    /// changed counting choice recounts every year through the settings' trigger, in this transaction. A PUT of
    /// the settings as they are writes nothing (no version, no audit row, no recount) and answers the same
    /// version (DomainKit `Versioned.saving`, as every PATCH).
    public func updateSettings(_ draft: KPISettingsDraft, ifVersion version: Int, by principal: Principal) async throws -> KPISettings {
        try await pool.audited(by: principal) { db in
            let current = try await store.settings(on: db, forUpdate: true)
            let choices = try current.edited(expecting: version, as: KPIError.self) { $0 = try draft.applied(to: current) }
            return try await current.saving(choices, as: KPIError.self) { choices in
                try await store.updateSettings(choices, on: db)
                return try await store.settings(on: db)
            }
        }
    }
}
