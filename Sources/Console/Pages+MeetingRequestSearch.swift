import DomainKit
import FoundationEssentials
import HTTPServer

/// The meeting-request form's search (ux12): an event of thousands, and a directory of as many companies,
/// made the form's two lists too long to scroll. A plain GET form narrows both on the server with the
/// services' own searches (no script needed, so it works everywhere); the lists then hold what was found,
/// and the page says how many, and when a list stopped at `meetingFormChoices`.
extension Console {
    /// The words of a search field, from the page's query or the posted form (a refused form keeps its lists).
    static func searchWords(_ request: ConsoleRequest, _ name: String) -> String? {
        Validation.searchWords(request.formValue(name) ?? request.query(name)).map { String($0.prefix(200)) }
    }

    static func meetingSearchForm(
        _ request: ConsoleRequest, action: String, findPerson: String?, findCompany: String?, people: Int, companies: Int
    ) -> HTML {
        let t = request.language
        var fields: [HTML] = []
        // The company a link chose stays chosen after a search.
        if let company = request.query("company") {
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "company"), attr("value", company)]))
        }
        fields += [
            Form.textField(request, name: "findPerson", label: t(.meetingSearchPerson), value: findPerson, type: "search",
                           hint: t(.meetingSearchPersonHint)),
            Form.textField(request, name: "findCompany", label: t(.meetingSearchCompany), value: findCompany, type: "search",
                           hint: t(.meetingSearchCompanyHint)),
            el("button", [attr("type", "submit"), attr("class", "secondary")], t(.meetingSearchButton)),
        ]
        var found: [HTML] = []
        if findPerson != nil || findCompany != nil {
            found.append(el("p", [attr("role", "status")], t(.meetingSearchFound, t.number(people), t.number(companies))))
        }
        if people >= meetingFormChoices || companies >= meetingFormChoices {
            found.append(el("p", [attr("class", "hint")], t(.meetingSearchCapped, t.number(meetingFormChoices))))
        }
        return .fragment([el("form", [attr("method", "get"), attr("action", action), attr("role", "search"), attr("class", "panel filters")], fields)]
                         + found)
    }
}
