/// An RFC 9457 problem: what every error of the API becomes. Domain errors conform to
/// `ProblemConvertible`, and App turns them into `application/problem+json` in exactly one place.
public struct Problem: Error, Sendable, Equatable, Codable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [FieldError]?
    /// Sent as the `Retry-After` header (429, 503), not in the body.
    public var retryAfterSeconds: Int?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors
    }

    public init(
        status: Int, title: String, detail: String, type: String = "about:blank", errors: [FieldError]? = nil,
        retryAfterSeconds: Int? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
        self.retryAfterSeconds = retryAfterSeconds
    }

    public static func badRequest(_ detail: String, errors: [FieldError]? = nil) -> Problem {
        Problem(status: 400, title: "Bad Request", detail: detail, errors: errors)
    }

    /// A malformed query parameter: a 400 whose detail and field error both name it.
    public static func badQuery(_ name: String, _ message: String) -> Problem {
        .badRequest("Query parameter \(name) \(message).", errors: [FieldError(field: name, message: message)])
    }

    public static func unauthorized(_ detail: String) -> Problem {
        Problem(status: 401, title: "Unauthorized", detail: detail)
    }

    public static func forbidden(_ detail: String) -> Problem {
        Problem(status: 403, title: "Forbidden", detail: detail)
    }

    public static func notFound(_ detail: String) -> Problem {
        Problem(status: 404, title: "Not Found", detail: detail)
    }

    public static func conflict(_ detail: String, errors: [FieldError]? = nil) -> Problem {
        Problem(status: 409, title: "Conflict", detail: detail, errors: errors)
    }

    public static func preconditionFailed(_ detail: String) -> Problem {
        Problem(status: 412, title: "Precondition Failed", detail: detail)
    }

    public static func unprocessable(_ detail: String, errors: [FieldError]? = nil) -> Problem {
        Problem(status: 422, title: "Unprocessable Content", detail: detail, errors: errors)
    }

    public static func tooManyRequests(_ detail: String, retryAfterSeconds: Int? = nil) -> Problem {
        Problem(status: 429, title: "Too Many Requests", detail: detail, retryAfterSeconds: retryAfterSeconds)
    }

    public static func serviceUnavailable(_ detail: String, retryAfterSeconds: Int = 5) -> Problem {
        Problem(status: 503, title: "Service Unavailable", detail: detail, retryAfterSeconds: retryAfterSeconds)
    }

    /// Field-level validation failures, all reported at once.
    public static func invalid(_ errors: [FieldError]) -> Problem {
        .unprocessable("The request has invalid fields.", errors: errors)
    }
}

public struct FieldError: Sendable, Equatable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// A domain error that knows which problem it is. One conformance per module's error type.
public protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

extension Problem: ProblemConvertible {
    public var problem: Problem { self }
}

/// Collects field errors so that a request reports every bad field, not just the first.
public struct Validation: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func check(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { errors.append(FieldError(field: field, message: message)) }
    }

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Throws a 422 problem listing every failure, if there is any.
    public func validate() throws(Problem) {
        if !errors.isEmpty { throw Problem.invalid(errors) }
    }
}
