public import DomainKit
import FoundationEssentials
import HTTPServer

/// The HTTP mapping of the Matches module. Role rules are declared per route here; the object-level
/// rules (a liaison user's own city, disclosure in explanations) live in `MatchService`.
public struct MatchRoutes: Sendable {
    let service: MatchService

    public init(service: MatchService) {
        self.service = service
    }

    static let needsRead = Scope(resource: "needs", action: .read)
    static let matchesRead = Scope(resource: "matches", action: .read)
    static let matchesWrite = Scope(resource: "matches", action: .write)
    static let managers: Set<Role> = [.admin, .coordinator]
    /// Who ranks companies for a need: a liaison user only for its own city's needs (the service's rule).
    static let rankers: Set<Role> = [.admin, .coordinator, .viewer, .liaison]
    /// Who reads business-match records: a company user only its own company's (the service's rule).
    static let recordReaders: Set<Role> = [.admin, .coordinator, .viewer, .company]
    /// Pin and exclusion reasons are short; a consortium request is a few numbers.
    static let smallBody = 16 * 1024

    public var routes: [Route] {
        [
            Route(.get, "/v1/needs/{id}/matches", operationID: "listNeedMatches", query: ["yokohamaOnly", "yusaOnly", "excludeLead", "limit"],
                  access: .roles(Self.rankers, scope: Self.needsRead)) { context in
                let filter = MatchFilter(
                    yokohamaOnly: try context.queryBool("yokohamaOnly") ?? false, yusaOnly: try context.queryBool("yusaOnly") ?? false,
                    excludeLead: try context.queryUUID("excludeLead"),
                    limit: try context.queryInteger("limit", in: MatchFilter.limits) ?? MatchFilter.defaultLimit)
                return try .json(try await service.matches(for: try context.pathUUID("id"), filter: filter, by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/needs/{id}/consortium", operationID: "proposeConsortium",
                  access: .roles(Self.managers, scope: Self.matchesRead), bodyLimit: Self.smallBody) { context in
                let request: ConsortiumRequest = context.request.body.isEmpty ? ConsortiumRequest() : try context.decodeBody()
                return try .json(try await service.consortium(for: try context.pathUUID("id"), request, by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/needs/coverage", operationID: "listNeedCoverage",
                  access: .only(.admin, .coordinator, .viewer, scope: Self.needsRead)) { context in
                try .json(try await service.coverage(by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/companies/{id}/opportunities", operationID: "listCompanyOpportunities", query: ["limit"],
                  access: .only(.admin, .coordinator, .company, scope: Self.needsRead)) { context in
                let limit = try context.queryInteger("limit", in: MatchFilter.limits) ?? MatchFilter.defaultLimit
                return try .json(try await service.opportunities(for: try context.pathUUID("id"), limit: limit, by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/matches", operationID: "createMatch",
                  access: .roles(Self.managers, scope: Self.matchesWrite), bodyLimit: 64 * 1024) { context in
                let match = try await service.createMatch(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(match, status: .created, version: match.version)
            },
            Route(.get, "/v1/matches", operationID: "listMatches", query: ["companyId", "needId", "leadId", "status", "limit", "cursor"],
                  access: .roles(Self.recordReaders, scope: Self.matchesRead)) { context in
                let status = try context.query("status")
                let parsed = status.flatMap(MatchStatus.init(rawValue:))
                if status != nil, parsed == nil {
                    throw Problem.badRequest("Query parameter status is not a match status.",
                                             errors: [FieldError(field: "status", message: "must be one of \(MatchStatus.allCases.map(\.rawValue).joined(separator: ", "))")])
                }
                let filter = BusinessMatchFilter(
                    companyId: try context.queryUUID("companyId"), needId: try context.queryUUID("needId"), leadId: try context.queryUUID("leadId"),
                    status: parsed)
                return try .json(try await service.businessMatches(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/matches/{id}", operationID: "getMatch",
                  access: .roles(Self.recordReaders, scope: Self.matchesRead)) { context in
                let match = try await service.match(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(match, version: match.version)
            },
            Route(.post, "/v1/matches/{id}/transitions", operationID: "transitionMatch",
                  access: .roles(Self.managers, scope: Self.matchesWrite), bodyLimit: Self.smallBody) { context in
                let id = try context.pathUUID("id")
                let match = try await service.transition(
                    id, try context.decodeBody(), ifVersion: try context.requiredVersion(), by: try context.requirePrincipal())
                return try .json(match, version: match.version)
            },
            Route(.get, "/v1/matches/{id}/history", operationID: "listMatchHistory",
                  access: .roles(Self.recordReaders, scope: Self.matchesRead)) { context in
                try .json(HistoryList(items: try await service.history(of: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
            Route(.get, "/v1/needs/{id}/decisions", operationID: "listNeedDecisions",
                  access: .roles(Self.managers, scope: Self.matchesRead)) { context in
                try .json(DecisionList(items: try await service.decisions(for: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
            Route(.put, "/v1/needs/{id}/decisions/{companyId}", operationID: "putNeedDecision",
                  access: .roles(Self.managers, scope: Self.matchesWrite), bodyLimit: Self.smallBody) { context in
                let version = context.request.headers["if-match"] == nil ? nil : try context.requiredVersion()
                let (decision, created) = try await service.decide(
                    try context.decodeBody(), need: try context.pathUUID("id"), company: try context.pathUUID("companyId"),
                    ifVersion: version, by: try context.requirePrincipal())
                return try .json(decision, status: created ? .created : .ok, version: decision.version)
            },
            Route(.delete, "/v1/needs/{id}/decisions/{companyId}", operationID: "deleteNeedDecision",
                  access: .roles(Self.managers, scope: Self.matchesWrite)) { context in
                try await service.removeDecision(
                    need: try context.pathUUID("id"), company: try context.pathUUID("companyId"), ifVersion: try context.requiredVersion(),
                    by: try context.requirePrincipal())
                return .noContent
            },
        ]
    }
}

struct DecisionList: Encodable {
    var items: [NeedCompanyDecision]
}

struct HistoryList: Encodable {
    var items: [MatchStatusChange]
}
