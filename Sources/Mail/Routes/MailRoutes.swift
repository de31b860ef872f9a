public import DomainKit
import HTTPServer

/// The admin view of outgoing mail (docs/operations.md, "Mail relay"). API keys read it with the
/// `notifications:read` scope, and mark undelivered mail as dealt with with `notifications:write`: mail is the
/// programme's other outbound channel, and a resource of its own would change every role's scope list for admin-only routes.
public struct MailRoutes: Sendable {
    let log: MailDeliveryLog

    public init(log: MailDeliveryLog) {
        self.log = log
    }

    static let read = Scope(resource: "notifications", action: .read)
    static let write = Scope(resource: "notifications", action: .write)
    static let referenceLimit = 200

    /// `POST /v1/mail/deliveries/dealt-with`: the messages to mark and an optional note.
    struct DealtWithBody: Decodable {
        let ids: [Int64]
        let note: String?
    }

    /// The marked messages, as the log lists them.
    struct Marked: Encodable {
        let items: [MailDeliveryRecord]
    }

    public var routes: [Route] {
        [
            Route(.get, "/v1/mail/deliveries", operationID: "listMailDeliveries",
                  query: ["state", "reference", "dealtWith", "limit", "cursor"],
                  access: .only(.admin, scope: Self.read)) { context in
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                let reference = try context.query("reference")
                if let reference, reference.count > Self.referenceLimit {
                    throw Problem.badQuery("reference", "must be at most \(Self.referenceLimit) characters")
                }
                return try .json(try await log.deliveries(
                    state: try context.queryEnum("state", MailState.self), reference: reference, dealtWith: try context.queryBool("dealtWith"),
                    limit: limit, cursor: try context.query("cursor"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/mail/deliveries/dealt-with", operationID: "markMailDealtWith",
                  access: .only(.admin, scope: Self.write), bodyLimit: 16 * 1024) { context in
                let body: DealtWithBody = try context.decodeBody()
                return try .json(Marked(items: try await log.markDealtWith(body.ids, note: body.note, by: try context.requirePrincipal())))
            },
        ]
    }
}
