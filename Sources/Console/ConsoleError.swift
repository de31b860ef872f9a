import DomainKit
import Postgres

/// Why a console request ends on an error page rather than the page asked for.
enum ConsoleError: Error, Sendable, Equatable {
    case signInRequired
    /// The session exists no longer (idle too long, past its lifetime, revoked, user disabled).
    case sessionExpired
    case forbidden
    case notFound
    /// A POST without the session's CSRF token.
    case badCSRF
    /// A form that the page does not accept at all (not one of its fields' mistakes).
    case badRequest

    /// Services report object-level refusals as problems; the console shows the same statuses.
    static func status(of error: any Error) -> Int? {
        if let error = error as? ConsoleError {
            switch error {
            case .signInRequired, .sessionExpired: return 401
            case .forbidden, .badCSRF: return 403
            case .notFound: return 404
            case .badRequest: return 400
            }
        }
        if let convertible = error as? any ProblemConvertible { return convertible.problem.status }
        // The database gone (stopped, restarting, failing over) is the API's 503 too, not a bug
        // (docs/operations.md, "When PostgreSQL is down"); the pool reconnects by itself.
        if let database = error as? PostgresError, [.connectionFailed, .poolTimeout, .closed].contains(database.kind) { return 503 }
        return nil
    }
}
