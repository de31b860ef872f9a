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
            .preconditionFailed("The record changed since you read it (now version \(current)); read it again and reapply your change.")
        case .invalid(let errors):
            .invalid(errors)
        case .unknownTaxonomyCodes(let codes):
            .unprocessable("Unknown taxonomy codes: \(codes.joined(separator: ", ")).",
                           errors: [FieldError(field: "taxonomyCodes", message: "unknown codes: \(codes.joined(separator: ", "))")])
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
    mutating func optional(_ value: String?, _ field: String, max: Int) {
        guard let value else { return }
        if value.allSatisfy(\.isWhitespace) {
            add(field, "must not be empty; send null to leave it out")
        } else {
            check(value.count <= max, field, "must be at most \(max) characters")
        }
    }

    mutating func list(_ values: [String], _ field: String, maxItems: Int = TextLimit.listItems, maxLength: Int = TextLimit.shortText) {
        check(values.count <= maxItems, field, "must have at most \(maxItems) items")
        for (index, value) in values.enumerated() {
            if value.allSatisfy(\.isWhitespace) {
                add("\(field).\(index)", "must not be empty")
            } else {
                check(value.count <= maxLength, "\(field).\(index)", "must be at most \(maxLength) characters")
            }
        }
    }

    mutating func atLeastOne(_ ja: String?, _ en: String?, _ jaField: String, _ enField: String) {
        if ja == nil && en == nil {
            add(jaField, "\(jaField) or \(enField) is required")
            add(enField, "\(jaField) or \(enField) is required")
        }
    }

    func validateCompanies() throws(CompaniesError) {
        if !errors.isEmpty { throw CompaniesError.invalid(errors) }
    }
}

/// ISO 3166-1 alpha-2, upper case.
func isCountryCode(_ text: String) -> Bool {
    text.utf8.count == 2 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
}
