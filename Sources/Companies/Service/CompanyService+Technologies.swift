public import DomainKit
public import FoundationEssentials
import Postgres

/// Every write here is a save to the company's capabilities by its own staff or a manager (the only callers
/// `requireOwnCompany` lets through), so each stamps the company's `profileReviewedAt` from the programme clock in the
/// same transaction; an edit that changes nothing writes nothing, the date included (docs/companies.md). An archived
/// company's capabilities are read-only for its own staff (`requireChangeable`).
extension CompanyService {
    /// A company's technologies the caller may see.
    public func technologies(of companyID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<CompanyTechnology> {
        try await pool.withConnection { db in
            guard try await companies.find(companyID, on: db) != nil else { throw CompaniesError.notFound("company") }
            return try await technologies.list(of: companyID, visibility: Visibility(principal), page: page, on: db)
        }
    }

    public func createTechnology(_ draft: CompanyTechnologyDraft, companyID: UUID, by principal: Principal) async throws -> CompanyTechnology {
        try requireOwnCompany(companyID, principal)
        try draft.validate()
        return try await write(by: principal) { db in
            try await requireChangeable(companyID, by: principal, on: db)
            try await checkTaxonomy(draft.codes, on: db)
            try await checkLimits(adding: draft, to: companyID, on: db)
            try await companies.stampReviewed(companyID, at: clock.now(), on: db)
            return try await technologies.insert(draft, companyID: companyID, on: db)
        }
    }

    public func updateTechnology(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CompanyTechnologyDraft) throws -> Void
    ) async throws -> CompanyTechnology {
        return try await write(by: principal) { db in
            guard let current = try await technologies.find(id, on: db, forUpdate: true) else { throw CompaniesError.notFound("technology") }
            try requireOwnCompany(current.companyID, principal, what: "technology")
            try await requireChangeable(current.companyID, by: principal, on: db)
            let draft = try current.edited(expecting: version, as: CompaniesError.self, edit)
            try draft.validate()
            try await checkTaxonomy(draft.codes, on: db)
            try await checkLimits(adding: draft, to: current.companyID, replacing: id, on: db)
            return try await current.saving(draft, as: CompaniesError.self) {
                try await companies.stampReviewed(current.companyID, at: clock.now(), on: db)
                return try await technologies.update(id, version: version, to: $0, on: db)
            }
        }
    }

    /// Removes a technology the company no longer offers, from the version the caller read (a stale one writes nothing).
    /// Nothing references a technology by id: a business match keeps the score parts it was made with by value, and the
    /// search text and every matching index follow through their triggers (docs/companies.md, "Removing a technology or
    /// track record"). The removal counts as reviewing the profile, and one audit entry keeps what was removed, since the
    /// row trigger's delete entry keeps no values.
    public func removeTechnology(_ id: UUID, ifVersion version: Int, by principal: Principal) async throws {
        try await remove(id, "technology", action: "company_technology.remove", table: "company_technologies", ifVersion: version, by: principal) { db in
            try await technologies.find(id, on: db, forUpdate: true).map { current in
                (current.companyID, current.version, [
                    "titleJa": current.titleJa, "titleEn": current.titleEn, "descriptionJa": current.descriptionJa,
                    "descriptionEn": current.descriptionEn, "taxonomyCodes": current.taxonomyCodes.joined(separator: ","),
                    "maturity": current.maturity.rawValue, "disclosure": current.disclosure.rawValue,
                ])
            }
        } delete: { db in
            try await technologies.delete(id, version: version, on: db)
        }
    }

    /// `CapabilityLimits` for a technology added (or, with `replacing`, edited): the company's technologies and their tags
    /// together after the write. Called with the company's row locked (`requireChangeable`).
    private func checkLimits(adding draft: CompanyTechnologyDraft, to companyID: UUID, replacing id: UUID? = nil, on db: PostgresConnection) async throws {
        let held = try await technologies.held(by: companyID, excluding: id, on: db)
        if id == nil, held.technologies >= CapabilityLimits.technologies { throw CapabilityLimits.tooMany(technologies: held.technologies) }
        let tags = held.tags + draft.codes.count
        if tags > CapabilityLimits.taxonomyTags { throw CapabilityLimits.tooMany(taxonomyTags: tags) }
    }

    // MARK: Track records

    /// A company's track records the caller may see.
    public func trackRecords(of companyID: UUID, page: PageRequest, by principal: Principal) async throws -> Page<CompanyTrackRecord> {
        try await pool.withConnection { db in
            guard try await companies.find(companyID, on: db) != nil else { throw CompaniesError.notFound("company") }
            return try await records.list(of: companyID, visibility: Visibility(principal), page: page, on: db)
        }
    }

    public func createTrackRecord(_ draft: CompanyTrackRecordDraft, companyID: UUID, by principal: Principal) async throws -> CompanyTrackRecord {
        try requireOwnCompany(companyID, principal)
        try draft.validate()
        return try await write(by: principal) { db in
            try await requireChangeable(companyID, by: principal, on: db)
            let held = try await records.count(of: companyID, on: db)
            if held >= CapabilityLimits.trackRecords { throw CapabilityLimits.tooMany(trackRecords: held) }
            try await companies.stampReviewed(companyID, at: clock.now(), on: db)
            return try await records.insert(draft, companyID: companyID, on: db)
        }
    }

    public func updateTrackRecord(
        _ id: UUID, ifVersion version: Int, by principal: Principal, _ edit: (inout CompanyTrackRecordDraft) throws -> Void
    ) async throws -> CompanyTrackRecord {
        return try await write(by: principal) { db in
            guard let current = try await records.find(id, on: db, forUpdate: true) else { throw CompaniesError.notFound("track record") }
            try requireOwnCompany(current.companyID, principal, what: "track record")
            try await requireChangeable(current.companyID, by: principal, on: db)
            let draft = try current.edited(expecting: version, as: CompaniesError.self, edit)
            try draft.validate()
            return try await current.saving(draft, as: CompaniesError.self) {
                try await companies.stampReviewed(current.companyID, at: clock.now(), on: db)
                return try await records.update(id, version: version, to: $0, on: db)
            }
        }
    }

    /// Removes a track record, as `removeTechnology` removes a technology.
    public func removeTrackRecord(_ id: UUID, ifVersion version: Int, by principal: Principal) async throws {
        try await remove(id, "track record", action: "company_track_record.remove", table: "company_track_records", ifVersion: version, by: principal) { db in
            try await records.find(id, on: db, forUpdate: true).map { current in
                (current.companyID, current.version, [
                    "country": current.country, "city": current.city, "year": current.year.map(String.init), "client": current.client,
                    "summary": current.summary, "link": current.link, "disclosure": current.disclosure.rawValue,
                ])
            }
        } delete: { db in
            try await records.delete(id, version: version, on: db)
        }
    }

    /// One removal: the item locked (`find`, nil when missing), its company's rules, the delete from the version the caller
    /// read, the review stamp, and the audit entry holding every value removed (`find`'s) and the company: the row trigger's
    /// delete entry keeps no values, and the audit log's restore cannot bring a deleted row back (it updates a row that
    /// still exists), so this entry is what a manager adds it again from.
    private func remove(
        _ id: UUID, _ what: String, action: String, table: String, ifVersion version: Int, by principal: Principal,
        find: (PostgresConnection) async throws -> (companyID: UUID, version: Int, values: [String: String?])?,
        delete: (PostgresConnection) async throws -> Bool
    ) async throws {
        try await write(by: principal) { db in
            guard let current = try await find(db) else { throw CompaniesError.notFound(what) }
            try requireOwnCompany(current.companyID, principal, what: what)
            try await requireChangeable(current.companyID, by: principal, on: db)
            guard current.version == version, try await delete(db) else { throw CompaniesError.staleVersion(current: current.version) }
            try await companies.stampReviewed(current.companyID, at: clock.now(), on: db)
            var changes = current.values
            changes["companyId"] = current.companyID.uuidString.lowercased()
            try await AuditLog.record(
                on: db, actor: principal.userID, action: action, entity: table, entityID: id.uuidString.lowercased(), changes: changes,
                requestID: AuditContext.requestID, at: clock.now())
        }
    }
}
