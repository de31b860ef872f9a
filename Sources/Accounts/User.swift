public import DomainKit
public import FoundationEssentials
import Postgres

/// A person who signs in to Domino. Never carries the password hash.
public struct User: Sendable, Equatable, Codable {
    public let id: UUID
    public let email: String
    public let displayName: String
    public let role: Role
    public let companyID: UUID?
    public let liaisonBaseID: UUID?
    public let disabled: Bool
    /// The row version: the ETag of this user, and the `expectedVersion` of its next update.
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, email, displayName, role, disabled, version, createdAt, updatedAt
        case companyID = "companyId"
        case liaisonBaseID = "liaisonBaseId"
    }

    /// The columns `init(row:)` reads; every statement that returns users selects exactly these.
    /// Spliced as a typed fragment (`columns.qualified(by:)` for joins).
    static let columns: SQLFragment = """
        id, email, display_name, role, company_id, liaison_base_id, disabled, version, created_at, updated_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        email = try row.decode("email")
        displayName = try row.decode("display_name")
        let roleText: String = try row.decode("role")
        guard let role = Role(rawValue: roleText) else {
            throw PostgresError(.decoding, "unknown role in users.role", column: "role")
        }
        self.role = role
        companyID = try row.decode("company_id")
        liaisonBaseID = try row.decode("liaison_base_id")
        disabled = try row.decode("disabled")
        version = try row.decode("version")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}

/// What an administrator edits of a user (`PATCH /v1/users/{id}`): whether it may sign in, and its role with the
/// company or liaison base that role is bound to. The user's draft in DomainKit's `Versioned` sense, so a PATCH
/// that changes none of it writes nothing.
public struct UserAccess: Sendable, Equatable, Encodable {
    public var disabled: Bool
    public var role: Role
    public var companyID: UUID?
    public var liaisonBaseID: UUID?
}

extension User: Versioned {
    public var draft: UserAccess {
        UserAccess(disabled: disabled, role: role, companyID: companyID, liaisonBaseID: liaisonBaseID)
    }
}

/// What an administrator (or the CLI bootstrap) supplies to create a user.
public struct NewUser: Sendable {
    public var email: String
    public var displayName: String
    public var role: Role
    public var companyID: UUID?
    public var liaisonBaseID: UUID?
    public var password: String

    public init(email: String, displayName: String, role: Role, companyID: UUID? = nil, liaisonBaseID: UUID? = nil, password: String) {
        self.email = email
        self.displayName = displayName
        self.role = role
        self.companyID = companyID
        self.liaisonBaseID = liaisonBaseID
        self.password = password
    }
}

/// Filters of the user list; nil means "any".
public struct UserFilter: Sendable, Equatable {
    public var role: Role?
    public var disabled: Bool?
    /// Matched case-insensitively anywhere in the email or the display name.
    public var text: String?

    public init(role: Role? = nil, disabled: Bool? = nil, text: String? = nil) {
        self.role = role
        self.disabled = disabled
        self.text = text
    }
}
