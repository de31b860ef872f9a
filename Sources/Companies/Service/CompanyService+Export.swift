public import DomainKit
import FoundationEssentials
import Postgres

extension CompanyService {
    /// One page of the export: the companies of the list (same filters, same visibility) with the
    /// technologies the caller may see, in the CSV layout of `CompanyCSV`.
    public func exportPage(_ filter: CompanyFilter, page: PageRequest, by principal: Principal) async throws -> (rows: [[String]], next: PageCursor?) {
        let listed = try await companies(filter, page: page, by: principal)
        let found = try await pool.withConnection { db in
            try await technologies.visibleTechnologies(of: listed.items.map(\.id), visibility: Visibility(principal), on: db)
        }
        let byCompany = Dictionary(grouping: found, by: \.companyID)
        var rows: [[String]] = []
        for company in listed.items {
            let own = byCompany[company.id] ?? []
            if own.isEmpty {
                rows.append(CompanyCSV.row(company, nil))
            } else {
                rows += own.map { CompanyCSV.row(company, $0) }
            }
        }
        return (rows, listed.nextCursor.flatMap(PageCursor.init(encoded:)))
    }

    /// The header row of the export: the company's id (read past on import), then the import's columns.
    public static var exportHeader: [String] { ["companyId"] + CompanyCSV.columns }
}
