import Cities
import Companies
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches

/// "Record a business match", from a need's ranked companies or a lead's consortium. From the ranking
/// the record is made with `fromSuggestion`, so the matcher's version and the company's score parts of
/// that moment are kept: these outcomes are what later teach the matcher (issue 16). The company,
/// need, lead and city come from the page the person started on; channel and counterpart are chosen
/// as `POST /v1/matches` takes them.
extension Console {
    static let matchCreateOperations = ["createMatch", "getCompany", "getNeed", "getLead", "getCity", "listLiaisonBases", "listLocalPartners"]

    var matchCreatePages: [Page] {
        [
            Page(.get, "/matches/new", operations: Self.matchCreateOperations) { console, request in
                try await console.matchForm(request, values: MatchFormValues(query: request), errors: [])
            },
            Page(.post, "/matches/new", operations: Self.matchCreateOperations) { console, request in
                try await console.createMatch(request)
            },
        ]
    }

    /// What the record concerns, read (and so checked against the reader's reach) from its ids.
    private struct MatchSubject {
        var company: (text: String, fallback: Bool)
        var need: CityNeed?
        var lead: Lead?
        var cityID: UUID?
    }

    private func matchSubject(_ request: ConsoleRequest, _ values: MatchFormValues) async throws -> MatchSubject {
        let principal = try request.principal
        guard let companyID = UUID(uuidString: values.company) else { throw ConsoleError.notFound }
        _ = try await services.companies.company(companyID, by: principal)
        var need: CityNeed?, lead: Lead?
        if let id = UUID(uuidString: values.need) { need = try await services.cities.need(id, by: principal) }
        if let id = UUID(uuidString: values.lead) { lead = try await services.coordinators.lead(id, by: principal) }
        guard need != nil || lead != nil else { throw ConsoleError.notFound }
        return MatchSubject(company: try await matchCompanyName(request, companyID), need: need, lead: lead, cityID: lead?.cityId ?? need?.cityId)
    }

    func matchForm(
        _ request: ConsoleRequest, values: MatchFormValues, errors: [(field: String, message: String)], existing: UUID? = nil, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let subject = try await matchSubject(request, values)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var summary: [HTML] = [el("dt", [], t(.company)), el("dd", [], [NeedPages.recordText(request, subject.company)])]
        var back: HTML = .fragment([])
        if let need = subject.need {
            let title = t.pick(ja: need.titleJa, en: need.titleEn)
            summary += [el("dt", [], t(.matchNeed)), el("dd", [], [NeedPages.recordText(request, title)])]
            back = el("p", [], [el("a", [attr("href", "/needs/\(need.id.uuidString.lowercased())")], t(.backToNeed, title.text))])
        }
        if let lead = subject.lead {
            summary += [el("dt", [], t(.matchLead)), el("dd", [], lead.title)]
            back = el("p", [], [el("a", [attr("href", "/leads/\(lead.id.uuidString.lowercased())")], t(.matchBackToLead, lead.title))])
        }
        var bases: [(value: String, label: String)] = [("", t(.matchNoneChosen))]
        var partners: [(value: String, label: String)] = [("", t(.matchNoneChosen))]
        if let city = subject.cityID {
            let place = try await services.cities.city(city, by: principal)
            summary += [el("dt", [], t(.city)), el("dd", [], t.city(ja: place.nameJa, en: place.nameEn, country: place.country))]
            bases += try await Self.everyPage { try await services.cities.liaisonBases(LiaisonBaseFilter(cityID: city), page: $0, by: principal) }
                .map { ($0.id.uuidString.lowercased(), $0.name) }
            partners += try await Self.everyPage { try await services.cities.localPartners(of: city, page: $0, by: principal) }
                .map { ($0.id.uuidString.lowercased(), $0.name) }
        }
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        if let existing {
            notices.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                el("p", [], t(.matchExists)),
                el("p", [], [el("a", [attr("href", "/matches/\(existing.uuidString.lowercased())")], t(.matchOpenExisting))]),
            ]))
        }
        var fields: [HTML] = [
            Layout.csrfField(request),
            .void("input", [attr("type", "hidden"), attr("name", "company"), attr("value", values.company)]),
            .void("input", [attr("type", "hidden"), attr("name", "need"), attr("value", values.need)]),
            .void("input", [attr("type", "hidden"), attr("name", "lead"), attr("value", values.lead)]),
            .void("input", [attr("type", "hidden"), attr("name", "from"), attr("value", values.fromRanking ? "ranking" : "")]),
            Form.select(name: "channel", label: t(.matchChannel), options: MatchChannel.allCases.map { ($0.rawValue, t(MatchPages.channelMessage($0))) },
                        selected: values.channel, error: message("channel")),
            Form.select(name: "liaisonBaseId", label: t(.matchLiaisonBase), options: bases, selected: values.liaisonBase, error: message("liaisonBaseId")),
            Form.select(name: "counterpartKind", label: t(.matchCounterpart),
                        options: [("", t(.matchNoneChosen)), (CounterpartKind.cityGovernment.rawValue, t(.counterpartCity)),
                                  (CounterpartKind.localPartner.rawValue, t(.counterpartPartner))],
                        selected: values.counterpartKind, error: message("counterpartKind")),
            Form.select(name: "localPartnerId", label: t(.matchLocalPartner), options: partners, selected: values.localPartner, error: message("localPartnerId")),
        ]
        if partners.count == 1 {
            // Partners are added with the city (console12's pages); say where, rather than offer an empty list.
            fields.append(el("p", [attr("class", "hint")], [.text(t(.matchNoPartners) + " "), el("a", [attr("href", "/cities")], t(.matchCitiesLink))]))
        }
        fields += [
            Form.textArea(request, name: "notes", label: t(.notes), value: values.notes, error: message("notes")),
            el("button", [attr("type", "submit")], t(.recordMatch)),
        ]
        var intro: [HTML] = [el("dl", [attr("class", "summary-list")], summary)]
        if values.fromRanking { intro.append(el("p", [attr("class", "explain")], t(.matchFromRankingNote))) }
        return Layout.page(request, status: status, title: t(.recordMatch), section: .needs,
                           [back] + notices + intro + [el("form", [attr("method", "post"), attr("action", "/matches/new"), flag("novalidate")], fields)])
    }

    func createMatch(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let values = MatchFormValues(form: request)
        guard let channel = MatchChannel(rawValue: values.channel) else { throw ConsoleError.badRequest }
        let subject = try await matchSubject(request, values)
        guard let companyID = UUID(uuidString: values.company) else { throw ConsoleError.badRequest }
        let draft = BusinessMatchDraft(
            companyId: companyID, needId: subject.need?.id, leadId: subject.lead?.id, cityId: subject.cityID,
            counterpartKind: CounterpartKind(rawValue: values.counterpartKind), localPartnerId: UUID(uuidString: values.localPartner),
            channel: channel, liaisonBaseId: UUID(uuidString: values.liaisonBase), notes: request.formText("notes"),
            fromSuggestion: values.fromRanking && subject.need != nil ? true : nil)
        do {
            let match = try await services.matches.createMatch(draft, by: principal)
            return Layout.seeOther("/matches/\(match.id.uuidString.lowercased())?created=1")
        } catch RecordError.invalid(let problems) {
            return try await matchForm(request, values: values, errors: problems.map { MatchFormValues.error($0, t) }, status: HTTPStatus(code: 422))
        } catch RecordError.conflict(_, _) {
            // The one live record of this company for this need or on this lead (harden16: the service's look): link to it.
            return try await matchForm(request, values: values, errors: [], existing: try await services.matches.liveMatch(like: draft, by: principal),
                                       status: HTTPStatus(code: 409))
        } catch let problem as Problem where problem.status == 409 {
            // The partial unique indexes' backstop (`matches_live_company_lead`, `_need`), when a request went between.
            return try await matchForm(request, values: values, errors: [], existing: try await services.matches.liveMatch(like: draft, by: principal),
                                       status: HTTPStatus(code: 409))
        }
    }
}

/// What the "record a business match" form holds, as typed, so a refused form comes back filled in.
struct MatchFormValues: Sendable, Equatable {
    var company = "", need = "", lead = "", fromRanking = false
    var channel = MatchChannel.coordinator.rawValue
    var liaisonBase = "", counterpartKind = "", localPartner = "", notes = ""

    /// The page's link: `company` and `need` (from the ranking, `from=ranking`) or `lead`.
    init(query request: ConsoleRequest) {
        company = request.query("company") ?? ""
        need = request.query("need") ?? ""
        lead = request.query("lead") ?? ""
        fromRanking = request.query("from") == "ranking"
    }

    init(form request: ConsoleRequest) {
        company = request.formValue("company") ?? ""
        need = request.formValue("need") ?? ""
        lead = request.formValue("lead") ?? ""
        fromRanking = request.formValue("from") == "ranking"
        channel = request.formValue("channel") ?? ""
        liaisonBase = request.formValue("liaisonBaseId") ?? ""
        counterpartKind = request.formValue("counterpartKind") ?? ""
        localPartner = request.formValue("localPartnerId") ?? ""
        notes = request.formValue("notes") ?? ""
    }

    /// A rule the service refused, worded beside its field.
    static func error(_ error: FieldError, _ t: Language) -> (field: String, message: String) {
        switch error.field {
        case "liaisonBaseId": (field: "liaisonBaseId", message: t(.matchBaseRequired))
        case "localPartnerId": (field: "localPartnerId", message: t(.matchPartnerRequired))
        case "notes": (field: "notes", message: Console.fieldMessage(error.message, field: "notes", label: t(.notes), t))
        default: (field: "channel", message: t(.conflictMessage))
        }
    }
}
