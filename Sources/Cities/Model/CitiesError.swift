public import DomainKit

/// The errors of the Cities module; each knows its HTTP problem (App maps it in one place).
public enum CitiesError: Error, Sendable, Equatable, ProblemConvertible {
    /// The record does not exist, or the caller may not know that it does: both are a 404, so a
    /// liaison user cannot probe another city's records.
    case notFound(String)
    /// The caller's role may not do this to a record it is allowed to see.
    case forbidden(String)
    /// `If-Match` named a version other than the current one.
    case staleVersion(current: Int)
    case invalid([FieldError])
    case unknownTaxonomyCodes([String])

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
        }
    }
}

/// Bounds shared by every text field of the module (issue 4).
enum TextLimit {
    static let name = 300
    static let title = 300
    static let long = 20_000
    static let shortText = 300
    static let phone = 50
    static let listItems = 50
}

extension Validation {
    func validateCities() throws(CitiesError) {
        if !errors.isEmpty { throw CitiesError.invalid(errors) }
    }
}
