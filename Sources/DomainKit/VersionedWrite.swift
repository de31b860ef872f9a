public import Postgres

/// A stored record with an optimistic version (`ETag` / `If-Match`) whose writable fields are a
/// draft: the request body of a create, and what a merge patch edits.
public protocol Versioned {
    associatedtype Draft
    var version: Int { get }
    /// The record's writable fields, as a draft to edit.
    var draft: Draft { get }
}

extension Versioned {
    /// The record's draft with `edit` applied, when `expected` is its current version; otherwise the
    /// module's stale-version error (412). The caller validates the result like a create.
    public func edited<Failure: DomainError>(
        expecting expected: Int, as _: Failure.Type, _ edit: (inout Draft) throws -> Void
    ) throws -> Draft {
        guard version == expected else { throw Failure.staleVersion(current: version) }
        var draft = self.draft
        try edit(&draft)
        return draft
    }
}

/// The result of an `UPDATE … WHERE version = $expected RETURNING …` on a row that was locked and
/// its version checked: nothing returned is a race lost to nobody; still, report it as stale rather
/// than trust that.
public func updated<Record, Failure: DomainError>(_ record: Record?, current: Int, as _: Failure.Type) throws(Failure) -> Record {
    guard let record else { throw Failure.staleVersion(current: current) }
    return record
}

/// What the constraints of a module's tables guard, by constraint name: the field of the request
/// that broke it and what to tell the caller. The write helper turns a violation of a listed
/// constraint into the 409 (unique) or 422 (foreign key, check) that names the field; a constraint
/// not listed keeps App's generic 409/422.
public struct ConstraintFields: Sendable {
    let fields: [String: FieldError]

    public init(_ entries: [(constraint: String, field: String, message: String)]) {
        fields = Dictionary(entries.map { ($0.constraint, FieldError(field: $0.field, message: $0.message)) }, uniquingKeysWith: { first, _ in first })
    }

    public static let none = ConstraintFields([])

    /// The problem naming the field, when `error` is a violation of a constraint listed here.
    public func problem(for error: PostgresError) -> Problem? {
        switch error.violation {
        case .unique(let constraint?):
            fields[constraint].map { .conflict("A record with the same \($0.field) already exists.", errors: [$0]) }
        case .foreignKey(let constraint?), .check(let constraint?):
            fields[constraint].map { .unprocessable("The request has invalid fields.", errors: [$0]) }
        default:
            nil
        }
    }
}

extension PostgresPool {
    /// The one write of a domain module: one transaction that names the actor for the audit triggers
    /// (`audited(by:)`), in which a violated constraint that `constraints` lists becomes the problem
    /// naming its field.
    public func write<Value: Sendable>(
        by principal: Principal, constraints: ConstraintFields, _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        do {
            return try await audited(by: principal, body)
        } catch let error as PostgresError {
            if let problem = constraints.problem(for: error) { throw problem }
            throw error
        }
    }
}
