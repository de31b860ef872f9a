public import FoundationEssentials

/// The opaque cursor of a list: base64url of the last row's sort key, so a page continues after that
/// row however many rows were inserted meanwhile (keyset paging; no OFFSET, which shifts under inserts).
public enum PageCursor {
    public static let defaultLimit = 50
    public static let maximumLimit = 100

    /// The page size, or a 422 naming `limit`.
    public static func limit(_ requested: Int?) throws(Problem) -> Int {
        guard let requested else { return defaultLimit }
        guard (1...maximumLimit).contains(requested) else {
            throw Problem.invalid([FieldError(field: "limit", message: "must be between 1 and \(maximumLimit)")])
        }
        return requested
    }

    public static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: ",").utf8).base64URLEncoded
    }

    public static func decode(_ cursor: String, parts count: Int) throws(Problem) -> [Substring] {
        guard cursor.count <= 200, let data = Data(base64URLEncoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw badCursor
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == count else { throw badCursor }
        return parts
    }

    /// A cursor for lists ordered by (created_at, id): creation time in microseconds since 1970 (PostgreSQL's own precision, so the
    /// comparison is exact) and the id that breaks ties.
    public static func decodeTimeAndID(_ cursor: String) throws(Problem) -> (micros: Int64, id: UUID) {
        let parts = try decode(cursor, parts: 2)
        guard let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { throw badCursor }
        return (micros, id)
    }

    public static func decodeSequence(_ cursor: String) throws(Problem) -> Int64 {
        let parts = try decode(cursor, parts: 1)
        guard let id = Int64(parts[0]) else { throw badCursor }
        return id
    }

    static let badCursor = Problem.badRequest(
        "The cursor is not one this list returned.", errors: [FieldError(field: "cursor", message: "is not valid")])
}
