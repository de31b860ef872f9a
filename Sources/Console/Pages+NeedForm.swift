import Cities
import DomainKit
import FoundationEssentials
import HTTPServer

/// What a person typed into the need form, kept as typed so a refused form comes back filled in.
struct NeedFormValues: Sendable {
    var cityID: String?
    var titleJa = ""
    var titleEn = ""
    var descriptionJa = ""
    var descriptionEn = ""
    var taxonomyCodes: Set<String> = []
    var source = NeedSource.inquiry.rawValue
    var status = NeedStatus.open.rawValue

    init() {}

    /// The form filled with a stored need, for editing.
    init(_ need: CityNeed) {
        cityID = need.cityId.uuidString.lowercased()
        titleJa = need.titleJa ?? ""
        titleEn = need.titleEn ?? ""
        descriptionJa = need.descriptionJa ?? ""
        descriptionEn = need.descriptionEn ?? ""
        taxonomyCodes = Set(need.taxonomyCodes)
        source = need.source.rawValue
        status = need.status.rawValue
    }

    /// What the person submitted.
    init(_ request: ConsoleRequest) {
        cityID = request.formValue("cityId")
        titleJa = request.formValue("titleJa") ?? ""
        titleEn = request.formValue("titleEn") ?? ""
        descriptionJa = request.formValue("descriptionJa") ?? ""
        descriptionEn = request.formValue("descriptionEn") ?? ""
        taxonomyCodes = Set(request.formValues("taxonomyCodes"))
        source = request.formValue("source") ?? NeedSource.inquiry.rawValue
        status = request.formValue("status") ?? NeedStatus.open.rawValue
    }
}

/// Editing an existing need: the version the person started from, and whether someone else saved it since.
struct NeedEdit: Sendable {
    let need: CityNeed
    var changedMeanwhile = false
}

/// Adding or editing a need (liaison officers for their city; coordinators and admins for any), in
/// Japanese and/or English, with the taxonomy as checkboxes that work without JavaScript.
extension Console {
    func needForm(
        _ request: ConsoleRequest, values: NeedFormValues, errors: [(field: String, message: String)], editing: NeedEdit? = nil,
        status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let taxonomy = NeedFormSupport.flatten(try await services.cities.taxonomy(by: principal), language: t)
        var cities = try await Self.everyPage { try await services.cities.cities(CityFilter(), page: $0, by: principal) }
        var selectedCity = values.cityID
        if principal.role == .liaison, let base = principal.liaisonBaseID {
            // A liaison officer reports for its own base's city only (the service enforces it too).
            let cityID = try await services.cities.liaisonBase(base, by: principal).cityId
            cities = cities.filter { $0.id == cityID }
            selectedCity = cityID.uuidString.lowercased()
        }
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        // A need keeps its city once reported (its leads and matches belong to it): only a new one picks it.
        let cityField = editing != nil ? HTML.fragment([]) : Form.select(name: "cityId", label: t(.city), options: cities.map { city in
            (city.id.uuidString.lowercased(), t.city(ja: city.nameJa, en: city.nameEn, country: city.country))
        }, selected: selectedCity, error: message("cityId"))
        var fields: [HTML] = [
            Layout.csrfField(request),
            cityField,
            Form.textField(request, name: "titleJa", label: t(.titleJa), value: values.titleJa, hint: t(.oneLanguageEnough), error: message("titleJa")),
            Form.textField(request, name: "titleEn", label: t(.titleEn), value: values.titleEn, error: message("titleEn")),
            Form.textArea(request, name: "descriptionJa", label: t(.descriptionJa), value: values.descriptionJa, error: message("descriptionJa")),
            Form.textArea(request, name: "descriptionEn", label: t(.descriptionEn), value: values.descriptionEn, error: message("descriptionEn")),
            Form.checkboxes(request, name: "taxonomyCodes", legend: t(.taxonomy), options: taxonomy, checked: values.taxonomyCodes),
        ]
        if principal.role != .liaison {
            fields.append(Form.select(name: "source", label: t(.needSource), options: NeedSource.allCases.map { ($0.rawValue, t(NeedFormSupport.sourceMessage($0))) },
                                      selected: values.source, error: message("source")))
        }
        let back = editing.map { edit in
            el("p", [], [el("a", [attr("href", "/needs/\(edit.need.id.uuidString.lowercased())")],
                            t(.backToNeed, t.pick(ja: edit.need.titleJa, en: edit.need.titleEn).text))])
        } ?? el("p", [], [el("a", [attr("href", "/needs")], t(.backToNeeds))])
        var notices: [HTML] = [back, Form.errorSummary(request, errors)]
        var action = "/needs/new"
        if let editing {
            action = "/needs/\(editing.need.id.uuidString.lowercased())/edit"
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(editing.need.version))]))
            fields.append(Form.select(name: "status", label: t(.status), options: NeedStatus.allCases.map { ($0.rawValue, t(NeedPages.statusMessage($0))) },
                                      selected: values.status))
            if editing.changedMeanwhile {
                notices.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("h2", [], t(.needChangedMeanwhile)),
                    el("p", [], t(.needChangedDetail, t.pick(ja: editing.need.titleJa, en: editing.need.titleEn).text, t.date(editing.need.updatedAt))),
                    el("ul", [], NeedFormSupport.differences(request, stored: NeedFormValues(editing.need), typed: values, taxonomy: taxonomy)),
                ]))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .saveNeed : .saveChanges)))
        return Layout.page(request, status: status, title: t(editing == nil ? .addNeedTitle : .editNeedTitle), section: .needs,
                           notices + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)])
    }

    func createNeed(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let values = NeedFormValues(request)
        guard let city = values.cityID.flatMap(UUID.init(uuidString:)) else {
            return try await needForm(request, values: values, errors: [("cityId", t(.chooseCity))], status: HTTPStatus(code: 422))
        }
        let draft = CityNeedDraft(
            cityId: city, titleJa: request.formText("titleJa"), titleEn: request.formText("titleEn"),
            descriptionJa: request.formText("descriptionJa"), descriptionEn: request.formText("descriptionEn"),
            taxonomyCodes: request.formValues("taxonomyCodes"), source: NeedSource(rawValue: values.source) ?? .inquiry)
        do {
            let need = try await services.cities.createNeed(draft, by: try request.principal)
            // ux13: the need's page confirms the report (a liaison officer on a phone saw no sign it was sent).
            return Layout.seeOther("/needs/\(need.id.uuidString.lowercased())?created=1")
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await needForm(request, values: values, errors: fieldErrors(error, request, labels: Self.needFieldLabels), status: HTTPStatus(code: 422))
        }
    }

    /// Saves an edit made from `version`. If someone saved the need since, nothing is written: the
    /// form comes back with the person's input, the new version, and a notice naming when it changed.
    func updateNeed(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let values = NeedFormValues(request)
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        do {
            _ = try await services.cities.updateNeed(id, ifVersion: version, by: principal) { draft in
                draft.titleJa = request.formText("titleJa")
                draft.titleEn = request.formText("titleEn")
                draft.descriptionJa = request.formText("descriptionJa")
                draft.descriptionEn = request.formText("descriptionEn")
                draft.taxonomyCodes = request.formValues("taxonomyCodes")
                if let status = NeedStatus(rawValue: values.status) { draft.status = status }
            }
            return Layout.seeOther("/needs/\(id.uuidString.lowercased())?saved=1")
        } catch CitiesError.staleVersion {
            let current = try await services.cities.need(id, by: principal)
            return try await needForm(request, values: values, errors: [], editing: NeedEdit(need: current, changedMeanwhile: true),
                                      status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            let current = try await services.cities.need(id, by: principal)
            return try await needForm(request, values: values, errors: fieldErrors(error, request, labels: Self.needFieldLabels), editing: NeedEdit(need: current),
                                      status: HTTPStatus(code: 422))
        }
    }

    /// The service's field rules, shown beside the fields they concern in the reader's language, each
    /// naming the field by its label on the form (`labels`), never by its key in the API.
    func fieldErrors(_ error: any ProblemConvertible, _ request: ConsoleRequest, labels: [String: Message]) -> [(field: String, message: String)] {
        let t = request.language
        let errors = error.problem.errors ?? []
        return (errors.isEmpty ? [FieldError(field: "titleJa", message: "")] : errors).map { error in
            // A list item's error ("taxonomyCodes.3") belongs to the list's field.
            let field = String(error.field.prefix { $0 != "." })
            guard let label = labels[field].map({ t($0) }) else { return (field: field, message: t(.errorSummaryTitle)) }
            return (field: field, message: Self.fieldMessage(error.message, field: field, label: label, t))
        }
    }

    /// The rule a field broke, read back from the shared validation's English (DomainKit `Validation`).
    static func fieldMessage(_ message: String, field: String, label: String, _ t: Language) -> String {
        let limitPrefix = "must be at most ", limitSuffix = " characters"
        if message.hasPrefix(limitPrefix), message.hasSuffix(limitSuffix),
           let limit = Int(message.dropFirst(limitPrefix.count).dropLast(limitSuffix.count)) {
            return t(.fieldTooLong, label, t.number(limit))
        }
        if message == Validation.invisibleControlsMessage { return t(.fieldControlCharacters, label) }
        if field.hasPrefix("title") { return t(.titleRequired) }
        // The shared validation writes its rules in English for people ("must be a date from 1900 to 2100"): an English
        // reader is told the rule rather than only where to look. A Japanese reader is not given English.
        if t == .en, let rule = readableRule(message) { return t(.fieldBrokeRule, label, rule) }
        return t(.fieldInvalid, label)
    }

    /// A validation message that reads as the end of a sentence about the field, or nil.
    static func readableRule(_ message: String) -> String? {
        let rule = message.trimmed
        guard rule.hasPrefix("must ") || rule.hasPrefix("is ") || rule.hasPrefix("may "), rule.count <= 200,
              !rule.contains(where: \.isNewline) else { return nil }
        return rule
    }

    static let needFieldLabels: [String: Message] = [
        "cityId": .city, "titleJa": .titleJa, "titleEn": .titleEn, "descriptionJa": .descriptionJa, "descriptionEn": .descriptionEn,
        "taxonomyCodes": .taxonomy, "source": .needSource, "status": .status,
    ]
}

enum NeedFormSupport {
    /// The taxonomy tree as a flat list, children indented under their parent's name.
    /// `nested` prefixes each child with its parent's name, for the picker; the plain names label tags.
    /// Each taxonomy code's name in `language`, for tags and explanations.
    static func names(_ nodes: [TaxonomyNode], language: Language) -> [String: String] {
        Dictionary(flatten(nodes, language: language, nested: false), uniquingKeysWith: { first, _ in first })
    }

    static func flatten(_ nodes: [TaxonomyNode], language: Language, nested: Bool = true, prefix: String = "") -> [(value: String, label: String)] {
        nodes.flatMap { node in
            let name = language == .ja ? node.nameJa : node.nameEn
            let childPrefix = nested ? prefix + name + " › " : ""
            return [(node.code, prefix + name)] + flatten(node.children, language: language, nested: nested, prefix: childPrefix)
        }
    }

    /// The saved values that differ from what the person typed, each with its label: what the other
    /// person's save changed, as far as it matters to this form.
    static func differences(
        _ request: ConsoleRequest, stored: NeedFormValues, typed: NeedFormValues, taxonomy: [(value: String, label: String)]
    ) -> [HTML] {
        let t = request.language
        let names = Dictionary(taxonomy, uniquingKeysWith: { first, _ in first })
        func codes(_ values: Set<String>) -> String { values.sorted().map { names[$0] ?? $0 }.joined(separator: "、") }
        let pairs: [(Message, String, String)] = [
            (.titleJa, stored.titleJa, typed.titleJa), (.titleEn, stored.titleEn, typed.titleEn),
            (.descriptionJa, stored.descriptionJa, typed.descriptionJa), (.descriptionEn, stored.descriptionEn, typed.descriptionEn),
            (.status, NeedStatus(rawValue: stored.status).map { t(NeedPages.statusMessage($0)) } ?? stored.status,
             NeedStatus(rawValue: typed.status).map { t(NeedPages.statusMessage($0)) } ?? typed.status),
            (.taxonomy, codes(stored.taxonomyCodes), codes(typed.taxonomyCodes)),
        ]
        return pairs.filter { $0.1.trimmed != $0.2.trimmed }.map { label, saved, _ in
            el("li", [], t(.savedValue, t(label), saved.isEmpty ? "—" : saved))
        }
    }

    static func sourceMessage(_ source: NeedSource) -> Message {
        switch source {
        case .liaisonBase: .sourceLiaisonBase
        case .policyDialogue: .sourcePolicyDialogue
        case .convention: .sourceConvention
        case .inquiry: .sourceInquiry
        }
    }
}
