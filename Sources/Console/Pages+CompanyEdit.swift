import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches

/// Company staff's own company (and any company for coordinators and admins, as the API allows):
/// add or edit a technology (ja/en text, the taxonomy picker, a disclosure level per item), add a
/// track record, and the open needs Domino ranks for the company, with why.
extension Console {
    var companyEditPages: [Page] {
        let create = ["getCompany", "createCompanyTechnology", "getTaxonomy"]
        let update = ["getCompany", "listCompanyTechnologies", "updateCompanyTechnology", "getTaxonomy"]
        let record = ["getCompany", "createCompanyTrackRecord"]
        let updateRecord = ["getCompany", "listCompanyTrackRecords", "updateCompanyTrackRecord"]
        return [
            Page(.get, "/companies/{id}/technologies/new", operations: create) { console, request in
                try await console.technologyForm(request, values: TechnologyFormValues(), errors: [])
            },
            Page(.post, "/companies/{id}/technologies/new", operations: create) { console, request in
                try await console.saveTechnology(request, editing: nil)
            },
            Page(.get, "/companies/{id}/technologies/{technologyId}/edit", operations: update) { console, request in
                let technology = try await console.technology(request)
                return try await console.technologyForm(request, values: TechnologyFormValues(technology), errors: [], editing: technology)
            },
            Page(.post, "/companies/{id}/technologies/{technologyId}/edit", operations: update) { console, request in
                try await console.saveTechnology(request, editing: try await console.technology(request))
            },
            Page(.get, "/companies/{id}/track-records/new", operations: record) { console, request in
                try await console.trackRecordForm(request, values: TrackRecordFormValues(), errors: [])
            },
            Page(.post, "/companies/{id}/track-records/new", operations: record) { console, request in
                try await console.saveTrackRecord(request, editing: nil)
            },
            Page(.get, "/companies/{id}/track-records/{recordId}/edit", operations: updateRecord) { console, request in
                let record = try await console.trackRecord(request)
                return try await console.trackRecordForm(request, values: TrackRecordFormValues(record), errors: [], editing: record)
            },
            Page(.post, "/companies/{id}/track-records/{recordId}/edit", operations: updateRecord) { console, request in
                try await console.saveTrackRecord(request, editing: try await console.trackRecord(request))
            },
            Page(.get, "/companies/{id}/opportunities", operations: ["getCompany", "listCompanyOpportunities", "getTaxonomy", "listCities"]) { console, request in
                try await console.opportunitiesPage(request)
            },
        ]
    }

    /// Whether the signed-in person may edit this company's technologies and records: managers any
    /// company, company staff their own (the service's rule; the page only decides what to offer).
    func canEdit(company: UUID, _ principal: Principal) -> Bool {
        allows(principal.role, "createCompanyTechnology") && (principal.role != .company || principal.companyID == company)
    }

    /// `canEdit` for a company read: an archived company is read-only for its own staff (`CompanyService.isReadOnly`).
    func mayChange(_ company: Company, _ principal: Principal) -> Bool {
        canEdit(company: company.id, principal) && !CompanyService.isReadOnly(company, for: principal)
    }

    /// The signed-in person and the company in the path, when they may change its profile, technologies and records
    /// now: `editableCompany`'s rule, and the archived company's own staff get the page saying it is archived.
    func changeableCompany(_ request: ConsoleRequest) async throws -> (Principal, Company) {
        let (principal, id) = try editableCompany(request)
        let company = try await services.companies.company(id, by: principal)
        guard !CompanyService.isReadOnly(company, for: principal) else { throw ConsoleError.companyArchived }
        return (principal, company)
    }

    /// The technology named in the path, among those of the company in the path the person may see.
    func technology(_ request: ConsoleRequest) async throws -> CompanyTechnology {
        try await editableItem(request, "technologyId", id: \.id) { company, page, principal in
            try await services.companies.technologies(of: company, page: page, by: principal)
        }
    }

    /// An item (technology, track record) named by `parameter`, among those of the company in the path
    /// that the person may edit and see; anything else is the 404 page.
    func editableItem<Item>(
        _ request: ConsoleRequest, _ parameter: String, id: KeyPath<Item, UUID>,
        list: (UUID, PageRequest, Principal) async throws -> DomainKit.Page<Item>
    ) async throws -> Item {
        let (principal, company) = try await changeableCompany(request)
        let itemID = try request.pathUUID(parameter)
        let all = try await list(company.id, try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: nil), principal)
        guard let item = all.items.first(where: { $0[keyPath: id] == itemID }) else { throw ConsoleError.notFound }
        return item
    }

    /// The signed-in person and the company in the path, when they may edit its technologies and records.
    func editableCompany(_ request: ConsoleRequest) throws -> (Principal, UUID) {
        let principal = try request.principal
        let company = try request.pathUUID("id")
        guard canEdit(company: company, principal) else { throw ConsoleError.notFound }
        return (principal, company)
    }

    func technologyForm(
        _ request: ConsoleRequest, values: TechnologyFormValues, errors: [(field: String, message: String)], editing: CompanyTechnology? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let (principal, company) = try await changeableCompany(request)
        let companyID = company.id
        let taxonomy = NeedFormSupport.flatten(try await services.cities.taxonomy(by: principal), language: t)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let path = "/companies/\(companyID.uuidString.lowercased())"
        var fields: [HTML] = [Layout.csrfField(request)] + Form.bilingual(
            request, titles: [("titleJa", t(.technologyTitleJa), values.titleJa), ("titleEn", t(.technologyTitleEn), values.titleEn)],
            texts: [("descriptionJa", t(.descriptionJa), values.descriptionJa), ("descriptionEn", t(.descriptionEn), values.descriptionEn)],
            error: message) + [
            Form.checkboxes(request, name: "taxonomyCodes", legend: t(.taxonomy), options: taxonomy, checked: values.taxonomyCodes),
            Form.select(name: "maturity", label: t(.maturity), options: TechnologyMaturity.allCases.map { ($0.rawValue, t(CompanyPages.maturityMessage($0))) },
                        selected: values.maturity),
            Form.select(name: "disclosure", label: t(.disclosure), options: Disclosure.allCases.map { ($0.rawValue, t(CompanyPages.disclosureMessage($0))) },
                        selected: values.disclosure),
            el("p", [attr("class", "explain")], t(.disclosureExplained)),
        ]
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var action = "\(path)/technologies/new"
        if let editing {
            action = "\(path)/technologies/\(editing.id.uuidString.lowercased())/edit"
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(editing.version))]))
            if changedMeanwhile {
                notices.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("h2", [], t(.technologyChangedMeanwhile)),
                    el("p", [], t(.technologyChangedDetail, t.date(editing.updatedAt))),
                ]))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(.saveTechnology)))
        let name = t.pick(ja: company.nameJa, en: company.nameEn).text
        return Layout.page(request, status: status, title: t(editing == nil ? .addTechnologyTitle : .editTechnologyTitle), section: section(companyID, principal),
                           [el("p", [], [el("a", [attr("href", path)], t(.backToCompany, name))])] + notices
                            + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)]
                            + (editing == nil ? [] : [Self.removalLink(request, editPath: action)]))
    }

    /// Creates (editing nil) or saves an edit made from the version the form carried; someone else's
    /// save meanwhile brings the form back with the person's input and a notice, nothing written.
    func saveTechnology(_ request: ConsoleRequest, editing: CompanyTechnology?) async throws -> HTTPResponse {
        let (principal, company) = try await changeableCompany(request)
        let companyID = company.id
        let values = TechnologyFormValues(request)
        guard let maturity = TechnologyMaturity(rawValue: values.maturity), let disclosure = Disclosure(rawValue: values.disclosure) else {
            throw ConsoleError.badRequest
        }
        let draft = CompanyTechnologyDraft(
            titleJa: request.formText("titleJa"), titleEn: request.formText("titleEn"), descriptionJa: request.formText("descriptionJa"),
            descriptionEn: request.formText("descriptionEn"), taxonomyCodes: request.formValues("taxonomyCodes"), maturity: maturity, disclosure: disclosure)
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                _ = try await services.companies.updateTechnology(editing.id, ifVersion: version, by: principal) { $0 = draft }
            } else {
                _ = try await services.companies.createTechnology(draft, companyID: companyID, by: principal)
            }
            return Layout.seeOther("/companies/\(companyID.uuidString.lowercased())?technologySaved=1")
        } catch CompaniesError.staleVersion {
            return try await technologyForm(request, values: values, errors: [], editing: editing, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            if let limit = Self.capabilityLimitError(error, request.language, at: "titleJa") {
                return try await technologyForm(request, values: values, errors: [limit], editing: editing, status: HTTPStatus(code: 422))
            }
            return try await technologyForm(request, values: values, errors: fieldErrors(error, request, labels: [
                "titleJa": .technologyTitleJa, "titleEn": .technologyTitleEn, "descriptionJa": .descriptionJa, "descriptionEn": .descriptionEn,
                "taxonomyCodes": .taxonomy, "maturity": .maturity, "disclosure": .disclosure,
            ]), editing: editing, status: HTTPStatus(code: 422))
        }
    }

    /// Open needs ranked for the company, best first, each with the parts of its score and what matched.
    func opportunitiesPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let companyID = try request.pathUUID("id")
        let company = try await services.companies.company(companyID, by: principal)
        let list = try await services.matches.opportunities(for: companyID, limit: 20, by: principal)
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: principal), language: t)
        let cities = try await everyCity(by: principal)
        let needLink = try await openNeedLinks(request)
        let cityNames = Dictionary(cities.map { ($0.id, t.pick(ja: $0.nameJa, en: $0.nameEn).text) }, uniquingKeysWith: { first, _ in first })
        let name = t.pick(ja: company.nameJa, en: company.nameEn).text
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", "/companies/\(companyID.uuidString.lowercased())")], t(.backToCompany, name))]),
            el("p", [attr("class", "explain")], t(.opportunitiesExplained)),
        ]
        content.append(list.items.isEmpty ? el("p", [], t(.noOpportunities)) : Table.make(
            caption: t(.opportunitiesTitle), captionShown: false, headers: [t(.rank), t(.needTitle), t(.city), t(.score), t(.why)], numeric: [0, 3], compact: [2], stacked: true,
            rows: list.items.map { item in
                [
                    .text(t.number(item.rank)),
                    needLink(item.needId, item.title),
                    .text(cityNames[item.cityId] ?? "—"),
                    .text(t.decimal(item.score)),
                    NeedPages.explanation(request, parts: item.parts, explanation: item.explanation, decision: nil, names: names),
                ]
            }))
        return Layout.page(request, title: t(.opportunitiesTitle), section: section(companyID, principal), content)
    }

    func section(_ company: UUID, _ principal: Principal) -> Layout.Section {
        principal.companyID == company ? .company : .needs
    }
}

/// What a person typed into the technology form, kept as typed so a refused form comes back filled in.
struct TechnologyFormValues: Sendable {
    var titleJa = ""
    var titleEn = ""
    var descriptionJa = ""
    var descriptionEn = ""
    var taxonomyCodes: Set<String> = []
    var maturity = TechnologyMaturity.commercial.rawValue
    var disclosure = Disclosure.public.rawValue

    init() {}

    init(_ technology: CompanyTechnology) {
        titleJa = technology.titleJa ?? ""
        titleEn = technology.titleEn ?? ""
        descriptionJa = technology.descriptionJa ?? ""
        descriptionEn = technology.descriptionEn ?? ""
        taxonomyCodes = Set(technology.taxonomyCodes)
        maturity = technology.maturity.rawValue
        disclosure = technology.disclosure.rawValue
    }

    init(_ request: ConsoleRequest) {
        titleJa = request.formValue("titleJa") ?? ""
        titleEn = request.formValue("titleEn") ?? ""
        descriptionJa = request.formValue("descriptionJa") ?? ""
        descriptionEn = request.formValue("descriptionEn") ?? ""
        taxonomyCodes = Set(request.formValues("taxonomyCodes"))
        maturity = request.formValue("maturity") ?? ""
        disclosure = request.formValue("disclosure") ?? ""
    }
}

extension Console {
    /// A company's capability limit met by a technology or a track record (`CapabilityLimits`), in the reader's words and
    /// beside `field` when the limit is not one of the form's own fields; nil for any other refusal.
    static func capabilityLimitError(_ error: any ProblemConvertible, _ t: Language, at field: String) -> (field: String, message: String)? {
        for problem in error.problem.errors ?? [] {
            switch CapabilityLimits.exceeded(problem) {
            case .technologies: return (field, t(.capabilityTechnologiesLimit, t.number(CapabilityLimits.technologies)))
            case .trackRecords: return (field, t(.capabilityTrackRecordsLimit, t.number(CapabilityLimits.trackRecords)))
            case .taxonomyTags: return ("taxonomyCodes", t(.capabilityTaxonomyTagsLimit, t.number(CapabilityLimits.taxonomyTags)))
            case nil: continue
            }
        }
        return nil
    }
}
