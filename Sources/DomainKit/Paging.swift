public import FoundationEssentials

/// A position in a list ordered by `(created_at, id)`: the last row of the previous page. Keyset paging
/// on a unique, immutable key is stable when rows are inserted between requests, unlike OFFSET.
///
/// A list that can be read in more than one order (`?order=`) keys each order differently, so a position means
/// something only in the order it was taken in: the cursor carries that order's name (`order`), and
/// `PageRequest.ordered(by:)` refuses it in another. A cursor of `oldest` sent with `order=newest` once
/// read the rows before it, newest first: a silently wrong page (polish25).
public struct PageCursor: Sendable, Hashable {
    public let createdAt: Date
    public let id: UUID
    /// The order of the list the cursor was made in; nil for a list with one order.
    public let order: String?

    public init(createdAt: Date, id: UUID, order: String? = nil) {
        self.createdAt = createdAt
        self.id = id
        self.order = order
    }

    /// Opaque to clients: base64url (RFC 4648 §5, no padding) of `<microseconds>.<uuid>`, after `<order>:` where the
    /// list has several. Microseconds are PostgreSQL's precision, so the position round-trips exactly.
    public var encoded: String {
        let micros = Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded())
        let position = "\(micros).\(id.uuidString.lowercased())"
        return Data(((order.map { "\($0):" } ?? "") + position).utf8).base64URLEncoded
    }

    public init?(encoded text: String) {
        guard text.utf8.count <= 128, let data = Data(base64URLEncoded: text),
              let plain = String(data: data, encoding: .utf8) else { return nil }
        let tagged = plain.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let order = tagged.count == 2 ? String(tagged[0]) : nil
        guard order.map({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLetter } }) ?? true else { return nil }
        let parts = tagged[tagged.count - 1].split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(createdAt: Date(timeIntervalSince1970: Double(micros) / 1_000_000), id: id, order: order)
    }
}

/// `?limit=&cursor=` of a list request.
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let limits = 1...100

    /// A cursor is opaque: one changed by hand, cut short, or taken from another list reads as nothing this API
    /// returned. The way on is the list's first page, so the problem says so (probe15: a bare "not one this API
    /// returned" left a caller guessing).
    public static let badCursor = Problem.badRequest(
        "The cursor is not valid for this list; start again from the first page (leave cursor out).",
        errors: [FieldError(field: "cursor", message: "is not valid for this list; leave it out to start from the first page")])

    /// Validates a requested limit and cursor: a limit outside 1…100 is a 422 and a cursor this API
    /// did not issue a 400, both naming the field.
    public static func parse(limit: Int?, cursor: String?) throws(Problem) -> PageRequest {
        let limit = limit ?? defaultLimit
        guard limits.contains(limit) else {
            throw Problem.invalid([FieldError(field: "limit", message: "must be between \(limits.lowerBound) and \(limits.upperBound)")])
        }
        guard let cursor else { return PageRequest(limit: limit) }
        guard let position = PageCursor(encoded: cursor) else { throw badCursor }
        return PageRequest(limit: limit, after: position)
    }

    public let limit: Int
    /// The cursor as sent; read through `after`, which checks its order.
    private let position: PageCursor?
    /// The order the list is read in, where it has several (`ordered(by:)`): the next page's cursor carries it.
    public let order: String?

    /// The position to read after. A cursor that names an order is a position only in that order, so a list with
    /// one order (whose store never called `ordered(by:)`) refuses it with the 400 of any cursor not valid for the
    /// list. The check is here, where every store reads the position, so no store can leave it out: `/v1/users`
    /// once read an event list's cursor as a position of its own (polish26).
    public var after: PageCursor? {
        get throws(Problem) {
            if let position, position.order != nil, order == nil { throw Self.badCursor }
            return position
        }
    }

    public init(limit: Int = PageRequest.defaultLimit, after: PageCursor? = nil) {
        self.init(limit: limit, after: after, order: nil)
    }

    private init(limit: Int, after: PageCursor?, order: String?) {
        self.limit = min(max(limit, Self.limits.lowerBound), Self.limits.upperBound)
        self.position = after
        self.order = order
    }

    /// This request read in `order`, by the store that applies the order (so the check and the SQL cannot
    /// disagree): a cursor made in another order, or in a list with one order, is the 400 of any cursor not
    /// valid for this list, and the next page's cursor names `order`.
    public func ordered<Order: RawRepresentable<String>>(by order: Order) throws(Problem) -> PageRequest {
        if let position, position.order != order.rawValue { throw Self.badCursor }
        return PageRequest(limit: limit, after: position, order: order.rawValue)
    }

    /// How many rows to fetch: one more than the page, to know whether another page follows.
    public var fetchLimit: Int { limit + 1 }
}

/// One page of a list: `{ "items": [...], "nextCursor": "…" | null }`. The cursor is opaque to
/// clients; most lists use `PageCursor` (creation time and id), the audit log its sequence number.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Builds the page from rows fetched with `request.fetchLimit`, in `(createdAt, id)` order; the next page's
    /// cursor names the request's order, if it has one.
    public init(fetched rows: [Item], request: PageRequest, position: (Item) -> PageCursor) {
        if rows.count > request.limit {
            let items = Array(rows.prefix(request.limit))
            let next = items.last.map(position).map { PageCursor(createdAt: $0.createdAt, id: $0.id, order: request.order) }
            self.init(items: items, nextCursor: next?.encoded)
        } else {
            self.init(items: rows, nextCursor: nil)
        }
    }

    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), nextCursor: nextCursor)
    }
}

private enum PageCodingKeys: String, CodingKey { case items, nextCursor }

extension Page: Encodable where Item: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PageCodingKeys.self)
        try container.encode(items, forKey: .items)
        // Always present, null on the last page, so clients need not test for a missing key.
        if let nextCursor {
            try container.encode(nextCursor, forKey: .nextCursor)
        } else {
            try container.encodeNil(forKey: .nextCursor)
        }
    }
}

extension RequestContext {
    /// Reads `limit` (1–100, default 50) and `cursor`; a malformed cursor is a 400 naming it.
    public func pageRequest() throws(Problem) -> PageRequest {
        let limit = try queryInteger("limit", in: PageRequest.limits)
        return try PageRequest.parse(limit: limit, cursor: try query("cursor"))
    }
}

extension Page: Decodable where Item: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: PageCodingKeys.self)
        self.init(items: try container.decode([Item].self, forKey: .items),
                  nextCursor: try container.decodeIfPresent(String.self, forKey: .nextCursor))
    }
}
extension Page: Equatable where Item: Equatable {}

/// A position in a list ordered by a growing sequence number (bigint identity), newest first: the
/// last number of the previous page, opaque to clients (base64url of its decimal text). New rows get
/// larger numbers, so they never shift a page being read.
public enum SequenceCursor {
    public static func encode(_ number: Int64) -> String {
        Data(String(number).utf8).base64URLEncoded
    }

    /// A cursor this API did not issue is a 400 naming `cursor`.
    public static func decode(_ cursor: String) throws(Problem) -> Int64 {
        guard cursor.utf8.count <= 64, let data = Data(base64URLEncoded: cursor),
              let text = String(data: data, encoding: .utf8), let number = Int64(text) else { throw PageRequest.badCursor }
        return number
    }
}
