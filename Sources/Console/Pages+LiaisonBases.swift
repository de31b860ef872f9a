import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// Overseas liaison bases (海外連携拠点): managers list, add and edit them; a liaison officer sees its
/// own base only (another base is the 404 page, as in the API). Reached from the cities page. The
/// operating company is chosen from the directory (`listCompanies`) by those who may edit the base, and
/// shown on the base's page (`getCompany`) to those who may read it.
extension Console {
    var liaisonBasePages: [Page] {
        let create = ["createLiaisonBase", "listCities", "listCompanies"]
        let update = ["getLiaisonBase", "updateLiaisonBase", "listCities", "listCompanies"]
        return [
            Page(.get, "/liaison-bases", operations: ["listLiaisonBases", "listCities"]) { console, request in try await console.liaisonBaseList(request) },
            Page(.get, "/liaison-bases/new", operations: create) { console, request in
                try await console.liaisonBaseForm(request, values: ["cityId": request.query("cityId") ?? ""], errors: [])
            },
            Page(.post, "/liaison-bases/new", operations: create) { console, request in try await console.saveLiaisonBase(request, editing: nil) },
            Page(.get, "/liaison-bases/{id}", operations: ["getLiaisonBase", "getCity", "getCompany"]) { console, request in
                try await console.liaisonBaseDetail(request)
            },
            Page(.get, "/liaison-bases/{id}/edit", operations: update) { console, request in
                let base = try await console.services.cities.liaisonBase(try request.pathUUID("id"), by: try request.principal)
                return try await console.liaisonBaseForm(request, values: BaseForm.values(base), errors: [], editing: base)
            },
            Page(.post, "/liaison-bases/{id}/edit", operations: update) { console, request in
                try await console.saveLiaisonBase(
                    request, editing: try await console.services.cities.liaisonBase(try request.pathUUID("id"), by: try request.principal))
            },
        ]
    }

    /// Every city's name by id (all pages, not the first hundred), for the bases' tables and the city picker.
    func cityNames(_ request: ConsoleRequest) async throws -> [(id: UUID, name: String)] {
        let t = request.language
        let principal = try request.principal
        let cities = try await Self.everyPage { try await services.cities.cities(CityFilter(), page: $0, by: principal) }
        return cities.map { (id: $0.id, name: t.city(ja: $0.nameJa, en: $0.nameEn, country: $0.country)) }
    }

    func liaisonBaseList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let bases = try await Self.everyPage { try await services.cities.liaisonBases(LiaisonBaseFilter(), page: $0, by: principal) }
        let names = Dictionary(try await cityNames(request).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/cities")], t(.backToCities))])]
        if allows(principal.role, "createLiaisonBase") {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/liaison-bases/new")], t(.addLiaisonBaseTitle)),
            ]))
        }
        content.append(bases.isEmpty ? el("p", [], t(.noLiaisonBases)) : Table.make(
            caption: t(.liaisonBasesTitle), captionShown: false, headers: [t(.baseName), t(.baseKind), t(.city), t(.baseOperator), t(.baseActive)],
            numeric: [], compact: [4], stacked: true,
            rows: bases.map { base in
                [el("a", [attr("href", "/liaison-bases/\(base.id.uuidString.lowercased())")], base.name), .text(t(BaseForm.kindMessage(base.kind))),
                 .text(names[base.cityId] ?? t.country(base.country)), .text(base.operatorName), .text(BaseForm.period(base, t))]
            }))
        return Layout.page(request, title: t(.liaisonBasesTitle), section: .cities, content)
    }

    func liaisonBaseDetail(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let base = try await services.cities.liaisonBase(try request.pathUUID("id"), by: principal)
        let city = try await services.cities.city(base.cityId, by: principal)
        var company: Company?
        if let id = base.companyId { company = try await services.companies.company(id, by: principal) }
        var content: [HTML] = [el("p", [], [el("a", [attr("href", mayOpen(principal.role, "/liaison-bases") ? "/liaison-bases" : "/cities")],
                                                t(mayOpen(principal.role, "/liaison-bases") ? .backToLiaisonBases : .backToCities))])]
        for (query, message) in [("saved", Message.baseSaved), ("created", .baseCreated)] where request.query(query) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        let rows: [(Message, HTML?)] = [
            (.baseKind, .text(t(BaseForm.kindMessage(base.kind)))),
            (.city, el("a", [attr("href", "/cities/\(city.id.uuidString.lowercased())")], t.city(ja: city.nameJa, en: city.nameEn, country: base.country))),
            (.baseOperator, .text(base.operatorName)),
            (.baseCompany, company.map { company in
                el("a", [attr("href", "/companies/\(company.id.uuidString.lowercased())")], t.pick(ja: company.nameJa, en: company.nameEn).text)
            }),
            (.baseActive, .text(BaseForm.period(base, t))),
            (.baseContactName, base.contactName.map { .text($0) }),
            (.baseContactEmail, base.contactEmail.map { .text($0) }),
            (.baseContactPhone, base.contactPhone.map { .text($0) }),
            (.remarks, base.notes.map { .text($0) }),
            (.updatedOn, .text(t.date(base.updatedAt))),
        ]
        content.append(el("dl", [attr("class", "summary-list")], rows.compactMap { label, value in
            value.map { .fragment([el("dt", [], t(label)), el("dd", [], [$0])]) }
        }))
        if allows(principal.role, "updateLiaisonBase") {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/liaison-bases/\(base.id.uuidString.lowercased())/edit")], t(.editLiaisonBase)),
            ]))
        }
        return Layout.page(request, title: base.name, section: .cities, content)
    }

    func liaisonBaseForm(
        _ request: ConsoleRequest, values: [String: String], errors: [(field: String, message: String)], editing: LiaisonBase? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        var cities = try await cityNames(request)
        // An edited base's city is named even when the list leaves it out (archived, or past its first page).
        if let editing, !cities.contains(where: { $0.id == editing.cityId }) {
            let city = try await services.cities.city(editing.cityId, by: try request.principal)
            cities.append((id: city.id, name: t.city(ja: city.nameJa, en: city.nameEn, country: city.country)))
        }
        // The page's own address (a new base's city, or the base edited) is where the company search goes.
        let action = editing.map { "/liaison-bases/\($0.id.uuidString.lowercased())/edit" } ?? "/liaison-bases/new"
        let directory = try await companyChoice(request, action: action, keeping: values["companyId"].flatMap(UUID.init(uuidString:)),
                                                query: editing == nil ? [("cityId", values["cityId"] ?? "")] : [])
        var companies = directory.names
        // A stored company archived since (or past the ceiling) stays a choice, so that saving the form does not drop it.
        for id in [editing?.companyId].compactMap({ $0 }) where !companies.contains(where: { $0.id == id }) {
            let company = try await services.companies.company(id, by: try request.principal)
            companies.append((id: id, name: t.pick(ja: company.nameJa, en: company.nameEn).text))
        }
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let text = { (name: String, label: Message, hint: Message?, type: String) in
            Form.textField(request, name: name, label: t(label), value: values[name], type: type, hint: hint.map { t($0) }, error: message(name))
        }
        var fields: [HTML] = [
            Layout.csrfField(request),
            directory.carried,
            text("name", .baseName, nil, "text"),
            text("operatorName", .baseOperator, .baseOperatorHint, "text"),
            Form.select(name: "companyId", label: t(.baseCompany),
                        options: [("", t(.baseNoCompany))] + companies.map { ($0.id.uuidString.lowercased(), $0.name) },
                        selected: values["companyId"]?.lowercased() ?? "", hint: directory.hint,
                        error: message("companyId")),
            cityField(t, editing: editing, cities: cities, selected: values["cityId"] ?? "", error: message("cityId")),
            Form.select(name: "kind", label: t(.baseKind), options: LiaisonBaseKind.allCases.map { ($0.rawValue, t(BaseForm.kindMessage($0))) },
                        selected: values["kind"] ?? LiaisonBaseKind.companyLiaisonOffice.rawValue),
            text("activeFrom", .baseActiveFrom, .dateHint, "date"),
            text("activeUntil", .baseActiveUntil, .dateHint, "date"),
            text("contactName", .baseContactName, nil, "text"),
            text("contactEmail", .baseContactEmail, nil, "email"),
            text("contactPhone", .baseContactPhone, nil, "text"),
            Form.textArea(request, name: "notes", label: t(.remarks), value: values["notes"], error: message("notes")),
        ]
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var back = el("p", [], [el("a", [attr("href", "/liaison-bases")], t(.backToLiaisonBases))])
        if let editing {
            let path = "/liaison-bases/\(editing.id.uuidString.lowercased())"
            back = el("p", [], [el("a", [attr("href", path)], t(.backToLiaisonBase, editing.name))])
            let state = Form.editState(t, version: editing.version, changedMeanwhile: changedMeanwhile, title: t(.baseChangedMeanwhile), savedAt: editing.updatedAt,
                                       saved: BaseForm.labelled(BaseForm.values(editing), cities, companies, t),
                                       typed: BaseForm.labelled(values, cities, companies, t))
            fields.append(state.field)
            notices.append(state.notice)
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .addLiaisonBaseButton : .saveChanges)))
        return Layout.page(request, status: status, title: t(editing == nil ? .addLiaisonBaseTitle : .editLiaisonBaseTitle), section: .cities,
                           [back] + notices + [directory.searchBox].compactMap { $0 } + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)])
    }

    /// The city to choose for a new base; an edited base's city, shown, since a base keeps its city (harden12).
    private func cityField(
        _ t: Language, editing: LiaisonBase?, cities: [(id: UUID, name: String)], selected: String, error: String?
    ) -> HTML {
        guard let editing else {
            return Form.select(name: "cityId", label: t(.city), options: [("", t(.chooseCityOption))] + cities.map { ($0.id.uuidString.lowercased(), $0.name) },
                               selected: selected, error: error)
        }
        return el("div", [attr("class", "field")], [
            el("p", [], [el("strong", [], t(.city)), .text(" " + (cities.first { $0.id == editing.cityId }?.name ?? ""))]),
            el("span", [attr("class", "hint")], t(.baseCityFixed)),
        ])
    }

    /// Adds (editing nil) or saves an edit made from the version the form carried, with the operating
    /// company chosen (none when the choice is empty; one the directory does not hold is the API's 422).
    func saveLiaisonBase(_ request: ConsoleRequest, editing: LiaisonBase?) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        var values = request.typedValues(BaseForm.fieldNames)
        // An edit's form shows the city without a field: the base keeps it.
        if let editing { values["cityId"] = editing.cityId.uuidString.lowercased() }
        guard let kind = LiaisonBaseKind(rawValue: values["kind"] ?? "") else { throw ConsoleError.badRequest }
        var parsed = FieldParser(request)
        let activeFrom = parsed.date("activeFrom", label: .baseActiveFrom)
        let activeUntil = parsed.date("activeUntil", label: .baseActiveUntil)
        let cityID = values["cityId"].flatMap(UUID.init(uuidString:))
        let companyText = values["companyId"]?.trimmed ?? ""
        let companyID = UUID(uuidString: companyText)
        if companyID == nil, !companyText.isEmpty { parsed.errors.append((field: "companyId", message: t(.baseCompanyUnknown))) }
        let draft = LiaisonBaseDraft(
            name: request.formText("name") ?? "", operatorName: request.formText("operatorName") ?? "", companyId: companyID,
            cityId: cityID ?? UUID(), kind: kind, activeFrom: activeFrom, activeUntil: activeUntil, contactName: request.formText("contactName"),
            contactEmail: request.formText("contactEmail"), contactPhone: request.formText("contactPhone"), notes: request.formText("notes"))
        if cityID == nil || !parsed.errors.isEmpty {
            // The other fields' rules too, so every bad field is reported at once.
            var errors = (cityID == nil ? [(field: "cityId", message: t(.chooseCity))] : []) + parsed.errors
            do { try draft.validate() } catch { errors += baseFieldErrors(error, request, values: values) }
            return try await liaisonBaseForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: 422))
        }
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                let base = try await services.cities.updateLiaisonBase(editing.id, ifVersion: version, by: principal) { $0 = draft }
                return Layout.seeOther("/liaison-bases/\(base.id.uuidString.lowercased())?saved=1")
            }
            let base = try await services.cities.createLiaisonBase(draft, by: principal)
            return Layout.seeOther("/liaison-bases/\(base.id.uuidString.lowercased())?created=1")
        } catch CitiesError.staleVersion {
            let current = try await services.cities.liaisonBase(try request.pathUUID("id"), by: principal)
            return try await liaisonBaseForm(request, values: values, errors: [], editing: current, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) && error.problem.errors?.isEmpty == false {
            let errors = baseFieldErrors(error, request, values: values)
            return try await liaisonBaseForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: error.problem.status))
        }
    }
}

extension Console {
    func baseFieldErrors(_ error: any ProblemConvertible, _ request: ConsoleRequest, values: [String: String]) -> [(field: String, message: String)] {
        recordFieldErrors(error, request, values: values, labels: BaseForm.labels, rules: [
            "must not be before activeFrom": .activeUntilBeforeFrom, "must be an email address": .emailInvalid,
            "is already the name of another liaison base": .baseNameTaken, "is not a known city": .chooseCity,
            "is not a known company": .baseCompanyUnknown, LiaisonBaseDraft.cityFixed: .baseCityFixed,
        ])
    }
}

enum BaseForm {
    static let fieldNames = [
        "name", "operatorName", "companyId", "cityId", "kind", "activeFrom", "activeUntil", "contactName", "contactEmail", "contactPhone", "notes",
    ]

    static let labels: [String: Message] = [
        "name": .baseName, "operatorName": .baseOperator, "companyId": .baseCompany, "cityId": .city, "kind": .baseKind, "activeFrom": .baseActiveFrom,
        "activeUntil": .baseActiveUntil, "contactName": .baseContactName, "contactEmail": .baseContactEmail, "contactPhone": .baseContactPhone,
        "notes": .remarks,
    ]

    static func values(_ base: LiaisonBase) -> [String: String] {
        [
            "name": base.name, "operatorName": base.operatorName, "companyId": base.companyId?.uuidString.lowercased() ?? "", "cityId": base.cityId.uuidString.lowercased(), "kind": base.kind.rawValue,
            "activeFrom": base.activeFrom?.description ?? "", "activeUntil": base.activeUntil?.description ?? "", "contactName": base.contactName ?? "",
            "contactEmail": base.contactEmail ?? "", "contactPhone": base.contactPhone ?? "", "notes": base.notes ?? "",
        ]
    }

    static func labelled(
        _ values: [String: String], _ cities: [(id: UUID, name: String)], _ companies: [(id: UUID, name: String)], _ t: Language
    ) -> [(label: String, value: String)] {
        fieldNames.map { name in
            let value = values[name] ?? ""
            switch name {
            case "cityId": return (t(.city), cities.first { $0.id.uuidString.lowercased() == value.lowercased() }?.name ?? value)
            case "companyId": return (t(.baseCompany), companies.first { $0.id.uuidString.lowercased() == value.lowercased() }?.name ?? value)
            case "kind": return (t(.baseKind), LiaisonBaseKind(rawValue: value).map { t(kindMessage($0)) } ?? value)
            default: return (labels[name].map { t($0) } ?? name, value)
            }
        }
    }

    static func kindMessage(_ kind: LiaisonBaseKind) -> Message {
        switch kind {
        case .companyLiaisonOffice: .kindCompanyLiaisonOffice
        case .yokohamaOverseasOffice: .kindYokohamaOverseasOffice
        }
    }

    /// "From 1 Apr 2024 to 31 Mar 2027", or the one end that is known, or "—".
    static func period(_ base: LiaisonBase, _ t: Language) -> String {
        switch (base.activeFrom, base.activeUntil) {
        case let (from?, until?): t(.periodFromUntil, t.date(from), t.date(until))
        case let (from?, nil): t(.periodFrom, t.date(from))
        case let (nil, until?): t(.periodUntil, t.date(until))
        case (nil, nil): "—"
        }
    }
}
