public import DomainKit
public import FoundationEssentials
import Postgres

extension MatchService {
    /// Pins and exclusions are made by admin and coordinator; the ranking shows them to everyone.
    public func decisions(for needID: UUID, by principal: Principal) async throws -> [NeedCompanyDecision] {
        return try await pool.withConnection { db in
            _ = try await visibleNeed(needID, by: principal, on: db)
            return try await decisions.list(for: needID, on: db)
        }
    }

    /// Creates the decision (no `ifVersion`) or replaces it (`ifVersion` = its current version).
    /// Replacing without a version is a 428, with an old one a 412; creating one that exists is a 409.
    public func decide(
        _ draft: NeedCompanyDecisionDraft, need needID: UUID, company companyID: UUID, ifVersion: Int?, by principal: Principal
    ) async throws -> (decision: NeedCompanyDecision, created: Bool) {
        var validation = Validation()
        validation.required(draft.reason, "reason", max: NeedCompanyDecisionDraft.reasonLimit)
        try validation.validate(as: MatchesError.self)
        return try await write(by: principal) { db in
            _ = try await visibleNeed(needID, by: principal, on: db)
            guard try await decisions.companyIsActive(companyID, on: db) else { throw MatchesError.notFound("company") }
            let current = try await decisions.find(need: needID, company: companyID, on: db)
            switch (current, ifVersion) {
            case (nil, nil):
                guard let made = try await decisions.insert(draft, need: needID, company: companyID, by: principal.userID, on: db) else {
                    throw MatchesError.conflict("This company already has a decision for this need; send If-Match to replace it.", field: "companyId")
                }
                return (made, true)
            case (nil, .some):
                throw MatchesError.notFound("decision")
            case (.some, nil):
                throw MatchesError.versionRequired
            case (.some(let existing), .some(let version)):
                // The same decision and reason again writes nothing and keeps the version (DomainKit `Versioned.saving`).
                let edited = try existing.edited(expecting: version, as: MatchesError.self) { $0 = draft }
                return (try await existing.saving(edited, as: MatchesError.self) {
                    try await decisions.update($0, need: needID, company: companyID, version: version, by: principal.userID, on: db)
                }, false)
            }
        }
    }

    public func removeDecision(need needID: UUID, company companyID: UUID, ifVersion version: Int, by principal: Principal) async throws {
        try await write(by: principal) { db in
            _ = try await visibleNeed(needID, by: principal, on: db)
            guard let existing = try await decisions.find(need: needID, company: companyID, on: db) else {
                throw MatchesError.notFound("decision")
            }
            guard try await decisions.delete(need: needID, company: companyID, version: version, on: db) else {
                throw MatchesError.staleVersion(current: existing.version)
            }
        }
    }
}
