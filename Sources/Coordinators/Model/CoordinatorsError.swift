public import DomainKit

/// The errors of the Coordinators module's own rules; each knows its HTTP problem (App maps it in one
/// place). What every module shares (a record not found, a stale version, bad fields, a repeated
/// value, an unknown taxonomy code) it throws as DomainKit's `RecordError`.
public enum CoordinatorsError: Error, Sendable, Equatable, ProblemConvertible {
    /// The transition table (`LeadStage.allowedNext`) has no arrow from `from` to `to`.
    case forbiddenTransition(from: LeadStage, to: LeadStage, allowed: [LeadStage])
    /// The owner already has `capacity` active leads.
    case overCapacity(capacity: Int, field: String)

    public var problem: Problem {
        switch self {
        case .forbiddenTransition(let from, let to, let allowed):
            .unprocessable(
                "A lead cannot move from \(from.rawValue) to \(to.rawValue). Allowed from \(from.rawValue): "
                    + (allowed.isEmpty ? "none (final stage)" : allowed.map(\.rawValue).joined(separator: ", ")) + ".",
                errors: [FieldError(field: "to", message: "must be one of: \(allowed.map(\.rawValue).joined(separator: ", "))")])
        case .overCapacity(let capacity, let field):
            .unprocessable("The owner coordinator already has \(capacity) active leads, the capacity of the profile.",
                           errors: [FieldError(field: field, message: "coordinator is at capacity (\(capacity) active leads)")])
        }
    }
}

/// Bounds of the module's fields; the same as the CHECKs of migrations 0008 and 0009.
enum Limit {
    static let name = 200
    static let title = 300
    static let shortText = 300
    static let reason = 2_000
    static let nextAction = 1_000
    static let long = 20_000
    static let listItems = 50
    static let countries = 250
    static let needsPerLead = 50
    static let capacity = 0...1_000
    /// 10^15 yen: far above any project, and below 2^53 so JSON numbers keep every digit.
    static let valueYen: Int64 = 1_000_000_000_000_000
}

extension Validation {
    mutating func countries(_ values: [String], _ field: String) {
        check(values.count <= Limit.countries, field, "must have at most \(Limit.countries) items")
        for (index, country) in values.enumerated() {
            check(Validation.isCountryCode(country), "\(field).\(index)", "must be an ISO 3166-1 alpha-2 code in upper case, like VN")
        }
    }
}
