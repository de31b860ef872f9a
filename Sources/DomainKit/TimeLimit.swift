import Postgres

/// A time limit that cut a request's work short: not a bug, and not the caller's data. Before harden12 such a
/// request was logged as "unhandled error: a bug" (SQLSTATE 57014, query_canceled) while its client had its
/// 503 from the server already (the console's `FormSubmission` notes one such request under load).
public enum TimeLimit: String, Sendable {
    /// The request's task was cancelled: the server's handler timeout (30 s, `AppConfiguration.handlerTimeout`),
    /// after which the client got a 503 whatever the handler answers, or the connection closing under it.
    /// Whatever the handler met next (its next statement fails at once with 57014, `PostgresConnection`) follows
    /// from that.
    case handlerTimeout = "handler timeout"
    /// PostgreSQL cancelled a statement that ran past its `statement_timeout` (57014 while the task runs on).
    case statementTimeout = "statement timeout"

    /// The limit that ended the work that threw `error`, or nil when it failed for another reason. Asked on the
    /// request's own task, whose cancellation it reads.
    public static func reached(by error: any Error) -> TimeLimit? {
        if Task.isCancelled { return .handlerTimeout }
        if (error as? PostgresError)?.sqlState == .queryCanceled { return .statementTimeout }
        return nil
    }
}

extension Problem {
    /// The answer of a request stopped by a time limit: nothing more was done, and the same request may be sent
    /// again. (After the handler timeout the server has answered the client already; this is what the log says.)
    public static func stopped(by limit: TimeLimit) -> Problem {
        .serviceUnavailable("The request was not completed in time (\(limit.rawValue)); send it again shortly.")
    }
}
