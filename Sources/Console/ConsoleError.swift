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
    /// A POST whose body is not a form the console reads: a multipart body cut off or malformed, or another
    /// content type (`text/plain`, JSON). Its page says so rather than "the form has expired", which is what
    /// the missing CSRF field made it before (sturdy28).
    case unreadableForm
    /// A form whose fields hold bytes that are not UTF-8 (raw or `%FF`): decoded, they became U+FFFD and were
    /// saved so (sturdy28); the page refuses the form instead.
    case formNotText
    /// A form with a field sent more than once that the page reads as one value (audit37): the first used to be
    /// taken silently (a forged `role` twice, `email` a thousand times). Only a page's declared lists
    /// (`Page.lists`, checkbox groups) may repeat a name.
    case repeatedField(String)
    /// A change to an archived company's profile by its own staff (`CompanyService.isReadOnly`): the service's 409, on
    /// a page that says the company is archived and whom to ask, reached before any form is shown or read.
    case companyArchived

    /// Services report object-level refusals as problems; the console shows the same statuses.
    static func status(of error: any Error) -> Int? {
        if let error = error as? ConsoleError {
            switch error {
            case .signInRequired, .sessionExpired: return 401
            case .forbidden, .badCSRF, .crossSite: return 403
            case .notFound: return 404
            case .badRequest, .unreadableForm, .formNotText, .repeatedField: return 400
            case .companyArchived: return 409
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
