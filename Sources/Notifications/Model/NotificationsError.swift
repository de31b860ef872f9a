public import DomainKit

/// The errors of the Notifications module; each knows its HTTP problem (App maps it in one place).
public enum NotificationsError: Error, Sendable, Equatable, ProblemConvertible, DomainError {
    case notFound(String)
    case invalid([FieldError])
    case staleVersion(current: Int)
    case corruptRow

    public var problem: Problem {
        switch self {
        case .notFound(let what): .notFound("No \(what) with that id.")
        case .invalid(let errors): .invalid(errors)
        case .staleVersion(let current):
            .preconditionFailed("The endpoint changed since you read it (now version \(current)); read it again and reapply your change.")
        case .corruptRow: Problem(status: 500, title: "Internal Server Error", detail: "A notification row could not be read.")
        }
    }
}
