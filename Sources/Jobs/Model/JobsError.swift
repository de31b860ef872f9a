public import DomainKit

/// The errors of the Jobs module; each knows its HTTP problem (App maps it in one place).
public enum JobsError: Error, Sendable, Equatable, ProblemConvertible {
    case notFound
    case invalid([FieldError])
    /// A retry or cancel asked of a job whose state does not allow it.
    case wrongState(id: Int64, state: JobState, action: String)
    /// A dismissal asked of a job dismissed already (a second click, or another administrator first).
    case alreadyDismissed(Int64)
    /// Retrying would make two waiting jobs share a unique key.
    case uniqueKeyTaken(String)
    /// A row the code cannot read: a bug or a hand-edited database, never the caller's fault.
    case corruptRow(String)

    public var problem: Problem {
        switch self {
        case .notFound:
            .notFound("No job with that id.")
        case .invalid(let errors):
            .invalid(errors)
        case .wrongState(let id, let state, let action):
            .conflict("Job \(id) is \(state.rawValue) and cannot be \(action).",
                      errors: [FieldError(field: "state", message: "is \(state.rawValue)")])
        case .alreadyDismissed(let id):
            .conflict("Job \(id) is dismissed already.", errors: [FieldError(field: "dismissedAt", message: "is set already")])
        case .uniqueKeyTaken(let key):
            .conflict("Another waiting job holds the unique key \(key).", errors: [FieldError(field: "uniqueKey", message: "is held by a waiting job")])
        case .corruptRow(let detail):
            Problem(status: 500, title: "Internal Server Error", detail: "A job row could not be read (\(detail)).")
        }
    }
}
