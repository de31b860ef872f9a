public import DomainKit
import FoundationEssentials
import HTTPServer

/// `GET /v1/companies/export`: the directory as the caller sees it, with the list's filters, as a
/// streamed CSV download (DomainKit's `CSVExport`), 100 companies per page; the columns are the
/// import's, so an export can be imported again. Public for the console's export link, which gives the
/// same file.
public enum CompanyExport {
    static let pageSize = 100

    public static func response(service: CompanyService, filter: CompanyFilter, principal: Principal) async throws -> APIResponse {
        let first = try await service.exportPage(filter, page: PageRequest(limit: pageSize), by: principal)
        return CSVExport.response(filename: "companies.csv", header: CompanyService.exportHeader, first: first, rows: \.rows) { page in
            guard let after = page.next else { return nil }
            return try await service.exportPage(filter, page: PageRequest(limit: pageSize, after: after), by: principal)
        }
    }
}
