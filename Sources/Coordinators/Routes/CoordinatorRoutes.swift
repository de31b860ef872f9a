public import DomainKit
import FoundationEssentials
import HTTPServer

/// The HTTP mapping of the Coordinators module: parse the request, call `CoordinatorService`, shape the
/// response. Role rules are declared per route here; object-level rules (a coordinator's own profile,
/// leads and notes; a liaison user's base) live in the service. PATCH is a JSON Merge Patch.
public struct CoordinatorRoutes: Sendable {
    let service: CoordinatorService

    public init(service: CoordinatorService) {
        self.service = service
    }

    static let coordinatorsRead = Scope(resource: "coordinators", action: .read)
    static let coordinatorsWrite = Scope(resource: "coordinators", action: .write)
    static let leadsRead = Scope(resource: "leads", action: .read)
    static let leadsWrite = Scope(resource: "leads", action: .write)
    /// The pipeline's totals have a scope of their own, so the council's keys never hold `leads:read`.
    static let pipelineRead = Scope(resource: "pipeline", action: .read)
    /// Who reads coordinator profiles: everyone but the council (viewer). A profile is a person's name,
    /// contact and expertise; a KPI review does not need it (APPI: no more personal data than the use).
    static let profileReaders = Set(Role.allCases).subtracting([.viewer])

    public var routes: [Route] {
        profileRoutes + leadRoutes + consortiumRoutes + activityRoutes + knowledgeRoutes
    }

    var profileRoutes: [Route] {
        [
            Route(.get, "/v1/coordinators", operationID: "listCoordinators",
                  query: ["q", "taxonomyCode", "country", "active", "limit", "cursor"],
                  access: .roles(Self.profileReaders, scope: Self.coordinatorsRead)) { context in
                let filter = CoordinatorFilter(
                    text: try context.queryText("q"), taxonomyCode: try context.queryText("taxonomyCode"),
                    country: try context.queryCountry(), active: try context.queryBool("active"))
                return try .json(try await service.coordinators(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/coordinators", operationID: "createCoordinator", access: .only(.admin, scope: Self.coordinatorsWrite)) { context in
                let coordinator = try await service.createCoordinator(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(coordinator, status: .created, version: coordinator.version)
            },
            Route(.get, "/v1/coordinators/{id}", operationID: "getCoordinator", access: .roles(Self.profileReaders, scope: Self.coordinatorsRead)) { context in
                let coordinator = try await service.coordinator(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(coordinator, version: coordinator.version)
            },
            Route(.patch, "/v1/coordinators/{id}", operationID: "updateCoordinator",
                  access: .only(.admin, .coordinator, scope: Self.coordinatorsWrite)) { context in
                let id = try context.pathUUID("id")
                let coordinator = try await service.updateCoordinator(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(coordinator, version: coordinator.version)
            },
        ]
    }

    var leadRoutes: [Route] {
        let readers = Access.roles(CoordinatorService.leadReaders, scope: Self.leadsRead)
        let writers = Access.only(.admin, .coordinator, scope: Self.leadsWrite)
        return [
            Route(.get, "/v1/leads", operationID: "listLeads",
                  query: ["stage", "cityId", "ownerCoordinatorId", "q", "country", "inactiveDays", "limit", "cursor"],
                  access: readers) { context in
                let filter = LeadFilter(
                    stage: try context.queryEnum("stage", LeadStage.self), cityID: try context.queryUUID("cityId"),
                    ownerCoordinatorID: try context.queryUUID("ownerCoordinatorId"), text: try context.queryText("q"),
                    country: try context.queryCountry(), inactiveDays: try context.queryInteger("inactiveDays", in: LeadFilter.inactiveDaysRange))
                return try .json(try await service.leads(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/leads", operationID: "createLead", access: writers) { context in
                let lead = try await service.createLead(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(lead, status: .created, version: lead.version)
            },
            // An administrator hands a leaving coordinator's active leads to another in one step (docs/leads.md).
            Route(.post, "/v1/leads/reassign", operationID: "reassignLeads", access: .only(.admin, scope: Self.leadsWrite)) { context in
                try .json(Items(items: try await service.reassignLeads(try context.decodeBody(), by: try context.requirePrincipal())))
            },
            Route(.get, "/v1/leads/pipeline", operationID: "getLeadPipeline", query: ["by"],
                  access: .roles(CoordinatorService.pipelineReaders, scope: Self.pipelineRead)) { context in
                guard let grouping = try context.queryEnum("by", PipelineGrouping.self) else {
                    throw Problem.badQuery("by", "is required: stage, city, coordinator or fiscalYear")
                }
                return try .json(try await service.pipeline(by: grouping, principal: try context.requirePrincipal()))
            },
            Route(.get, "/v1/leads/{id}", operationID: "getLead", access: readers) { context in
                let lead = try await service.lead(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(lead, version: lead.version)
            },
            Route(.patch, "/v1/leads/{id}", operationID: "updateLead", access: writers) { context in
                let id = try context.pathUUID("id")
                let lead = try await service.updateLead(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(lead, version: lead.version)
            },
            Route(.post, "/v1/leads/{id}/transitions", operationID: "transitionLead", access: writers) { context in
                let id = try context.pathUUID("id")
                let version = try context.requiredVersion()
                let lead = try await service.transition(id, try context.decodeBody(), ifVersion: version, by: try context.requirePrincipal())
                return try .json(lead, version: lead.version)
            },
            Route(.get, "/v1/leads/{id}/history", operationID: "listLeadHistory", access: readers) { context in
                try .json(Items(items: try await service.history(of: try context.pathUUID("id"), by: try context.requirePrincipal())))
            },
        ]
    }

    var consortiumRoutes: [Route] {
        let readers = Access.roles(CoordinatorService.leadReaders, scope: Self.leadsRead)
        let writers = Access.only(.admin, .coordinator, scope: Self.leadsWrite)
        return [
            Route(.get, "/v1/leads/{id}/consortium", operationID: "getLeadConsortium", access: readers) { context in
                try .json(try await service.consortium(of: try context.pathUUID("id"), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/leads/{id}/companies", operationID: "addLeadCompany", access: writers) { context in
                let added = try await service.addCompany(try context.decodeBody(), to: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(added, status: .created)
            },
            Route(.delete, "/v1/leads/{id}/companies/{companyId}", operationID: "removeLeadCompany", access: writers) { context in
                try await service.removeCompany(
                    try context.pathUUID("companyId"), from: try context.pathUUID("id"), by: try context.requirePrincipal())
                return .noContent
            },
            Route(.post, "/v1/leads/{id}/local-partners", operationID: "addLeadLocalPartner", access: writers) { context in
                let added = try await service.addLocalPartner(
                    try context.decodeBody(), to: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(added, status: .created)
            },
            Route(.delete, "/v1/leads/{id}/local-partners/{partnerId}", operationID: "removeLeadLocalPartner", access: writers) { context in
                try await service.removeLocalPartner(
                    try context.pathUUID("partnerId"), from: try context.pathUUID("id"), by: try context.requirePrincipal())
                return .noContent
            },
        ]
    }

    var activityRoutes: [Route] {
        let readers = Access.roles(CoordinatorService.leadReaders, scope: Self.leadsRead)
        let writers = Access.only(.admin, .coordinator, scope: Self.leadsWrite)
        return [
            Route(.get, "/v1/leads/{id}/activities", operationID: "listLeadActivities", query: ["order", "limit", "cursor"],
                  access: readers) { context in
                let page = try await service.activities(
                    of: try context.pathUUID("id"), page: try context.pageRequest(),
                    order: try context.queryEnum("order", ActivityOrder.self) ?? .oldest, by: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/leads/{id}/activities", operationID: "createLeadActivity", access: writers) { context in
                let activity = try await service.createActivity(
                    try context.decodeBody(), on: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(activity, status: .created, version: activity.version)
            },
            Route(.patch, "/v1/activities/{id}", operationID: "updateLeadActivity", access: writers) { context in
                let id = try context.pathUUID("id")
                let activity = try await service.updateActivity(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(activity, version: activity.version)
            },
            Route(.get, "/v1/activities/overdue", operationID: "listOverdueActions", query: ["coordinatorId", "limit"],
                  access: writers) { context in
                let limit = try context.queryInteger("limit", in: PageRequest.limits) ?? PageRequest.defaultLimit
                let overdue = try await service.overdueActions(
                    coordinatorID: try context.queryUUID("coordinatorId"), limit: limit, by: try context.requirePrincipal())
                return try .json(Items(items: overdue))
            },
        ]
    }

    var knowledgeRoutes: [Route] {
        // Notes have scopes of their own: a key that reads coordinator profiles does not read the notes.
        let access = Access.only(.admin, .coordinator, scope: Scope(resource: "knowledge", action: .read))
        let writers = Access.only(.admin, .coordinator, scope: Scope(resource: "knowledge", action: .write))
        return [
            Route(.get, "/v1/knowledge-notes", operationID: "listKnowledgeNotes",
                  query: ["q", "taxonomyCode", "country", "limit", "cursor"],
                  access: access) { context in
                let filter = KnowledgeNoteFilter(
                    text: try context.queryText("q"), taxonomyCode: try context.queryText("taxonomyCode"), country: try context.queryCountry())
                return try .json(try await service.knowledgeNotes(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/knowledge-notes", operationID: "createKnowledgeNote", access: writers) { context in
                let note = try await service.createKnowledgeNote(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(note, status: .created, version: note.version)
            },
            Route(.get, "/v1/knowledge-notes/{id}", operationID: "getKnowledgeNote", access: access) { context in
                let note = try await service.knowledgeNote(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(note, version: note.version)
            },
            Route(.patch, "/v1/knowledge-notes/{id}", operationID: "updateKnowledgeNote", access: writers) { context in
                let id = try context.pathUUID("id")
                let note = try await service.updateKnowledgeNote(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(note, version: note.version)
            },
        ]
    }
}

/// `{ "items": [...] }` for short, unpaged lists (a lead's history, the overdue actions).
struct Items<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}
