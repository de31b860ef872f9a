import DomainKit
import FoundationEssentials

/// The opaque cursor of a list: base64url of the last row's sort key, so a page continues after that
/// row however many rows were inserted meanwhile (keyset paging; no OFFSET, which shifts under inserts).
enum PageCursor {
    static let defaultLimit = 50
    static let maximumLimit = 100

    /// The page size, or a 422 naming `limit`.
    static func limit(_ requested: Int?) throws(AccountsError) -> Int {
        guard let requested else { return defaultLimit }
        guard (1...maximumLimit).contains(requested) else {
            throw AccountsError.invalid([.init(field: "limit", message: "must be between 1 and \(maximumLimit)")])
        }
        return requested
    }

    static func encode(_ parts: [String]) -> String {
        Data(parts.joined(separator: ",").utf8).base64URLEncoded
    }

    static func decode(_ cursor: String, parts count: Int) throws(AccountsError) -> [Substring] {
        guard cursor.count <= 200, let data = Data(base64URLEncoded: cursor), let text = String(data: data, encoding: .utf8) else {
            throw AccountsError.badCursor
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == count else { throw AccountsError.badCursor }
        return parts
    }

    /// A user-list cursor: creation time in microseconds since 1970 (PostgreSQL's own precision, so the
    /// comparison is exact) and the id that breaks ties.
    static func decodeUser(_ cursor: String) throws(AccountsError) -> (micros: Int64, id: UUID) {
        let parts = try decode(cursor, parts: 2)
        guard let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { throw AccountsError.badCursor }
        return (micros, id)
    }

    static func decodeAudit(_ cursor: String) throws(AccountsError) -> Int64 {
        let parts = try decode(cursor, parts: 1)
        guard let id = Int64(parts[0]) else { throw AccountsError.badCursor }
        return id
    }
}
