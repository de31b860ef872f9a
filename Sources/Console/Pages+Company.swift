import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches

/// A company's profile and technologies: company staff's own company (their nav entry), and any
/// company from a need's ranking for coordinators. What each caller sees is the service's rule
/// (disclosure levels), the same as `GET /v1/companies/{id}/technologies`.
extension Console {
    var companyPages: [Page] {
        [
            Page(.get, "/companies/{id}", operations: ["getCompany", "listCompanyTechnologies", "listCompanyTrackRecords", "getTaxonomy"]) { console, request in
                try await console.companyPage(request)
            },
            Page(.post, "/companies/{id}/profile-confirmed", operations: ["getCompany", "confirmCompanyProfile"]) { console, request in
                try await console.confirmProfileCurrent(request)
            },
        ]
    }

    /// "Still current": the profile counts as reviewed now, no field changed (`CompanyService.confirmProfileCurrent`). A
    /// version someone's save overtook is the company's page again, with a 409 and the profile as it is now.
    func confirmProfileCurrent(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let (principal, company) = try await changeableCompany(request)
        let id = company.id
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        do {
            _ = try await services.companies.confirmProfileCurrent(id, ifVersion: version, by: principal)
            return Layout.seeOther("/companies/\(id.uuidString.lowercased())?profileConfirmed=1")
        } catch CompaniesError.staleVersion {
            return try await companyPage(request, notice: .profileConfirmStale, status: HTTPStatus(code: 409))
        }
    }

    func companyPage(_ request: ConsoleRequest, notice: Message? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let company = try await services.companies.company(id, by: principal)
        let technologies = try await Self.everyPage { try await services.companies.technologies(of: id, page: $0, by: principal) }
        let name = t.pick(ja: company.nameJa, en: company.nameEn)
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: principal), language: t)
        let records = try await Self.everyPage { try await services.companies.trackRecords(of: id, page: $0, by: principal) }
        let editable = mayChange(company, principal)
        let path = "/companies/\(id.uuidString.lowercased())"
        var content: [HTML] = try await createdCompanyNotices(request, id)
        for (flag, message) in [("technologySaved", Message.technologySaved), ("recordSaved", .trackRecordSaved), ("recordUpdated", .trackRecordUpdated),
                                ("profileConfirmed", .profileConfirmed),
                                ("technologyRemoved", .technologyRemoved), ("recordRemoved", .trackRecordRemoved)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if let notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(notice))) }
        if principal.companyID == id { content.append(el("p", [attr("class", "lead-text")], t(editable ? .ownCompanyEditIntro : .ownCompanyIntro))) }
        if CompanyService.isReadOnly(company, for: principal), principal.companyID == id {
            content.append(el("p", [attr("class", "notice warning"), attr("role", "status")], t(.companyArchivedNotice)))
        }
        var links: [HTML] = []
        // An archived company is not ranked: its opportunities page would be the matcher's 404.
        if allows(principal.role, "listCompanyOpportunities"), !company.archived, principal.role != .company || principal.companyID == id {
            links.append(el("a", [attr("class", "button secondary"), attr("href", "\(path)/opportunities")], t(.opportunitiesLink)))
        }
        if allows(principal.role, "listMeetingRequests"), allows(principal.role, "getCompany"), principal.role != .company || principal.companyID == id {
            links.append(el("a", [attr("class", "button secondary"), attr("href", "\(path)/meetings")], t(.meetingsLink)))
        }
        if editable { links.insert(el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.editCompanyTitle)), at: 0) }
        if allows(principal.role, "listCompanyDuplicates") {
            links.append(el("a", [attr("class", "button secondary"), attr("href", "\(path)/duplicates")], t(.companyDuplicatesLink)))
        }
        if !links.isEmpty { content.append(el("p", [attr("class", "actions")], links)) }
        content.append(CompanyPages.record(company, t))
        // Who may edit the profile sees how old it is (its own users, managers); another company's users do not.
        if editable { content += Self.profileFreshness(request, company, heading: false) }
        content.append(el("h2", [], t(.technologies)))
        content.append(technologies.isEmpty ? el("p", [], t(.noTechnologies)) : Table.make(
            caption: t(.technologies), captionShown: false, headers: [t(.technology), t(.maturity), t(.disclosure), t(.taxonomy)], numeric: [], compact: [1, 2], stacked: true,
            rows: technologies.map { technology in
                let title = t.pick(ja: technology.titleJa, en: technology.titleEn)
                let text: HTML = .fragment([NeedPages.recordText(request, title)])
                return [
                    editable ? el("a", [attr("href", "\(path)/technologies/\(technology.id.uuidString.lowercased())/edit"),
                                        attr("aria-label", t(.editTechnologyNamed, title.text))], [text]) : text,
                    .text(t(CompanyPages.maturityMessage(technology.maturity))),
                    .text(t(CompanyPages.disclosureMessage(technology.disclosure))),
                    .fragment(technology.taxonomyCodes.map { el("span", [attr("class", "tag")], names[$0] ?? $0) }),
                ]
            }))
        if editable {
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/technologies/new")], t(.addTechnologyTitle))]))
        }
        content.append(el("h2", [], t(.trackRecords)))
        content.append(records.isEmpty ? el("p", [], t(.noTrackRecords)) : Table.make(
            caption: t(.trackRecords), captionShown: false, headers: [t(.recordYear), t(.country), t(.city), t(.recordClient), t(.recordSummary), t(.disclosure)] + (editable ? [t(.editAction)] : []),
            numeric: [0], compact: [1, 5, 6], stacked: true,
            rows: records.map { record in
                let year = record.year.map(String.init) ?? "—"
                let edit: [HTML] = editable ? [el("a", [attr("href", "\(path)/track-records/\(record.id.uuidString.lowercased())/edit"),
                                                          attr("aria-label", t(.editTrackRecordNamed, year, record.city ?? t.country(record.country)))], t(.editAction))] : []
                return [.text(year), .text(t.country(record.country)), .text(record.city ?? "—"), .text(record.client ?? "—"),
                        .text(record.summary ?? ""), .text(t(CompanyPages.disclosureMessage(record.disclosure)))] + edit
            }))
        if editable {
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/track-records/new")], t(.addTrackRecordTitle))]))
        }
        // The company's business-match records (a company user reads only its own company's: the service's rule).
        content += try await matchRecordsSection(request, path: path, filter: BusinessMatchFilter(companyId: id), column: .subject)
        return Layout.page(request, status: status, title: name.text, titleLanguage: name.fallback ? t.other : nil,
                           section: principal.companyID == id ? .company : .companies, content)
    }
}

enum CompanyPages {
    /// A company's record as the directory holds it: every field of the form (the merge page shows two side by side).
    static func record(_ company: Company, _ t: Language) -> HTML {
        let dash = { (text: String?) in text.map { $0.isEmpty ? "—" : $0 } ?? "—" }
        let names: [HTML] = [(company.nameJa, Language.ja), (company.nameEn, .en)].compactMap { name, language in
            name.map { el("span", [attr("lang", language.rawValue), attr("class", "company-name")], $0) }
        }
        return el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.companyName)), el("dd", [], Array(names.map { [$0] }.joined(separator: [HTML.text(" / ")]))),
            el("dt", [], t(.companyReading)), el("dd", [], dash(company.nameReading)),
            el("dt", [], t(.corporateNumber)), el("dd", [], dash(company.corporateNumber)),
            el("dt", [], t(.companyAddress)), el("dd", [], dash(company.address)),
            el("dt", [], t(.municipality)), el("dd", [], dash(company.municipality)),
            el("dt", [], t(.inYokohama)), el("dd", [], t(company.inYokohama ? .yes : .no)),
            el("dt", [], t(.companySize)), el("dd", [], t(company.size == .sme ? .sizeSME : .sizeLarge)),
            el("dt", [], t(.website)), el("dd", [], company.website.map { [el("a", [attr("href", $0)], $0)] } ?? [.text("—")]),
            el("dt", [], t(.companyLanguages)), el("dd", [], dash(t.spokenLanguages(company.languages))),
            el("dt", [], t(.companyCountries)), el("dd", [], dash(t.countries(company.countriesWithExperience))),
            el("dt", [], t(.yusaMemberSince)), el("dd", [], company.yusaMemberSince.map { t.date($0) + (company.yusaTier.map { "（\($0)）" } ?? "") } ?? "—"),
            el("dt", [], t(.showcaseOptIn)), el("dd", [], t(company.showcaseOptIn ? .yes : .no)),
            el("dt", [], t(.companyArchivedMark)), el("dd", [], t(company.archived ? .yes : .no)),
        ])
    }

    static func maturityMessage(_ maturity: TechnologyMaturity) -> Message {
        switch maturity {
        case .concept: .maturityConcept
        case .pilot: .maturityPilot
        case .commercial: .maturityCommercial
        }
    }

    static func disclosureMessage(_ disclosure: Disclosure) -> Message {
        switch disclosure {
        case .public: .disclosurePublic
        case .partners: .disclosurePartners
        case .coordinators: .disclosureCoordinators
        }
    }
}
