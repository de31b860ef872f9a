public import DomainKit

/// The errors of the Matches module; each knows its HTTP problem (App maps it in one place).
public enum MatchesError: Error, Sendable, Equatable, ProblemConvertible {
    /// The record does not exist, or the caller may not see it: both are a 404.
    case notFound(String)
    case forbidden(String)
    case staleVersion(current: Int)
    /// Replacing a record needs `If-Match`.
    case versionRequired
    case invalid([FieldError])
    case conflict(String, field: String)

    public var problem: Problem {
        switch self {
        case .notFound(let what):
            .notFound("No \(what) with that id.")
        case .forbidden(let detail):
            .forbidden(detail)
        case .staleVersion(let current):
            .preconditionFailed("The record changed since you read it (now version \(current)); read it again and reapply your change.")
        case .versionRequired:
            Problem(status: 428, title: "Precondition Required", detail: "Send If-Match with the ETag you last read.")
        case .invalid(let errors):
            .invalid(errors)
        case .conflict(let detail, let field):
            .conflict(detail, errors: [FieldError(field: field, message: detail)])
        }
    }
}

extension Validation {
    func validateMatches() throws(MatchesError) {
        if !errors.isEmpty { throw MatchesError.invalid(errors) }
    }
}
