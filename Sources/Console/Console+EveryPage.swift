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

    /// `everyPage`, telling whether the ceiling cut the list; `done` ends the reading early after a page it
    /// is satisfied with (`first`).
    static func listed<Item>(
        _ read: (PageRequest) async throws -> DomainKit.Page<Item>, ceiling: Int = listCeiling, until done: ([Item]) -> Bool = { _ in false }
    ) async throws -> Listed<Item> {
        try await listed(cursors: { try await read(try PageRequest.parse(limit: PageRequest.limits.upperBound, cursor: $0)) }, ceiling: ceiling, until: done)
    }

    /// `listed` (`ceiling`: another bound than `listCeiling`, the leads CSV's) for a list whose cursor is its own (the audit log's is a sequence number): `read` gets the cursor
    /// the page before gave, nil for the first, and reads `PageRequest.limits.upperBound` items.
    static func listed<Item>(
        cursors read: (String?) async throws -> DomainKit.Page<Item>, ceiling: Int = listCeiling, until done: ([Item]) -> Bool = { _ in false }
    ) async throws -> Listed<Item> {
        var items: [Item] = []
        var cursor: String?
        repeat {
            let page = try await read(cursor)
            items += page.items
            cursor = page.nextCursor
            if done(page.items) { break }
        } while cursor != nil && items.count < ceiling
        // Pages hold 100, so the last page read can pass a ceiling that is no multiple of 100: the ceiling is exact.
        guard items.count <= ceiling else { return Listed(items: Array(items.prefix(ceiling)), cut: true) }
        return Listed(items: items, cut: cursor != nil)
    }

    /// The first item of a list that `matches`, read page by page up to `listCeiling` and no further than the
    /// page that holds it: a lookup, such as the live record among a lead's older ones or the newest audit entry
    /// that changed a field, must not stop at the API's first hundred.
    static func first<Item>(
        _ read: (PageRequest) async throws -> DomainKit.Page<Item>, where matches: (Item) -> Bool
    ) async throws -> Item? {
        try await listed(read, until: { $0.contains(where: matches) }).items.first(where: matches)
    }

    /// `first` for a list whose cursor is its own (`listed(cursors:)`).
    static func first<Item>(
        cursors read: (String?) async throws -> DomainKit.Page<Item>, where matches: (Item) -> Bool
    ) async throws -> Item? {
        try await listed(cursors: read, until: { $0.contains(where: matches) }).items.first(where: matches)
    }
}
