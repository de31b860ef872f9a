public import DomainKit
import Postgres

/// The one error type of the Accounts module. App turns it into a problem through `ProblemConvertible`;
/// `retryAfterSeconds` is what the route puts in `Retry-After` (RFC 9110, section 10.2.3) for a 429.
public struct AccountsError: Error, Sendable, Equatable, ProblemConvertible {
    public enum Code: String, Sendable, Equatable {
        /// Unknown email, wrong password or disabled account: one answer, so none can be told apart.
        case invalidCredentials
        case throttled
        case forbidden
        case notFound
        case staleVersion
        case duplicateEmail
        case invalid
        /// The request is well formed but the current state refuses it (a value that can no longer be restored).
        case conflict
    }

    public let code: Code
    public let detail: String
    public let fieldErrors: [FieldError]
    public let retryAfterSeconds: Int?

    init(_ code: Code, _ detail: String, fieldErrors: [FieldError] = [], retryAfterSeconds: Int? = nil) {
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var problem: Problem {
        switch code {
        case .invalidCredentials: .unauthorized(detail)
        case .throttled: .tooManyRequests(detail, retryAfterSeconds: retryAfterSeconds)
        case .forbidden: .forbidden(detail)
        case .notFound: .notFound(detail)
        case .staleVersion: .preconditionFailed(detail)
        case .duplicateEmail: .conflict(detail, errors: fieldErrors)
        case .invalid: .invalid(fieldErrors)
        case .conflict: .conflict(detail, errors: fieldErrors)
        }
    }

    /// The one answer to a refused login.
    public static let invalidCredentials = AccountsError(.invalidCredentials, "email or password is incorrect")

    static func throttled(retryAfterSeconds: Int) -> AccountsError {
        AccountsError(.throttled, "too many failed login attempts; try again later", retryAfterSeconds: retryAfterSeconds)
    }

    static func forbidden(_ detail: String) -> AccountsError { AccountsError(.forbidden, detail) }

    static func invalid(_ errors: [FieldError]) -> AccountsError {
        AccountsError(.invalid, "The request has invalid fields.", fieldErrors: errors)
    }

    static let duplicateEmail = AccountsError(
        .duplicateEmail, "a user with this email already exists",
        fieldErrors: [FieldError(field: "email", message: "is already in use")])

    static let userNotFound = AccountsError(.notFound, "no such user")

    static let staleUser = AccountsError(.staleVersion, "the user was changed since it was read; read it again")

    /// Throws the collected field errors as one 422, if there are any.
    static func check(_ validation: Validation) throws(AccountsError) {
        if !validation.errors.isEmpty { throw invalid(validation.errors) }
    }
}

extension PostgresError {
    /// The users table's unique email, as the API's 409 with the field named.
    var isDuplicateEmail: Bool {
        violation == .unique(constraint: "users_email_key")
    }
}

extension PostgresError {
    /// A binding to a company or liaison base that does not exist (foreign keys of migration 0007), as
    /// the 422 that names the field.
    var unknownBinding: AccountsError? {
        switch violation {
        case .foreignKey(constraint: "users_company_id_fkey"):
            AccountsError.invalid([FieldError(field: "companyId", message: "is not a known company")])
        case .foreignKey(constraint: "users_liaison_base_id_fkey"):
            AccountsError.invalid([FieldError(field: "liaisonBaseId", message: "is not a known liaison base")])
        default:
            nil
        }
    }
}
