import HTTPServer

/// A CSV download that Excel opens cleanly (CSVWriter: UTF-8 with BOM, CRLF, no formulas), streamed a
/// page at a time so memory stays flat however large the export. The first page is read by the caller
/// before this is built, so a refusal (bad filter, no access) is still a proper problem response.
public enum CSVExport {
    /// `rows` turns a page into CSV rows; `next` reads the page after it, or returns nil after the last.
    public static func response<Page: Sendable>(
        filename: String, header: [String], first: Page, rows: @escaping @Sendable (Page) -> [[String]],
        next: @escaping @Sendable (Page) async throws -> Page?
    ) -> APIResponse {
        let headers: HTTPHeaders = [
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"\(filename)\"",
        ]
        return APIResponse(status: .ok, headers: headers, body: .stream { body in
            var csv = CSVWriter()
            csv.appendRow(header)
            var page = first
            while true {
                for row in rows(page) { csv.appendRow(row) }
                try await body.write(csv.takeBytes())
                guard let following = try await next(page) else { break }
                page = following
            }
        })
    }
}
