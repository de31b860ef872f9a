public import FoundationEssentials

/// A position in a list ordered by `(created_at, id)`: the last row of the previous page. Keyset paging
/// on a unique, immutable key is stable when rows are inserted between requests, unlike OFFSET.
public struct PageCursor: Sendable, Hashable {
    public let createdAt: Date
    public let id: UUID

    public init(createdAt: Date, id: UUID) {
        self.createdAt = createdAt
        self.id = id
    }

    /// Opaque to clients: base64url (RFC 4648 §5, no padding) of `<microseconds>.<uuid>`. Microseconds
    /// are PostgreSQL's precision, so the position round-trips exactly.
    public var encoded: String {
        let micros = Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded())
        return Data("\(micros).\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_")
            .replacing("=", with: "")
    }

    public init?(encoded text: String) {
        guard text.utf8.count <= 128 else { return nil }
        var base64 = text.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(createdAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: id)
    }
}

/// `?limit=&cursor=` of a list request.
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let limits = 1...100

    public let limit: Int
    public let after: PageCursor?

    public init(limit: Int = PageRequest.defaultLimit, after: PageCursor? = nil) {
        self.limit = min(max(limit, Self.limits.lowerBound), Self.limits.upperBound)
        self.after = after
    }

    /// How many rows to fetch: one more than the page, to know whether another page follows.
    public var fetchLimit: Int { limit + 1 }
}

/// One page of a list: `{ "items": [...], "nextCursor": "…" | null }`.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: PageCursor?

    public init(items: [Item], nextCursor: PageCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Builds the page from rows fetched with `request.fetchLimit`, in `(createdAt, id)` order.
    public init(fetched rows: [Item], request: PageRequest, position: (Item) -> PageCursor) {
        if rows.count > request.limit {
            let items = Array(rows.prefix(request.limit))
            self.init(items: items, nextCursor: items.last.map(position))
        } else {
            self.init(items: rows, nextCursor: nil)
        }
    }

    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), nextCursor: nextCursor)
    }
}

extension Page: Encodable where Item: Encodable {
    private enum CodingKeys: String, CodingKey { case items, nextCursor }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        // Always present, null on the last page, so clients need not test for a missing key.
        if let nextCursor {
            try container.encode(nextCursor.encoded, forKey: .nextCursor)
        } else {
            try container.encodeNil(forKey: .nextCursor)
        }
    }
}

extension RequestContext {
    /// Reads `limit` (1–100, default 50) and `cursor`; a malformed cursor is a 400 naming it.
    public func pageRequest() throws(Problem) -> PageRequest {
        let limit = try queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
        guard let text = query("cursor") else { return PageRequest(limit: limit) }
        guard let cursor = PageCursor(encoded: text) else {
            throw Problem.badRequest("The cursor is not one this API returned.",
                                     errors: [FieldError(field: "cursor", message: "is not a cursor this API returned")])
        }
        return PageRequest(limit: limit, after: cursor)
    }
}
