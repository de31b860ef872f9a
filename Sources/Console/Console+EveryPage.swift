import DomainKit

extension Console {
    /// Far more than a city's needs, liaison bases or local partners, or the programme's coordinators: a
    /// bound on the pages one form reads (harden11 raised the partners to it; ux15 the lead form's lists).
    static let listCeiling = 2_000

    /// A list read page by page: its items, and whether `listCeiling` stopped the reading with more left
    /// (a list that can grow past it, the company directory, says so on the page instead of cutting silently).
    struct Listed<Item> {
        let items: [Item]
        let cut: Bool
    }

    /// Every item of a list the API pages by 100, page by page, up to `listCeiling`: a form that offers a
    /// city's needs or bases as choices must offer them all, not the first page's (a need checked on the
    /// lead but not offered would be unlinked by saving the form).
    static func everyPage<Item>(_ read: (PageRequest) async throws -> DomainKit.Page<Item>) async throws -> [Item] {
        try await listed(read).items
    }

    /// `everyPage`, telling whether the ceiling cut the list.
    static func listed<Item>(_ read: (PageRequest) async throws -> DomainKit.Page<Item>) async throws -> Listed<Item> {
        var items: [Item] = []
        var cursor: String?
        repeat {
            let page = try await read(try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: cursor))
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil && items.count < listCeiling
        return Listed(items: items, cut: cursor != nil)
    }
}
