public import DomainKit
public import FoundationEssentials
import Postgres

extension CompanyService {
    /// Likely duplicates of a company, for managers deciding on a merge.
    public func duplicates(of id: UUID, by principal: Principal) async throws -> [CompanyDuplicate] {
        return try await pool.withConnection { db in
            guard let company = try await companies.find(id, on: db) else { throw CompaniesError.notFound("company") }
            return try await companies.duplicates(
                nameJa: company.nameJa, nameEn: company.nameEn, corporateNumber: company.corporateNumber, excluding: id, on: db)
        }
    }

    /// Creates the company and reports the existing companies it probably duplicates; the create is not
    /// refused for a similar name (two firms may share one), only for the same 法人番号 (409).
    public func createCompanyReportingDuplicates(_ draft: CompanyDraft, by principal: Principal) async throws -> CreatedCompany {
        let company = try await createCompany(draft, by: principal)
        let found = try await pool.withConnection { db in
            try await companies.duplicates(
                nameJa: company.nameJa, nameEn: company.nameEn, corporateNumber: company.corporateNumber, excluding: company.id, on: db)
        }
        return CreatedCompany(company: company, possibleDuplicates: found)
    }

    /// The refusal of an `absorb` that is not (or no longer) in the directory: merged away already, say.
    public static let unknownAbsorbed = "is not a known company"

    /// Admin only. Merges `absorbedID` into `survivorID` in one transaction: every row of every table
    /// whose foreign key references companies (technologies, track records, users, liaison bases, and
    /// whatever other modules add) is repointed to the survivor; the survivor keeps its own fields and
    /// takes the absorbed company's where its own are empty (lists are united); the absorbed row is
    /// deleted. The audit log gets a `company.merge` entry naming both, plus the row triggers' entries.
    /// `absorbedVersion`, when given, is the absorbed company's version the merge was decided on (the
    /// console's confirmation page showed it): an edit of that company since is lost to the delete and
    /// changes what the survivor takes, so it is refused as stale under the same lock.
    public func mergeCompany(
        _ survivorID: UUID, absorbing absorbedID: UUID, ifVersion version: Int, absorbedVersion: Int? = nil, by principal: Principal
    ) async throws -> CompanyMerge {
        guard survivorID != absorbedID else {
            throw CompaniesError.invalid([FieldError(field: "absorb", message: "must be another company than the one in the path")])
        }
        return try await write(by: principal) { db in
            let pair = try await companies.lockPair(survivorID, absorbedID, on: db)
            guard let survivor = pair[survivorID] else { throw CompaniesError.notFound("company") }
            guard let absorbed = pair[absorbedID] else {
                throw CompaniesError.invalid([FieldError(field: "absorb", message: Self.unknownAbsorbed)])
            }
            guard survivor.version == version else { throw CompaniesError.staleVersion(current: survivor.version) }
            if let absorbedVersion, absorbed.version != absorbedVersion { throw CompaniesError.staleVersion(current: survivor.version) }
            let moved = try await companies.repointReferences(to: survivorID, from: absorbedID, on: db)
            try await companies.delete(absorbedID, on: db)
            let merged = Self.merged(survivor.draft, absorbing: absorbed.draft)
            let company = try updated(try await companies.update(survivorID, version: version, to: merged, at: clock.now(), on: db), current: survivor.version, as: CompaniesError.self)
            try await AuditLog.record(
                on: db, actor: principal.userID, action: "company.merge", entity: "companies", entityID: survivorID.uuidString.lowercased(),
                changes: [
                    "survivor": survivorID.uuidString.lowercased(), "absorbed": absorbedID.uuidString.lowercased(),
                    "absorbedNameJa": absorbed.nameJa, "absorbedNameEn": absorbed.nameEn,
                    "absorbedCorporateNumber": absorbed.corporateNumber,
                    "moved": moved.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "),
                ],
                requestID: nil)
            return CompanyMerge(company: company, absorbed: absorbedID, moved: moved)
        }
    }

    /// The survivor's fields win; empty ones are filled from the absorbed company; lists are united.
    /// Public for the console's merge confirmation, which shows what the kept company would take.
    public static func merged(_ survivor: CompanyDraft, absorbing absorbed: CompanyDraft) -> CompanyDraft {
        var draft = survivor
        draft.nameJa = survivor.nameJa ?? absorbed.nameJa
        draft.nameEn = survivor.nameEn ?? absorbed.nameEn
        draft.nameReading = survivor.nameReading ?? absorbed.nameReading
        draft.corporateNumber = survivor.corporateNumber ?? absorbed.corporateNumber
        draft.address = survivor.address ?? absorbed.address
        draft.municipality = survivor.municipality ?? absorbed.municipality
        if survivor.yusaMemberSince == nil {
            draft.yusaMemberSince = absorbed.yusaMemberSince
            draft.yusaTier = absorbed.yusaTier
        }
        draft.website = survivor.website ?? absorbed.website
        draft.languages = united(survivor.languageList, absorbed.languageList, max: TextLimit.listItems)
        draft.countriesWithExperience = united(survivor.countryList, absorbed.countryList, max: TextLimit.countries)
        return draft
    }

    /// The union in order, cut at the column's limit (migration 0006) so a merge never breaks it.
    private static func united(_ first: [String], _ second: [String], max: Int) -> [String] {
        Array((first + second.filter { !first.contains($0) }).prefix(max))
    }
}
