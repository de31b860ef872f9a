public import DomainKit
public import FoundationEssentials
import Postgres

/// Every write here is a save to the company's capabilities by its own staff or a manager (the only callers
/// `requireOwnCompany` lets through), so each stamps the company's `profileReviewedAt` from the programme clock in the
/// same transaction; an edit that changes nothing writes nothing, the date included (docs/companies.md).
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
            guard try await companies.find(companyID, on: db) != nil else { throw CompaniesError.notFound("company") }
            try await checkTaxonomy(draft.codes, on: db)
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
            let draft = try current.edited(expecting: version, as: CompaniesError.self, edit)
            try draft.validate()
            try await checkTaxonomy(draft.codes, on: db)
            return try await current.saving(draft, as: CompaniesError.self) {
                try await companies.stampReviewed(current.companyID, at: clock.now(), on: db)
                return try await technologies.update(id, version: version, to: $0, on: db)
            }
        }
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
            guard try await companies.find(companyID, on: db) != nil else { throw CompaniesError.notFound("company") }
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
            let draft = try current.edited(expecting: version, as: CompaniesError.self, edit)
            try draft.validate()
            return try await current.saving(draft, as: CompaniesError.self) {
                try await companies.stampReviewed(current.companyID, at: clock.now(), on: db)
                return try await records.update(id, version: version, to: $0, on: db)
            }
        }
    }
}
