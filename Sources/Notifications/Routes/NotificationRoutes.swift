public import DomainKit
import HTTPServer

/// The admin API of notification endpoints and their delivery log (docs/notifications.md).
public struct NotificationRoutes: Sendable {
    let service: NotificationService

    public init(service: NotificationService) {
        self.service = service
    }

    static let read = Scope(resource: "notifications", action: .read)
    static let write = Scope(resource: "notifications", action: .write)
    static let bodyLimit = 16 * 1024

    public var routes: [Route] {
        [
            Route(.get, "/v1/notification-endpoints", operationID: "listNotificationEndpoints",
                  query: ["limit", "cursor"],
                  access: .only(.admin, scope: Self.read)) { context in
                try .json(try await service.endpoints(page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/notification-endpoints", operationID: "createNotificationEndpoint",
                  access: .only(.admin, scope: Self.write), bodyLimit: Self.bodyLimit, secretMembers: ["signingSecret"]) { context in
                let created = try await service.createEndpoint(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(created, status: .created, version: created.endpoint.version)
            },
            Route(.get, "/v1/notification-endpoints/{id}", operationID: "getNotificationEndpoint", access: .only(.admin, scope: Self.read)) { context in
                let endpoint = try await service.endpoint(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(endpoint, version: endpoint.version)
            },
            Route(.patch, "/v1/notification-endpoints/{id}", operationID: "updateNotificationEndpoint",
                  access: .only(.admin, scope: Self.write), bodyLimit: Self.bodyLimit) { context in
                let endpoint = try await service.updateEndpoint(
                    try context.pathUUID("id"), ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(endpoint, version: endpoint.version)
            },
            Route(.get, "/v1/notification-endpoints/{id}/deliveries", operationID: "listNotificationDeliveries",
                  query: ["limit", "cursor"],
                  access: .only(.admin, scope: Self.read)) { context in
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                return try .json(try await service.deliveries(
                    of: try context.pathUUID("id"), limit: limit, cursor: try context.query("cursor"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/notification-deliveries/{id}/redeliver", operationID: "redeliverNotification",
                  access: .only(.admin, scope: Self.write), bodyLimit: 1024) { context in
                try .json(try await service.redeliver(try context.pathSequenceNumber("id"), by: try context.requirePrincipal()))
            },
        ]
    }
}
