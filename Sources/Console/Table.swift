/// A data table in a scrolling wrapper, so a wide table scrolls inside itself on a phone instead of
/// widening the page; numeric columns are right-aligned (CONSOLE.md).
enum Table {
    static func make(caption: String, headers: [String], numeric: Set<Int>, rows: [[HTML]]) -> HTML {
        el("div", [attr("class", "table-wrap"), attr("role", "region"), attr("aria-label", caption), attr("tabindex", "0")], [
            el("table", [], [
                el("caption", [], caption),
                el("thead", [], [el("tr", [], headers.enumerated().map { index, header in
                    el("th", [attr("scope", "col")] + (numeric.contains(index) ? [attr("class", "num")] : []), header)
                })]),
                el("tbody", [], rows.map { row in
                    el("tr", [], row.enumerated().map { index, cell in
                        el("td", numeric.contains(index) ? [attr("class", "num")] : [], [cell])
                    })
                }),
            ]),
        ])
    }
}
