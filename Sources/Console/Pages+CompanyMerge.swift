import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// A company's likely duplicates (`listCompanyDuplicates`: administrators and coordinators) and merging
/// one into another (`mergeCompanies`: administrators). A merge is offered only through a confirmation
/// page that shows both records, says what moves (technologies, track records, user accounts and every
/// other record that names the company), which fields the kept company takes, and that it cannot be
/// undone; the form carries the kept company's version, so a record changed meanwhile is shown again.
extension Console {
    var companyMergePages: [Page] {
        let merge = ["getCompany", "listCompanyTechnologies", "listCompanyTrackRecords", "mergeCompanies"]
        return [
            Page(.get, "/companies/{id}/duplicates", operations: ["getCompany", "listCompanyDuplicates"]) { console, request in
                try await console.companyDuplicatesPage(request)
            },
            Page(.get, "/companies/{id}/merge", operations: merge) { console, request in
                try await console.unlessMergedAway(request) { try await console.mergeConfirmation(request) }
            },
            Page(.post, "/companies/{id}/merge", operations: merge) { console, request in
                try await console.unlessMergedAway(request) { try await console.mergeCompanies(request) }
            },
        ]
    }

    func companyDuplicatesPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let company = try await services.companies.company(id, by: principal)
        let duplicates = try await services.companies.duplicates(of: id, by: principal)
        let name = t.pick(ja: company.nameJa, en: company.nameEn).text
        let path = "/companies/\(id.uuidString.lowercased())"
        let merges = allows(principal.role, "mergeCompanies")
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", path)], t(.backToCompany, name))]),
            el("p", [attr("class", "explain")], t(.companyDuplicatesIntro)),
        ]
        if !merges { content.append(el("p", [attr("class", "explain")], t(.companyMergeAdminsOnly))) }
        content.append(duplicates.isEmpty ? el("p", [attr("class", "notice")], t(.companyNoDuplicates)) : Table.make(
            caption: t(.companyDuplicatesTitle, name), captionShown: false,
            headers: [t(.companyName), t(.corporateNumber), t(.companyDuplicateWhy)] + (merges ? [t(.companyMergeAction)] : []),
            numeric: [], stacked: true,
            rows: duplicates.map { duplicate in
                let other = duplicate.id.uuidString.lowercased()
                var label: [HTML] = [.text(t.pick(ja: duplicate.nameJa, en: duplicate.nameEn).text)]
                if duplicate.archived { label.append(el("span", [attr("class", "tag")], t(.companyArchivedMark))) }
                let merge: [HTML] = merges ? [el("ul", [attr("class", "plain")], [
                    el("li", [], [el("a", [attr("href", "\(path)/merge?absorb=\(other)")], t(.companyMergeIntoThis, name))]),
                    el("li", [], [el("a", [attr("href", "/companies/\(other)/merge?absorb=\(id.uuidString.lowercased())")], t(.companyMergeIntoThis, t.pick(ja: duplicate.nameJa, en: duplicate.nameEn).text))]),
                ])] : []
                return [el("a", [attr("href", "/companies/\(other)")], label), .text(duplicate.corporateNumber ?? "—"),
                        .text(Self.duplicateReasons(duplicate, t) + t(.companySimilarity, t.number(Int((duplicate.similarity * 100).rounded()))))] + merge
            }))
        return Layout.page(request, title: t(.companyDuplicatesTitle, name), section: .companies, content)
    }

    /// The company to absorb (`?absorb=` on the page, `absorb` in its form): another company the person may read.
    private func absorbedCompany(_ request: ConsoleRequest, survivor: UUID) async throws -> Company {
        guard let text = request.formValue("absorb") ?? request.query("absorb"), let id = UUID(uuidString: text), id != survivor else {
            throw ConsoleError.badRequest
        }
        return try await services.companies.company(id, by: try request.principal)
    }

    /// Both records, what moves and what the kept company takes, and the button that cannot be undone.
    /// `changedMeanwhile`: the kept company (or, with `absorbedChanged`, the one to merge away) was saved
    /// since the page was opened (409), so both are shown again as they are now.
    func mergeConfirmation(
        _ request: ConsoleRequest, changedMeanwhile: Bool = false, absorbedChanged: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let survivor = try await services.companies.company(id, by: principal)
        let absorbed = try await absorbedCompany(request, survivor: id)
        let all = try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: nil)
        let technologies = try await services.companies.technologies(of: absorbed.id, page: all, by: principal).items.count
        let records = try await services.companies.trackRecords(of: absorbed.id, page: all, by: principal).items.count
        let kept = t.pick(ja: survivor.nameJa, en: survivor.nameEn).text
        let gone = t.pick(ja: absorbed.nameJa, en: absorbed.nameEn).text
        let taken = zip(CompanyFormValues(CompanyService.merged(survivor.draft, absorbing: absorbed.draft)).labelled(t, programme: true),
                        CompanyFormValues(survivor).labelled(t, programme: true)).filter { $0.value != $1.value }.map(\.0)
        let path = "/companies/\(id.uuidString.lowercased())"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", path + "/duplicates")], t(.companyDuplicatesBack))])]
        if changedMeanwhile {
            let detail = absorbedChanged ? t(.companyMergeAbsorbedChangedDetail, t.date(absorbed.updatedAt)) : t(.companyMergeChangedDetail, t.date(survivor.updatedAt))
            content.append(Form.changedMeanwhile(title: t(.companyChangedMeanwhile), detail: detail, differences: .fragment([])))
        }
        content += [
            el("div", [attr("class", "merge-pair")], [
                el("section", [attr("aria-labelledby", "kept")], [el("h2", [attr("id", "kept")], t(.companyMergeKept, kept)), CompanyPages.record(survivor, t)]),
                el("section", [attr("aria-labelledby", "gone")], [el("h2", [attr("id", "gone")], t(.companyMergeGone, gone)), CompanyPages.record(absorbed, t)]),
            ]),
            el("h2", [], t(.companyMergeWhatHappens)),
            el("ul", [], [
                el("li", [], t(.companyMergeMovesItems, gone, t.number(technologies), t.number(records), kept)),
                el("li", [], t(.companyMergeMovesOthers, kept)),
                el("li", [], taken.isEmpty ? t(.companyMergeTakesNothing, kept) : t(.companyMergeTakes, kept)),
            ]),
        ]
        if !taken.isEmpty {
            content.append(el("dl", [attr("class", "summary-list")], taken.flatMap { [el("dt", [], $0.label), el("dd", [], $0.value.isEmpty ? "—" : $0.value)] }))
        }
        content += [
            el("div", [attr("class", "notice warning"), attr("role", "note")], [el("p", [], [el("strong", [], t(.companyMergeCannotUndo, gone))])]),
            el("form", [attr("method", "post"), attr("action", path + "/merge")], [
                Layout.csrfField(request),
                .void("input", [attr("type", "hidden"), attr("name", "absorb"), attr("value", absorbed.id.uuidString.lowercased())]),
                Form.version(survivor.version),
                // The absorbed company's version too: its record is deleted and its fields fill the kept
                // one's gaps, so an edit of it after this page was shown must not be merged unseen.
                .void("input", [attr("type", "hidden"), attr("name", "absorbVersion"), attr("value", String(absorbed.version))]),
                el("button", [attr("type", "submit"), attr("class", "warning")], t(.companyMergeButton, gone, kept)),
            ]),
        ]
        return Layout.page(request, status: status, title: t(.companyMergeTitle), section: .companies, content)
    }

    /// Merges from the version the confirmation showed; the answer says what moved.
    func mergeCompanies(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let absorbed = try await absorbedCompany(request, survivor: id)
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        // A form rendered before the field existed names no version of the absorbed company (checked as before).
        let absorbedVersion = request.formValue("absorbVersion").flatMap(Int.init)
        let merge: CompanyMerge
        do {
            merge = try await services.companies.mergeCompany(id, absorbing: absorbed.id, ifVersion: version, absorbedVersion: absorbedVersion, by: principal)
        } catch CompaniesError.staleVersion(let current) {
            return try await mergeConfirmation(request, changedMeanwhile: true, absorbedChanged: current == version, status: HTTPStatus(code: 409))
        } catch let error as PostgresError where Self.isUniqueViolation(error) {
            return try await mergeConflictPage(request, survivor: id)
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            return try await mergeConflictPage(request, survivor: id)
        }
        let kept = t.pick(ja: merge.company.nameJa, en: merge.company.nameEn).text
        let moved = merge.moved.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let labels: [String: Message] = [
            "company_technologies.company_id": .technologies, "company_track_records.company_id": .trackRecords, "users.company_id": .companyMergeUsers,
        ]
        return Layout.page(request, title: t(.companyMergeTitle), section: .companies, [
            el("p", [attr("class", "notice success"), attr("role", "status")],
               t(.companyMerged, t.pick(ja: absorbed.nameJa, en: absorbed.nameEn).text, kept)),
            moved.isEmpty ? el("p", [], t(.companyMergeMovedNothing)) : Table.make(
                caption: t(.companyMergeMoved), headers: [t(.companyMergeRecords), t(.companyMergeCount)], numeric: [1],
                rows: moved.map { key, count in [labels[key].map { .text(t($0)) } ?? el("code", [], key), .text(t.number(count))] }),
            el("p", [], [el("a", [attr("class", "button secondary"), attr("href", "/companies/\(merge.company.id.uuidString.lowercased())")], t(.companyMergeOpen, kept))]),
        ])
    }

    /// A record that may name each company once names both (the same lead, a live match on the same
    /// lead, the same meeting request): the merge moved nothing. Said in the page's language: the API's
    /// detail is English, and the database's own text names the schema.
    private func mergeConflictPage(_ request: ConsoleRequest, survivor id: UUID) async throws -> HTTPResponse {
        let t = request.language
        let survivor = try await services.companies.company(id, by: try request.principal)
        return Layout.page(request, status: HTTPStatus(code: 409), title: t(.companyMergeTitle), section: .companies, [
            el("div", [attr("class", "error-summary"), attr("role", "alert")], [
                el("h2", [], t(.companyMergeConflict)), el("p", [], t(.companyMergeConflictExplained)),
            ]),
            el("p", [], [el("a", [attr("href", "/companies/\(id.uuidString.lowercased())")], t(.backToCompany, t.pick(ja: survivor.nameJa, en: survivor.nameEn).text))]),
        ])
    }

    private static func isUniqueViolation(_ error: PostgresError) -> Bool {
        if case .unique? = error.violation { return true }
        return false
    }
}
