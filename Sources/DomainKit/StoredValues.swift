import Postgres

/// A stored enum value this code does not know means the schema and the code disagree: a bug.
public func known<Value>(_ value: Value?, _ raw: String) throws -> Value {
    guard let value else { throw PostgresError(.decoding, "unknown stored value \(raw) for \(Value.self)") }
    return value
}

/// A `LIKE` pattern that finds `text` anywhere, case-insensitively (columns are compared lower-cased,
/// or with ILIKE). `%`, `_` and `\` in the input are escaped, so they match themselves.
public func likePattern(_ text: String) -> String {
    var escaped = ""
    for character in text.lowercased() {
        if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
        escaped.append(character)
    }
    return "%\(escaped)%"
}
