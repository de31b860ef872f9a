public import DomainKit
public import FoundationEssentials
import Postgres

public enum TokenKind: String, Sendable, Codable, Equatable {
    case session
    case apiKey = "api_key"

    /// Leaked tokens are recognisable by their prefix (secret scanners match on it).
    var prefix: String {
        switch self {
        case .session: "dmn_"
        case .apiKey: "dmk_"
        }
    }
}

/// A bearer token as handed out once: `token` is the only copy of the secret anywhere.
public struct IssuedToken: Sendable, Equatable, Codable {
    public let token: String
    public let kind: TokenKind
    /// The handle to list or revoke an API key by; also set for sessions.
    public let id: UUID
    public let userID: UUID
    public let expiresAt: Date?
    /// API keys only.
    public let name: String?
    public let scopes: [Scope]?

    enum CodingKeys: String, CodingKey {
        case token, kind, id, expiresAt, name, scopes
        case userID = "userId"
    }
}

/// An API key as listed: everything but the secret.
public struct APIKey: Sendable, Equatable, Codable {
    public let id: UUID
    public let name: String
    public let scopes: [Scope]
    public let createdAt: Date
    public let expiresAt: Date?
    public let lastUsedAt: Date?

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        scopes = try Self.scopes(try row.decode("scopes", as: [String].self))
        createdAt = try row.decode("created_at")
        expiresAt = try row.decode("expires_at")
        lastUsedAt = try row.decode("last_used_at")
    }

    static func scopes(_ texts: [String]) throws -> [Scope] {
        try texts.map { text in
            guard let scope = Scope(text) else { throw PostgresError(.decoding, "malformed scope in auth_tokens.scopes", column: "scopes") }
            return scope
        }.sorted()
    }
}

/// The secret part of a token: 32 random bytes from PostgreSQL, written as prefix + base64url.
struct TokenSecret {
    /// 256 bits; the issuing statement asks for `gen_random_bytes(32)`.
    static let byteCount = 32

    let kind: TokenKind
    let bytes: Data

    var text: String {
        kind.prefix + bytes.base64URLEncoded
    }

    init(kind: TokenKind, bytes: Data) {
        self.kind = kind
        self.bytes = bytes
    }

    /// nil for anything that is not a well-formed Domino token, so garbage never reaches the database.
    init?(_ text: String) {
        let kind: TokenKind
        if text.hasPrefix(TokenKind.session.prefix) {
            kind = .session
        } else if text.hasPrefix(TokenKind.apiKey.prefix) {
            kind = .apiKey
        } else {
            return nil
        }
        let body = String(text.dropFirst(kind.prefix.count))
        guard body.utf8.count == 43, let bytes = Data(base64URLEncoded: body), bytes.count == Self.byteCount else { return nil }
        self.init(kind: kind, bytes: bytes)
    }
}
