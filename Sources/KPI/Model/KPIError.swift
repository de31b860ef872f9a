public import DomainKit

/// What the KPI services refuse, in the module's own terms; App turns it into a problem response in its
/// one place (`ProblemConvertible`), and a background job (`KPIRecount`) fails its attempt with it without
/// speaking HTTP.
public enum KPIError: Error, Sendable, Equatable, ProblemConvertible {
    case notFound(String)
    case invalid([FieldError])
    /// `If-Match` named a version other than the current one.
    case staleVersion(current: Int)
    /// A write that needs `If-Match` came without one, or came with one where nothing exists yet.
    case preconditionFailed(String)
    /// The request is well formed but the ledger's or a fiscal year's state refuses it.
    case conflict(String, [FieldError]? = nil)
    /// A fiscal year outside 2000–2100, named by `field` (a query parameter or a job's payload).
    case fiscalYearOutOfRange(field: String)

    public var problem: Problem {
        switch self {
        case .notFound(let detail): .notFound(detail)
        case .invalid(let errors): .invalid(errors)
        case .staleVersion(let current): .staleVersion(current: current)
        case .preconditionFailed(let detail): .preconditionFailed(detail)
        case .conflict(let detail, let errors): .conflict(detail, errors: errors)
        case .fiscalYearOutOfRange(let field): .badQuery(field, "must be a fiscal year from 2000 to 2100")
        }
    }
}

/// `Versioned.edited` and `saving` throw the module's own stale-version and invalid cases.
extension KPIError: DomainError {}
