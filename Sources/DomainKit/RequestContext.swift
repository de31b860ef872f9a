public import FoundationEssentials
public import HTTPServer

/// What a route handler receives: the request, its path parameters, and who is calling. Its helpers
/// turn every malformed input into a `Problem` (4xx) with the field named, never into a 500.
public struct RequestContext: Sendable {
    public let request: HTTPRequest
    public let parameters: [String: String]
    public let principal: Principal?
    public let requestID: String
    /// The client's IP address (from the socket, or the proxy's X-Forwarded-For when configured).
    public let clientAddress: String
    /// What the authenticator already read about the caller along with the principal (Accounts puts
    /// the user row there), so that a route about the caller needs no second statement. Opaque here.
    public let account: (any Sendable)?

    public init(
        request: HTTPRequest, parameters: [String: String], principal: Principal?, requestID: String, clientAddress: String = "",
        account: (any Sendable)? = nil
    ) {
        self.request = request
        self.parameters = parameters
        self.principal = principal
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.account = account
    }

    /// The token of `Authorization: Bearer <token>`, if the request carries one of sane length.
    public var bearerToken: String? {
        guard let header = request.headers["authorization"] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 512 else { return nil }
        return String(parts[1])
    }

    /// The caller; routes with `Access.roles` always have one, so this only fails on a table mistake.
    public func requirePrincipal() throws(Problem) -> Principal {
        guard let principal else { throw Problem.unauthorized("Authentication is required.") }
        return principal
    }

    /// A path parameter that must be a UUID; anything else cannot name a resource, so it is a 404.
    public func pathUUID(_ name: String) throws(Problem) -> UUID {
        guard let text = parameters[name], let id = UUID(uuidString: text) else {
            throw Problem.notFound("No resource has the id \(parameters[name] ?? "").")
        }
        return id
    }

    /// A path parameter that must be a positive sequence number (bigint identity ids); anything else
    /// cannot name a resource, so it is a 404.
    public func pathSequenceNumber(_ name: String) throws(Problem) -> Int64 {
        guard let text = parameters[name], text.utf8.count <= 19, text.utf8.allSatisfy({ (48...57).contains($0) }),
              let number = Int64(text), number > 0 else {
            throw Problem.notFound("No resource has the id \(parameters[name] ?? "").")
        }
        return number
    }

    /// Query values longer than this are refused: every input has a limit.
    public static let maximumQueryValueLength = 200

    /// A query parameter's decoded value; one `queryValueProblem` refuses is a 400 naming it. No parameter of this
    /// API is a list, so a name given twice is a 400 too: which of the two a proxy or a cache acted on is unknown.
    public func query(_ name: String) throws(Problem) -> String? {
        let values = request.queryValues(name)
        guard let first = values.first else { return nil }
        guard values.count == 1 else { throw Problem.badQuery(name, "must be given once") }
        guard let value = first else { throw Problem.badQuery(name, "must be UTF-8 text once percent-decoded") }
        if let problem = Self.queryValueProblem(name, value) { throw problem }
        return value
    }

    /// Why a query value is refused, or nil: longer than `maximumQueryValueLength`, or holding a NUL (which no
    /// text column can store or match). The console's search boxes ask the same question.
    public static func queryValueProblem(_ name: String, _ value: String) -> Problem? {
        if value.unicodeScalars.contains("\u{0}") {
            return Problem.badRequest("Query parameter \(name) must not contain the NUL character.",
                                      errors: [FieldError(field: name, message: "must not contain the NUL character")])
        }
        if value.count > maximumQueryValueLength {
            return Problem.badRequest("Query parameter \(name) is too long.",
                                      errors: [FieldError(field: name, message: "must be at most \(maximumQueryValueLength) characters")])
        }
        return nil
    }

    /// A query pair with nothing before its `=` (`?=1`, `?=`) names no parameter, so no route can read it: a 400
    /// rather than a value silently dropped or an "unknown parameter" with an empty name. Empty pairs (`?&&`) carry
    /// nothing and are skipped as URLSearchParams skips them (WHATWG URL §5.1). The console asks the same question.
    public static func namelessQueryProblem(_ request: HTTPRequest) -> Problem? {
        guard request.queryItems.contains(where: { $0.name.isEmpty }) else { return nil }
        return Problem.badRequest("A query parameter has no name (nothing before its “=”); send name=value, or leave the pair out.",
                                  errors: [FieldError(field: "query", message: "has a parameter with no name")])
    }

    /// An optional whole-number query parameter within a range; anything else is a 400 naming it.
    public func queryInteger(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text = try query(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badRequest("Query parameter \(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).",
                                     errors: [FieldError(field: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")])
        }
        return value
    }

    /// Decodes a JSON body. Malformed JSON is 400; a missing, null or wrongly typed field is 422 naming
    /// the field by its JSON path; a body that is not JSON is 415; an object giving a name twice is 400.
    public func decodeBody<Body: Decodable>(_ type: Body.Type = Body.self) throws(Problem) -> Body {
        guard bodyIs("application/json") else {
            throw Problem(status: 415, title: "Unsupported Media Type", detail: "The body must be application/json (UTF-8).")
        }
        var json = request.body
        if Body.self is any TrimmedText.Type, let value = JSONValue.parse(acceptedJSON: json) {
            let trimmed = value.trimmingText()
            if trimmed != value, let encoded = try? APIJSON.encode(trimmed) { json = Array(encoded) }
        }
        let body: Body
        do {
            body = try APIJSON.decoder.decode(Body.self, from: Data(json))
        } catch let error as DecodingError {
            throw Self.problem(for: error, in: json)
        } catch {
            throw Problem.badRequest("The body is not valid JSON.")
        }
        try refuseRepeatedNames()
        if let value = JSONValue.parse(acceptedJSON: request.body) {
            try Self.refuseUnread(JSONFieldNames.unread(in: value, by: Body.self))
        }
        return body
    }

    /// A partial body, one whose left-out fields keep their stored values without being a merge patch
    /// (`updateUser`, `putKPISettings`): `null` for one of `notNull`, fields that cannot be cleared, is a 422 naming
    /// it, as a merge patch's `null` for a required field is ("is required"), never taken as "no change".
    public func decodePartialBody<Body: Decodable>(_ type: Body.Type = Body.self, notNull: [String]) throws(Problem) -> Body {
        let body = try decodeBody(type)
        if let value = JSONValue.parse(acceptedJSON: request.body) { try Self.refuseNulls(of: notNull, in: value) }
        return body
    }

    /// A 422 naming each of `fields` that `body` (an object) sets to `null`: fields that cannot be cleared.
    static func refuseNulls(of fields: [String], in body: JSONValue) throws(Problem) {
        guard case .object(let members) = body else { return }
        let nulls = fields.filter { members[$0] == .null }
        if !nulls.isEmpty {
            throw Problem.invalid(nulls.map { FieldError(field: $0, message: "must not be null; leave it out to keep the stored value") })
        }
    }

    /// A 422 naming each member of the body that the request does not read (`JSONFieldNames`): a
    /// misspelt or read-only field is refused, not dropped while a 2xx says the write happened.
    static func refuseUnread(_ paths: [String]) throws(Problem) {
        guard !paths.isEmpty else { return }
        throw Problem.invalid(paths.map { FieldError(field: $0, message: "is not a field this request sets (unknown or read-only)") })
    }

    /// Whether the body's Content-Type is one of `mediaTypes` (without regard to case) and, if it names a charset,
    /// UTF-8: JSON is UTF-8 (RFC 8259 §8.1), so a body declared Latin-1 would be misread, not read.
    func bodyIs(_ mediaTypes: String...) -> Bool {
        let parts = (request.headers["content-type"] ?? "").lowercased().split(separator: ";", omittingEmptySubsequences: false)
        guard let mediaType = parts.first.map({ String($0).trimmed }), mediaTypes.contains(mediaType) else { return false }
        return parts.dropFirst().allSatisfy { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
            guard pair.first == "charset" else { return true }
            return pair.count == 2 && ["utf-8", "\"utf-8\"", "utf8"].contains(pair[1])
        }
    }

    /// A 400 when one object of the body gives a name twice (`JSONRepeatedKey`).
    func refuseRepeatedNames() throws(Problem) {
        if let name = JSONRepeatedKey.first(in: request.body) {
            throw Problem.badRequest("The body gives the field \(name) more than once.",
                                     errors: [FieldError(field: name, message: "must be given once")])
        }
    }

    /// The row version from `If-Match: "N"` (the ETag this API sends). Updates require it, so that a
    /// stale write gets 412 instead of silently winning (RFC 9110 §13.1.1; 428 per RFC 6585 §3).
    public func requiredVersion() throws(Problem) -> Int {
        guard let header = request.headers["if-match"] else {
            throw Problem.versionRequired
        }
        // Optional whitespace around a field value is not part of it (RFC 9110 §5.5).
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let trimmed = header.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        // A value that is not an entity tag this API issues is malformed (400); a well-formed but
        // outdated one is the service's 412. Tags compare character by character (RFC 9110 §8.8.3.2), so
        // "012" or "+12" is not the "12" sent, though it reads as the same number (probe15).
        let tag = String(trimmed.dropFirst().dropLast())
        guard trimmed.count >= 3, trimmed.first == "\"", trimmed.last == "\"", let version = Int(tag), String(version) == tag else {
            throw Problem.badRequest("If-Match must be the ETag you read, such as \"3\".",
                                     errors: [FieldError(field: "If-Match", message: "is not an ETag of this API")])
        }
        return version
    }

    /// The version of an `If-Match` that may be left out: a PUT that creates a record as well as
    /// replacing one (the university registry) has no version to send on a create, and older clients
    /// send none. When sent, it is checked as `requiredVersion()` checks it.
    public func optionalVersion() throws(Problem) -> Int? {
        request.headers["if-match"] == nil ? nil : try requiredVersion()
    }

    public var idempotencyKey: String? {
        request.headers["idempotency-key"]
    }

    /// The problem of a body the decoder refused; `json` is the JSON it was decoding.
    static func problem(for error: DecodingError, in json: [UInt8]) -> Problem {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = path + (key.map { [$0] } ?? [])
            return keys.isEmpty ? "body" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid([FieldError(field: field(context.codingPath, key), message: "is required")])
        case .valueNotFound(_, let context):
            return .invalid([FieldError(field: field(context.codingPath), message: "must not be null")])
        case .typeMismatch(let type, let context):
            return .invalid([FieldError(field: field(context.codingPath), message: "must be \(jsonTypeName(type))")])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalid([FieldError(field: field(context.codingPath), message: readable(context.debugDescription))])
        default:
            // Foundation reports a number an integer field cannot hold (5.5, 1e20) as invalid JSON, with no
            // path; when the body is JSON after all, the numbers that are not whole are the fields to name.
            if let value = try? APIJSON.decoder.decode(JSONValue.self, from: Data(json)) {
                let fields = value.pathsOfNumbersNotWhole()
                if !fields.isEmpty {
                    return .invalid(fields.map { FieldError(field: $0, message: "must be a whole number of at most 15 digits") })
                }
            }
            return .badRequest("The body is not valid JSON.")
        }
    }

    /// Foundation's sentences for a value it could not read name Swift types ("Cannot initialize NeedStatus from
    /// invalid String value won", "Attempted to decode UUID from invalid UUID string."); the caller needs the rule.
    private static func readable(_ description: String) -> String {
        if description.hasPrefix("Cannot initialize "), let range = description.firstRange(of: " from invalid ") {
            let value = description[range.upperBound...].split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? ""
            return (value.isEmpty ? "is" : "is \"\(value)\",") + " not one of the values this field takes; docs/openapi.yaml lists them"
        }
        if description.contains("UUID") { return "must be a UUID such as 0b7f3f8e-2f5e-4d6a-9a57-1c1d1e1f2a3b" }
        return description
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: type == [Any].self ? "an array" : type == [String: Any].self ? "an object" : "of another type (\(type))"
        }
    }
}

/// The one JSON configuration of the API: RFC 3339 UTC timestamps, sorted keys (stable output that
/// diffs and caches well).
public enum APIJSON {
    /// The API's JSON: sorted keys, unescaped slashes, ISO 8601 dates (`ResponseJSONEncoder`).
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        Data(try ResponseJSONEncoder.encode(value))
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = RFC3339.decoding
        return decoder
    }
}
