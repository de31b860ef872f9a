public import DomainKit
import FoundationEssentials
import HTTPServer

/// `GET /v1/needs/export`: the needs a caller may see, with the list's filters, as CSV that Excel opens
/// cleanly (UTF-8 with BOM, CRLF, no formulas). Streamed a page at a time, so memory stays flat however
/// many needs there are; the columns are the import's, so an export can be edited and imported again.
public enum NeedExport {
    static let pageSize = 100

    /// The first page is read before the 200 goes out, so a refusal is still a proper problem response.
    public static func response(service: CityService, filter: CityNeedFilter, principal: Principal) async throws -> APIResponse {
        let first = try await service.needs(filter, page: PageRequest(limit: pageSize), by: principal)
        return CSVExport.response(
            filename: "city-needs.csv", header: ["id"] + CityService.importColumns + ["reportedAt"], first: first,
            rows: { $0.items.map(row) }
        ) { page in
            guard let after = page.nextCursor.flatMap(PageCursor.init(encoded:)) else { return nil }
            return try await service.needs(filter, page: PageRequest(limit: pageSize, after: after), by: principal)
        }
    }

    static func row(_ need: CityNeed) -> [String] {
        return [
            need.id.uuidString.lowercased(), need.cityId.uuidString.lowercased(), need.titleJa ?? "", need.titleEn ?? "",
            need.descriptionJa ?? "", need.descriptionEn ?? "", need.taxonomyCodes.joined(separator: "|"),
            need.sector ?? "", need.source.rawValue, need.sourceReference ?? "",
            need.budgetMinYen.map(String.init) ?? "", need.budgetMaxYen.map(String.init) ?? "", need.timeframe ?? "",
            need.status.rawValue, need.reportedAt.formatted(.iso8601),
        ]
    }
}
