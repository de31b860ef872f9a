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
}

/// Adding a need (liaison officers for their city; coordinators and admins for any), in Japanese
/// and/or English, with the taxonomy as checkboxes that work without JavaScript.
extension Console {
    func needForm(_ request: ConsoleRequest, values: NeedFormValues, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let taxonomy = NeedFormSupport.flatten(try await services.cities.taxonomy(by: principal), language: t)
        var cities = try await services.cities.cities(CityFilter(), page: try PageRequest.parse(limit: 100, cursor: nil), by: principal).items
        var selectedCity = values.cityID
        if principal.role == .liaison, let base = principal.liaisonBaseID {
            // A liaison officer reports for its own base's city only (the service enforces it too).
            let cityID = try await services.cities.liaisonBase(base, by: principal).cityId
            cities = cities.filter { $0.id == cityID }
            selectedCity = cityID.uuidString.lowercased()
        }
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.select(name: "cityId", label: t(.city), options: cities.map { city in
                (city.id.uuidString.lowercased(), t.pick(ja: city.fields.nameJa, en: city.fields.nameEn).text)
            }, selected: selectedCity, error: message("cityId")),
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
        fields.append(el("button", [attr("type", "submit")], t(.saveNeed)))
        return Layout.page(request, status: status, title: t(.addNeedTitle), section: .needs, [
            Form.errorSummary(request, errors),
            el("form", [attr("method", "post"), attr("action", "/needs/new"), flag("novalidate")], fields),
        ])
    }

    func createNeed(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        var values = NeedFormValues()
        values.cityID = request.formValue("cityId")
        values.titleJa = request.formValue("titleJa") ?? ""
        values.titleEn = request.formValue("titleEn") ?? ""
        values.descriptionJa = request.formValue("descriptionJa") ?? ""
        values.descriptionEn = request.formValue("descriptionEn") ?? ""
        values.taxonomyCodes = Set(request.formValues("taxonomyCodes"))
        values.source = request.formValue("source") ?? NeedSource.inquiry.rawValue
        guard let city = values.cityID.flatMap(UUID.init(uuidString:)) else {
            return try await needForm(request, values: values, errors: [("cityId", t(.chooseCity))], status: HTTPStatus(code: 422))
        }
        let draft = CityNeedDraft(
            cityId: city, titleJa: request.formText("titleJa"), titleEn: request.formText("titleEn"),
            descriptionJa: request.formText("descriptionJa"), descriptionEn: request.formText("descriptionEn"),
            taxonomyCodes: request.formValues("taxonomyCodes"), source: NeedSource(rawValue: values.source) ?? .inquiry)
        do {
            let need = try await services.cities.createNeed(draft, by: try request.principal)
            return Layout.seeOther("/needs/\(need.id.uuidString.lowercased())")
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            // The service's rules, shown beside the fields they concern, in the reader's language.
            let fields = (error.problem.errors ?? []).map(\.field)
            let errors = (fields.isEmpty ? ["titleJa"] : fields).map { field in
                (field: field, message: field.hasPrefix("title") ? t(.titleRequired) : t(.fieldInvalid, field))
            }
            return try await needForm(request, values: values, errors: errors, status: HTTPStatus(code: 422))
        }
    }
}

enum NeedFormSupport {
    /// The taxonomy tree as a flat list, children indented under their parent's name.
    /// `nested` prefixes each child with its parent's name, for the picker; the plain names label tags.
    static func flatten(_ nodes: [TaxonomyNode], language: Language, nested: Bool = true, prefix: String = "") -> [(value: String, label: String)] {
        nodes.flatMap { node in
            let name = language == .ja ? node.nameJa : node.nameEn
            let childPrefix = nested ? prefix + name + " › " : ""
            return [(node.code, prefix + name)] + flatten(node.children, language: language, nested: nested, prefix: childPrefix)
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
