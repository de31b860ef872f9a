import HTTPServer

/// The whole access policy, read from the one place it is declared: each route's `Access` (roles, and
/// the scope an API key needs). Everything else is derived from that declaration, so nothing can drift:
/// - the scopes a role may put on an API key are exactly the scopes of the routes that admit the role
///   (a scope no route uses cannot be granted, and a session never does more than a key with its role's
///   scopes could; issue 17, item 7);
/// - the table of who may do what in docs/access-policy.md is `markdownTable`, checked by a test;
/// - the role × route test and the API-key test iterate `rules`.
/// Object-level rules (a company user edits only its own company) stay in the owning service.
public struct AccessPolicy: Sendable, Equatable {
    /// One operation's rule.
    public struct Rule: Sendable, Equatable {
        public let operationID: String
        public let method: String
        public let path: String
        public let access: Access
    }

    /// Every operation's rule, in route-table order.
    public let rules: [Rule]
    private let scopesByRole: [Role: Set<Scope>]

    /// The policy of `routes`. An operation listed twice keeps its first rule (the router does too).
    public init(routes: [Route]) {
        var seen: Set<String> = []
        rules = routes.compactMap { route in
            guard seen.insert(route.operationID).inserted else { return nil }
            return Rule(operationID: route.operationID, method: route.method.rawValue, path: route.template.description, access: route.access)
        }
        var scopes: [Role: Set<Scope>] = [:]
        for rule in rules {
            guard case .roles(let roles, let scope?) = rule.access else { continue }
            for role in roles { scopes[role, default: []].insert(scope) }
        }
        scopesByRole = scopes
    }

    /// The scopes an API key of a `role` user may hold; none for an empty policy (fail closed).
    public func scopes(for role: Role) -> Set<Scope> {
        scopesByRole[role] ?? []
    }

    public func allows(_ role: Role, _ scope: Scope) -> Bool {
        scopes(for: role).contains(scope)
    }

    /// Every scope some route asks for.
    public var allScopes: Set<Scope> {
        scopesByRole.values.reduce(into: Set<Scope>()) { $0.formUnion($1) }
    }

    /// The rule of `operationID`, nil for an operation the API does not have.
    public func rule(_ operationID: String) -> Rule? {
        rules.first { $0.operationID == operationID }
    }

    /// The operations `role` may call, by operation id.
    public func operations(for role: Role) -> Set<String> {
        Set(rules.compactMap { rule in
            switch rule.access {
            case .anonymous: rule.operationID
            case .roles(let roles, _): roles.contains(role) ? rule.operationID : nil
            }
        })
    }

    /// Who may do what, one row per operation ordered by path then method: the table in
    /// docs/access-policy.md. `✓` admits the role; the last column is the scope an API key needs
    /// (`—` for a route a key calls with any scope, `anonymous` for one that needs no caller).
    public var markdownTable: String {
        let roles = Role.allCases
        var lines = [
            "| Operation | Method and path | " + roles.map(\.rawValue).joined(separator: " | ") + " | API-key scope |",
            "|---|---|" + String(repeating: "---|", count: roles.count) + "---|",
        ]
        for rule in rules.sorted(by: { ($0.path, $0.method) < ($1.path, $1.method) }) {
            let cells: [String]
            let scope: String
            switch rule.access {
            case .anonymous:
                cells = roles.map { _ in "✓" }
                scope = "anonymous"
            case .roles(let allowed, let required):
                cells = roles.map { allowed.contains($0) ? "✓" : "" }
                scope = required.map { "`\($0)`" } ?? "—"
            }
            lines.append("| `\(rule.operationID)` | `\(rule.method) \(rule.path)` | " + cells.joined(separator: " | ") + " | \(scope) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
