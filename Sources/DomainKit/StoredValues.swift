import Postgres

/// A stored enum value this code does not know means the schema and the code disagree: a bug.
public func known<Value>(_ value: Value?, _ raw: String) throws -> Value {
    guard let value else { throw PostgresError(.decoding, "unknown stored value \(raw) for \(Value.self)") }
    return value
}

/// A `LIKE` pattern that finds `text` anywhere in a column stored through the SQL function `search_form` (search
/// text folded by `search_fold`, hyphens as spaces): the words go through `Taxonomy.searchForm`, the same form, so
/// full-width letters, an ideographic space or half-width katakana find their plain forms and the reverse, and
/// "waste to energy" finds "Waste-to-energy" and the reverse (search24; before, only the companies' search did).
/// `%`, `_` and `\` are escaped after the fold (a full-width ％ folds to %), so they match themselves.
public func likePattern(_ text: String) -> String {
    likePatternOfFolded(Taxonomy.searchForm(text))
}

/// `likePattern` of a text already in its search form (`Taxonomy.searchForm`), so that a search
/// that needs the folded query twice folds it once (polish25: the company directory folded each query three times).
public func likePatternOfFolded(_ text: String) -> String {
    var escaped = ""
    for character in text {
        if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
        escaped.append(character)
    }
    return "%\(escaped)%"
}
