/// The one error type of the Postgres module. It keeps the server's SQLSTATE and fields so that callers
/// can map constraint violations to 409/422, but its `description` leaves out `detail` and `hint`:
/// PostgreSQL puts bound values there ("Key (email)=(a@example.com) already exists"), and those must
/// never reach a log line.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// The connection could not be opened, or broke while in use.
        case connectionFailed
        /// No pooled connection became free within the pool's wait limit.
        case poolTimeout
        /// The pool or listener was closed.
        case closed
        /// A column could not be decoded as the requested Swift type, or is missing.
        case decoding
        /// A value could not be encoded as a parameter.
        case encoding
        /// A migration file is malformed, or was edited after it was applied.
        case migration
        /// libpq reported a state this adapter does not expect: a bug here, not in the caller's data.
        case protocolViolation
    }

    public let kind: Kind
    public let sqlState: SQLState?
    /// The primary message: the server's, or this adapter's own.
    public let message: String
    public let detail: String?
    public let hint: String?
    public let schema: String?
    public let table: String?
    public let column: String?
    public let constraint: String?

    public init(
        _ kind: Kind, _ message: String, sqlState: SQLState? = nil, detail: String? = nil, hint: String? = nil,
        schema: String? = nil, table: String? = nil, column: String? = nil, constraint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    /// A constraint violation in terms the API layer maps to 409 or 422.
    public enum Violation: Sendable, Equatable {
        case unique(constraint: String?)
        case foreignKey(constraint: String?)
        case check(constraint: String?)
        case notNull(column: String?)
        case exclusion(constraint: String?)
    }

    public var violation: Violation? {
        switch sqlState {
        case .uniqueViolation: .unique(constraint: constraint)
        case .foreignKeyViolation: .foreignKey(constraint: constraint)
        case .checkViolation: .check(constraint: constraint)
        case .notNullViolation: .notNull(column: column)
        case .exclusionViolation: .exclusion(constraint: constraint)
        default: nil
        }
    }

    /// Serialization failures and deadlocks succeed when the whole transaction is tried again.
    public var isTransient: Bool {
        sqlState == .serializationFailure || sqlState == .deadlockDetected
    }

    public var description: String {
        var parts = ["PostgresError.\(kind.rawValue)"]
        if let sqlState { parts.append("sqlstate=\(sqlState.code)") }
        parts.append("message=\(message)")
        if let table { parts.append("table=\(table)") }
        if let column { parts.append("column=\(column)") }
        if let constraint { parts.append("constraint=\(constraint)") }
        return parts.joined(separator: " ")
    }
}

/// A five-character SQLSTATE code (PostgreSQL manual, Appendix A) with names for the ones code matches on.
public struct SQLState: Sendable, Hashable, CustomStringConvertible {
    public let code: String

    public init(_ code: String) {
        self.code = code
    }

    public var description: String { code }

    /// Class 08, and 57P01–57P03: the connection, not the statement, failed.
    public var isConnectionFailure: Bool {
        code.hasPrefix("08") || code == "57P01" || code == "57P02" || code == "57P03"
    }

    public static let uniqueViolation = SQLState("23505")
    public static let foreignKeyViolation = SQLState("23503")
    public static let checkViolation = SQLState("23514")
    public static let notNullViolation = SQLState("23502")
    public static let exclusionViolation = SQLState("23P01")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let cannotConnectNow = SQLState("57P03")
    public static let undefinedTable = SQLState("42P01")
    public static let syntaxError = SQLState("42601")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let stringDataRightTruncation = SQLState("22001")
    public static let numericValueOutOfRange = SQLState("22003")
    public static let lockNotAvailable = SQLState("55P03")
}
