/// The errors every domain module shares about its records; each knows its HTTP problem (App maps
/// it in one place). A module whose rules need more cases (Coordinators' stage transitions) declares
/// its own enum with these cases plus its own; one with nothing of its own names this type.
public enum RecordError: Error, Sendable, Equatable, ProblemConvertible, DomainError {
    /// The record does not exist, or the caller may not know that it does: both are a 404, so a
    /// caller cannot probe records outside its reach.
    case notFound(String)
    /// The caller sees the record but may not do this to it (an object rule of the service).
    case forbidden(String)
    /// `If-Match` named a version other than the current one.
    case staleVersion(current: Int)
    case invalid([FieldError])
    case unknownTaxonomyCodes([String])
    /// A unique rule of the data: the detail, and the field that repeats a value.
    case conflict(String, field: String)

    public var problem: Problem {
        switch self {
        case .notFound(let what):
            .notFound("No \(what) with that id.")
        case .forbidden(let detail):
            .forbidden(detail)
        case .staleVersion(let current):
            .staleVersion(current: current)
        case .invalid(let errors):
            .invalid(errors)
        case .unknownTaxonomyCodes(let codes):
            .unknownTaxonomyCodes(codes)
        case .conflict(let detail, let field):
            .conflict(detail, errors: [FieldError(field: field, message: detail)])
        }
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
