import FoundationEssentials
public import Postgres

/// What the audit trail records about the request a write happens in.
public enum AuditContext {
    /// The id of the HTTP request being served (`X-Request-Id`), set by App around each handler. A
    /// task local, so every service call the handler makes, and its child tasks, see it without each
    /// signature carrying it; nil outside a request (CLI, jobs).
    @TaskLocal public static var requestID: String?
}

extension PostgresPool {
    /// One transaction for one mutation of a domain module. The row triggers of migration 0005 write
    /// the audit entries; this names the actor and the request for them (issue 17, item 12), for this
    /// transaction only, so the entries commit or roll back with the change.
    public func audited<Value: Sendable>(by principal: Principal, _ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await transaction { db in
            try await db.execute(Self.actorStatement(principal))
            return try await body(db)
        }
    }

    /// The same transaction, with its BEGIN and the actor in one pipeline with the caller's first
    /// statements (one round trip for all of them; the door's hot path). `body` gets their replies, in order.
    public func audited<Value: Sendable>(
        by principal: Principal, first statements: [PostgresQuery],
        _ body: (PostgresConnection, [Result<PostgresRows, PostgresError>]) async throws -> Value
    ) async throws -> Value {
        try await withConnection { connection in
            try await connection.transaction(first: [Self.actorStatement(principal)] + statements) { db, replies in
                _ = try replies[0].get()
                return try await body(db, Array(replies.dropFirst()))
            }
        }
    }

    private static func actorStatement(_ principal: Principal) -> PostgresQuery {
        """
        SELECT set_config('domino.actor', \(principal.userID.uuidString), true),
               set_config('domino.request_id', \(AuditContext.requestID ?? ""), true)
        """
    }
}

extension Problem {
    /// `If-Match` named a version other than the current one (RFC 9110 §13.1.1).
    public static func staleVersion(current: Int) -> Problem {
        .preconditionFailed("The record changed since you read it (now version \(current)); read it again and reapply your change.")
    }

    /// An update came without `If-Match` (RFC 6585 §3).
    public static let versionRequired = Problem(status: 428, title: "Precondition Required", detail: "Send If-Match with the ETag you last read.")

    /// Taxonomy codes the shared taxonomy does not have, named on `field`.
    public static func unknownTaxonomyCodes(_ codes: [String], field: String = "taxonomyCodes") -> Problem {
        .unprocessable("Unknown taxonomy codes: \(codes.joined(separator: ", ")).",
                       errors: [FieldError(field: field, message: "unknown codes: \(codes.joined(separator: ", "))")])
    }
}
