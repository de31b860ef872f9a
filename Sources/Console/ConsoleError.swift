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
    /// A POST whose browser says it was sent from another site (`PostOrigin.otherSite`).
    case crossSite
    /// A form that the page does not accept at all (not one of its fields' mistakes).
    case badRequest

    /// Services report object-level refusals as problems; the console shows the same statuses.
    static func status(of error: any Error) -> Int? {
        if let error = error as? ConsoleError {
            switch error {
            case .signInRequired, .sessionExpired: return 401
            case .forbidden, .badCSRF, .crossSite: return 403
            case .notFound: return 404
            case .badRequest: return 400
            }
        }
        if error is QueryRefusal { return 400 }
        if let convertible = error as? any ProblemConvertible { return convertible.problem.status }
        // As the API's: a request stopped by a time limit is its 503, not a bug (DomainKit `TimeLimit`).
        if TimeLimit.reached(by: error) != nil { return 503 }
        // The API's mapping of database errors (DomainKit `Problem(database:)`): a constraint the form broke is
        // its 409/422, the database gone its 503 (docs/operations.md, "When PostgreSQL is down"); never a 500.
        if let database = error as? PostgresError, let problem = Problem(database: database) { return problem.status }
        return nil
    }
}
