public import DomainKit
import Postgres

/// The one error type of the Accounts module. App turns it into a problem through `ProblemConvertible`;
/// `retryAfterSeconds` is what the route puts in `Retry-After` (RFC 9110, section 10.2.3) for a 429.
public struct AccountsError: Error, Sendable, Equatable, ProblemConvertible, DomainError {
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

    /// Why a value was not restored from the audit trail (`restoreAuditedValue`), for a client that words
    /// its own message (the console) rather than read the English detail.
    public enum RestoreRefusal: Sendable, Equatable {
        /// The entry did not change the field, or its previous value was erased (422).
        case noPrevious
        /// An identifier, a state with its own transitions, the erasure mark (422).
        case notRestorable
        /// The record the entry changed was deleted since (409).
        case rowGone
        /// The field was changed again after the entry (409).
        case changedAgain
        /// The previous value breaks a constraint the record must keep now (409).
        case breaksRule
    }

    public let code: Code
    public let detail: String
    public let fieldErrors: [FieldError]
    public let retryAfterSeconds: Int?
    /// Set on every refusal of `restoreAuditedValue` (a 409 or 422), nil on any other error.
    public let restoreRefusal: RestoreRefusal?

    init(_ code: Code, _ detail: String, fieldErrors: [FieldError] = [], retryAfterSeconds: Int? = nil, restoreRefusal: RestoreRefusal? = nil) {
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.retryAfterSeconds = retryAfterSeconds
        self.restoreRefusal = restoreRefusal
    }

    /// A refused restore with the API's wording of `reason`; `constraint` names the rule a `breaksRule` broke.
    static func restoreRefused(_ reason: RestoreRefusal, constraint: String? = nil) -> AccountsError {
        switch reason {
        case .noPrevious:
            AccountsError(.invalid, "The request has invalid fields.", fieldErrors: [
                FieldError(field: "field", message: "this entry did not change this field, or its value was erased"),
            ], restoreRefusal: reason)
        case .notRestorable:
            AccountsError(.invalid, "The request has invalid fields.", fieldErrors: [
                FieldError(field: "field", message: "this field is not restored from the audit trail; use its own operation"),
            ], restoreRefusal: reason)
        case .rowGone:
            AccountsError(.conflict, "the record this entry changed no longer exists", restoreRefusal: reason)
        case .changedAgain:
            AccountsError(.conflict, "the field was changed again after this entry; read the newer entries before restoring", restoreRefusal: reason)
        case .breaksRule:
            AccountsError(.conflict, "the previous value breaks a rule the record must keep now (\(constraint ?? "constraint"))", restoreRefusal: reason)
        }
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
    /// A password link unknown, used, expired, superseded, or of a disabled account: one answer for all.
    public static let passwordLinkInvalid = AccountsError(.notFound, "this password link is no longer valid")

    /// Only a waiting invitation is sent again (`resendInvitation`).
    public static let noPendingInvitation = AccountsError(.conflict, "no invitation of this user is waiting to be used")

    static func throttled(retryAfterSeconds: Int) -> AccountsError {
        AccountsError(.throttled, "too many failed login attempts; try again later", retryAfterSeconds: retryAfterSeconds)
    }

    static func forbidden(_ detail: String) -> AccountsError { AccountsError(.forbidden, detail) }

    public static func invalid(_ errors: [FieldError]) -> AccountsError {
        AccountsError(.invalid, "The request has invalid fields.", fieldErrors: errors)
    }

    static let duplicateEmail = AccountsError(
        .duplicateEmail, "a user with this email already exists",
        fieldErrors: [FieldError(field: "email", message: "is already in use")])

    static let userNotFound = AccountsError(.notFound, "no such user")

    static let staleUser = AccountsError(.staleVersion, "the user was changed since it was read; read it again")

    /// `Versioned`'s stale edit: the user's answer, whose ETag the caller reads again.
    public static func staleVersion(current _: Int) -> AccountsError { staleUser }

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
