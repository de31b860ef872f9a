public import FoundationEssentials

/// Who a user is in the programme. Every route declares which roles may call it (App's route table);
/// object-level rules (a company user edits only its company) live in the services.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case coordinator
    case organizer
    /// Staff of one company; bound to it.
    case company
    /// Staff of one overseas liaison base; bound to it.
    case liaison
    /// Council members and other readers of the KPIs.
    case viewer

    public static func < (lhs: Role, rhs: Role) -> Bool {
        // Every case is in allCases, so neither index is ever missing.
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The authenticated caller of a request: a user through a bearer token, or an integration through an
/// API key acting for the user who made it, limited to the key's scopes.
public struct Principal: Sendable, Equatable {
    public let userID: UUID
    public let role: Role
    public let companyID: UUID?
    public let liaisonBaseID: UUID?
    /// nil for a login token (everything the role allows); the key's scopes for an API key.
    public let scopes: Set<Scope>?

    public init(userID: UUID, role: Role, companyID: UUID? = nil, liaisonBaseID: UUID? = nil, scopes: Set<Scope>? = nil) {
        self.userID = userID
        self.role = role
        self.companyID = companyID
        self.liaisonBaseID = liaisonBaseID
        self.scopes = scopes
    }

    public func allows(_ scope: Scope) -> Bool {
        scopes?.contains(scope) ?? true
    }
}

/// What an authenticator found behind a credential: the principal every access check uses, and the
/// account record it read on the way (see `RequestContext.account`).
public struct Authentication: Sendable {
    public let principal: Principal
    public let account: (any Sendable)?

    public init(principal: Principal, account: (any Sendable)? = nil) {
        self.principal = principal
        self.account = account
    }
}

/// An API key permission: a resource and an action, written `companies:read`.
public struct Scope: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public enum Action: String, Sendable, Codable { case read, write }

    public let resource: String
    public let action: Action

    public init(resource: String, action: Action) {
        self.resource = resource
        self.action = action
    }

    /// Parses `resource:action`; the resource is lowercase letters and underscores.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let action = Action(rawValue: String(parts[1])), !parts[0].isEmpty,
              parts[0].allSatisfy({ $0 == "_" || ("a"..."z").contains($0) }) else { return nil }
        self.init(resource: String(parts[0]), action: action)
    }

    public var description: String { "\(resource):\(action.rawValue)" }

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.description < rhs.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let scope = Scope(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected resource:read or resource:write"))
        }
        self = scope
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
