import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// A merge asked for a company that is no longer in the directory: most often the same merge confirmed
/// a second time (another tab, or another administrator first), which deleted the absorbed company. The
/// person gets a page that says so and where to go on, not the bare 404 page; nothing is written.
extension Console {
    /// `page`, unless one of the two companies is gone: then this page, with the 404 status the API
    /// answers for a company that does not exist, leading on to the kept company when it is still there.
    func unlessMergedAway(_ request: ConsoleRequest, _ page: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        do {
            return try await page()
        } catch CompaniesError.notFound {
            return try await mergedAwayPage(request)
        } catch CompaniesError.invalid(let errors) where errors.contains(FieldError(field: "absorb", message: CompanyService.unknownAbsorbed)) {
            // Deleted between this request's read and the merge's locked one.
            return try await mergedAwayPage(request)
        }
    }

    private func mergedAwayPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let kept: Company?
        do {
            kept = try await services.companies.company(id, by: principal)
        } catch CompaniesError.notFound {
            kept = nil
        }
        let onward: HTML = kept.map { company in
            let name = t.pick(ja: company.nameJa, en: company.nameEn).text
            return el("ul", [attr("class", "plain")], [
                el("li", [], [el("a", [attr("href", "/companies/\(id.uuidString.lowercased())")], t(.companyMergeOpen, name))]),
                el("li", [], [el("a", [attr("href", "/companies/\(id.uuidString.lowercased())/duplicates")], t(.companyDuplicatesBack))]),
            ])
        } ?? el("p", [], [el("a", [attr("href", "/companies")], t(.companyMergeToDirectory))])
        return Layout.page(request, status: HTTPStatus(code: 404), title: t(.companyMergeAlreadyTitle), section: .companies, [
            el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                el("p", [], t(kept == nil ? .companyMergeKeptGone : .companyMergeAbsorbedGone)),
                el("p", [], t(.companyMergeNothingDone)),
            ]),
            onward,
        ])
    }
}
