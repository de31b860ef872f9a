public import DomainKit
import HTTPServer

/// The admin view of outgoing mail (docs/operations.md, "Mail relay"). API keys read it with the
/// `notifications:read` scope: mail is the programme's other outbound channel, and a resource of its own
/// would change every role's scope list for one admin-only route.
public struct MailRoutes: Sendable {
    let log: MailDeliveryLog

    public init(log: MailDeliveryLog) {
        self.log = log
    }

    static let read = Scope(resource: "notifications", action: .read)
    static let referenceLimit = 200

    public var routes: [Route] {
        [
            Route(.get, "/v1/mail/deliveries", operationID: "listMailDeliveries", query: ["state", "reference", "limit", "cursor"], access: .only(.admin, scope: Self.read)) { context in
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                let reference = try context.query("reference")
                if let reference, reference.count > Self.referenceLimit {
                    throw Problem.badQuery("reference", "must be at most \(Self.referenceLimit) characters")
                }
                return try .json(try await log.deliveries(
                    state: try context.queryEnum("state", MailState.self), reference: reference, limit: limit,
                    cursor: try context.query("cursor"), by: try context.requirePrincipal()))
            },
        ]
    }
}
