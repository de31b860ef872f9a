import DomainKit
import FoundationEssentials
import HTTPServer
import KPI

/// A fiscal year's close and restatements (docs/kpi.md, "Fiscal-year close and restatements"): an
/// administrator closes a year that has ended, after a page listing the figures that will be frozen
/// as reported to the council (it cannot be undone), and corrects a closed year's figure with a
/// restatement and its reason (`closeKPIFiscalYear`, `restateKPI`).
extension Console {
    var kpiClosePages: [Page] {
        let year = ["getKPIs", "closeKPIFiscalYear", "restateKPI"]
        return [
            Page(.get, "/kpi/years/{fiscalYear}", operations: year) { console, request in
                try await console.kpiYearPage(request, year: try console.closableYear(request))
            },
            Page(.get, "/kpi/years/{fiscalYear}/close", operations: year) { console, request in
                try await console.kpiCloseConfirmation(request, year: try console.closableYear(request))
            },
            Page(.post, "/kpi/years/{fiscalYear}/close", operations: year) { console, request in try await console.closeKPIYear(request) },
            Page(.post, "/kpi/years/{fiscalYear}/restatements", operations: year) { console, request in try await console.restateKPIFigure(request) },
        ]
    }

    /// The year in the path: a programme year up to this one (a later one has nothing to close); 404 otherwise.
    func closableYear(_ request: ConsoleRequest) throws(ConsoleError) -> FiscalYear {
        guard let fy = Int(request.parameters["fiscalYear"] ?? ""),
              (kpiProgrammeStart.startYear...FiscalYear(containing: request.now).startYear).contains(fy) else { throw .notFound }
        return FiscalYear(fy)
    }

    /// What the restatement form shows after a refused save: the person's input and each field's error.
    struct RestatementFormState {
        var code = ""
        var count = ""
        var reason = ""
        var errors: [(field: String, message: String)] = []
    }

    func kpiYearPage(_ request: ConsoleRequest, year: FiscalYear, form: RestatementFormState = RestatementFormState(), notice: Message? = nil,
                     status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let overview = try await services.kpi.overview(fiscalYear: year.startYear)
        let closed = overview.kpis.contains { $0.closed }
        let path = "/kpi/years/\(year.startYear)"
        var content: [HTML] = [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", "/kpi?fy=\(year.startYear)")], t(.backToKPIs))]),
        ]
        for (flag, message) in [("closed", Message.kpiYearWasClosed), ("restated", .kpiRestatementSaved)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if let notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(notice))) }
        content.append(Form.errorSummary(request, form.errors))
        content.append(Table.make(
            caption: t(.kpiYearFigures, t.fiscalYear(year)),
            headers: [t(.kpi), t(.kpiYearFigureNow), t(.kpiYearReported), t(.kpiYearRestated)], numeric: [1, 2, 3], stacked: true,
            rows: overview.kpis.map { figure in
                [.text(Self.kpiName(figure, t)), .text(t.number(figure.count)), .text(figure.reportedCount.map { t.number($0) } ?? "—"),
                 .text(figure.restatedCount.map { t.number($0) + (figure.restatementReason.map { t(.kpiYearRestatedBecause, $0) } ?? "") } ?? "—")]
            }))
        if closed {
            let message = { (field: String) in form.errors.first { $0.field == field }?.message }
            content.append(el("h2", [], t(.kpiRestateHeading)))
            content.append(el("p", [attr("class", "explain")], t(.kpiRestateExplained)))
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/restatements"), flag("novalidate")], [
                Layout.csrfField(request),
                Form.select(name: "code", label: t(.kpi), options: [("", t(.kpiRestateChoose))] + overview.kpis.map { ($0.code, Self.kpiName($0, t)) },
                            selected: form.code, error: message("code")),
                Form.textField(request, name: "count", label: t(.kpiRestateCount), value: form.count, hint: t(.kpiTargetHint), error: message("count")),
                Form.textArea(request, name: "reason", label: t(.kpiRestateReason), value: form.reason, error: message("reason")),
                el("button", [attr("type", "submit")], t(.kpiRestateSave)),
            ]))
        } else if request.now < year.end {
            content.append(el("p", [], t(.kpiYearNotEnded, t.date(year.lastDay))))
        } else {
            content.append(el("h2", [], t(.kpiCloseHeading)))
            content.append(el("p", [attr("class", "explain")], t(.kpiCloseExplained)))
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button"), attr("href", "\(path)/close")], t(.kpiCloseStart, t.fiscalYear(year)))]))
        }
        return Layout.page(request, status: status, title: t(.kpiYearTitle, t.fiscalYear(year)), section: .kpi, content)
    }

    /// The confirmation step before a close: the figures that will be reported, and that it cannot be undone.
    func kpiCloseConfirmation(_ request: ConsoleRequest, year: FiscalYear) async throws -> HTTPResponse {
        let t = request.language
        let overview = try await services.kpi.overview(fiscalYear: year.startYear)
        let path = "/kpi/years/\(year.startYear)"
        guard request.now >= year.end, !overview.kpis.contains(where: { $0.closed }) else { return Layout.seeOther(path) }
        return Layout.page(request, title: t(.kpiCloseTitle, t.fiscalYear(year)), section: .kpi, [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", path)], t(.kpiCloseCancel))]),
            el("div", [attr("class", "notice warning")], [
                el("h2", [], t(.actionCannotUndo)),
                el("p", [], t(.kpiCloseWarning, t.fiscalYear(year))),
            ]),
            Table.make(
                caption: t(.kpiCloseFigures), headers: [t(.kpi), t(.kpiYearFigureNow)], numeric: [1],
                rows: overview.kpis.map { [.text(Self.kpiName($0, t)), .text(t.number($0.count))] }),
            el("form", [attr("method", "post"), attr("action", "\(path)/close")], [
                Layout.csrfField(request),
                el("button", [attr("type", "submit"), attr("class", "warning")], t(.kpiCloseConfirm, t.fiscalYear(year))),
            ]),
        ])
    }

    func closeKPIYear(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let year = try closableYear(request)
        do {
            _ = try await services.kpi.close(fiscalYear: year.startYear, by: try request.principal)
            return Layout.seeOther("/kpi/years/\(year.startYear)?closed=1")
        } catch KPIError.conflict {
            // Closed by someone else meanwhile, or not ended yet: nothing written; the year page says which.
            return try await kpiYearPage(request, year: year, notice: request.now < year.end ? .kpiYearNotClosable : .kpiYearClosedMeanwhile,
                                         status: .conflict)
        }
    }

    func restateKPIFigure(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let year = try closableYear(request)
        var form = RestatementFormState(
            code: request.formValue("code") ?? "", count: request.formValue("count") ?? "", reason: request.formValue("reason") ?? "")
        let count = Self.wholeNumber(form.count).flatMap { Int(exactly: $0) }
        let draft = KPIRestatementDraft(code: form.code, fiscalYear: year.startYear, count: count, reason: form.reason)
        do {
            _ = try await services.kpi.restate(draft, by: try request.principal)
            return Layout.seeOther("/kpi/years/\(year.startYear)?restated=1")
        } catch KPIError.invalid(let fields) {
            let messages: [String: Message] = ["code": .kpiRestateCodeRequired, "count": .kpiRestateCountInvalid, "reason": .kpiRestateReasonRequired]
            form.errors = fields.map { field in
                if field.message == Validation.invisibleControlsMessage { return (field.field, t(.fieldControlCharacters, t(.kpiRestateReason))) }
                return (field.field, messages[field.field].map { t($0) } ?? t(.fieldInvalid, field.field))
            }
            return try await kpiYearPage(request, year: year, form: form, status: HTTPStatus(code: 422))
        } catch KPIError.conflict {
            return try await kpiYearPage(request, year: year, form: form, notice: .kpiYearNotClosed, status: .conflict)
        }
    }
}
