public import DomainKit
import FoundationEssentials

/// The errors of the Conventions module: the shared ones of every module (a record not found or not
/// the caller's to see, a stale version, bad fields, a conflict with the record's state); it has no
/// cases of its own. App maps them to problems in one place.
public typealias ConventionsError = RecordError

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
