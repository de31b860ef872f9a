
/// One page of a list, and the opaque cursor of the next page (nil on the last page).
public struct Page<Item: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
