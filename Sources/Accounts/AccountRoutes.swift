public import DomainKit
import FoundationEssentials
import HTTPServer

/// The HTTP face of Accounts: login and logout, the caller's own profile and API keys, and admin user
/// management and audit. Request and response bodies are the module's Codable models and the small
/// request types below; field names are camelCase.
public struct AccountRoutes: Sendable {
    let service: AccountService

    public init(service: AccountService) {
        self.service = service
    }

    /// Login bodies are tiny; refusing big ones early keeps bcrypt from being fed megabytes.
    static let smallBody = 8 * 1024

    public var routes: [Route] {
        let users = Scope(resource: "users", action: .read)
        let usersWrite = Scope(resource: "users", action: .write)
        return [
            Route(.post, "/v1/auth/login", operationID: "login", access: .anonymous, bodyLimit: Self.smallBody) { context in
                let body = try context.decodeBody(LoginRequest.self)
                let issued = try await service.login(
                    email: body.email, password: body.password, clientAddress: context.clientAddress, requestID: context.requestID)
                return try .json(issued)
            },
            Route(.post, "/v1/auth/logout", operationID: "logout", access: .anyRole()) { context in
                if let token = context.bearerToken { try await service.logout(token: token, requestID: context.requestID) }
                return .noContent
            },
            Route(.get, "/v1/me", operationID: "getMe", access: .anyRole()) { context in
                // The authenticator read the user row in the token lookup's statement.
                let user = if let known = context.account as? User { known } else { try await service.me(try context.requirePrincipal()) }
                return try .json(user, version: user.version)
            },
            Route(.put, "/v1/me/password", operationID: "changePassword", access: .anyRole(), bodyLimit: Self.smallBody) { context in
                let body = try context.decodeBody(PasswordChangeRequest.self)
                let revoked = try await service.changePassword(
                    current: body.currentPassword, new: body.newPassword, principal: try context.requirePrincipal(),
                    clientAddress: context.clientAddress, requestID: context.requestID)
                return try .json(revoked)
            },
            Route(.get, "/v1/api-keys", operationID: "listApiKeys", access: .anyRole()) { context in
                try .json(Items(items: try await service.listAPIKeys(try context.requirePrincipal())))
            },
            Route(.post, "/v1/api-keys", operationID: "createApiKey", access: .anyRole(), bodyLimit: Self.smallBody,
                  secretMembers: ["token"]) { context in
                let body = try context.decodeBody(NewAPIKeyRequest.self)
                let issued = try await service.createAPIKey(
                    try context.requirePrincipal(), name: body.name, scopes: body.scopes, expiresAt: body.expiresAt,
                    requestID: context.requestID)
                return try .json(issued, status: HTTPStatus(code: 201))
            },
            Route(.delete, "/v1/api-keys/{id}", operationID: "revokeApiKey", access: .anyRole()) { context in
                try await service.revokeAPIKey(id: try context.pathUUID("id"), principal: try context.requirePrincipal(), requestID: context.requestID)
                return .noContent
            },
            Route(.get, "/v1/users", operationID: "listUsers", query: ["role", "disabled", "q", "limit", "cursor"],
                  access: .only(.admin, scope: users)) { context in
                let filter = UserFilter(
                    role: try context.query("role").map { text throws(Problem) -> Role in
                        guard let role = Role(rawValue: text) else { throw Problem.badRequest("role is not a known role.") }
                        return role
                    },
                    disabled: try context.query("disabled").map { text throws(Problem) -> Bool in
                        guard let value = Bool(text) else { throw Problem.badRequest("disabled must be true or false.") }
                        return value
                    },
                    text: try context.queryText("q"))
                let page = try await service.listUsers(
                    filter: filter, cursor: try context.query("cursor"), limit: try context.queryInteger("limit", in: 1...100),
                    actor: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/users", operationID: "createUser", access: .only(.admin, scope: usersWrite), bodyLimit: Self.smallBody) { context in
                let body = try context.decodeBody(NewUserRequest.self)
                let user = try await service.createUser(
                    NewUser(email: body.email, displayName: body.displayName, role: body.role, companyID: body.companyId,
                            liaisonBaseID: body.liaisonBaseId, password: body.password),
                    actor: try context.requirePrincipal(), requestID: context.requestID)
                var response = try APIResponse.json(user, status: HTTPStatus(code: 201), version: user.version)
                response.headers["Location"] = "/v1/users/\(user.id.uuidString.lowercased())"
                return response
            },
            Route(.get, "/v1/users/{id}", operationID: "getUser", access: .only(.admin, scope: users)) { context in
                let user = try await service.user(id: try context.pathUUID("id"), actor: try context.requirePrincipal())
                return try .json(user, version: user.version)
            },
            Route(.patch, "/v1/users/{id}", operationID: "updateUser", access: .only(.admin, scope: usersWrite), bodyLimit: Self.smallBody) { context in
                try await updateUser(context)
            },
            Route(.put, "/v1/users/{id}/password", operationID: "resetPassword", access: .only(.admin, scope: usersWrite), bodyLimit: Self.smallBody) { context in
                let body = try context.decodeBody(PasswordRequest.self)
                let reset = try await service.resetPassword(
                    body.password, userID: try context.pathUUID("id"), expectedVersion: try context.requiredVersion(),
                    actor: try context.requirePrincipal(), requestID: context.requestID)
                return try .json(reset, version: reset.user.version)
            },
            Route(.get, "/v1/audit", operationID: "listAudit",
                  query: ["actorUserId", "entity", "entityId", "action", "from", "to", "limit", "cursor"],
                  access: .only(.admin, scope: Scope(resource: "audit", action: .read))) { context in
                let page = try await service.auditLog(
                    filter: try auditFilter(context), cursor: try context.query("cursor"),
                    limit: try context.queryInteger("limit", in: 1...100), actor: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/audit/{id}/restore", operationID: "restoreAuditedValue",
                  access: .only(.admin, scope: AccountService.auditWrite), bodyLimit: Self.smallBody) { context in
                let body = try context.decodeBody(RestoreValueRequest.self)
                let entry = try await service.restoreAuditedValue(
                    entry: try context.pathSequenceNumber("id"), field: body.field, by: try context.requirePrincipal())
                return try .json(entry)
            },
        ]
    }

    /// One PATCH may disable/enable and change the role, in one transaction at the version given.
    private func updateUser(_ context: RequestContext) async throws -> APIResponse {
        let body = try context.decodeBody(UpdateUserRequest.self)
        let user = try await service.updateUser(
            try context.pathUUID("id"), expectedVersion: try context.requiredVersion(), disabled: body.disabled, role: body.role,
            companyID: body.companyId, liaisonBaseID: body.liaisonBaseId, actor: try context.requirePrincipal(), requestID: context.requestID)
        return try .json(user, version: user.version)
    }

    private func auditFilter(_ context: RequestContext) throws(Problem) -> AuditFilter {
        func date(_ name: String) throws(Problem) -> Date? {
            guard let text = try context.query(name) else { return nil }
            switch RFC3339.instant(text) {
            case .success(let date): return date
            case .failure(let refusal):
                throw Problem.badRequest("\(name) must be an RFC 3339 timestamp.", errors: [FieldError(field: name, message: refusal.message)])
            }
        }
        var actor: UUID?
        if let text = try context.query("actorUserId") {
            guard let id = UUID(uuidString: text) else {
                throw Problem.badRequest("actorUserId must be a UUID.", errors: [FieldError(field: "actorUserId", message: "must be a UUID")])
            }
            actor = id
        }
        return AuditFilter(
            actorUserID: actor, entity: try context.query("entity"), entityID: try context.query("entityId"),
            action: try context.query("action"), from: try date("from"), to: try date("to"))
    }
}

struct Items<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

struct LoginRequest: Decodable {
    let email: String
    let password: String
}

struct RestoreValueRequest: Decodable {
    /// The changed field, named as the audit entry's `changes` and `previous` name it.
    let field: String
}

struct NewAPIKeyRequest: Decodable {
    let name: String
    let scopes: [Scope]
    let expiresAt: Date?
}

struct NewUserRequest: Decodable {
    let email: String
    let displayName: String
    let role: Role
    let companyId: UUID?
    let liaisonBaseId: UUID?
    let password: String
}

struct UpdateUserRequest: Decodable {
    let disabled: Bool?
    let role: Role?
    let companyId: UUID?
    let liaisonBaseId: UUID?
}

struct PasswordRequest: Decodable {
    let password: String
}

struct PasswordChangeRequest: Decodable {
    let currentPassword: String
    let newPassword: String
}
