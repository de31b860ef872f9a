import FoundationEssentials
import HTTPServer

/// Which page of a list this is (ux12). The console's lists are paged by the API's cursor, which says
/// where the next page starts and nothing else, so the number travels beside it: every "next" link
/// (`nextPageHref`) carries `page=N+1`, and `Layout.page` puts "page N" into the `<title>` and the `<h1>`
/// of every list from page 2 on. A bookmark or a screen reader's list of tabs then tells the pages apart.
/// How many pages there are is not said: the API's lists do not count their rows (a count of a filtered
/// list of thousands, on every page, is the cost the cursor avoids).
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

    /// The page's title as the `<title>` and the `<h1>` say it: with its number from page 2 on.
    static func numberedTitle(_ request: ConsoleRequest, _ title: String) -> String {
        let number = pageNumber(request)
        return number > 1 ? request.language(.listPageNumbered, title, String(number)) : title
    }
}
