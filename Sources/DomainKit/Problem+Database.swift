public import Postgres

extension Problem {
    /// The problem a database error means for the caller, when it says something about the caller's data or
    /// the database's availability rather than about our code: a constraint the request broke (409 unique,
    /// 422 foreign key / check / not-null / exclusion), a value the column cannot hold (422: too long, out of
    /// range, a NUL character), a conflict with a concurrent transaction that outlived its retries (503: the
    /// same request succeeds when sent again), the database out of reach (503). Nil for anything else, which
    /// is a bug (500). The API (`APIHandler`) and the console (`ConsoleError.status`) both map through here,
    /// so a page answers what the API answers. The details name no table, column, constraint or value:
    /// PostgreSQL writes bound values into its messages (`PostgresError`).
    public init?(database error: PostgresError) {
        switch (error.kind, error.violation) {
        case (_, .unique?):
            self = .conflict("A record with the same unique value already exists.")
        case (_, .foreignKey?):
            self = .unprocessable("The request refers to a record that does not exist.")
        case (_, .check?), (_, .notNull?), (_, .exclusion?):
            self = .unprocessable("The request breaks a rule of the data.")
        case (.encoding, _):
            // Input that cannot be stored as given (text with a NUL character): the caller's data, not a bug.
            self = .unprocessable("A value cannot be stored: text must not contain the NUL character.")
        case (.poolTimeout, _), (.connectionFailed, _), (.closed, _):
            self = .serviceUnavailable("The database is not reachable right now; retry shortly.")
        case (.server, _) where error.sqlState == .stringDataRightTruncation || error.sqlState == .numericValueOutOfRange:
            self = .unprocessable("A value is longer or larger than the data allows.")
        case (.server, _) where error.isTransient:
            // A serialization failure or deadlock: another transaction won; nothing was written.
            self = .serviceUnavailable("The request met a concurrent change and was not applied; send it again.", retryAfterSeconds: 1)
        default:
            return nil
        }
    }
}
