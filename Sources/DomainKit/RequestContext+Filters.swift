public import FoundationEssentials

/// Typed list filters from the query string. Anything malformed is a 400 that names the parameter,
/// never a silently ignored filter (which would answer with more than the caller asked for).
extension RequestContext {
    public static func badQuery(_ name: String, _ message: String) -> Problem {
        Problem.badRequest("Query parameter \(name) \(message).", errors: [FieldError(field: name, message: message)])
    }

    /// Free text of at most 200 characters (`query` refuses longer); blank means no filter.
    public func textQuery(_ name: String) throws(Problem) -> String? {
        guard let text = try query(name), !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    public func uuidQuery(_ name: String) throws(Problem) -> UUID? {
        guard let text = try query(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw Self.badQuery(name, "must be a UUID") }
        return id
    }

    public func boolQuery(_ name: String) throws(Problem) -> Bool? {
        switch try query(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw Self.badQuery(name, "must be true or false")
        }
    }

    public func enumQuery<Value: RawRepresentable & CaseIterable>(
        _ name: String, _ type: Value.Type
    ) throws(Problem) -> Value? where Value.RawValue == String {
        guard let text = try query(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw Self.badQuery(name, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// An ISO 3166-1 alpha-2 code in upper case, like VN.
    public func countryQuery(_ name: String = "country") throws(Problem) -> String? {
        guard let text = try query(name) else { return nil }
        guard CountryCode.isValid(text) else { throw Self.badQuery(name, "must be an ISO 3166-1 alpha-2 code like VN") }
        return text
    }
}

/// ISO 3166-1 alpha-2 country codes, as the API stores them: two upper-case ASCII letters.
public enum CountryCode {
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
