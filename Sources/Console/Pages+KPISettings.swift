import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// The KPI settings an administrator changes (`getKPISettings`, `putKPISettings`): the ★ rating
/// thresholds and the plan's two open counting choices. The form carries the version it was filled
/// from; a save from an older page writes nothing and lists the saved values that differ.
extension Console {
    var kpiSettingsPages: [Page] {
        let operations = ["getKPISettings", "putKPISettings"]
        return [
            Page(.get, "/kpi/settings", operations: operations) { console, request in
                let settings = try await console.services.kpi.settings()
                return try console.kpiSettingsForm(request, values: KPISettingsFormValues(settings), version: settings.version, errors: [])
            },
            Page(.post, "/kpi/settings", operations: operations) { console, request in try await console.saveKPISettings(request) },
        ]
    }

    func kpiSettingsForm(
        _ request: ConsoleRequest, values: KPISettingsFormValues, version: Int, errors: [(field: String, message: String)],
        savedMeanwhile: KPISettings? = nil, status: HTTPStatus = .ok
    ) throws -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var content: [HTML] = [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", "/kpi")], t(.backToKPIs))]),
            el("p", [attr("class", "explain")], t(.kpiSettingsIntro)),
        ]
        if request.query("saved") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.kpiSettingsSaved))) }
        content.append(Form.errorSummary(request, errors))
        if let savedMeanwhile {
            content.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                el("h2", [], t(.kpiSettingsChangedMeanwhile)),
                CompanyPages.differences(KPISettingsFormValues(savedMeanwhile).labelled(t), from: values.labelled(t), t),
            ]))
        }
        content.append(el("form", [attr("method", "post"), attr("action", "/kpi/settings"), flag("novalidate")], [
            Layout.csrfField(request),
            .void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(version))]),
            el("fieldset", [], [
                el("legend", [], t(.kpiSettingsThresholds)),
                el("p", [attr("class", "hint")], t(.kpiSettingsThresholdsHint)),
                Form.textField(request, name: "fourStars", label: t(.kpiSettingsFourStars), value: values.fourStars, error: message("fourStars")),
                Form.textField(request, name: "threeStars", label: t(.kpiSettingsThreeStars), value: values.threeStars, error: message("threeStars")),
                Form.textField(request, name: "twoStars", label: t(.kpiSettingsTwoStars), value: values.twoStars, error: message("twoStars")),
            ]),
            Form.select(name: "liaisonMatchesRule", label: t(.kpiSettingsMatchesRule), options: LiaisonMatchesRule.allCases.map {
                ($0.rawValue, t(Self.matchesRuleMessage($0)))
            }, selected: values.liaisonMatchesRule, error: message("liaisonMatchesRule")),
            Form.select(name: "studentsRule", label: t(.kpiSettingsStudentsRule), options: StudentsRule.allCases.map {
                ($0.rawValue, t(Self.studentsRuleMessage($0)))
            }, selected: values.studentsRule, error: message("studentsRule")),
            el("p", [attr("class", "explain")], t(.kpiSettingsRecount)),
            el("button", [attr("type", "submit")], t(.kpiSettingsSave)),
        ]))
        return Layout.page(request, status: status, title: t(.kpiSettingsTitle), section: .kpi, content)
    }

    func saveKPISettings(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let values = KPISettingsFormValues(request)
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        var errors: [(field: String, message: String)] = []
        var ratios: [String: Double] = [:]
        for (field, text) in [("fourStars", values.fourStars), ("threeStars", values.threeStars), ("twoStars", values.twoStars)] {
            if let ratio = Self.decimal(text) { ratios[field] = ratio } else { errors.append((field, t(.kpiSettingsRatioInvalid))) }
        }
        guard errors.isEmpty else { return try kpiSettingsForm(request, values: values, version: version, errors: errors, status: HTTPStatus(code: 422)) }
        let draft = KPISettingsDraft(fourStars: ratios["fourStars"], threeStars: ratios["threeStars"], twoStars: ratios["twoStars"],
                                     liaisonMatchesRule: values.liaisonMatchesRule, studentsRule: values.studentsRule)
        do {
            _ = try await services.kpi.updateSettings(draft, ifVersion: version, by: try request.principal)
            return Layout.seeOther("/kpi/settings?saved=1")
        } catch KPIError.invalid(let fields) {
            return try kpiSettingsForm(request, values: values, version: version, errors: fields.map { field in
                let falling = field.field == "threeStars" && field.message.contains("fall")
                return (field.field, t(falling ? .kpiSettingsMustFall : field.field.hasSuffix("Stars") ? .kpiSettingsRatioInvalid : .kpiSettingsRuleInvalid))
            }, status: HTTPStatus(code: 422))
        } catch KPIError.staleVersion {
            let now = try await services.kpi.settings()
            return try kpiSettingsForm(request, values: values, version: now.version, errors: [], savedMeanwhile: now, status: .conflict)
        }
    }

    /// A ratio as typed (1.10, or with full-width digits and point); nil when it is no number.
    static func decimal(_ text: String) -> Double? {
        var ascii = ""
        for scalar in text.trimmed.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: ascii += String(scalar.value - 0xFF10)
            case 0xFF0E: ascii += "."
            default: ascii.unicodeScalars.append(scalar)
            }
        }
        guard !ascii.isEmpty, ascii.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(ascii)
    }

    static func matchesRuleMessage(_ rule: LiaisonMatchesRule) -> Message {
        switch rule {
        case .introduced: .kpiRuleIntroduced
        case .introducedStillLive: .kpiRuleIntroducedStillLive
        }
    }

    static func studentsRuleMessage(_ rule: StudentsRule) -> Message {
        switch rule {
        case .perEvent: .kpiRulePerEvent
        case .perFiscalYear: .kpiRulePerFiscalYear
        }
    }
}

/// The settings form as typed, so a refused or stale form comes back filled in.
struct KPISettingsFormValues: Sendable, Equatable {
    var fourStars: String
    var threeStars: String
    var twoStars: String
    var liaisonMatchesRule: String
    var studentsRule: String

    init(_ settings: KPISettings) {
        fourStars = Self.ratio(settings.fourStars)
        threeStars = Self.ratio(settings.threeStars)
        twoStars = Self.ratio(settings.twoStars)
        liaisonMatchesRule = settings.liaisonMatchesRule.rawValue
        studentsRule = settings.studentsRule.rawValue
    }

    init(_ request: ConsoleRequest) {
        fourStars = request.formValue("fourStars") ?? ""
        threeStars = request.formValue("threeStars") ?? ""
        twoStars = request.formValue("twoStars") ?? ""
        liaisonMatchesRule = request.formValue("liaisonMatchesRule") ?? ""
        studentsRule = request.formValue("studentsRule") ?? ""
    }

    /// 1.1 as 1.10: two decimals, as the plan writes the thresholds.
    static func ratio(_ value: Double) -> String { Language.en.decimal(value) }

    /// Each field with its label and the text a reader sees; ratios compared as numbers.
    func labelled(_ t: Language) -> [(label: String, value: String)] {
        let ratio = { (text: String) in Console.decimal(text).map(Self.ratio) ?? text }
        return [
            (t(.kpiSettingsFourStars), ratio(fourStars)), (t(.kpiSettingsThreeStars), ratio(threeStars)), (t(.kpiSettingsTwoStars), ratio(twoStars)),
            (t(.kpiSettingsMatchesRule), LiaisonMatchesRule(rawValue: liaisonMatchesRule).map { t(Console.matchesRuleMessage($0)) } ?? liaisonMatchesRule),
            (t(.kpiSettingsStudentsRule), StudentsRule(rawValue: studentsRule).map { t(Console.studentsRuleMessage($0)) } ?? studentsRule),
        ]
    }
}
