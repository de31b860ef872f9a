import DomainKit

extension Console {
    /// Far more than a city's needs, liaison bases or local partners, or the programme's coordinators: a
    /// bound on the pages one form reads (harden11 raised the partners to it; ux15 the lead form's lists).
    static let listCeiling = 2_000

    /// Every item of a list the API pages by 100, page by page, up to `listCeiling`: a form that offers a
    /// city's needs or bases as choices must offer them all, not the first page's (a need checked on the
    /// lead but not offered would be unlinked by saving the form).
    static func everyPage<Item>(_ read: (PageRequest) async throws -> DomainKit.Page<Item>) async throws -> [Item] {
        var items: [Item] = []
        var cursor: String?
        repeat {
            let page = try await read(try PageRequest.parse(limit: 100, cursor: cursor))
            items += page.items
            cursor = page.nextCursor
        } while cursor != nil && items.count < listCeiling
        return items
    }
}
