/// The errors every domain module shares about its records; each knows its HTTP problem (App maps
/// it in one place). A module throws these for what every module has (a missing record, a stale
/// version, bad fields, a repeated value); a module whose rules need more (Coordinators' stage
/// transitions) declares an enum of only those, and one with nothing of its own names this type
/// (`typealias CitiesError = RecordError`).
public enum RecordError: Error, Sendable, Equatable, ProblemConvertible, DomainError {
    /// The record does not exist, or the caller may not know that it does: both are a 404, so a
    /// caller cannot probe records outside its reach.
    case notFound(String)
    /// The caller sees the record but may not do this to it (an object rule of the service).
    case forbidden(String)
    /// `If-Match` named a version other than the current one.
    case staleVersion(current: Int)
    /// Replacing a record needs `If-Match` (RFC 6585 §3), and none came.
    case versionRequired
    case invalid([FieldError])
    /// A real import (not a dry run) refused for its rows. The API answers the 422 it always has (each
    /// row's problem on `line N: column`, the first 100, in English); a caller in Swift (the console)
    /// keeps each row's typed reason (`CSVRowError.messageKey`) to word it in its reader's language.
    case invalidRows([CSVRowError])
    /// Taxonomy codes the shared taxonomy does not have, named on `field`.
    case unknownTaxonomyCodes([String], field: String = "taxonomyCodes")
    /// A unique rule of the data, or a state of the record that forbids the request (registration
    /// closed, a decision already taken): the detail, and the field at fault when one is.
    case conflict(String, field: String?)

    public var problem: Problem {
        switch self {
        case .notFound(let what):
            .notFound("No \(what) with that id.")
        case .forbidden(let detail):
            .forbidden(detail)
        case .staleVersion(let current):
            .staleVersion(current: current)
        case .versionRequired:
            .versionRequired
        case .invalid(let errors):
            .invalid(errors)
        case .invalidRows(let rows):
            .invalid(rows.prefix(Self.problemRows).map { FieldError(field: "line \($0.line): \($0.column)", message: $0.message) })
        case .unknownTaxonomyCodes(let codes, let field):
            .unknownTaxonomyCodes(codes, field: field)
        case .conflict(let detail, let field):
            .conflict(detail, errors: field.map { [FieldError(field: $0, message: detail)] })
        }
    }

    /// The refused rows a 422 lists (a file of 20,000 bad rows is not a 20,000-entry answer).
    public static let problemRows = 100

    /// One bad field: a 422 naming it.
    public static func field(_ field: String, _ message: String) -> RecordError {
        .invalid([FieldError(field: field, message: message)])
    }
}

extension Validation {
    /// Throws the collected field errors as one 422 of the module's error type, if there are any.
    public func validate<Failure: DomainError>(as _: Failure.Type) throws(Failure) {
        if !errors.isEmpty { throw Failure.invalid(errors) }
    }
}

/// The cases the shared scaffolding (`Validation.validate(as:)`, `Versioned.edited`, `updated`) throws
/// in a module's own error type. An enum case of the same name satisfies each requirement (SE-0280).
public protocol DomainError: Error {
    static func staleVersion(current: Int) -> Self
    static func invalid(_ errors: [FieldError]) -> Self
}
