public import DomainKit
import Postgres

extension CompanyService {
    /// The public showcase: opted-in, active companies with their public technologies and track
    /// records. Anyone may read it, so it takes no principal.
    public func showcase(page: PageRequest) async throws -> Page<ShowcaseCompany> {
        try await pool.withConnection { db in
            let listed = try await companies.showcase(page: page, on: db)
            let ids = listed.items.map(\.id)
            let technologies = Dictionary(grouping: try await technologies.publicTechnologies(of: ids, on: db), by: \.companyID)
            let records = Dictionary(grouping: try await records.publicRecords(of: ids, on: db), by: \.companyID)
            return listed.map { ShowcaseCompany($0, technologies: technologies[$0.id] ?? [], records: records[$0.id] ?? []) }
        }
    }
}
