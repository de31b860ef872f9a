import Postgres

/// A stored enum value this code does not know means the schema and the code disagree: a bug.
public func known<Value>(_ value: Value?, _ raw: String) throws -> Value {
    guard let value else { throw PostgresError(.decoding, "unknown stored value \(raw) for \(Value.self)") }
    return value
}

/// A `LIKE` pattern that finds `text` anywhere in a column folded by the SQL function `search_fold` (or stored
/// through it): the words are folded by `searchFold`, the same fold, so full-width letters, an ideographic space or
/// half-width katakana find their plain forms and the reverse. `%`, `_` and `\` are escaped after the fold (a
/// full-width ％ folds to %), so they match themselves.
public func likePattern(_ text: String) -> String {
    likePatternOfFolded(searchFold(text))
}

/// `likePattern` of a text already folded (`searchFold`, or `Taxonomy.searchForm`, which folds too), so that a search
/// that needs the folded query twice folds it once (polish25: the company directory folded each query three times).
public func likePatternOfFolded(_ text: String) -> String {
    var escaped = ""
    for character in text {
        if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
        escaped.append(character)
    }
    return "%\(escaped)%"
}
