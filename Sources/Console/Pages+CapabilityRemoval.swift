import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// Removing a technology or a track record the company no longer offers (cap34): 「削除」 on its edit page leads to a
/// confirmation page (what will be removed, what follows, a warning button, a way back), then to the company's page with
/// a banner. The rules are the service's (`removeTechnology`, `removeTrackRecord`); a removal from a version someone's
/// save overtook is this page again, with the record as it is now.
extension Console {
    var capabilityRemovalPages: [Page] {
        let technology = ["getCompany", "listCompanyTechnologies", "deleteCompanyTechnology", "getTaxonomy"]
        let record = ["getCompany", "listCompanyTrackRecords", "deleteCompanyTrackRecord"]
        return [
            Page(.get, "/companies/{id}/technologies/{technologyId}/remove", operations: technology) { console, request in
                try await console.technologyRemoval(request, try await console.technology(request))
            },
            Page(.post, "/companies/{id}/technologies/{technologyId}/remove", operations: technology) { console, request in
                let item = try await console.technology(request)
                return try await console.remove(request, banner: "technologyRemoved") {
                    try await console.services.companies.removeTechnology(item.id, ifVersion: $0, by: $1)
                } stale: {
                    try await console.technologyRemoval(request, item, changedMeanwhile: true)
                }
            },
            Page(.get, "/companies/{id}/track-records/{recordId}/remove", operations: record) { console, request in
                try await console.trackRecordRemoval(request, try await console.trackRecord(request))
            },
            Page(.post, "/companies/{id}/track-records/{recordId}/remove", operations: record) { console, request in
                let item = try await console.trackRecord(request)
                return try await console.remove(request, banner: "recordRemoved") {
                    try await console.services.companies.removeTrackRecord(item.id, ifVersion: $0, by: $1)
                } stale: {
                    try await console.trackRecordRemoval(request, item, changedMeanwhile: true)
                }
            },
        ]
    }

    /// The link on an item's edit page to its confirmation page.
    static func removalLink(_ request: ConsoleRequest, editPath: String) -> HTML {
        el("p", [attr("class", "actions")], [
            el("a", [attr("class", "button secondary"), attr("href", editPath.dropLast("edit".count) + "remove")], request.language(.removeAction)),
        ])
    }

    func technologyRemoval(_ request: ConsoleRequest, _ technology: CompanyTechnology, changedMeanwhile: Bool = false) async throws -> HTTPResponse {
        let t = request.language
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: try request.principal), language: t)
        let dash = { (text: String?) in text.flatMap { $0.isEmpty ? nil : $0 } ?? "—" }
        return try await removalPage(request, title: .removeTechnologyTitle, button: .removeTechnologyButton, path: "technologies/\(technology.id.uuidString.lowercased())",
                                     version: technology.version, changedMeanwhile: changedMeanwhile, summary: [
            (t(.technologyTitleJa), dash(technology.titleJa)), (t(.technologyTitleEn), dash(technology.titleEn)),
            (t(.taxonomy), dash(technology.taxonomyCodes.map { names[$0] ?? $0 }.joined(separator: "、"))),
            (t(.maturity), t(CompanyPages.maturityMessage(technology.maturity))), (t(.disclosure), t(CompanyPages.disclosureMessage(technology.disclosure))),
        ])
    }

    func trackRecordRemoval(_ request: ConsoleRequest, _ record: CompanyTrackRecord, changedMeanwhile: Bool = false) async throws -> HTTPResponse {
        try await removalPage(request, title: .removeTrackRecordTitle, button: .removeTrackRecordButton, path: "track-records/\(record.id.uuidString.lowercased())",
                              version: record.version, changedMeanwhile: changedMeanwhile,
                              summary: TrackRecordFormValues(record).labelled(request.language).map { ($0.label, $0.value.isEmpty ? "—" : $0.value) })
    }

    /// The confirmation: the item's fields, what removing it does, the form that removes it from the version shown, and
    /// the way back to its edit page. `path` is the item's path under the company's.
    private func removalPage(
        _ request: ConsoleRequest, title: Message, button: Message, path: String, version: Int, changedMeanwhile: Bool,
        summary: [(label: String, value: String)]
    ) async throws -> HTTPResponse {
        let t = request.language
        let (principal, company) = try await changeableCompany(request)
        let item = "/companies/\(company.id.uuidString.lowercased())/\(path)"
        var content: [HTML] = []
        if changedMeanwhile { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.removalChangedMeanwhile))) }
        content += [
            el("p", [], t(.removalCompany, t.pick(ja: company.nameJa, en: company.nameEn).text)),
            el("dl", [attr("class", "summary-list")], summary.flatMap { [el("dt", [], $0.label), el("dd", [], $0.value)] }),
            el("div", [attr("class", "notice warning")], [el("h2", [], t(.actionCannotUndo)), el("p", [], t(.removalExplained))]),
            el("form", [attr("method", "post"), attr("action", "\(item)/remove")], [
                Layout.csrfField(request),
                Form.version(version),
                el("button", [attr("type", "submit"), attr("class", "warning")], t(button)),
            ]),
            el("p", [], [el("a", [attr("href", "\(item)/edit")], t(.removalCancel))]),
        ]
        return Layout.page(request, status: changedMeanwhile ? HTTPStatus(code: 409) : .ok, title: t(title), section: section(company.id, principal), content)
    }

    /// Removes from the version the confirmation page carried; back to the company's page with `banner`, or `stale` when
    /// someone saved the item meanwhile.
    private func remove(
        _ request: ConsoleRequest, banner: String, _ removal: (Int, Principal) async throws -> Void,
        stale: () async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let (principal, company) = try await changeableCompany(request)
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        do {
            try await removal(version, principal)
        } catch CompaniesError.staleVersion {
            return try await stale()
        }
        return Layout.seeOther("/companies/\(company.id.uuidString.lowercased())?\(banner)=1")
    }
}
