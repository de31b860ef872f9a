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

extension Versioned where Draft: Equatable & Encodable {
    /// Whether `draft` leaves every writable field as stored, to the Unicode scalar. Swift's `==` holds canonically
    /// equivalent texts equal ("café" precomposed and "cafe" + U+0301), while PostgreSQL stores, compares and
    /// searches their bytes, so a draft equal by `==` is compared again as the API encodes it: rewriting a name in
    /// another Unicode form is a change that is written (probe12), not a 200 that kept the old bytes. A draft that
    /// cannot be encoded is taken as changed: the write then goes ahead as it did before the no-op rule.
    public func isUnchanged(by draft: Draft) -> Bool {
        guard draft == self.draft else { return false }
        guard let sent = try? APIJSON.encode(draft), let stored = try? APIJSON.encode(self.draft) else { return false }
        return sent == stored
    }

    /// The record as `save` stored `draft`, or, when the draft changes nothing, the record as it is: a PATCH
    /// that changes nothing answers 200 with the same version and ETag and writes nothing, neither a new row
    /// version nor an audit row (harden12; a client that sends its whole form back would otherwise make the
    /// next reader's If-Match stale for nothing). Call it after the draft passed every rule, so a no-op edit of
    /// a record that no longer passes them still learns why.
    public func saving<Failure: DomainError>(
        _ draft: Draft, as _: Failure.Type, _ save: (Draft) async throws -> Self?
    ) async throws -> Self {
        if isUnchanged(by: draft) { return self }
        return try updated(try await save(draft), current: version, as: Failure.self)
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
    struct Entry: Sendable {
        let field: FieldError
        /// A unique rule's own sentence for the problem's detail (then also the field's message).
        let detail: String?
    }

    let entries: [String: Entry]

    public init(_ entries: [(constraint: String, field: String, message: String)]) {
        self.entries = Dictionary(entries.map { ($0.constraint, Entry(field: FieldError(field: $0.field, message: $0.message), detail: nil)) },
                                  uniquingKeysWith: { first, _ in first })
    }

    private init(entries: [String: Entry]) {
        self.entries = entries
    }

    public static let none = ConstraintFields([])

    /// These entries plus a unique rule told in its own sentence, used as the 409's detail and as the
    /// field's message (`"This company already has a live match on this lead."`).
    public func unique(_ constraint: String, field: String, detail: String) -> ConstraintFields {
        ConstraintFields(entries: entries.merging([constraint: Entry(field: FieldError(field: field, message: detail), detail: detail)]) { first, _ in first })
    }

    /// The problem naming the field, when `error` is a violation of a constraint listed here.
    public func problem(for error: PostgresError) -> Problem? {
        switch error.violation {
        case .unique(let constraint?):
            entries[constraint].map { .conflict($0.detail ?? "A record with the same \($0.field.field) already exists.", errors: [$0.field]) }
        case .foreignKey(let constraint?), .check(let constraint?):
            entries[constraint].map { .unprocessable("The request has invalid fields.", errors: [$0.field]) }
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
