import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// A form's choice among records that can outgrow a choice list (the directory's companies, the programme's
/// people): the list holds up to `listCeiling`, and past it the form is narrowed by the service's own search, on
/// the server (no script; ux17): a box apart from the form, its button secondary (it narrows a list, it saves
/// nothing), whose words the form then carries, so a refused form offers the same records and keeps the one chosen.
struct ChoiceSearch {
    let field: String
    let label: Message
    let hint: Message
    /// Said under the choice when the words found something (how many: the list changed below a box apart from the
    /// form, and nothing else on the page said the search had worked), found nothing, and when the ceiling cut the list.
    let found: Message
    let none: Message
    let cut: Message

    /// The directory's search, named as the meeting form's (ux12).
    static let company = ChoiceSearch(field: "findCompany", label: .meetingSearchCompany, hint: .meetingSearchCompanyHint,
                                      found: .companySearchFound, none: .companySearchNone, cut: .companyListCut)
    /// The users' search (name or e-mail address, `listUsers?q=`).
    static let person = ChoiceSearch(field: "findPerson", label: .userSearch, hint: .userSearchHint,
                                     found: .userSearchFound, none: .userSearchNone, cut: .userListCut)

    /// The search's words, from the page's query or the posted form.
    func words(_ request: ConsoleRequest) -> String? {
        Console.searchWords(request, field)
    }

    /// What the page shows of the search, once the list is read with `words`: `found` records (the search's own, not
    /// the one a form keeps offered though the words miss it: probe15) and whether the ceiling `cut` it. `action` is the page's address, `query` what it carries.
    func parts(
        _ request: ConsoleRequest, words: String?, found: Int, cut: Bool, action: String, query: [(name: String, value: String)] = []
    ) -> (searchBox: HTML?, carried: HTML, hint: String?) {
        let t = request.language
        var searchBox: HTML?
        if cut || words != nil {
            searchBox = el("form", [attr("method", "get"), attr("action", action), attr("class", "panel filters"), attr("role", "search")],
                           query.map { Self.hidden($0.name, $0.value) } + [
                Form.textField(request, name: field, label: t(label), value: words, type: "search", hint: t(hint)),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.search)),
            ])
        }
        let hint: String? = if let words, found == 0 {
            t(none, words)
        } else if let words, !cut {
            t(self.found, words, t.number(found))
        } else if cut {
            t(self.cut, t.number(Console.listCeiling))
        } else {
            nil
        }
        return (searchBox, Self.hidden(field, words ?? ""), hint)
    }

    private static func hidden(_ name: String, _ value: String) -> HTML {
        .void("input", [attr("type", "hidden"), attr("name", name), attr("value", value)])
    }
}

extension Console {
    /// A company choice from the directory for the form at `action`: its companies by name in the reader's language
    /// (archived ones left out, as the list does), those the directory's search finds (names and technologies, either
    /// language) when words were given; `kept` (the company a refused form chose, or a record's stored one) is
    /// offered though the list lacks it; `query` is what the page's own address carries (kept through a search).
    func companyChoice(
        _ request: ConsoleRequest, action: String, keeping kept: UUID?, query: [(name: String, value: String)] = []
    ) async throws -> (names: [(id: UUID, name: String)], searchBox: HTML?, carried: HTML, hint: String?) {
        let t = request.language
        let principal = try request.principal
        let words = ChoiceSearch.company.words(request)
        let listed = try await Self.listed { try await services.companies.companies(CompanyFilter(text: words), page: $0, by: principal) }
        var companies = listed.items
        if let kept, !companies.contains(where: { $0.id == kept }) {
            do {
                companies.append(try await services.companies.company(kept, by: principal))
            } catch CompaniesError.notFound {
                // A company id no longer in the directory: the service's refusal of the form names the field.
            }
        }
        let parts = ChoiceSearch.company.parts(request, words: words, found: listed.items.count, cut: listed.cut, action: action, query: query)
        let names = companies.map { (id: $0.id, name: t.pick(ja: $0.nameJa, en: $0.nameEn).text) }.sorted { $0.name < $1.name }
        return (names, parts.searchBox, parts.carried, parts.hint)
    }
}
