public import DomainKit
import FoundationEssentials
import HTTPServer

/// The HTTP mapping of the Companies module: parse the request, call `CompanyService`, shape the
/// response. Role rules are declared per route here; object-level rules (a company user's own company,
/// disclosure levels) live in the service. PATCH is a JSON Merge Patch onto the current draft.
public struct CompanyRoutes: Sendable {
    let service: CompanyService

    public init(service: CompanyService) {
        self.service = service
    }

    static let managers: Set<Role> = [.admin, .coordinator]
    /// Who reads the company directory: everyone but the council (viewer). The directory holds contact
    /// people and technologies disclosed to prospective partners; the council sees the companies the
    /// KPI records name through the KPI report, and the public showcase is open to all.
    static let directoryReaders = Set(Role.allCases).subtracting([.viewer])
    static let companiesRead = Scope(resource: "companies", action: .read)
    static let companiesWrite = Scope(resource: "companies", action: .write)
    /// The showcase is cached by browsers and proxies for five minutes; it changes rarely.
    static let showcaseCacheControl = "public, max-age=300"

    public var routes: [Route] {
        [
            Route(.get, "/v1/companies", operationID: "listCompanies",
                  query: ["q", "taxonomyCode", "country", "inYokohama", "yusa", "municipality", "size", "profileNeedsReview", "includeArchived", "order", "limit",
                          "cursor"],
                  access: .roles(Self.directoryReaders, scope: Self.companiesRead)) { context in
                let filter = try companyFilter(context)
                return try .json(try await service.companies(filter, page: try context.pageRequest(), by: try context.requirePrincipal()))
            },
            Route(.get, "/v1/companies/export", operationID: "exportCompanies",
                  query: ["q", "taxonomyCode", "country", "inYokohama", "yusa", "municipality", "size", "profileNeedsReview", "includeArchived", "order"],
                  access: .roles(Self.directoryReaders, scope: Self.companiesRead)) { context in
                try await CompanyExport.response(service: service, filter: try companyFilter(context), principal: try context.requirePrincipal())
            },
            Route(.post, "/v1/companies/import", operationID: "importCompanies", query: ["dryRun"],
                  access: .roles(Self.managers, scope: Self.companiesWrite), bodyLimit: CSVReader.maximumBytes) { context in
                let contentType = context.request.headers["content-type"]?.lowercased() ?? ""
                guard contentType.hasPrefix("text/csv") else {
                    throw Problem(status: 415, title: "Unsupported Media Type", detail: "Send the file as text/csv (UTF-8 or Shift_JIS).")
                }
                let dryRun = try context.queryBool("dryRun") ?? false
                let report = try await service.importCompanies(csv: context.request.body, dryRun: dryRun, by: try context.requirePrincipal())
                return try .json(report, status: dryRun ? .ok : .created)
            },
            Route(.post, "/v1/companies", operationID: "createCompany", access: .roles(Self.managers, scope: Self.companiesWrite)) { context in
                let created = try await service.createCompanyReportingDuplicates(try context.decodeBody(), by: try context.requirePrincipal())
                return try .json(created, status: .created, version: created.company.version)
            },
            Route(.get, "/v1/companies/{id}/duplicates", operationID: "listCompanyDuplicates",
                  access: .roles(Self.managers, scope: Self.companiesRead)) { context in
                let found = try await service.duplicates(of: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(DuplicateList(items: found))
            },
            Route(.post, "/v1/companies/{id}/merge", operationID: "mergeCompanies", access: .only(.admin, scope: Self.companiesWrite)) { context in
                let id = try context.pathUUID("id")
                let version = try context.requiredVersion()
                let body = try context.decodeBody(CompanyMergeRequest.self)
                let merge = try await service.mergeCompany(id, absorbing: body.absorb, ifVersion: version, by: try context.requirePrincipal())
                return try .json(merge, version: merge.company.version)
            },
            Route(.get, "/v1/companies/{id}", operationID: "getCompany", access: .roles(Self.directoryReaders, scope: Self.companiesRead)) { context in
                let company = try await service.company(try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(company, version: company.version)
            },
            Route(.patch, "/v1/companies/{id}", operationID: "updateCompany",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                let id = try context.pathUUID("id")
                let company = try await service.updateCompany(id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) {
                    $0 = try context.mergePatch(onto: $0)
                }
                return try .json(company, version: company.version)
            },
            // "Still current": the profile counts as reviewed now, no field changed (the console's 「変わりはありません」).
            Route(.post, "/v1/companies/{id}/profile-confirmed", operationID: "confirmCompanyProfile",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                let id = try context.pathUUID("id")
                let company = try await service.confirmProfileCurrent(id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal())
                return try .json(company, version: company.version)
            },
            Route(.get, "/v1/companies/{id}/technologies", operationID: "listCompanyTechnologies",
                  query: ["limit", "cursor"],
                  access: .roles(Self.directoryReaders, scope: Self.companiesRead)) { context in
                let page = try await service.technologies(
                    of: try context.pathUUID("id"), page: try context.pageRequest(), by: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/companies/{id}/technologies", operationID: "createCompanyTechnology",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                let technology = try await service.createTechnology(
                    try context.decodeBody(), companyID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(technology, status: .created, version: technology.version)
            },
            Route(.patch, "/v1/technologies/{id}", operationID: "updateCompanyTechnology",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                let id = try context.pathUUID("id")
                let technology = try await service.updateTechnology(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(technology, version: technology.version)
            },
            Route(.delete, "/v1/technologies/{id}", operationID: "deleteCompanyTechnology",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                try await service.removeTechnology(try context.pathUUID("id"), ifVersion: try context.requiredVersion(), by: try context.requirePrincipal())
                return .noContent
            },
            Route(.get, "/v1/companies/{id}/track-records", operationID: "listCompanyTrackRecords",
                  query: ["limit", "cursor"],
                  access: .roles(Self.directoryReaders, scope: Self.companiesRead)) { context in
                let page = try await service.trackRecords(
                    of: try context.pathUUID("id"), page: try context.pageRequest(), by: try context.requirePrincipal())
                return try .json(page)
            },
            Route(.post, "/v1/companies/{id}/track-records", operationID: "createCompanyTrackRecord",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                let record = try await service.createTrackRecord(
                    try context.decodeBody(), companyID: try context.pathUUID("id"), by: try context.requirePrincipal())
                return try .json(record, status: .created, version: record.version)
            },
            Route(.patch, "/v1/track-records/{id}", operationID: "updateCompanyTrackRecord",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                let id = try context.pathUUID("id")
                let record = try await service.updateTrackRecord(
                    id, ifVersion: try context.requiredVersion(), by: try context.requirePrincipal()) { $0 = try context.mergePatch(onto: $0) }
                return try .json(record, version: record.version)
            },
            Route(.delete, "/v1/track-records/{id}", operationID: "deleteCompanyTrackRecord",
                  access: .only(.admin, .coordinator, .company, scope: Self.companiesWrite)) { context in
                try await service.removeTrackRecord(try context.pathUUID("id"), ifVersion: try context.requiredVersion(), by: try context.requirePrincipal())
                return .noContent
            },
            Route(.get, "/v1/showcase/companies", operationID: "listShowcaseCompanies", query: ["limit", "cursor"],
                  access: .anonymous) { context in
                var response = try APIResponse.json(try await service.showcase(page: try context.pageRequest()))
                response.headers["Cache-Control"] = Self.showcaseCacheControl
                if case .bytes(let bytes) = response.body {
                    // A weak validator: the same JSON is the same representation (RFC 9110, 8.8.3).
                    let tag = "W/\"\(String(fnv1a(bytes), radix: 16))\""
                    response.headers["ETag"] = tag
                    if context.request.headers["if-none-match"] == tag {
                        return APIResponse(status: HTTPStatus(code: 304), headers: response.headers, body: .bytes([]))
                    }
                }
                return response
            },
        ]
    }
}

/// The likely duplicates of a company, as `{"items": […]}` like every list of the API (not paged: at most 20).
struct DuplicateList: Encodable {
    let items: [CompanyDuplicate]
}

/// FNV-1a, 64 bits: stable across processes (unlike `Hasher`), which an ETag must be.
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    return hash
}

// MARK: Query parameters: anything malformed is a 400 that names the parameter.

private func companyFilter(_ context: RequestContext) throws(Problem) -> CompanyFilter {
    CompanyFilter(
        text: try context.queryText("q"), taxonomyCode: try context.queryText("taxonomyCode"), country: try context.queryCountry(),
        inYokohama: try context.queryBool("inYokohama"), yusa: try context.queryBool("yusa"),
        municipality: try context.queryText("municipality"), size: try context.queryEnum("size", CompanySize.self),
        profileNeedsReview: try context.queryBool("profileNeedsReview"), includeArchived: try context.queryBool("includeArchived") ?? false,
        order: try context.queryEnum("order", CompanyOrder.self) ?? .entered)
}
