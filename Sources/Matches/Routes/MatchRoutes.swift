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

    public var routes: [Route] {
        [
            Route(.get, "/v1/needs/{id}/matches", operationID: "listNeedMatches",
                  access: .roles(MatchService.rankers, scope: Self.needsRead)) { context in
                let filter = MatchFilter(
                    yokohamaOnly: try context.queryBool("yokohamaOnly") ?? false, yusaOnly: try context.queryBool("yusaOnly") ?? false,
                    excludeLead: try context.queryUUID("excludeLead"),
                    limit: try context.queryInteger("limit", in: MatchFilter.limits) ?? MatchFilter.defaultLimit)
                return try .json(try await service.matches(for: try context.pathUUID("id"), filter: filter, by: try context.requirePrincipal()))
            },
        ]
    }
}
