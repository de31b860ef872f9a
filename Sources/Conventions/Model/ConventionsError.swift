public import DomainKit
import FoundationEssentials

/// The errors of the Conventions module; each knows its HTTP problem (App maps it in one place).
public enum ConventionsError: Error, Sendable, Equatable, ProblemConvertible {
    /// The record does not exist, or the caller may not see it (another organizer's event): both are a
    /// 404, so nobody can probe for records they may not touch.
    case notFound(String)
    /// `If-Match` named a version other than the current one.
    case staleVersion(current: Int)
    case invalid([FieldError])
    /// The request is well formed but the record's state forbids it (registration closed, a waitlisted
    /// person at the door, a decision already taken).
    case conflict(String, field: String?)

    public var problem: Problem {
        switch self {
        case .notFound(let what):
            .notFound("No \(what) with that id.")
        case .staleVersion(let current):
            .preconditionFailed("The record changed since you read it (now version \(current)); read it again and reapply your change.")
        case .invalid(let errors):
            .invalid(errors)
        case .conflict(let detail, let field):
            .conflict(detail, errors: field.map { [FieldError(field: $0, message: detail)] })
        }
    }

    static func field(_ field: String, _ message: String) -> ConventionsError {
        .invalid([FieldError(field: field, message: message)])
    }
}

/// Bounds of the module's inputs; the same as the CHECKs of migrations 0011 and 0012.
enum Limit {
    static let title = 300
    static let name = 200
    static let email = 254
    static let venue = 300
    static let room = 200
    static let url = 500
    static let message = 2000
    static let speakers = 50
    static let organizers = 20
    /// Sessions of one event: a programme of tens, with room to spare. The cap is what lets the session
    /// list come whole in one response without paging (issue 18, item 6).
    static let sessionsPerEvent = 300
    static let capacity = 0...100_000
    /// Two years after the end: the September KPI report of the event's fiscal year, and the council's
    /// questions on it, fall inside.
    static let defaultRetentionDays = 730
    static let retentionDays = 0...3650
    /// Programme dates lie in fiscal years 2000 to 2100 (the CHECK on events.fiscal_year); anything
    /// outside is a typo, and refusing it keeps every date storable.
    static let dates = FiscalYear(2000).start..<FiscalYear(2100).end
}

extension Validation {
    mutating func date(_ value: Date?, _ field: String) {
        guard let value else { return }
        check(Limit.dates.contains(value), field, "must be within fiscal years 2000 to 2100 (2000-04-01 to 2101-03-31, Japan time)")
    }
}

extension Validation {
    func validateConventions() throws(ConventionsError) {
        if !errors.isEmpty { throw ConventionsError.invalid(errors) }
    }
}
