import DomainKit
import FoundationEssentials
import HTTPServer
import KPI
import Postgres

/// The revenue ledger behind the self-funding figures (docs/kpi.md, "Revenue ledger"): a fiscal year's
/// entries and totals (admins, coordinators and the council read them), an entry recorded by an
/// administrator, and an entry recorded in error reversed with a reason after a page that says what
/// will happen (a counter-entry; the ledger keeps both lines and nothing can be undone).
extension Console {
    /// How many revenue entries a page lists; the pager's next link says the same number (`Layout.pager`).
    static let revenuePageSize = 50

    var revenuePages: [Page] {
        let read = ["listRevenueEntries", "getRevenueSummary"]
        let record = ["recordRevenueEntry", "listRevenueEntries"]
        let reverse = ["reverseRevenueEntry", "listRevenueEntries"]
        return [
            Page(.get, "/kpi/revenue", operations: read) { console, request in try await console.revenuePage(request) },
            Page(.get, "/kpi/revenue/new", operations: record) { console, request in
                try console.revenueEntryForm(request, values: RevenueFormValues(today: CalendarDate(inJapanAt: request.now)), errors: [])
            },
            Page(.post, "/kpi/revenue/new", operations: record) { console, request in try await console.recordRevenueEntry(request) },
            Page(.get, "/kpi/revenue/{id}/reverse", operations: reverse) { console, request in
                try await console.reversalPage(request, entry: try await console.revenueEntry(request), reason: "", error: nil)
            },
            Page(.post, "/kpi/revenue/{id}/reverse", operations: reverse) { console, request in try await console.reverseRevenueEntry(request) },
        ]
    }

    func revenuePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let year = try chosenFiscalYear(request)
        let current = FiscalYear(containing: request.now)
        let cursor = request.query("cursor")
        let page: DomainKit.Page<RevenueEntry>
        do {
            page = try await services.revenue.entries(fiscalYear: year.startYear, page: try PageRequest.parse(limit: Self.revenuePageSize, cursor: cursor))
        } catch let problem as Problem where problem.status == 400 {
            throw ConsoleError.badRequest
        }
        let summary = try await services.revenue.summary(fiscalYear: year.startYear)
        let role = try request.principal.role
        let writes = allows(role, "recordRevenueEntry")
        var content: [HTML] = [
            el("p", [attr("class", "no-print")], [el("a", [attr("href", "/kpi?fy=\(year.startYear)")], t(.backToKPIs))]),
            el("form", [attr("method", "get"), attr("action", "/kpi/revenue"), attr("class", "inline-form no-print")], [
                Form.select(name: "fy", label: t(.fiscalYear), options: (kpiProgrammeStart.startYear...current.startYear).reversed().map {
                    (String($0), t.fiscalYear(FiscalYear($0)))
                }, selected: String(year.startYear)),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.show)),
            ]),
            el("p", [attr("class", "explain")], t(.revenueIntro)),
        ]
        for (flag, message) in [("recorded", Message.revenueRecorded), ("reversed", .revenueReversed)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if writes {
            content.append(el("p", [attr("class", "actions no-print")], [el("a", [attr("class", "button"), attr("href", "/kpi/revenue/new")], t(.revenueNew))]))
        }
        content.append(Table.make(
            caption: t(.revenueSummaryCaption, t.fiscalYear(year)), headers: [t(.revenueKind), t(.revenueAmount)], numeric: [1],
            rows: RevenueKind.allCases.map { kind in
                [.text(t(Self.revenueKindMessage(kind))), .text(Self.yen(summary.byKind[kind.rawValue] ?? 0, t))]
            } + [[el("strong", [], t(.revenueTotal)), el("strong", [], Self.yen(summary.totalYen, t))]]))
        content.append(el("h2", [attr("id", "entries")], t(.revenueEntriesHeading)))
        content.append(page.items.isEmpty ? el("p", [], t(.revenueNoEntries)) : Table.make(
            caption: t(.revenueEntriesHeading), captionShown: false,
            headers: [t(.revenueReceivedOn), t(.revenueKind), t(.revenueCounterparty), t(.revenueAmount), t(.revenueState)],
            numeric: [3], compact: [0], stacked: true,
            rows: page.items.map { entry in
                [.text(t.date(entry.receivedOn)), .text(t(Self.revenueKindMessage(entry.kind))), .text(entry.counterparty),
                 .text(Self.yen(entry.amountYen, t)), revenueState(request, entry, writes: writes)]
            }))
        content += Layout.pager(request, size: Self.revenuePageSize, next: Layout.nextListHref(
            "/kpi/revenue", cursor: page.nextCursor, [("fy", String(year.startYear))]))
        return Layout.page(request, title: t(.revenueTitle, t.fiscalYear(year)), section: .kpi, content)
    }

    /// An entry's state: a counter-entry with its reason, an entry already reversed, or (for those who
    /// may) the link to reverse it.
    private func revenueState(_ request: ConsoleRequest, _ entry: RevenueEntry, writes: Bool) -> HTML {
        let t = request.language
        if entry.reversesId != nil { return .text(t(.revenueCounterEntry, entry.reason ?? "")) }
        if entry.reversedById != nil { return .text(t(.revenueWasReversed)) }
        guard writes else { return .text("") }
        return el("a", [attr("href", "/kpi/revenue/\(entry.id.uuidString.lowercased())/reverse"),
                        attr("aria-label", t(.revenueReverseNamed, entry.counterparty, Self.yen(entry.amountYen, t)))], t(.revenueReverse))
    }

    func revenueEntryForm(_ request: ConsoleRequest, values: RevenueFormValues, errors: [(field: String, message: String)],
                          status: HTTPStatus = .ok) throws -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        return Layout.page(request, status: status, title: t(.revenueNewTitle), section: .kpi, [
            el("p", [], [el("a", [attr("href", "/kpi/revenue")], t(.revenueBack))]),
            Form.errorSummary(request, errors),
            el("form", [attr("method", "post"), attr("action", "/kpi/revenue/new"), flag("novalidate")], [
                Layout.csrfField(request),
                Form.select(name: "kind", label: t(.revenueKind), options: [("", t(.revenueChooseKind))] + RevenueKind.allCases.map {
                    ($0.rawValue, t(Self.revenueKindMessage($0)))
                }, selected: values.kind, error: message("kind")),
                Form.textField(request, name: "amountYen", label: t(.revenueAmount), value: values.amount, hint: t(.revenueAmountHint), error: message("amountYen")),
                Form.textField(request, name: "counterparty", label: t(.revenueCounterparty), value: values.counterparty, hint: t(.revenueCounterpartyHint),
                               error: message("counterparty")),
                Form.textField(request, name: "receivedOn", label: t(.revenueReceivedOn), value: values.receivedOn, type: "date",
                               hint: t(.revenueReceivedOnHint), error: message("receivedOn")),
                el("button", [attr("type", "submit")], t(.revenueRecord)),
            ]),
        ])
    }

    func recordRevenueEntry(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let values = RevenueFormValues(request)
        let day = values.receivedOn.trimmed.replacing("/", with: "-")
        let draft = RevenueEntryDraft(kind: values.kind, amountYen: Self.amountYen(values.amount), counterparty: values.counterparty.trimmed, receivedOn: day)
        do {
            let entry = try await services.revenue.record(draft, by: try request.principal)
            return Layout.seeOther("/kpi/revenue?fy=\(entry.fiscalYear)&recorded=1")
        } catch KPIError.invalid(let fields) {
            let messages: [String: Message] = [
                "kind": .revenueKindRequired, "amountYen": .revenueAmountInvalid, "counterparty": .revenueCounterpartyRequired,
                "receivedOn": .revenueReceivedOnInvalid,
            ]
            return try revenueEntryForm(request, values: values, errors: fields.map { field in
                if field.message == Validation.invisibleControlsMessage { return (field: field.field, message: t(.fieldControlCharacters, t(.revenueCounterparty))) }
                return (field: field.field, message: messages[field.field].map { t($0) } ?? t(.fieldInvalid, field.field))
            }, status: HTTPStatus(code: 422))
        }
    }

    func revenueEntry(_ request: ConsoleRequest) async throws -> RevenueEntry {
        do {
            return try await services.revenue.entry(try request.pathUUID("id"))
        } catch KPIError.notFound {
            throw ConsoleError.notFound
        }
    }

    /// The confirmation step before a reversal: the entry, what reversing it writes, and the reason.
    func reversalPage(_ request: ConsoleRequest, entry: RevenueEntry, reason: String, error: String?, notice: Message? = nil,
                      status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let path = "/kpi/revenue/\(entry.id.uuidString.lowercased())/reverse"
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", "/kpi/revenue?fy=\(entry.fiscalYear)")], t(.revenueBack))]),
            Form.errorSummary(request, error.map { [("reason", $0)] } ?? []),
        ]
        if let notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(notice))) }
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.revenueReceivedOn)), el("dd", [], t.date(entry.receivedOn)),
            el("dt", [], t(.fiscalYear)), el("dd", [], t.fiscalYear(FiscalYear(entry.fiscalYear))),
            el("dt", [], t(.revenueKind)), el("dd", [], t(Self.revenueKindMessage(entry.kind))),
            el("dt", [], t(.revenueCounterparty)), el("dd", [], entry.counterparty),
            el("dt", [], t(.revenueAmount)), el("dd", [], Self.yen(entry.amountYen, t)),
        ]))
        if entry.reversesId != nil || entry.reversedById != nil {
            content.append(el("p", [], t(entry.reversesId != nil ? .revenueIsCounterEntry : .revenueWasReversed)))
        } else {
            content.append(el("div", [attr("class", "notice warning")], [
                el("h2", [], t(.actionCannotUndo)),
                el("p", [], t(.revenueReverseExplained, Self.yen(-entry.amountYen, t), t.date(entry.receivedOn))),
            ]))
            content.append(el("form", [attr("method", "post"), attr("action", path), flag("novalidate")], [
                Layout.csrfField(request),
                Form.textArea(request, name: "reason", label: t(.revenueReason), value: reason, error: error),
                el("button", [attr("type", "submit"), attr("class", "warning")], t(.revenueReverseConfirm)),
            ]))
        }
        return Layout.page(request, status: status, title: t(.revenueReverseTitle), section: .kpi, content)
    }

    func reverseRevenueEntry(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let reason = request.formValue("reason") ?? ""
        let id = try request.pathUUID("id")
        do {
            let counter = try await services.revenue.reverse(id, RevenueReversalDraft(reason: reason), by: try request.principal)
            return Layout.seeOther("/kpi/revenue?fy=\(counter.fiscalYear)&reversed=1")
        } catch KPIError.invalid(let fields) {
            let controls = fields.contains { $0.message == Validation.invisibleControlsMessage }
            return try await reversalPage(request, entry: try await revenueEntry(request), reason: reason,
                                          error: controls ? t(.fieldControlCharacters, t(.revenueReason)) : t(.revenueReasonRequired), status: HTTPStatus(code: 422))
        } catch KPIError.notFound {
            throw ConsoleError.notFound
        } catch KPIError.conflict {
            // Reversed by someone else since the page was read (or a counter-entry): nothing written.
            return try await reversalPage(request, entry: try await revenueEntry(request), reason: reason, error: nil,
                                          notice: .revenueReversedMeanwhile, status: .conflict)
        }
    }

    /// An amount as people in Japan write it: 1,200,000円 (ja), ¥1,200,000 (en).
    static func yen(_ amount: Int64, _ t: Language) -> String {
        let number = t.number(Int(amount.magnitude))
        let sign = amount < 0 ? "-" : ""
        return t == .ja ? "\(sign)\(number)円" : "\(sign)¥\(number)"
    }

    /// The amount typed, with a 円 or ¥ around it, full-width digits and separators allowed; nil when it
    /// is no whole number (the ledger then names the field).
    static func amountYen(_ text: String) -> Int64? {
        var trimmed = text.trimmed
        for mark in ["円", "¥", "￥"] { trimmed = trimmed.replacing(mark, with: "") }
        return wholeNumber(trimmed)
    }

    static func revenueKindMessage(_ kind: RevenueKind) -> Message {
        switch kind {
        case .yusaMembershipFee: .revenueKindYusa
        case .successFee: .revenueKindSuccess
        case .consultingFee: .revenueKindConsulting
        case .sponsorship: .revenueKindSponsorship
        case .exhibitorFee: .revenueKindExhibitor
        }
    }
}

/// What a person typed into the revenue form, kept as typed so a refused form comes back filled in.
struct RevenueFormValues: Sendable, Equatable {
    var kind = ""
    var amount = ""
    var counterparty = ""
    var receivedOn = ""

    init(today: CalendarDate) {
        receivedOn = today.description
    }

    init(_ request: ConsoleRequest) {
        kind = request.formValue("kind") ?? ""
        amount = request.formValue("amountYen") ?? ""
        counterparty = request.formValue("counterparty") ?? ""
        receivedOn = request.formValue("receivedOn") ?? ""
    }
}
