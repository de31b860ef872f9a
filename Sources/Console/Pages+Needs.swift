import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Matches
import Postgres

/// Needs: the list and search (either language: the service searches both texts and the taxonomy),
/// a need's page with its ranked companies and "start a lead", and the add-a-need form.
extension Console {
    var needPages: [Page] {
        [
            Page(.get, "/needs", operations: ["listNeeds"]) { console, request in try await console.needList(request) },
            Page(.get, "/needs/new", operations: ["createNeed", "getTaxonomy", "listCities", "getLiaisonBase"]) { console, request in
                try await console.needForm(request, values: NeedFormValues(), errors: [])
            },
            Page(.post, "/needs/new", operations: ["createNeed", "getTaxonomy", "listCities", "getLiaisonBase"], lists: ["taxonomyCodes"]) { console, request in
                try await console.createNeed(request)
            },
            Page(.get, "/needs/{id}", operations: ["getNeed", "getTaxonomy", "getCity"]) { console, request in try await console.needDetail(request) },
            Page(.get, "/needs/{id}/edit", operations: ["getNeed", "updateNeed", "getTaxonomy", "listCities", "getLiaisonBase"]) { console, request in
                let need = try await console.services.cities.need(try request.pathUUID("id"), by: try request.principal)
                return try await console.needForm(request, values: NeedFormValues(need), errors: [], editing: NeedEdit(need: need))
            },
            Page(.post, "/needs/{id}/edit", operations: ["getNeed", "updateNeed", "getTaxonomy", "listCities", "getLiaisonBase"], lists: ["taxonomyCodes"]) { console, request in
                try await console.updateNeed(request)
            },
            Page(.post, "/needs/{id}/leads", operations: ["getNeed", "createLead", "addLeadCompany", "getLiaisonBase"], lists: ["companyId"]) { console, request in
                try await console.startLead(request)
            },
        ]
    }

    static let needPageSize = 100

    func needList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard let query = NeedListQuery(request) else { return NeedListQuery.refusal(request) }
        let (text, since) = (query.text, query.since)
        let needs = try await services.cities.needs(query.filter, page: try PageRequest.parse(limit: Self.needPageSize, cursor: request.query("cursor")), by: try request.principal)
        var searchFields: [HTML] = [
            Form.textField(request, name: "q", label: t(.searchNeeds), value: text, type: "search", hint: t(.searchHint)),
            el("button", [attr("type", "submit")], t(.search)),
        ]
        if let since { searchFields.insert(.void("input", [attr("type", "hidden"), attr("name", NeedPages.sinceField), attr("value", since.description)]), at: 0) }
        var content: [HTML] = [el("form", [attr("method", "get"), attr("action", "/needs"), attr("class", "inline-form"), attr("role", "search")], searchFields)]
        if let since {
            content.append(el("p", [attr("class", "notice"), attr("role", "status")], [
                .text(t(.needsReportedSince, t.date(since)) + " "), el("a", [attr("href", "/needs")], t(.allNeedsLink)),
            ]))
        }
        if let imported = request.query("imported").flatMap(Int.init) {
            content.insert(el("p", [attr("class", "notice success"), attr("role", "status")], t.count(imported, .importDone, one: .importDoneOne)), at: 0)
        }
        let role = try request.principal.role
        var actions: [HTML] = []
        if allows(role, "createNeed") { actions.append(el("a", [attr("class", "button secondary"), attr("href", "/needs/new")], t(.addNeed))) }
        if allows(role, "importNeeds") { actions.append(el("a", [attr("class", "button secondary"), attr("href", "/needs/import")], t(.importLink))) }
        if allows(role, "listNeedCoverage") { actions.append(el("a", [attr("class", "button secondary"), attr("href", "/needs/coverage")], t(.coverageLink))) }
        if allows(role, "exportNeeds") {
            actions.append(el("a", [attr("class", "button secondary"), attr("href", Layout.listHref("/needs/export.csv", query.filters)), attr("download", "")],
                              t(.exportNeedsLink)))
        }
        if !actions.isEmpty { content.append(el("p", [attr("class", "actions")], actions)) }
        content.append(needs.items.isEmpty ? el("p", [], t(.noNeeds)) : NeedPages.table(request, needs.items, caption: Layout.countCaption(
            request, shown: needs.items.count, more: needs.nextCursor != nil, .needsFound, one: .needsFoundOne, orMore: .needsFoundMore)))
        content += Layout.pager(request, size: Self.needPageSize, next: Layout.nextListHref("/needs", cursor: needs.nextCursor, query.filters))
        return Layout.page(request, title: t(.needsTitle), section: .needs, content)
    }

    /// A lead's needs, each linked by its title (s24: each read "Open the need", so a lead of two needs showed two
    /// links alike); "Open the need" still for one the reader may not read, whose page says why.
    func needLinks(_ request: ConsoleRequest, _ needs: [UUID], by principal: Principal) async throws -> [HTML] {
        var links: [HTML] = []
        for id in needs {
            let label: HTML
            do {
                let need = try await services.cities.need(id, by: principal)
                label = NeedPages.recordText(request, request.language.pick(ja: need.titleJa, en: need.titleEn))
            } catch let problem as any ProblemConvertible where [403, 404].contains(problem.problem.status) {
                label = .text(request.language(.openNeed))
            }
            links.append(el("div", [], [el("a", [attr("href", "/needs/\(id.uuidString.lowercased())"), attr("class", "target-link")], [label])]))
        }
        return links
    }

    func needDetail(_ request: ConsoleRequest, decision: DecisionAttempt? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let need = try await services.cities.need(try request.pathUUID("id"), by: principal)
        let title = t.pick(ja: need.titleJa, en: need.titleEn)
        let description = t.pick(ja: need.descriptionJa, en: need.descriptionEn)
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: principal), language: t)
        let city = try await services.cities.city(need.cityId, by: principal)
        var content: [HTML] = [
            el("dl", [attr("class", "summary-list")], [
                el("dt", [], t(.city)), el("dd", [], t.city(ja: city.nameJa, en: city.nameEn, country: city.country)),
                el("dt", [], t(.needDescription)), el("dd", [], [NeedPages.recordText(request, description)]),
                el("dt", [], t(.status)), el("dd", [], t(NeedPages.statusMessage(need.status))),
                el("dt", [], t(.reportedOn)), el("dd", [], t.date(need.reportedAt)),
                el("dt", [], t(.taxonomy)), el("dd", [], need.taxonomyCodes.isEmpty ? [.text(t(.needNoFields))]
                    : need.taxonomyCodes.map { el("span", [attr("class", "tag")], names[$0] ?? $0) }),
            ]),
        ]
        for (flag, message) in [("created", Message.needCreated), ("saved", .needSaved)] where request.query(flag) != nil {
            content.insert(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)), at: 0)
        }
        if allows(principal.role, "updateNeed") {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/needs/\(need.id.uuidString.lowercased())/edit")], t(.editNeed)),
            ]))
        }
        if allows(principal.role, "createLead") {
            content.append(NeedPages.startLeadForm(request, need: "/needs/\(need.id.uuidString.lowercased())", title: title.text))
        }
        var ranked: [MatchSuggestion] = []
        if allows(principal.role, "listNeedMatches") {
            let opensCompanies = allows(principal.role, "getCompany")
            let matches = try await services.matches.matches(for: need.id, filter: MatchFilter(limit: 10), by: principal)
            ranked = matches.items
            content.append(el("h2", [], t(.rankedCompanies)))
            content.append(el("p", [attr("class", "explain")], t(.scoreExplained)))
            // Which weights made these scores, and whether decided matches moved them (docs/matching.md). The method's
            // version (matching-2.15-…) names the release for those who tune the matcher and keep match records; to a
            // liaison officer or a viewer it is a code that says nothing, so only admin and coordinator see it.
            var method: [HTML] = [.text(t.pick(ja: matches.weights.noteJa, en: matches.weights.noteEn).text)]
            if principal.role == .admin || principal.role == .coordinator { method.append(.text(" " + t(.rankingMethod, matches.algorithmVersion))) }
            content.append(el("p", [attr("class", "explain")], method))
            // Without a shared field or word every score is track record and readiness: an order, not a fit, and
            // read as a fit it sends a coordinator to the wrong companies.
            if !matches.items.isEmpty, matches.items.allSatisfy({ $0.parts.taxonomy == 0 && $0.parts.text == 0 }) {
                content.append(el("p", [attr("class", "notice warning"), attr("role", "status")], t(.rankingWithoutEvidence)))
            }
            content.append(matches.items.isEmpty ? el("p", [], t(.noMatches)) : Table.make(
                caption: t(.rankedCompanies), captionShown: false, headers: [t(.rank), t(.company), t(.score), t(.why)], numeric: [0, 2], stacked: true,
                rows: matches.items.map { match in
                    let name = t.pick(ja: match.companyNameJa, en: match.companyNameEn)
                    let label: [HTML] = [NeedPages.recordText(request, name)]
                    return [
                        .text(t.number(match.rank)),
                        // The company page only for roles that may read the directory (the council may not).
                        opensCompanies ? el("a", [attr("href", "/companies/\(match.companyId.uuidString.lowercased())")], label) : .fragment(label),
                        .text(t.decimal(match.score)),
                        NeedPages.explanation(request, match, names: names),
                    ]
                }))
        }
        if allows(principal.role, "proposeConsortium") {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/needs/\(need.id.uuidString.lowercased())/consortium")], t(.proposeConsortium)),
            ]))
        }
        if allows(principal.role, "listNeedDecisions") {
            content += try await decisionSection(request, need: need.id, ranked: ranked, attempt: decision)
        }
        // Business-match records of this need; one made from the ranking keeps the company's score of that moment.
        let start = Self.startMatchForm(
            request, companies: ranked.map { ($0.companyId.uuidString.lowercased(), t.pick(ja: $0.companyNameJa, en: $0.companyNameEn).text) },
            need: need.id, lead: nil, fromRanking: true)
        content += try await matchRecordsSection(
            request, path: "/needs/\(need.id.uuidString.lowercased())", filter: BusinessMatchFilter(needId: need.id), column: .company, start: start)
        return Layout.page(request, status: status, title: title.text, titleLanguage: title.fallback ? t.other : nil, section: .needs, content)
    }

    /// Starts a lead for this need, owned by the signed-in coordinator, with the need's title.
    func startLead(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let principal = try request.principal
        let need = try await services.cities.need(try request.pathUUID("id"), by: principal)
        let title = request.formText("title") ?? request.language.pick(ja: need.titleJa, en: need.titleEn).text
        let channel: LeadSourceChannel = switch need.source {
        case .liaisonBase: .liaisonBase
        case .policyDialogue: .policyDialogue
        case .convention: .convention
        case .inquiry: .inquiry
        }
        // From a proposed consortium: its companies join the lead, the best-scoring one as prime, in the
        // lead's own transaction (a member gone since the proposal leaves no lead behind).
        let companies = request.formValues("companyId").prefix(ConsortiumRequest.memberLimits.upperBound).compactMap(UUID.init(uuidString:))
        // The need's base, when it is one of the need's city's: a need stored before that rule (harden12) may name
        // another city's, which the lead would refuse (a 422 on a field this button does not show), so the lead
        // then starts with no base and its edit page offers the city's.
        var base: UUID?
        if channel == .liaisonBase, let named = need.sourceLiaisonBaseId,
           try await services.cities.liaisonBase(named, by: principal).cityId == need.cityId {
            base = named
        }
        let lead = try await services.coordinators.createLead(
            LeadDraft(title: title, cityId: need.cityId, needIds: [need.id], sourceChannel: channel, sourceLiaisonBaseId: base),
            consortium: companies.enumerated().map { LeadCompanyDraft(companyId: $1, role: $0 == 0 ? .prime : .partner) },
            by: principal)
        return Layout.seeOther("/leads/\(lead.id.uuidString.lowercased())?started=1")
    }
}

/// The needs list's filters as the list, its next page and its export read them, so that the export link exports
/// what the list shows (ux20: it carried `q` alone, and "export" from /needs?since= wrote every need).
struct NeedListQuery {
    let text: String?
    /// `since` (the home page's "see all needs reported this month"): needs reported from that day on, in Japan.
    let since: CalendarDate?

    /// Nil for a `since` that is not a day (a hand-edited link), which `refusal` answers.
    init?(_ request: ConsoleRequest) {
        let words = Validation.searchWords(request.query("q"))
        text = words?.isEmpty == false ? words : nil
        let sinceText = request.query(NeedPages.sinceField)?.trimmed ?? ""
        since = CalendarDate(sinceText)
        if !sinceText.isEmpty, since == nil { return nil }
    }

    var filter: CityNeedFilter { CityNeedFilter(text: text, reportedSince: since?.startInJapan) }

    /// The filters as a link carries them.
    var filters: [(String, String?)] { [("q", text), (NeedPages.sinceField, since?.description)] }

    /// A `since` that is not a day: say which value and how it is written (422), listing or exporting nothing.
    static func refusal(_ request: ConsoleRequest) -> HTTPResponse {
        Layout.page(request, status: HTTPStatus(code: 422), title: request.language(.needsTitle), section: .needs,
                    [Form.errorSummary(request, [(field: NeedPages.sinceField, message: request.language(.needsSinceInvalid))])])
    }
}

/// Pieces of need pages shared with the home page.
enum NeedPages {
    /// The needs list's "reported since" filter (a day, 2026-12-01).
    static let sinceField = "since"

    static func table(_ request: ConsoleRequest, _ needs: [CityNeed], caption: String, captionShown: Bool = true) -> HTML {
        let t = request.language
        return Table.make(
            caption: caption, captionShown: captionShown, headers: [t(.needTitle), t(.status), t(.reportedOn)], numeric: [], compact: [1, 2],
            rows: needs.map { need in
                let title = t.pick(ja: need.titleJa, en: need.titleEn)
                return [
                    el("a", [attr("href", "/needs/\(need.id.uuidString.lowercased())")], [NeedPages.recordText(request, title)]),
                    .text(t(statusMessage(need.status))),
                    .text(t.date(need.reportedAt)),
                ]
            })
    }

    /// Marks text shown in the other language because the record has none in the reader's.
    private static func fallbackMark(_ request: ConsoleRequest, _ fallback: Bool) -> HTML {
        fallback ? el("span", [attr("class", "fallback")], request.language(.inOtherLanguage)) : .fragment([])
    }

    /// "Start a lead for this need" alone (no consortium): on the need's page, and where a proposed consortium is empty.
    static func startLeadForm(_ request: ConsoleRequest, need path: String, title: String) -> HTML {
        el("form", [attr("method", "post"), attr("action", "\(path)/leads"), attr("class", "actions")], [
            Layout.csrfField(request),
            .void("input", [attr("type", "hidden"), attr("name", "title"), attr("value", title)]),
            el("button", [attr("type", "submit")], request.language(.startLead)),
        ])
    }

    /// A record's text as `Language.pick` chose it. Text in the other language carries that language's
    /// `lang` (WCAG 3.1.2, language of parts: a screen reader then reads "Waste to energy" with an
    /// English voice, not as Japanese kana) and the visible mark beside it.
    static func recordText(_ request: ConsoleRequest, _ picked: (text: String, fallback: Bool)) -> HTML {
        guard picked.fallback else { return .text(picked.text) }
        return .fragment([el("span", [attr("lang", request.language.other.rawValue)], picked.text), fallbackMark(request, true)])
    }

    static func statusMessage(_ status: NeedStatus) -> Message {
        switch status {
        case .open: .needOpen
        case .inProgress: .needInProgress
        case .closed: .needClosed
        }
    }

    /// The most concepts one company's reason lists (the API's answer has them all).
    static let explainedConcepts = 5

    /// The parts of the score and what matched, in words.
    static func explanation(_ request: ConsoleRequest, _ match: MatchSuggestion, names: [String: String]) -> HTML {
        explanation(request, parts: match.parts, explanation: match.explanation, decision: match.decision, names: names)
    }

    /// The same for any scored pair (a need's ranked company, a company's opportunity).
    static func explanation(
        _ request: ConsoleRequest, parts: ScoreParts, explanation: MatchExplanation, decision: NeedCompanyDecisionSummary?, names: [String: String]
    ) -> HTML {
        let t = request.language
        var items: [HTML] = decision.map { decision in
            [el("li", [attr("class", "pinned")], t(.pinnedBecause, decision.reason))]
        } ?? []
        items += [
            el("li", [], t(.scoreParts, t.decimal(parts.taxonomy), t.decimal(parts.text),
                           t.decimal(parts.trackRecord), t.decimal(parts.readiness))),
        ]
        // One company field can meet several of the need's (exact, a sibling, a child): name it once.
        var named = Set<String>()
        let codes = explanation.matchedCodes.map { names[$0.companyCode] ?? $0.companyCode }.filter { named.insert($0).inserted }
        if !codes.isEmpty { items.append(el("li", [], t(.matchedCodes, codes.joined(separator: ", ")))) }
        // What met what in the texts, in each side's own words (ごみ処理施設 against "waste to energy"): a need whose text
        // alone met the company (no field tagged, no word shared) otherwise showed a words score and no reason (probe13).
        // A concept the company is only tagged with has no words of its own. When the company's concept is another one (a
        // sibling's 汚泥 for a need about water supply) it is named beside its words: they are evidence for it, not the need's.
        let concepts = explanation.matchedConcepts.prefix(Self.explainedConcepts).map { concept in
            let (name, asked) = (names[concept.code] ?? concept.code, concept.needTerms.joined(separator: ", "))
            let words = concept.companyTerms.joined(separator: ", ")
            guard concept.companyCode != concept.code else {
                return words.isEmpty ? t(.matchedConceptTagged, name, asked) : t(.matchedConcept, name, asked, words)
            }
            let offered = names[concept.companyCode] ?? concept.companyCode
            return words.isEmpty ? t(.matchedConceptNearTagged, name, asked, offered) : t(.matchedConceptNear, name, asked, offered, words)
        }
        if !concepts.isEmpty { items.append(el("li", [], t(.matchedConcepts, concepts.joined(separator: "; ")))) }
        // Why the taxonomy or text part is lower than the fields above suggest: the company claims them among many others.
        var spread = Set<String>()
        let counted = (explanation.matchedCodes.filter { $0.counted != nil }.map(\.companyCode)
            + explanation.matchedConcepts.filter { $0.counted != nil }.map(\.companyCode)).map { names[$0] ?? $0 }.filter { spread.insert($0).inserted }
        if !counted.isEmpty { items.append(el("li", [], t(.countedInPart, counted.joined(separator: ", ")))) }
        if !explanation.matchedWords.isEmpty {
            items.append(el("li", [], t(.matchedWords, explanation.matchedWords.prefix(8).joined(separator: ", "))))
        }
        if !explanation.trackRecords.isEmpty {
            // The city is the company's own text and the country a name of several words: "Da Nang Viet Nam 2021" read as one name.
            let records = explanation.trackRecords.prefix(3).map { record in
                let place = record.city.map { t == .ja ? "\($0)（\(t.country(record.country))）" : "\($0) (\(t.country(record.country)))" }
                    ?? t.country(record.country)
                return record.year.map { t == .ja ? "\(place) \($0)年" : "\(place), \($0)" } ?? place
            }
            items.append(el("li", [], t(.matchedRecords, records.joined(separator: t == .ja ? "、" : "; "))))
        }
        return el("ul", [attr("class", "explain")], items)
    }
}
