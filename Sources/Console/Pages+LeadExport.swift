import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// The leads list as CSV for a monthly report in Excel (leads30): every lead the list's filters match (`LeadListQuery`,
/// the same role and base limits as the list, through `listLeads`), up to `leadExportCeiling`; more is a page asking
/// for narrower filters rather than a file cut short. UTF-8 with a BOM, CRLF and formulas neutralised (`CSVWriter`,
/// as every export), the header in the reader's language.
extension Console {
    /// The most leads one CSV holds (docs/leads.md): far above the programme's leads, a bound on what one request reads.
    static let leadExportCeiling = 10_000

    var leadExportPages: [Page] {
        [
            Page(.get, "/leads/export.csv", operations: ["listLeads", "listCities"]) { console, request in try await console.leadExport(request) },
        ]
    }

    func leadExport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let query = try LeadListQuery(request)
        guard query.countryValid else { throw ConsoleError.badRequest }
        let leads: Listed<Lead>
        do {
            leads = try await Self.listed({ try await services.coordinators.leads(query.filter, page: $0, by: principal) }, ceiling: Self.leadExportCeiling)
        } catch let problem as Problem where problem.status == 400 {
            throw ConsoleError.badRequest
        }
        guard !leads.cut else {
            return Layout.page(request, status: HTTPStatus(code: 422), title: t(.leadExportTooManyTitle), section: .leads, [
                el("p", [], t(.leadExportTooMany, t.number(Self.leadExportCeiling))),
                el("p", [], [el("a", [attr("href", Layout.listHref("/leads", query.filters))], t(.leadExportBack))]),
            ])
        }
        let cities = Dictionary(uniqueKeysWithValues: try await Self.everyPage { try await services.cities.cities(CityFilter(), page: $0, by: principal) }
            .map { ($0.id, $0) })
        var owners: [UUID: String] = [:]
        if allows(principal.role, "listCoordinators") {
            for coordinator in try await Self.everyPage({ try await services.coordinators.coordinators(CoordinatorFilter(), page: $0, by: principal) }) {
                owners[coordinator.id] = coordinator.displayName
            }
        }
        let header = [t(.leadExportID), t(.leadTitle), t(.stage), t(.city), t(.country), t(.leadOwner), t(.leadExportValueYen), t(.leadExpectedClose),
                      t(.leadLastActivity), t(.leadDaysInactive), t(.updated)]
        let rows: [[String]] = leads.items.map { lead in
            let city = cities[lead.cityId]
            let cityName: String = city.map { t.pick(ja: $0.nameJa, en: $0.nameEn).text } ?? ""
            let value: String = lead.estimatedValueYen.map { String($0) } ?? ""
            let updated: String = CalendarDate(inJapanAt: lead.updatedAt).description
            var row: [String] = [lead.id.uuidString.lowercased(), lead.title, t(LeadPages.stageMessage(lead.stage)), cityName, city?.country ?? ""]
            row += [owners[lead.ownerCoordinatorId] ?? "", value, lead.expectedCloseOn?.description ?? "", lead.lastActivityOn.description]
            // As the list: a lead no longer worked does not go cold, so it has no count (an empty cell).
            row += [lead.stage.isActive ? String(services.coordinators.daysInactive(lead)) : "", updated]
            return row
        }
        return CSVExport.response(filename: "leads.csv", header: header, first: rows, rows: { $0 }, next: { _ in nil }).httpResponse
    }
}
