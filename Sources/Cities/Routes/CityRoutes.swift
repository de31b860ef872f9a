public import DomainKit
import FoundationEssentials
import HTTPServer

/// The HTTP mapping of the Cities module: parse the request, call `CityService`, shape the response.
/// Role rules are declared per route here; object-level rules (a liaison user's own city) live in the
/// service. Bodies are the drafts (camelCase JSON); PATCH is a JSON Merge Patch onto the current draft.
public struct CityRoutes: Sendable {
    let service: CityService

    public init(service: CityService) {
        self.service = service
    }

    /// Local partner companies have scopes of their own, so an integration that reads cities does not
    /// also read the programme's contacts in them.
    static let partnersRead = Scope(resource: "partners", action: .read)
    static let partnersWrite = Scope(resource: "partners", action: .write)
    static let managers: Set<Role> = [.admin, .coordinator]
    static let citiesRead = Scope(resource: "cities", action: .read)
    static let citiesWrite = Scope(resource: "cities", action: .write)
    static let needsRead = Scope(resource: "needs", action: .read)
    static let needsWrite = Scope(resource: "needs", action: .write)

    public var routes: [Route] {
        [
            Route(.get, "/v1/cities", operationID: "listCities",
                  query: ["country", "relationship", "q", "includeArchived", "limit", "cursor"],
                  access: .anyRole(scope: Self.citiesRead)) { context in
                let filter = try cityFilter(context)
                return try .json(try await service.cities(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/cities", operationID: "createCity", access: .roles(Self.managers, scope: Self.citiesWrite)) { context in
                let city = try await service.createCity(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(city, status: .created, version: city.version)
            },
            Route(.get, "/v1/cities/{id}", operationID: "getCity", access: .anyRole(scope: Self.citiesRead)) { context in
                let city = try await service.city(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(city, version: city.version)
            },
            Route(.patch, "/v1/cities/{id}", operationID: "updateCity", access: .roles(Self.managers, scope: Self.citiesWrite)) { context in
                let id = try context.pathUUID("id")
                let city = try await service.updateCity(id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) {
                    $0 = try context.mergePatch(onto: $0)
                }
                return try .json(city, version: city.version)
            },
            Route(.get, "/v1/cities/{id}/policy-dialogues", operationID: "listPolicyDialogues",
                  query: ["limit", "cursor"],
                  access: .only(.admin, .coordinator, .viewer, scope: Self.citiesRead)) { context in
                let page = try await service.policyDialogues(
                    of: try context.pathUUID("id"), page: try context.pageRequest(), by: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/cities/{id}/policy-dialogues", operationID: "createPolicyDialogue",
                  access: .roles(Self.managers, scope: Self.citiesWrite)) { context in
                let dialogue = try await service.createPolicyDialogue(
                    try context.decodeBody(), cityID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(dialogue, status: .created, version: dialogue.version)
            },
            Route(.get, "/v1/policy-dialogues/{id}", operationID: "getPolicyDialogue",
                  access: .only(.admin, .coordinator, .viewer, scope: Self.citiesRead)) { context in
                let dialogue = try await service.policyDialogue(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(dialogue, version: dialogue.version)
            },
            Route(.patch, "/v1/policy-dialogues/{id}", operationID: "updatePolicyDialogue",
                  access: .roles(Self.managers, scope: Self.citiesWrite)) { context in
                let id = try context.pathUUID("id")
                let dialogue = try await service.updatePolicyDialogue(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(dialogue, version: dialogue.version)
            },
            Route(.get, "/v1/cities/{id}/local-partners", operationID: "listLocalPartners", query: ["limit", "cursor"],
                  access: .only(.admin, .coordinator, .liaison, scope: Self.partnersRead)) { context in
                let page = try await service.localPartners(
                    of: try context.pathUUID("id"), page: try context.pageRequest(), by: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/cities/{id}/local-partners", operationID: "createLocalPartner",
                  access: .only(.admin, .coordinator, .liaison, scope: Self.partnersWrite)) { context in
                let partner = try await service.createLocalPartner(
                    try context.decodeBody(), cityID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(partner, status: .created, version: partner.version)
            },
            Route(.patch, "/v1/local-partners/{id}", operationID: "updateLocalPartner",
                  access: .only(.admin, .coordinator, .liaison, scope: Self.partnersWrite)) { context in
                let id = try context.pathUUID("id")
                let partner = try await service.updateLocalPartner(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(partner, version: partner.version)
            },
            Route(.get, "/v1/liaison-bases", operationID: "listLiaisonBases",
                  query: ["cityId", "kind", "limit", "cursor"],
                  access: .only(.admin, .coordinator, .liaison, scope: Self.citiesRead)) { context in
                let filter = LiaisonBaseFilter(
                    cityID: try context.queryUUID("cityId"), kind: try context.queryEnum("kind", LiaisonBaseKind.self))
                return try .json(try await service.liaisonBases(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.post, "/v1/liaison-bases", operationID: "createLiaisonBase", access: .roles(Self.managers, scope: Self.citiesWrite)) { context in
                let base = try await service.createLiaisonBase(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(base, status: .created, version: base.version)
            },
            Route(.get, "/v1/liaison-bases/{id}", operationID: "getLiaisonBase",
                  access: .only(.admin, .coordinator, .liaison, scope: Self.citiesRead)) { context in
                let base = try await service.liaisonBase(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(base, version: base.version)
            },
            Route(.patch, "/v1/liaison-bases/{id}", operationID: "updateLiaisonBase", access: .roles(Self.managers, scope: Self.citiesWrite)) { context in
                let id = try context.pathUUID("id")
                let base = try await service.updateLiaisonBase(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(base, version: base.version)
            },
            Route(.get, "/v1/needs", operationID: "listNeeds",
                  query: ["cityId", "country", "status", "taxonomyCode", "q", "limit", "cursor"],
                  access: .anyRole(scope: Self.needsRead)) { context in
                let filter = try needFilter(context)
                return try .json(try await service.needs(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/needs/export", operationID: "exportNeeds",
                  query: ["cityId", "country", "status", "taxonomyCode", "q"],
                  access: .anyRole(scope: Self.needsRead)) { context in
                try await NeedExport.response(service: service, filter: try needFilter(context), principal: try context.requirePrincipal())
            },
            Route(.post, "/v1/needs/import", operationID: "importNeeds", query: ["dryRun"],
                  access: .only(.admin, .coordinator, .liaison, scope: Self.needsWrite), bodyLimit: CSVReader.maximumBytes) { context in
                let contentType = context.request.headers["content-type"]?.lowercased() ?? ""
                guard contentType.hasPrefix("text/csv") else {
                    throw Problem(status: 415, title: "Unsupported Media Type", detail: "Send the file as text/csv (UTF-8 or Shift_JIS).")
                }
                let dryRun: Bool
                switch try context.query("dryRun") {
                case nil, "false": dryRun = false
                case "true": dryRun = true
                default: throw Problem.badRequest("dryRun must be true or false.", errors: [FieldError(field: "dryRun", message: "must be true or false")])
                }
                let report = try await service.importNeeds(csv: context.request.body, dryRun: dryRun, by: try context.requirePrincipal())
                return try .json(report, status: dryRun ? .ok : .created)
            },
            Route(.post, "/v1/needs", operationID: "createNeed", access: .only(.admin, .coordinator, .liaison, scope: Self.needsWrite)) { context in
                let need = try await service.createNeed(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(need, status: .created, version: need.version)
            },
            Route(.get, "/v1/needs/{id}", operationID: "getNeed", access: .anyRole(scope: Self.needsRead)) { context in
                let need = try await service.need(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(need, version: need.version)
            },
            Route(.patch, "/v1/needs/{id}", operationID: "updateNeed", access: .only(.admin, .coordinator, .liaison, scope: Self.needsWrite)) { context in
                let id = try context.pathUUID("id")
                let need = try await service.updateNeed(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(need, version: need.version)
            },
            Route(.get, "/v1/taxonomy", operationID: "getTaxonomy", access: .anyRole()) { context in
                try .json(TaxonomyTree(items: try await service.taxonomy(by: try context.requirePrincipal())))
            },
        ]
    }
}

/// `{ "items": [...] }`: the taxonomy is small and unpaged, but shaped like a list so it can grow.
struct TaxonomyTree: Encodable {
    let items: [TaxonomyNode]
}

// MARK: Query parameters: anything malformed is a 400 that names the parameter.

private func cityFilter(_ context: RequestContext) throws(Problem) -> CityFilter {
    let archived = try context.query("includeArchived")
    guard archived == nil || archived == "true" || archived == "false" else { throw Problem.badQuery("includeArchived", "must be true or false") }
    return CityFilter(
        country: try context.queryCountry(), relationship: try context.queryEnum("relationship", CityRelationship.self),
        text: try context.queryText("q"), includeArchived: archived == "true")
}

private func needFilter(_ context: RequestContext) throws(Problem) -> CityNeedFilter {
    CityNeedFilter(
        cityID: try context.queryUUID("cityId"), country: try context.queryCountry(),
        status: try context.queryEnum("status", NeedStatus.self), taxonomyCode: try context.queryText("taxonomyCode"),
        text: try context.queryText("q"))
}
