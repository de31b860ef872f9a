public import DomainKit

/// The errors of the Companies module; each knows its HTTP problem (App maps it in one place).
public enum CompaniesError: Error, Sendable, Equatable, ProblemConvertible {
    /// The record does not exist, or the caller may not see or write it: both are a 404, so a company
    /// user cannot probe another company's records.
    case notFound(String)
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

/// Bounds shared by every text field of the module; the same as the CHECKs of migration 0006.
enum TextLimit {
    static let name = 300
    static let long = 20_000
    static let shortText = 300
    static let tier = 100
    static let listItems = 50
    static let countries = 250
}

extension Validation {
    func validateCompanies() throws(CompaniesError) {
        if !errors.isEmpty { throw CompaniesError.invalid(errors) }
    }
}
