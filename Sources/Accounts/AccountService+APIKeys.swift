public import DomainKit
public import FoundationEssentials
import Postgres

/// API keys: long-lived tokens a user makes for an integration, limited to scopes its role allows.
extension AccountService {
    static let maximumKeyNameLength = 100

    /// Creates a key for the principal's own user and returns its only copy. Only a login session may
    /// create keys: a key cannot mint keys.
    public func createAPIKey(
        _ principal: Principal, name: String, scopes: [Scope], expiresAt: Date? = nil, requestID: String? = nil
    ) async throws -> IssuedToken {
        guard principal.scopes == nil else {
            throw AccountsError.forbidden("API keys are created from a login session, not with another API key")
        }
        let now = clock.now()
        let name = name.trimmed
        var validation = Validation()
        validation.check(!name.isEmpty, "name", "must not be empty")
        validation.check(name.count <= Self.maximumKeyNameLength, "name", "must be at most \(Self.maximumKeyNameLength) characters")
        validation.noInvisibleControls(name, "name")
        validation.check(!scopes.isEmpty, "scopes", "must list at least one scope")
        // Every list of the API has a count limit; every distinct scope there is fits under this one.
        validation.check(scopes.count <= Validation.defaultListItems, "scopes", "must have at most \(Validation.defaultListItems) items")
        let allowed = permissions.scopes(for: principal.role)
        for scope in Set(scopes).sorted() where !allowed.contains(scope) {
            // A misspelt scope ("events:read" for conventions:read) is not one the role lacks: an admin has them all.
            validation.add("scopes", permissions.allScopes.contains(scope)
                ? "\(scope) is beyond what the \(principal.role.rawValue) role may do"
                : "\(scope) is not a scope of this API (docs/access-policy.md lists them)")
        }
        if let expiresAt { validation.check(expiresAt > now, "expiresAt", "must be in the future") }
        try AccountsError.check(validation)
        let sortedScopes = Set(scopes).sorted()
        return try await pool.transaction { connection in
            let token = try await issueToken(
                .apiKey, userID: principal.userID, name: name, scopes: sortedScopes, expiresAt: expiresAt, now: now, on: connection)
            try await AuditLog.record(
                on: connection, actor: principal.userID, action: "api_key.create", entity: "api_key", entityID: token.id.lowercasedString,
                changes: [
                    "name": name, "scopes": sortedScopes.map(\.description).joined(separator: " "),
                    "expiresAt": expiresAt.map { String($0.timeIntervalSince1970) },
                ],
                requestID: requestID, at: now)
            return token
        }
    }

    /// The principal's own keys that are not revoked, oldest first; never the secrets.
    public func listAPIKeys(_ principal: Principal) async throws -> [APIKey] {
        try await pool.query("""
            SELECT id, name, scopes, created_at, expires_at, last_used_at FROM auth_tokens
            WHERE user_id = \(principal.userID) AND kind = 'api_key' AND revoked_at IS NULL
            ORDER BY created_at, id
            """).map { try APIKey(row: $0) }
    }

    /// Revokes one of the principal's keys (an administrator may revoke anyone's). 404 for a key that
    /// does not exist, is already revoked, or belongs to someone else.
    public func revokeAPIKey(id: UUID, principal: Principal, requestID: String? = nil) async throws {
        let now = clock.now()
        let anyOwner = principal.role == .admin && principal.allows(Self.usersWrite)
        try await pool.transaction { connection in
            let rows = try await connection.query("""
                UPDATE auth_tokens SET revoked_at = \(now)
                WHERE id = \(id) AND kind = 'api_key' AND revoked_at IS NULL AND (user_id = \(principal.userID) OR \(anyOwner))
                RETURNING id
                """)
            guard !rows.isEmpty else { throw AccountsError(.notFound, "no such API key") }
            try await AuditLog.record(
                on: connection, actor: principal.userID, action: "api_key.revoke", entity: "api_key", entityID: id.lowercasedString,
                changes: ["revoked": "true"], requestID: requestID, at: now)
        }
    }
}
