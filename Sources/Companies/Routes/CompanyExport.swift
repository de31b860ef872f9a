import DomainKit
import FoundationEssentials
import HTTPServer

/// `GET /v1/companies/export`: the directory as the caller sees it, with the list's filters, as CSV that
/// Excel opens cleanly (UTF-8 with BOM, CRLF, no formulas). Streamed a page at a time like the needs
/// export, so memory stays flat; the columns are the import's, so an export can be imported again.
enum CompanyExport {
    static let pageSize = 100

    /// The first page is read before the 200 goes out, so a refusal is still a proper problem response.
    static func response(service: CompanyService, filter: CompanyFilter, principal: Principal) async throws -> APIResponse {
        let first = try await service.exportPage(filter, page: PageRequest(limit: pageSize), by: principal)
        let headers: HTTPHeaders = [
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"companies.csv\"",
        ]
        return APIResponse(status: .ok, headers: headers, body: .stream { body in
            var csv = CSVWriter()
            csv.appendRow(CompanyService.exportHeader)
            var page = first
            while true {
                for row in page.rows { csv.appendRow(row) }
                try await body.write(csv.takeBytes())
                guard let after = page.next else { break }
                page = try await service.exportPage(filter, page: PageRequest(limit: pageSize, after: after), by: principal)
            }
        })
    }
}
