import DomainKit
import FoundationEssentials

/// Form fields with their labels, hints and errors (GOV.UK pattern): every field has a `<label for>`,
/// an error is written beside its field and linked from the summary at the top of the form.
enum Form {
    static func textField(
        _ request: ConsoleRequest, name: String, label: String, value: String?, type: String = "text", hint: String? = nil,
        autocomplete: String? = nil, required: Bool = false, error: String? = nil, maxLength: Int? = nil
    ) -> HTML {
        var attributes = [attr("type", type), attr("id", name), attr("name", name), attr("value", value ?? "")]
        if let autocomplete { attributes.append(attr("autocomplete", autocomplete)) }
        if let maxLength { attributes.append(attr("maxlength", String(maxLength))) }
        if required { attributes.append(flag("required")) }
        var described: [String] = []
        if hint != nil { described.append("\(name)-hint") }
        if error != nil { described.append("\(name)-error") }
        if !described.isEmpty { attributes.append(attr("aria-describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(attr("aria-invalid", "true")) }
        return el("div", [attr("class", "field")], [
            el("label", [attr("for", name)], label),
            hint.map { el("span", [attr("class", "hint"), attr("id", "\(name)-hint")], $0) } ?? .fragment([]),
            error.map { el("span", [attr("class", "field-error"), attr("id", "\(name)-error")], $0) } ?? .fragment([]),
            .void("input", attributes),
        ])
    }

    static func textArea(_ request: ConsoleRequest, name: String, label: String, value: String?, hint: String? = nil, error: String? = nil) -> HTML {
        var attributes = [attr("id", name), attr("name", name), attr("rows", "5")]
        let described = (hint == nil ? [] : ["\(name)-hint"]) + (error == nil ? [] : ["\(name)-error"])
        if !described.isEmpty { attributes.append(attr("aria-describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(attr("aria-invalid", "true")) }
        return el("div", [attr("class", "field")], [
            el("label", [attr("for", name)], label),
            hint.map { el("span", [attr("class", "hint"), attr("id", "\(name)-hint")], $0) } ?? .fragment([]),
            error.map { el("span", [attr("class", "field-error"), attr("id", "\(name)-error")], $0) } ?? .fragment([]),
            el("textarea", attributes, value ?? ""),
        ])
    }

    static func select(
        name: String, label: String, options: [(value: String, label: String)], selected: String?, hint: String? = nil, error: String? = nil
    ) -> HTML {
        var attributes = [attr("id", name), attr("name", name)]
        let described = (hint == nil ? [] : ["\(name)-hint"]) + (error == nil ? [] : ["\(name)-error"])
        if !described.isEmpty { attributes.append(attr("aria-describedby", described.joined(separator: " "))) }
        if error != nil { attributes.append(attr("aria-invalid", "true")) }
        return el("div", [attr("class", "field")], [
            el("label", [attr("for", name)], label),
            hint.map { el("span", [attr("class", "hint"), attr("id", "\(name)-hint")], $0) } ?? .fragment([]),
            error.map { el("span", [attr("class", "field-error"), attr("id", "\(name)-error")], $0) } ?? .fragment([]),
            el("select", attributes, options.map { option in
                el("option", [attr("value", option.value)] + (option.value == selected ? [flag("selected")] : []), option.label)
            }),
        ])
    }

    /// A record's title and text in Japanese and English (`ja` first, then `en` in each list): one
    /// title is enough, which the first field's hint says; each field's error is written beside it.
    static func bilingual(
        _ request: ConsoleRequest, titles: [(name: String, label: String, value: String)], texts: [(name: String, label: String, value: String)],
        error: (String) -> String?
    ) -> [HTML] {
        titles.enumerated().map { index, field in
            textField(request, name: field.name, label: field.label, value: field.value, hint: index == 0 ? request.language(.oneLanguageEnough) : nil,
                      error: error(field.name))
        } + texts.map { field in textArea(request, name: field.name, label: field.label, value: field.value, error: error(field.name)) }
    }

    /// The version an edit form was filled from, sent back with it (a stale one writes nothing).
    static func version(_ version: Int) -> HTML {
        .void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(version))])
    }

    /// An edit form's version field and, when someone else saved the record after the form was filled,
    /// the notice above it with the saved values that differ from what was typed (each labelled).
    static func editState(
        _ t: Language, version: Int, changedMeanwhile: Bool, title: String, savedAt: Date,
        saved: [(label: String, value: String)], typed: [(label: String, value: String)]
    ) -> (field: HTML, notice: HTML) {
        let notice = changedMeanwhile
            ? Form.changedMeanwhile(title: title, detail: t(.recordChangedDetail, t.date(savedAt)), differences: CompanyPages.differences(saved, from: typed, t))
            : HTML.fragment([])
        return (Form.version(version), notice)
    }

    /// Above an edit form someone else saved meanwhile: what happened, and the saved values that differ.
    static func changedMeanwhile(title: String, detail: String, differences: HTML) -> HTML {
        el("div", [attr("class", "notice warning"), attr("role", "alert")], [el("h2", [], title), el("p", [], detail), differences])
    }

    /// A group of checkboxes in a fieldset. With JavaScript a filter box above it narrows the list as
    /// a person types; without, the whole list scrolls.
    static func checkboxes(
        _ request: ConsoleRequest, name: String, legend: String, options: [(value: String, label: String)], checked: Set<String>
    ) -> HTML {
        let listID = "\(name)-list"
        return el("fieldset", [], [
            el("legend", [], legend),
            el("div", [attr("class", "field"), flag("hidden")], [
                el("label", [attr("for", "\(name)-filter"), attr("class", "hint")], request.language(.filterList)),
                .void("input", [attr("type", "search"), attr("id", "\(name)-filter"), attr("data-filter-for", listID), attr("autocomplete", "off")]),
            ]),
            el("ul", [attr("class", "checks"), attr("id", listID)], options.enumerated().map { index, option in
                let id = "\(name)-\(index)"
                return el("li", [attr("data-filter-text", (option.value + " " + option.label).lowercased())], [
                    .void("input", [attr("type", "checkbox"), attr("id", id), attr("name", name), attr("value", option.value)]
                        + (checked.contains(option.value) ? [flag("checked")] : [])),
                    el("label", [attr("for", id)], option.label),
                ])
            }),
        ])
    }

    /// One choice of a few, each a radio button with its label, in a fieldset (the design systems' radios).
    static func radios(name: String, legend: String, options: [(value: String, label: String)], checked: String) -> HTML {
        el("fieldset", [], [
            el("legend", [], legend),
            el("ul", [attr("class", "checks")], options.map { option in
                let id = "\(name)-\(option.value)"
                return el("li", [], [
                    .void("input", [attr("type", "radio"), attr("id", id), attr("name", name), attr("value", option.value)]
                        + (option.value == checked ? [flag("checked")] : [])),
                    el("label", [attr("for", id)], option.label),
                ])
            }),
        ])
    }

    /// The error summary at the top of a form: each message links to its (first) field. A rule that
    /// concerns two fields (a title in either language) is listed once, and written beside both.
    static func errorSummary(_ request: ConsoleRequest, _ errors: [(field: String, message: String)]) -> HTML {
        guard !errors.isEmpty else { return .fragment([]) }
        var seen: Set<String> = []
        let distinct = errors.filter { seen.insert($0.message).inserted }
        return el("div", [attr("class", "error-summary"), attr("role", "alert"), attr("tabindex", "-1")], [
            el("h2", [], request.language(.errorSummaryTitle)),
            el("ul", [], distinct.map { error in el("li", [], [el("a", [attr("href", "#\(error.field)")], error.message)]) }),
        ])
    }
}
