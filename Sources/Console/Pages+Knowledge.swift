import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// The knowledge base (専門知識のデータベース): coordinators' notes searched in either language, by
/// field and by country, as `GET /v1/knowledge-notes` searches them.
extension Console {
    /// How many knowledge notes a page lists; the pager's next link says the same number (`Layout.pager`).
    static let notePageSize = 100

    var knowledgePages: [Page] {
        [
            Page(.get, "/knowledge", operations: ["listKnowledgeNotes", "getTaxonomy"]) { console, request in
                try await console.knowledgePage(request)
            },
        ]
    }

    func knowledgePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let text = Validation.searchWords(request.query("q"))
        let countryText = request.query("country")?.trimmed.uppercased()
        let country = countryText.flatMap { $0.isEmpty ? nil : $0 }
        let countryError = country.map { Validation.isCountryCode($0) ? nil : t(.countryInvalid) } ?? nil
        let tree = try await services.cities.taxonomy(by: principal)
        let taxonomy = NeedFormSupport.flatten(tree, language: t)
        let names = NeedFormSupport.names(tree, language: t)
        let code = try request.choice("field") { field in taxonomy.contains { $0.value == field } ? field : nil }
        var content: [HTML] = [
            el("p", [attr("class", "explain")], t(.knowledgeIntro)),
            allows(principal.role, "createKnowledgeNote")
                ? el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "/knowledge/new")], t(.addNoteTitle))])
                : .fragment([]),
            Form.errorSummary(request, countryError.map { [("country", $0)] } ?? []),
            el("form", [attr("method", "get"), attr("action", "/knowledge"), attr("role", "search"), attr("class", "panel")], [
                Form.textField(request, name: "q", label: t(.searchKnowledge), value: text, type: "search", hint: t(.searchHint)),
                Form.select(name: "field", label: t(.taxonomy), options: [("", t(.anyField))] + taxonomy, selected: code ?? ""),
                countryError == nil ? Form.countrySelect(request, name: "country", label: t(.country), selected: country, none: t(.leadAnyCountry))
                    : Form.textField(request, name: "country", label: t(.country), value: countryText, hint: t(.countryHint), error: countryError),
                el("button", [attr("type", "submit")], t(.search)),
            ]),
        ]
        guard countryError == nil else {
            return Layout.page(request, status: HTTPStatus(code: 422), title: t(.knowledgeTitle), section: .knowledge, content)
        }
        let filter = KnowledgeNoteFilter(text: text?.isEmpty == false ? text : nil, taxonomyCode: code, country: country)
        let page = try await services.coordinators.knowledgeNotes(filter, page: try PageRequest.parse(limit: Self.notePageSize, cursor: request.query("cursor")), by: principal)
        let notes = page.items
        content.append(el("h2", [], t.count(notes.count, .notesFound, one: .notesFoundOne)))
        if notes.isEmpty { content.append(el("p", [], t(.noNotes))) }
        for note in notes {
            let title = t.pick(ja: note.titleJa, en: note.titleEn)
            let body = t.pick(ja: note.bodyJa, en: note.bodyEn)
            content.append(el("article", [attr("class", "note")], [
                el("h3", [], [el("a", [attr("href", "/knowledge/\(note.id.uuidString.lowercased())")], [NeedPages.recordText(request, title)])]),
                el("p", [attr("class", "explain")], t(.writtenOn, t.date(note.createdAt))),
                el("p", [attr("class", "note-body")], [NeedPages.recordText(request, body)]),
                el("p", [], note.taxonomyCodes.map { el("span", [attr("class", "tag")], names[$0] ?? $0) }
                    + note.countries.map { el("span", [attr("class", "tag")], t.country($0)) }),
            ]))
        }
        content += Layout.pager(request, size: Self.notePageSize, next: Layout.nextListHref(
            "/knowledge", cursor: page.nextCursor, [("q", text), ("field", code), ("country", country)]))
        return Layout.page(request, title: t(.knowledgeTitle), section: .knowledge, content)
    }
}
