import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// Overseas cities (docs/cities.md): the list with its filters, a city's page (what the API holds,
/// its needs, and for the roles the API lets read them its policy dialogues, local partners and
/// liaison bases), and adding or editing a city from the version the form was filled from.
extension Console {
    /// How many cities a page lists; the pager's next link says the same number (`Layout.pager`).
    static let cityPageSize = 100

    var cityPages: [Page] {
        [
            Page(.get, "/cities", operations: ["listCities"]) { console, request in try await console.cityList(request) },
            Page(.get, "/cities/new", operations: ["createCity"]) { console, request in
                console.cityForm(request, values: [:], errors: [])
            },
            Page(.post, "/cities/new", operations: ["createCity"]) { console, request in try await console.saveCity(request, editing: nil) },
            Page(.get, "/cities/{id}", operations: ["getCity", "listNeeds"]) { console, request in try await console.cityDetail(request) },
            Page(.get, "/cities/{id}/edit", operations: ["getCity", "updateCity"]) { console, request in
                let city = try await console.services.cities.city(try request.pathUUID("id"), by: try request.principal)
                return console.cityForm(request, values: CityForm.values(city), errors: [], editing: city)
            },
            Page(.post, "/cities/{id}/edit", operations: ["getCity", "updateCity"]) { console, request in
                try await console.saveCity(request, editing: try await console.services.cities.city(try request.pathUUID("id"), by: try request.principal))
            },
        ]
    }

    /// The cities, filtered by name (either language), country, relationship, and whether archived ones are listed too.
    func cityList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let text = Validation.searchWords(request.query("q"))
        let country = request.query("country")?.trimmed.uppercased()
        let relationship = try request.choice("relationship", CityRelationship.init(rawValue:))
        let archived = try request.choice("includeArchived", Bool.init) ?? false
        let filter = CityFilter(country: country?.isEmpty == false ? country : nil, relationship: relationship,
                                text: text?.isEmpty == false ? text : nil, includeArchived: archived)
        let page = try await services.cities.cities(filter, page: try PageRequest.parse(limit: Self.cityPageSize, cursor: request.query("cursor")), by: principal)
        var content: [HTML] = []
        if request.query("archivedCity") != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.cityArchived)))
        }
        content.append(el("form", [attr("method", "get"), attr("action", "/cities"), attr("class", "inline-form"), attr("role", "search")], [
            Form.textField(request, name: "q", label: t(.searchCities), value: text, type: "search"),
            Form.countrySelect(request, name: "country", label: t(.country), selected: country, none: t(.leadAnyCountry)),
            Form.select(name: "relationship", label: t(.cityRelationship), options: [("", t(.anyRelationship))] + CityRelationship.allCases.map {
                ($0.rawValue, t(CityForm.relationshipMessage($0)))
            }, selected: relationship?.rawValue ?? ""),
            Form.select(name: "includeArchived", label: t(.includeArchived), options: [("false", t(.no)), ("true", t(.yes))],
                        selected: archived ? "true" : "false"),
            el("button", [attr("type", "submit")], t(.search)),
        ]))
        var actions: [HTML] = []
        if allows(principal.role, "createCity") { actions.append(el("a", [attr("class", "button secondary"), attr("href", "/cities/new")], t(.addCityTitle))) }
        if mayOpen(principal.role, "/liaison-bases") {
            actions.append(el("a", [attr("class", "button secondary"), attr("href", "/liaison-bases")], t(.liaisonBasesTitle)))
        }
        if mayOpen(principal.role, "/universities") {
            actions.append(el("a", [attr("class", "button secondary"), attr("href", "/universities")], t(.universitiesTitle)))
        }
        if !actions.isEmpty { content.append(el("p", [attr("class", "actions")], actions)) }
        content.append(page.items.isEmpty ? el("p", [], t(.noCities)) : Table.make(
            caption: t.count(page.items.count, .citiesFound, one: .citiesFoundOne),
            headers: [t(.city), t(.country), t(.cityRelationship), t(.zeroCarbonDeclared)], numeric: [], compact: [1, 3], stacked: true,
            rows: page.items.map { city in
                let name = t.pick(ja: city.nameJa, en: city.nameEn).text
                return [
                    .fragment([el("a", [attr("href", "/cities/\(city.id.uuidString.lowercased())")], name)]
                        + (city.archived ? [.text(" "), el("span", [attr("class", "tag")], t(.archivedTag))] : [])),
                    .text(t.country(city.country)),
                    .text(t(CityForm.relationshipMessage(city.relationship))),
                    .text(city.zeroCarbonDeclaredYear.map(String.init) ?? "—"),
                ]
            }))
        content += Layout.pager(request, size: Self.cityPageSize, next: Layout.nextListHref("/cities", cursor: page.nextCursor, [
            ("q", text), ("country", country), ("relationship", relationship?.rawValue), ("includeArchived", archived ? "true" : nil),
        ]))
        return Layout.page(request, title: t(.citiesTitle), section: .cities, content)
    }

    /// A city: what the API holds, its needs, and (as the API lets the reader) its policy dialogues,
    /// local partners and liaison bases, each with the way to add one.
    func cityDetail(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let city = try await services.cities.city(try request.pathUUID("id"), by: principal)
        let path = "/cities/\(city.id.uuidString.lowercased())"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/cities")], t(.backToCities))])]
        for (query, message) in [("saved", Message.citySaved), ("created", .cityCreated), ("dialogueSaved", .dialogueSaved),
                                 ("dialogueUpdated", .dialogueUpdated), ("partnerSaved", .partnerSaved), ("partnerUpdated", .partnerUpdated)] where request.query(query) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        content.append(CityForm.summary(request, city))
        if allows(principal.role, "updateCity") {
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.editCity))]))
        }
        let needs = try await Self.everyPage { try await services.cities.needs(CityNeedFilter(cityID: city.id), page: $0, by: principal) }
        content.append(el("h2", [], t(.cityNeeds)))
        content.append(needs.isEmpty ? el("p", [], t(.noNeeds)) : NeedPages.table(request, needs, caption: t(.cityNeeds), captionShown: false))
        if allows(principal.role, "listLeads"), mayOpen(principal.role, "/leads/{id}") {
            // The leads the reader may see (a liaison officer: its base's), linked to their pages.
            let leads = try await Self.everyPage { try await services.coordinators.leads(LeadFilter(cityID: city.id), page: $0, by: principal) }
            content.append(el("h2", [], t(.cityLeads)))
            content.append(leads.isEmpty ? el("p", [], t(.noCityLeads)) : el("ul", [], leads.map { lead in
                el("li", [], [el("a", [attr("href", "/leads/\(lead.id.uuidString.lowercased())")], lead.title), .text(t(.inParentheses, t(LeadPages.stageMessage(lead.stage))))])
            }))
        }
        if allows(principal.role, "listPolicyDialogues") {
            content += try await dialogueSection(request, city: city, path: path)
        }
        if allows(principal.role, "listLocalPartners") {
            content += try await partnerSection(request, city: city, path: path)
        }
        if allows(principal.role, "listLiaisonBases") {
            let bases = try await Self.everyPage { try await services.cities.liaisonBases(LiaisonBaseFilter(cityID: city.id), page: $0, by: principal) }
            content.append(el("h2", [], t(.liaisonBasesTitle)))
            content.append(bases.isEmpty ? el("p", [], t(.noLiaisonBases)) : el("ul", [], bases.map { base in
                el("li", [], [el("a", [attr("href", "/liaison-bases/\(base.id.uuidString.lowercased())")], base.name)])
            }))
        }
        let name = t.pick(ja: city.nameJa, en: city.nameEn)
        return Layout.page(request, title: name.text, titleLanguage: name.fallback ? t.other : nil, section: .cities, content)
    }

    /// Adds (editing nil) or edits a city. A form someone else saved meanwhile comes back (409) with
    /// the person's input, the new version, and the saved values that differ.
    func cityForm(
        _ request: ConsoleRequest, values: [String: String], errors: [(field: String, message: String)], editing: City? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let text = { (name: String, label: Message, hint: Message?, type: String) in
            Form.textField(request, name: name, label: t(label), value: values[name], type: type, hint: hint.map { t($0) }, error: message(name))
        }
        let area = { (name: String, label: Message) in Form.textArea(request, name: name, label: t(label), value: values[name], error: message(name)) }
        var fields: [HTML] = [
            Layout.csrfField(request),
            text("nameJa", .cityNameJa, nil, "text"),
            text("nameEn", .cityNameEn, nil, "text"),
            Form.countrySelect(request, name: "country", label: t(.country), selected: values["country"], none: t(.guestChoose), error: message("country")),
            text("region", .cityRegion, nil, "text"),
            text("population", .cityPopulation, nil, "number"),
            Form.select(name: "relationship", label: t(.cityRelationship), options: CityRelationship.allCases.map {
                ($0.rawValue, t(CityForm.relationshipMessage($0)))
            }, selected: values["relationship"] ?? CityRelationship.prospect.rawValue, error: message("relationship")),
            text("mouDate", .mouDate, .mouDateHint, "date"),
            area("mouScope", .mouScope),
            text("zeroCarbonDeclaredYear", .zeroCarbonDeclaredYear, nil, "number"),
            text("zeroCarbonDeclaredOn", .zeroCarbonDeclaredOn, .zeroCarbonDeclaredOnHint, "date"),
            text("zeroCarbonTargetYear", .zeroCarbonTargetYear, nil, "number"),
            area("policyTargets", .policyTargets),
            area("notes", .remarks),
        ]
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var action = "/cities/new"
        var back: HTML = el("p", [], [el("a", [attr("href", "/cities")], t(.backToCities))])
        if let editing {
            let path = "/cities/\(editing.id.uuidString.lowercased())"
            action = "\(path)/edit"
            back = el("p", [], [el("a", [attr("href", path)], t(.backToCity, t.pick(ja: editing.nameJa, en: editing.nameEn).text))])
            fields.append(Form.select(name: "archived", label: t(.cityArchivedField), options: [("false", t(.no)), ("true", t(.yes))],
                                      selected: values["archived"] ?? "false"))
            fields.append(el("p", [attr("class", "explain")], t(.cityArchiveExplained)))
            let state = Form.editState(t, version: editing.version, changedMeanwhile: changedMeanwhile, title: t(.cityChangedMeanwhile), savedAt: editing.updatedAt,
                                       saved: CityForm.labelled(CityForm.values(editing), t), typed: CityForm.labelled(values, t))
            fields.append(state.field)
            notices.append(state.notice)
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .addCityButton : .saveChanges)))
        return Layout.page(request, status: status, title: t(editing == nil ? .addCityTitle : .editCityTitle), section: .cities,
                           [back] + notices + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)])
    }

    /// Creates (editing nil) or saves an edit made from the version the form carried.
    func saveCity(_ request: ConsoleRequest, editing: City?) async throws -> HTTPResponse {
        let principal = try request.principal
        let values = request.typedValues(CityForm.fieldNames)
        var parsed = FieldParser(request)
        let population = parsed.int64("population", label: .cityPopulation)
        let mouDate = parsed.date("mouDate", label: .mouDate)
        let declaredYear = parsed.int("zeroCarbonDeclaredYear", label: .zeroCarbonDeclaredYear)
        let declaredOn = parsed.date("zeroCarbonDeclaredOn", label: .zeroCarbonDeclaredOn)
        let targetYear = parsed.int("zeroCarbonTargetYear", label: .zeroCarbonTargetYear)
        guard let relationship = CityRelationship(rawValue: values["relationship"] ?? "") else { throw ConsoleError.badRequest }
        guard parsed.errors.isEmpty else {
            return cityForm(request, values: values, errors: parsed.errors, editing: editing, status: HTTPStatus(code: 422))
        }
        let draft = CityDraft(
            nameJa: request.formText("nameJa") ?? "", nameEn: request.formText("nameEn") ?? "", country: (request.formText("country") ?? "").uppercased(),
            region: request.formText("region"), population: population, relationship: relationship, mouDate: mouDate,
            mouScope: request.formText("mouScope"), zeroCarbonDeclaredYear: declaredYear, zeroCarbonDeclaredOn: declaredOn,
            zeroCarbonTargetYear: targetYear, policyTargets: request.formText("policyTargets"), notes: request.formText("notes"),
            archived: editing == nil ? nil : values["archived"] == "true")
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                let city = try await services.cities.updateCity(editing.id, ifVersion: version, by: principal) { $0 = draft }
                if city.archived && !editing.archived { return Layout.seeOther("/cities?archivedCity=1") }
                return Layout.seeOther("/cities/\(city.id.uuidString.lowercased())?saved=1")
            }
            let city = try await services.cities.createCity(draft, by: principal)
            return Layout.seeOther("/cities/\(city.id.uuidString.lowercased())?created=1")
        } catch CitiesError.staleVersion {
            let current = try await services.cities.city(try request.pathUUID("id"), by: principal)
            return cityForm(request, values: values, errors: [], editing: current, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) && error.problem.errors?.isEmpty == false {
            let errors = recordFieldErrors(error, request, values: values, labels: CityForm.labels, rules: [
                "must be an ISO 3166-1 alpha-2 code in upper case, like VN": .countryChoose, "is only for an MOU partner": .mouDateOnlyPartner,
                "must fall in zeroCarbonDeclaredYear": .zeroCarbonDayInYear, "is already the name of a city in this country": .cityNameTaken,
            ])
            return cityForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: error.problem.status))
        }
    }

    /// A service's field errors in the reader's language, each naming the field by its label: an empty
    /// required field says so, a rule listed in `rules` (the API's English message) gets its own
    /// sentence, and any other rule is worded as `fieldErrors` words it.
    func recordFieldErrors(
        _ error: any ProblemConvertible, _ request: ConsoleRequest, values: [String: String], labels: [String: Message], rules: [String: Message]
    ) -> [(field: String, message: String)] {
        let t = request.language
        guard let paired = pairedFieldErrors(error, request, labels: labels) else { return fieldErrors(error, request, labels: labels) }
        return paired.map { problem, worded in
            let field = worded.field
            guard let label = labels[field].map({ t($0) }) else { return worded }
            if let rule = rules[problem.message] { return (field: field, message: t(rule)) }
            if (values[field] ?? "").trimmed.isEmpty, problem.message.hasPrefix("is required") || problem.message == "must not be empty" {
                return (field: field, message: t(.fieldRequired, label))
            }
            if worded.message == t(.titleRequired) { return (field: field, message: t(.fieldInvalid, label)) }
            return worded
        }
    }
}

/// The city form's fields: their labels, the stored values as the form shows them, and the summary.
enum CityForm {
    static let fieldNames = [
        "nameJa", "nameEn", "country", "region", "population", "relationship", "mouDate", "mouScope", "zeroCarbonDeclaredYear",
        "zeroCarbonDeclaredOn", "zeroCarbonTargetYear", "policyTargets", "notes", "archived",
    ]

    static let labels: [String: Message] = [
        "nameJa": .cityNameJa, "nameEn": .cityNameEn, "country": .country, "region": .cityRegion, "population": .cityPopulation,
        "relationship": .cityRelationship, "mouDate": .mouDate, "mouScope": .mouScope, "zeroCarbonDeclaredYear": .zeroCarbonDeclaredYear,
        "zeroCarbonDeclaredOn": .zeroCarbonDeclaredOn, "zeroCarbonTargetYear": .zeroCarbonTargetYear, "policyTargets": .policyTargets,
        "notes": .remarks, "archived": .cityArchivedField,
    ]

    static func values(_ city: City) -> [String: String] {
        [
            "nameJa": city.nameJa, "nameEn": city.nameEn, "country": city.country, "region": city.region ?? "",
            "population": city.population.map { String($0) } ?? "", "relationship": city.relationship.rawValue,
            "mouDate": city.mouDate?.description ?? "", "mouScope": city.mouScope ?? "",
            "zeroCarbonDeclaredYear": city.zeroCarbonDeclaredYear.map(String.init) ?? "",
            "zeroCarbonDeclaredOn": city.zeroCarbonDeclaredOn?.description ?? "",
            "zeroCarbonTargetYear": city.zeroCarbonTargetYear.map(String.init) ?? "", "policyTargets": city.policyTargets ?? "",
            "notes": city.notes ?? "", "archived": city.archived ? "true" : "false",
        ]
    }

    /// Each field with its label and the text a reader sees, in the form's order.
    static func labelled(_ values: [String: String], _ t: Language) -> [(label: String, value: String)] {
        fieldNames.map { name in
            let value = values[name] ?? ""
            switch name {
            case "relationship": return (t(.cityRelationship), CityRelationship(rawValue: value).map { t(relationshipMessage($0)) } ?? value)
            case "archived": return (t(.cityArchivedField), t(value == "true" ? .yes : .no))
            case "country": return (t(.country), t.country(value))
            default: return (labels[name].map { t($0) } ?? name, value)
            }
        }
    }

    static func relationshipMessage(_ relationship: CityRelationship) -> Message {
        switch relationship {
        case .mouPartner: .relationshipMouPartner
        case .prospect: .relationshipProspect
        case .other: .relationshipOther
        }
    }

    /// What the API holds about a city, as a summary list (empty fields left out).
    static func summary(_ request: ConsoleRequest, _ city: City) -> HTML {
        let t = request.language
        var declared = city.zeroCarbonDeclaredYear.map { t(.yearValue, String($0)) }
        if let day = city.zeroCarbonDeclaredOn { declared = t.date(day) }
        let rows: [(Message, String?)] = [
            (.cityNameJa, city.nameJa), (.cityNameEn, city.nameEn), (.country, t.country(city.country)), (.cityRegion, city.region),
            (.cityPopulation, city.population.map { t.number(Int($0)) }), (.cityRelationship, t(relationshipMessage(city.relationship))),
            (.mouDate, city.mouDate.map { t.date($0) }), (.mouScope, city.mouScope), (.zeroCarbonDeclared, declared),
            (.zeroCarbonTargetYear, city.zeroCarbonTargetYear.map { t(.yearValue, String($0)) }), (.policyTargets, city.policyTargets),
            (.remarks, city.notes), (.cityArchivedField, city.archived ? t(.yes) : nil), (.updatedOn, t.date(city.updatedAt)),
        ]
        return el("dl", [attr("class", "summary-list")], rows.compactMap { label, value in
            guard let value, !value.trimmed.isEmpty else { return nil }
            return .fragment([el("dt", [], t(label)), el("dd", [], value)])
        })
    }
}

/// Numbers and dates typed into a form, parsed before the service sees them: each one that does not
/// parse is an error beside its field, all reported at once.
struct FieldParser {
    let request: ConsoleRequest
    var errors: [(field: String, message: String)] = []

    init(_ request: ConsoleRequest) {
        self.request = request
    }

    /// Whole numbers as people in Japan type them (１，５００ and 1,500 as 1500, `Console.wholeNumber`); a
    /// minus sign is read too, so the service's own rule (not negative) is what refuses it.
    mutating func int(_ name: String, label: Message) -> Int? {
        parse(name, label: label, else: .fieldWholeNumber) { text in Console.wholeNumber(text).flatMap { Int(exactly: $0) } ?? Int(text) }
    }

    mutating func int64(_ name: String, label: Message) -> Int64? {
        parse(name, label: label, else: .fieldWholeNumber) { text in Console.wholeNumber(text) ?? Int64(text.filter { $0 != "," }) }
    }

    mutating func date(_ name: String, label: Message) -> CalendarDate? {
        parse(name, label: label, else: .fieldDate) { CalendarDate($0) }
    }

    /// `refusal` says how to write the value (GOV.UK: an error message says how to fix it, not only where).
    private mutating func parse<Value>(_ name: String, label: Message, else refusal: Message, _ read: (String) -> Value?) -> Value? {
        guard let text = request.formText(name) else { return nil }
        guard let value = read(text) else {
            errors.append((field: name, message: request.language(refusal, request.language(label))))
            return nil
        }
        return value
    }
}

extension ConsoleRequest {
    /// The named fields as typed, for a form that comes back filled in.
    func typedValues(_ names: [String]) -> [String: String] {
        Dictionary(names.compactMap { name in formValue(name).map { (name, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
