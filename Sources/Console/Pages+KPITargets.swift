import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// Each KPI's target for a fiscal year, set by an administrator (`listKPITargets`, `putKPITarget`): the
/// plan's figures the dashboard's plan to date and ratings are built from. A target carries the version
/// the page showed; a save from an older page writes nothing and says what the target is now.
extension Console {
    var kpiTargetPages: [Page] {
        let operations = ["getKPIs", "listKPITargets", "putKPITarget"]
        return [
            Page(.get, "/kpi/targets", operations: operations) { console, request in
                try await console.kpiTargetsPage(request, year: try console.targetFiscalYear(request))
            },
            Page(.post, "/kpi/targets/{code}/{fiscalYear}", operations: operations) { console, request in try await console.saveKPITarget(request) },
        ]
    }

    /// Years an administrator sets targets for: the programme's first to five years ahead (a plan is
    /// written before its years begin).
    func targetFiscalYears(_ request: ConsoleRequest) -> ClosedRange<Int> {
        kpiProgrammeStart.startYear...FiscalYear(containing: request.now).startYear + 5
    }

    /// `?fy=` when it is one of those years; this fiscal year when not sent; another value is refused.
    func targetFiscalYear(_ request: ConsoleRequest) throws(QueryRefusal) -> FiscalYear {
        try Self.fiscalYearChoice(request, in: targetFiscalYears(request))
    }

    /// What the form of one KPI shows after a refused or stale save: the person's input, an error
    /// beside the field, and for a stale save the target as it is now.
    struct TargetFormState {
        let code: String
        let typed: String
        let error: String?
        let savedMeanwhile: KPITarget?
    }

    func kpiTargetsPage(_ request: ConsoleRequest, year: FiscalYear, state: TargetFormState? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let overview = try await services.kpi.overview(fiscalYear: year.startYear)
        let targets = Dictionary(try await services.kpi.targets(fiscalYear: year.startYear).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var content: [HTML] = [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", "/kpi?fy=\(year.startYear)")], t(.backToKPIs))]),
            el("form", [attr("method", "get"), attr("action", "/kpi/targets"), attr("class", "inline-form")], [
                Form.select(name: "fy", label: t(.fiscalYear), options: targetFiscalYears(request).reversed().map { (String($0), t.fiscalYear(FiscalYear($0))) },
                            selected: String(year.startYear)),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.show)),
            ]),
            el("p", [attr("class", "explain")], t(.kpiTargetsIntro)),
        ]
        if let saved = request.query("saved"), let figure = overview.kpis.first(where: { $0.code == saved }) {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")],
                              t(.kpiTargetSaved, Self.kpiName(figure, t), t.fiscalYear(year))))
        }
        if let state, let error = state.error { content.append(Form.errorSummary(request, [("target-\(state.code)", error)])) }
        for figure in overview.kpis {
            let name = Self.kpiName(figure, t)
            let saved = targets[figure.code]
            let mine = state?.code == figure.code ? state : nil
            let field = "target-\(figure.code)"
            var block: [HTML] = [
                el("h2", [attr("id", "kpi-\(figure.code)")], name),
                el("p", [], saved.map { t(.kpiTargetNow, t.number($0.target)) } ?? t(.kpiTargetNotSet)),
            ]
            if let meanwhile = mine?.savedMeanwhile {
                block.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("h3", [], t(.kpiTargetChangedMeanwhile)),
                    el("p", [], t(.kpiTargetChangedDetail, t.number(meanwhile.target), mine?.typed ?? "")),
                ]))
            }
            var fields: [HTML] = [Layout.csrfField(request)]
            if let saved { fields.append(.void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(saved.version))])) }
            fields += [
                Form.textField(request, name: field, label: t(.kpiTargetLabel, name, t.fiscalYear(year)),
                               value: mine?.typed ?? saved.map { String($0.target) }, hint: t(.kpiTargetHint), error: mine?.error),
                el("button", [attr("type", "submit")], t(saved == nil ? .kpiTargetAdd : .kpiTargetSave)),
            ]
            block.append(el("form", [attr("method", "post"), attr("action", "/kpi/targets/\(figure.code)/\(year.startYear)"), flag("novalidate")], fields))
            content.append(el("section", [attr("class", "kpi-block"), attr("aria-labelledby", "kpi-\(figure.code)")], block))
        }
        return Layout.page(request, status: status, title: t(.kpiTargetsTitle, t.fiscalYear(year)), section: .kpi, content)
    }

    func saveKPITarget(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard let code = KPICode(rawValue: request.parameters["code"] ?? ""),
              let fy = Int(request.parameters["fiscalYear"] ?? ""), targetFiscalYears(request).contains(fy) else { throw ConsoleError.notFound }
        let year = FiscalYear(fy)
        let field = "target-\(code.rawValue)"
        let typed = request.formValue(field) ?? ""
        func refused(_ message: Message) async throws -> HTTPResponse {
            try await kpiTargetsPage(request, year: year, state: TargetFormState(code: code.rawValue, typed: typed, error: t(message), savedMeanwhile: nil),
                                     status: HTTPStatus(code: 422))
        }
        guard let value = Self.wholeNumber(typed) else { return try await refused(typed.trimmed.isEmpty ? .kpiTargetRequired : .kpiTargetInvalid) }
        let version: Int?
        if let text = request.formValue("version") {
            guard let parsed = Int(text) else { throw ConsoleError.badRequest }
            version = parsed
        } else {
            version = nil
        }
        do {
            _ = try await services.kpi.setTarget(code, fiscalYear: fy, draft: KPITargetDraft(target: Int(value)), ifVersion: version, by: try request.principal)
            return Layout.seeOther("/kpi/targets?fy=\(fy)&saved=\(code.rawValue)")
        } catch KPIError.invalid {
            return try await refused(.kpiTargetInvalid)
        } catch let error as any ProblemConvertible where [409, 412, 428].contains(error.problem.status) {
            // Saved by someone else since the page was read: a new version (412), a target created
            // meanwhile where the page had none (428), or the reverse (412 without a target).
            let now = try await services.kpi.targets(fiscalYear: fy).first { $0.code == code.rawValue }
            return try await kpiTargetsPage(request, year: year, state: TargetFormState(code: code.rawValue, typed: typed, error: nil, savedMeanwhile: now),
                                            status: .conflict)
        }
    }

    static func kpiName(_ figure: KPIFigure, _ t: Language) -> String {
        "\(figure.number). " + (t == .ja ? figure.nameJa : figure.nameEn)
    }

    /// A whole number as people in Japan type it: full-width digits (１２０) and thousands separators
    /// (1,200 or 1，200) read as the number; anything else is nil.
    static func wholeNumber(_ text: String) -> Int64? {
        var digits = ""
        for scalar in text.trimmed.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits += String(scalar.value - 0xFF10)
            case 0x2C, 0xFF0C: continue
            default: return nil
            }
        }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        return Int64(digits)
    }
}

extension Console {
    /// Links to the ledger, the targets, the settings and the year's close, each for the roles that may open it (the council reads the
    /// ledger; only administrators set targets).
    func kpiAdministrationLinks(_ request: ConsoleRequest, _ year: FiscalYear) -> [HTML] {
        guard let role = request.session?.principal.role else { return [] }
        let t = request.language
        // (the page's template, the link, its text)
        var links: [(String, String, Message)] = [
            ("/kpi/revenue", "/kpi/revenue?fy=\(year.startYear)", .kpiRevenueLink),
            ("/kpi/targets", "/kpi/targets?fy=\(year.startYear)", .kpiAdminTargets),
            ("/kpi/settings", "/kpi/settings", .kpiSettingsLink),
            ("/kpi/snapshots", "/kpi/snapshots?fy=\(year.startYear)", .kpiSnapshotsLink),
        ]
        if year <= FiscalYear(containing: request.now) {
            links.append(("/kpi/years/{fiscalYear}", "/kpi/years/\(year.startYear)", .kpiYearLink))
        }
        return links.compactMap { template, href, label in
            mayOpen(role, template) ? el("a", [attr("class", "button secondary"), attr("href", href)], t(label)) : nil
        }
    }
}
