import HTTPServer
public import FoundationEssentials

/// Typed query parameters and CSV uploads, shared by the modules' routes: anything malformed is a 4xx
/// problem that names the parameter, never a 500 and never silently ignored.
extension RequestContext {
    /// Free text (at most 200 characters, like every query value); blank means no filter (`Validation.searchWords`).
    public func queryText(_ name: String) throws(Problem) -> String? {
        Validation.searchWords(try query(name))
    }

    /// `true` or `false`; anything else is a 400.
    public func queryBool(_ name: String) throws(Problem) -> Bool? {
        switch try query(name) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw Problem.badQuery(name, "must be true or false")
        }
    }

    public func queryUUID(_ name: String) throws(Problem) -> UUID? {
        guard let text = try query(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw Problem.badQuery(name, "must be a UUID") }
        return id
    }

    /// One of a closed set of values, listed in the 400 when the value is not one of them.
    public func queryEnum<Value: RawRepresentable & CaseIterable>(_ name: String, _ type: Value.Type) throws(Problem) -> Value?
    where Value.RawValue == String {
        guard let text = try query(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            throw Problem.badQuery(name, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// The body of a CSV upload, sent as `text/csv` (or `text/tab-separated-values`); anything else is a 415.
    public func csvBody() throws(Problem) -> [UInt8] {
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("text/csv") || contentType.hasPrefix("text/tab-separated-values") else {
            throw Problem(status: 415, title: "Unsupported Media Type", detail: "Send the file as text/csv (UTF-8, Shift_JIS or UTF-16).")
        }
        return request.body
    }
}

extension RequestContext {
    /// An ISO 3166-1 alpha-2 code in upper case, like VN.
    public func queryCountry(_ name: String = "country") throws(Problem) -> String? {
        guard let text = try query(name) else { return nil }
        guard Validation.isCountryCode(text) else { throw Problem.badQuery(name, "must be an ISO 3166-1 alpha-2 code like VN") }
        return text
    }
}
