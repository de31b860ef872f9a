public import DomainKit
import HTTPServer

/// The admin API of the queue (docs/jobs.md): admins only, API keys need `jobs:read` / `jobs:write`.
public struct JobRoutes: Sendable {
    let admin: JobAdmin

    public init(admin: JobAdmin) {
        self.admin = admin
    }

    static let jobsRead = Scope(resource: "jobs", action: .read)
    static let jobsWrite = Scope(resource: "jobs", action: .write)

    /// `POST /v1/jobs/dismissed`: the discarded jobs to dismiss, all or none.
    struct DismissBody: Decodable {
        let ids: [Int64]
    }

    /// The jobs dismissed, as the list gives them.
    struct Dismissed: Encodable {
        let items: [Job]
    }

    public var routes: [Route] {
        [
            Route(.get, "/v1/jobs", operationID: "listJobs", query: ["state", "kind", "queue", "dismissed", "limit", "cursor"],
                  access: .only(.admin, scope: Self.jobsRead)) { context in
                // The cursor is a job id (SequenceCursor), not the (createdAt, id) of pageRequest().
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                let cursor = try context.query("cursor")
                return try .json(try await admin.jobs(try jobFilter(context), limit: limit, cursor: cursor, by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/jobs/dismissed", operationID: "dismissJobs", access: .only(.admin, scope: Self.jobsWrite), bodyLimit: 16 * 1024) { context in
                let body: DismissBody = try context.decodeBody()
                return try .json(Dismissed(items: try await admin.dismiss(body.ids, by: try context.requirePrincipal())))
            },
            Route(.get, "/v1/jobs/{id}", operationID: "getJob", access: .only(.admin, scope: Self.jobsRead)) { context in
                try .json(try await admin.job(try context.pathSequenceNumber("id"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/jobs/{id}/retry", operationID: "retryJob", access: .only(.admin, scope: Self.jobsWrite), bodyLimit: 1024) { context in
                try .json(try await admin.retry(try context.pathSequenceNumber("id"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/jobs/{id}/cancel", operationID: "cancelJob", access: .only(.admin, scope: Self.jobsWrite), bodyLimit: 1024) { context in
                try .json(try await admin.cancel(try context.pathSequenceNumber("id"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/jobs/{id}/dismiss", operationID: "dismissJob", access: .only(.admin, scope: Self.jobsWrite), bodyLimit: 1024) { context in
                try .json(try await admin.dismiss(try context.pathSequenceNumber("id"), by: try context.requirePrincipal()))
            },
        ]
    }
}

private func jobFilter(_ context: RequestContext) throws(Problem) -> JobFilter {
    var filter = JobFilter()
    if let state = try context.query("state") {
        guard let parsed = JobState(rawValue: state) else {
            throw Problem.badQuery("state", "must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        filter.state = parsed
    }
    if let kind = try context.query("kind") {
        guard JobName.isKind(kind) else { throw Problem.badQuery("kind", "is not a job kind") }
        filter.kind = kind
    }
    filter.dismissed = try context.queryBool("dismissed")
    if let queue = try context.query("queue") {
        guard JobName.isQueue(queue) else { throw Problem.badQuery("queue", "is not a queue name") }
        filter.queue = queue
    }
    return filter
}
