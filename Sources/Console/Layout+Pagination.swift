import FoundationEssentials
import HTTPServer

/// Which page of a list this is (ux12). The console's lists are paged by the API's cursor, which says
/// where the next page starts and nothing else, so the number travels beside it: every "next" link
/// (`nextPageHref`) carries `page=N+1`, and `Layout.page` puts "page N" into the `<title>` and the `<h1>`
/// of every list from page 2 on. A bookmark or a screen reader's list of tabs then tells the pages apart.
/// How many pages there are is said only where the count is bounded and cheap (an event's registrations,
/// gaps12): the API's lists do not count their rows (a count of a filtered list of thousands, on every
/// page, is the cost the cursor avoids).
extension Layout {
    static let pageNumberField = "page"
    /// A number beyond any list's length (10,000 pages of 100), so a typed `page=` cannot make a silly title.
    static let pageNumberLimit = 10_000

    /// The number of the page shown: 1 for a list's first page (no cursor) and anything but a GET, else
    /// what the link that led here said.
    static func pageNumber(_ request: ConsoleRequest) -> Int {
        guard request.http.method == .get, request.query("cursor") != nil,
              let number = request.query(pageNumberField).flatMap({ Int($0) }), (2...pageNumberLimit).contains(number) else { return 1 }
        return number
    }

    /// The next page's link: `href` (the list's path with its filters and the next cursor) and its number.
    static func nextPageHref(_ request: ConsoleRequest, _ href: String) -> String {
        href + (href.contains("?") ? "&" : "?") + "\(pageNumberField)=\(min(pageNumber(request) + 1, pageNumberLimit))"
    }

    /// The page's title as the `<title>` and the `<h1>` say it: with its number from page 2 on, and how many
    /// pages there are where the list's length is known cheaply (`pages`, gaps12) and more than one.
    static func numberedTitle(_ request: ConsoleRequest, _ title: String, pages: Int? = nil) -> String {
        let number = pageNumber(request)
        if let pages, pages > 1, number <= pages {
            return request.language(.listPageNumberedOf, title, String(number), String(pages))
        }
        return number > 1 ? request.language(.listPageNumbered, title, String(number)) : title
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
        if request.http.method == .get, request.query("cursor") != nil {
            return t(.countOnThisPage, t.count(shown, many, one: one))
        }
        return more ? t(orMore, t.number(shown)) : t.count(shown, many, one: one)
    }

    /// How many pages of `size` rows `count` rows fill (at least one, an empty list being one empty page).
    static func pageCount(_ count: Int, size: Int) -> Int {
        max(1, (count + size - 1) / size)
    }

    /// A list's path with its filters (those given and not empty) and the next page's cursor; nil at the
    /// list's end, so `pager` offers no link.
    static func nextListHref(_ path: String, cursor: String?, _ filters: [(String, String?)]) -> String? {
        guard let cursor else { return nil }
        let query = filters.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : (name, $0) } } + [("cursor", cursor)]
        return path + "?" + query.map { "\($0.0)=\(percentEncoded($0.1))" }.joined(separator: "&")
    }

    /// The pager under a list counted into pages (ux15): "1/3ページ目" / "Page 1 of 3" beside the link to
    /// the next page, so the position is said where one moves on, not in the page's heading.
    static func pager(_ request: ConsoleRequest, pages: Int, next href: String?) -> [HTML] {
        let number = pageNumber(request)
        var parts: [HTML] = []
        if pages > 1, number <= pages { parts.append(el("span", [attr("class", "pager-position")], request.language(.pagePosition, String(number), String(pages)))) }
        if let href {
            if !parts.isEmpty { parts.append(.text(" ")) }
            parts.append(el("a", [attr("href", nextPageHref(request, href))], request.language(.nextPage)))
        }
        return parts.isEmpty ? [] : [el("p", [attr("class", "pager")], parts)]
    }
}
