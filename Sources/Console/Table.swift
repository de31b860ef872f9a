/// A data table in a scrolling wrapper, so a wide table scrolls inside itself on a phone instead of
/// widening the page; numeric columns are right-aligned (CONSOLE.md). `compact` columns (dates,
/// statuses) never wrap, so a phone does not break 受付中 into one character per line.
enum Table {
    /// `captionShown: false` when a heading right above already says the same: the caption stays for
    /// screen readers, which announce it with the table.
    /// `stacked`: below 600 px each row shows as a card, each cell labelled with its column's header.
    static func make(
        caption: String, captionShown: Bool = true, headers: [String], numeric: Set<Int>, compact: Set<Int> = [], stacked: Bool = false,
        rows: [[HTML]]
    ) -> HTML {
        func classes(_ index: Int) -> [HTML.Attribute] {
            (numeric.contains(index) ? [attr("class", "num")] : compact.contains(index) ? [attr("class", "nowrap")] : [])
                + (stacked && index < headers.count ? [attr("data-label", headers[index])] : [])
        }
        return el("div", [attr("class", stacked ? "table-wrap stack" : "table-wrap"), attr("role", "region"), attr("aria-label", caption),
                          attr("tabindex", "0")], [
            el("table", [], [
                el("caption", captionShown ? [] : [attr("class", "visually-hidden")], caption),
                el("thead", [], [el("tr", [], headers.enumerated().map { index, header in
                    el("th", [attr("scope", "col")] + classes(index), header)
                })]),
                el("tbody", [], rows.map { row in
                    el("tr", [], row.enumerated().map { index, cell in
                        el("td", classes(index), [cell])
                    })
                }),
            ]),
        ])
    }
}
