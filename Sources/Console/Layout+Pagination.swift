import FoundationEssentials
import HTTPServer

/// Which page of a list this is. The console's lists are paged by the API's cursor, which says where the
/// next page starts and nothing else: how many rows or pages lie before it is not known. So a page reached
/// by a cursor says it continues the list ("企業ディレクトリ（続き）", "Company directory (continued)") in
/// its `<title>` and `<h1>` (`Layout.page`), and only a list's first page says its number. Links once carried
/// `page=N+1` for "page N" (ux12), but that was the link's word, not the server's: an edited or stale link
/// titled any page "page 7" (ux20). How many pages there are is said only where the count is bounded and
/// cheap (an event's registrations, gaps12): the API's lists do not count their rows.
extension Layout {
    /// Whether this page continues a list: a GET with a cursor (anything else is a list's first page). A section of a
    /// record's page paged by its own cursor field (`matchCursor`) names it.
    static func continuesList(_ request: ConsoleRequest, cursorField: String = "cursor") -> Bool {
        request.http.method == .get && request.query(cursorField) != nil
    }

    /// The page's title as the `<title>` and the `<h1>` say it: "continued" past a list's first page, and on the
    /// first page "page 1 of N" where the list's length is known cheaply (`pages`, gaps12) and more than one page.
    static func numberedTitle(_ request: ConsoleRequest, _ title: String, pages: Int? = nil) -> String {
        if continuesList(request) { return request.language(.listPageContinued, title) }
        if let pages, pages > 1 { return request.language(.listPageNumberedOf, title, "1", String(pages)) }
        return title
    }

    /// A paged list's caption, saying no more than the server knows (ux17, ux19): the API counts no rows, so on a
    /// list's first page the count is its rows, the whole list's when no page follows ("ニーズ 3件", "3 needs") and
    /// "or more" while one does ("ニーズ 100件以上", "100+ needs"). A page reached by a cursor counts only its own
    /// rows ("ユーザー 7人（このページ）", "7 users on this page"): how many rows lie before the cursor is not known,
    /// and the `page=` beside it is the link's word, not the server's (an edited or stale link once made
    /// "607 users" of 107).
    static func countCaption(
        _ request: ConsoleRequest, shown: Int, more: Bool, _ many: Message, one: Message, orMore: Message
    ) -> String {
        let t = request.language
        if continuesList(request) {
            return t(.countOnThisPage, t.count(shown, many, one: one))
        }
        return more ? t(orMore, t.number(shown)) : t.count(shown, many, one: one)
    }

    /// How many pages of `size` rows `count` rows fill (at least one, an empty list being one empty page).
    static func pageCount(_ count: Int, size: Int) -> Int {
        max(1, (count + size - 1) / size)
    }

    /// A list's path with its filters (those given and not empty): what its export link and its next page carry, so
    /// that both are the list the page shows (ux20: the needs export left out `since`).
    static func listHref(_ path: String, _ filters: [(String, String?)]) -> String {
        let query = filters.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : (name, $0) } }
        return query.isEmpty ? path : path + "?" + query.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// A list's path with its filters and the next page's cursor; nil at the list's end, so `pager` offers no link.
    static func nextListHref(_ path: String, cursor: String?, _ filters: [(String, String?)]) -> String? {
        cursor.map { listHref(path, filters + [("cursor", $0)]) }
    }

    /// The pager under every paged list: where the list is counted into pages (`pages`, ux15) "1/3ページ目" / "Page 1
    /// of 3" on the first page, "全3ページ" / "3 pages in all" past it (where the cursor is, in pages, is not known),
    /// beside the link to the next page, which says how many rows a page holds ("次の100件" / "Next 100", from `size`,
    /// the limit the page reads with: polish25, once a label paired with the size by hand at each list); and on a page
    /// reached by a cursor ("…（続き）"), a link back to the list's first page with the same filters (`firstPageHref`),
    /// the only way back there but the browser's history (polish24). A section paged by its own cursor field
    /// (`cursorField`) is linked at its `anchor` on the page.
    static func pager(
        _ request: ConsoleRequest, pages: Int = 1, size: Int, next href: String?, cursorField: String = "cursor", anchor: String? = nil
    ) -> [HTML] {
        let t = request.language
        let continues = continuesList(request, cursorField: cursorField)
        var parts: [HTML] = []
        if pages > 1 {
            parts.append(el("span", [attr("class", "pager-position")],
                            continues ? t(.pagesInAll, String(pages)) : t(.pagePosition, "1", String(pages))))
        }
        if let href {
            if !parts.isEmpty { parts.append(.text(" ")) }
            parts.append(el("a", [attr("href", href)], t(.nextRows, t.number(size))))
        }
        if continues {
            if !parts.isEmpty { parts.append(.text(" ")) }
            parts.append(el("a", [attr("href", firstPageHref(request, cursorField: cursorField) + (anchor.map { "#" + $0 } ?? ""))], t(.firstPage)))
        }
        return parts.isEmpty ? [] : [el("p", [attr("class", "pager")], parts)]
    }

    /// The list this page continues, from its start: the request's own path and filters without the cursor.
    static func firstPageHref(_ request: ConsoleRequest, cursorField: String = "cursor") -> String {
        listHref(request.http.path, request.http.queryItems.filter { $0.name != cursorField }.map { ($0.name, $0.value) })
    }
}
