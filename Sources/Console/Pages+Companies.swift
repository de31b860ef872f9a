import Cities
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// The company directory (`listCompanies`): words in either language (names, technologies and the
/// taxonomy's bilingual bridge, as `GET /v1/companies?q=` searches), a field of the taxonomy, a country
/// of experience, in Yokohama, YUSA membership, municipality, size and archived companies, 100 a page, as entered or in
/// 五十音順 (`order=reading`); each row opens the company's page. Managers also filter on profiles that need checking (「要確認」, `profileNeedsReview`) and see when each
/// profile was last changed. The export link carries the same filters (`exportCompanies`).
extension Console {
    var companyListPages: [Page] {
        [
            Page(.get, "/companies", operations: ["listCompanies", "getTaxonomy"]) { console, request in try await console.companyList(request) },
            Page(.get, "/companies/export.csv", operations: ["exportCompanies"]) { console, request in
                guard let filter = try CompanyListQuery(request, profiles: try console.recordsProgrammeFields(request)).filter else {
                    throw ConsoleError.badRequest
                }
                return try await CompanyExport.response(service: console.services.companies, filter: filter, principal: try request.principal).httpResponse
            },
        ]
    }

    static let companyPageSize = 100

    func companyList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        // Profile dates are shown to those who may edit the profile (docs/console.md); in the directory, the managers.
        let profiles = try recordsProgrammeFields(request)
        let query = try CompanyListQuery(request, profiles: profiles)
        let tree = try await services.cities.taxonomy(by: principal)
        let taxonomy = NeedFormSupport.flatten(tree, language: t)
        let anyYesNo = [("", t(.companyFilterAny)), ("true", t(.yes)), ("false", t(.no))]
        let countryError = query.countryIsValid ? nil : t(.countryInvalid)
        let sizeError = query.sizeIsValid ? nil : t(.companySizeInvalid)
        let filterErrors = [("country", countryError), ("size", sizeError)].compactMap { field, message in message.map { (field: field, message: $0) } }
        var content: [HTML] = []
        if let imported = request.query("imported").flatMap(Int.init), let updated = request.query("updated").flatMap(Int.init) {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")],
                              t(.companyImportDone, t.number(imported), t.number(updated), t.number(request.query("technologies").flatMap(Int.init) ?? 0))))
        }
        var actions: [HTML] = []
        if allows(principal.role, "createCompany") { actions.append(el("a", [attr("class", "button secondary"), attr("href", "/companies/new")], t(.addCompanyTitle))) }
        if allows(principal.role, "importCompanies") { actions.append(el("a", [attr("class", "button secondary"), attr("href", "/companies/import")], t(.companyImportLink))) }
        if allows(principal.role, "exportCompanies"), filterErrors.isEmpty {
            actions.append(el("a", [attr("class", "button secondary"), attr("href", "/companies/export.csv" + query.string(cursor: nil)), attr("download", "")],
                              t(.companyExportLink)))
        }
        if !actions.isEmpty { content.append(el("p", [attr("class", "actions")], actions)) }
        content += [
            Form.errorSummary(request, filterErrors),
            el("form", [attr("method", "get"), attr("action", "/companies"), attr("role", "search"), attr("class", "panel filters")], [
                Form.textField(request, name: "q", label: t(.searchCompanies), value: query.text, type: "search", hint: t(.searchHint)),
                Form.select(name: "field", label: t(.taxonomy), options: [("", t(.anyField))] + taxonomy,
                            selected: taxonomy.contains { $0.value == query.field } ? query.field : ""),
                countryError == nil ? Form.countrySelect(request, name: "country", label: t(.companyFilterCountry), selected: query.country, none: t(.leadAnyCountry))
                    : Form.textField(request, name: "country", label: t(.companyFilterCountry), value: query.country, hint: t(.countryHint), error: countryError),
                Form.select(name: "inYokohama", label: t(.inYokohama), options: anyYesNo, selected: query.inYokohama.map(String.init) ?? ""),
                Form.select(name: "yusa", label: t(.companyFilterYUSA), options: anyYesNo, selected: query.yusa.map(String.init) ?? ""),
                Form.textField(request, name: "municipality", label: t(.municipality), value: query.municipality, hint: t(.companyFilterMunicipalityHint)),
                Form.select(name: "size", label: t(.companySize), options: [("", t(.companyFilterAny)), ("sme", t(.sizeSME)), ("large", t(.sizeLarge))],
                            selected: query.size?.rawValue ?? "", error: sizeError),
                Form.select(name: "archived", label: t(.companyFilterArchived), options: [("", t(.no)), ("include", t(.yes))],
                            selected: query.includeArchived ? "include" : ""),
                Form.select(name: "order", label: t(.listOrder),
                            options: [(CompanyOrder.entered.rawValue, t(.listOrderEntered)), (CompanyOrder.reading.rawValue, t(.listOrderReading))],
                            selected: query.order.rawValue),
            ] + (profiles ? [
                Form.select(name: "profile", label: t(.companyFilterProfile),
                            options: [("", t(.companyFilterAny)), ("due", t(.companyFilterProfileDue, t.number(Int(CompanyService.profileReviewPeriod / 86_400))))],
                            selected: query.profileDue ? "due" : ""),
            ] : []) + [
                el("button", [attr("type", "submit")], t(.search)),
            ]),
        ]
        guard let filter = query.filter, taxonomy.contains(where: { $0.value == query.field }) || query.field == nil else {
            return Layout.page(request, status: HTTPStatus(code: 422), title: t(.companiesTitle), section: .companies, content)
        }
        let page = try await services.companies.companies(filter, page: try PageRequest.parse(limit: Self.companyPageSize, cursor: query.cursor), by: principal)
        content.append(page.items.isEmpty ? el("p", [], t(.noCompanies)) : el("div", [attr("class", "directory")], [Table.make(
            caption: Layout.countCaption(request, shown: page.items.count, more: page.nextCursor != nil,
                                         .companiesShown, one: .companiesShownOne, orMore: .companiesShownMore),
            headers: [t(.companyName), t(.municipality), t(.companySize), t(.inYokohama), t(.companyFilterYUSA), t(.companyCountries)]
                + (profiles ? [t(.companyProfileChanged)] : []),
            numeric: [], compact: [2, 3, 4], stacked: true,
            rows: page.items.map { company in
                let name = t.pick(ja: company.nameJa, en: company.nameEn)
                var label: [HTML] = [NeedPages.recordText(request, name)]
                if company.archived { label.append(el("span", [attr("class", "tag")], t(.companyArchivedMark))) }
                return [
                    el("a", [attr("href", "/companies/\(company.id.uuidString.lowercased())")], label),
                    .text(company.municipality ?? "—"),
                    .text(t(company.size == .sme ? .sizeSME : .sizeLarge)),
                    .text(t(company.inYokohama ? .yes : .no)),
                    .text(company.yusaMemberSince.map { _ in t(.yes) } ?? t(.no)),
                    .text(company.countriesWithExperience.isEmpty ? "—" : t.countries(company.countriesWithExperience)),
                ] + (profiles ? [Self.profileChanged(request, company)] : [])
            })]))
        content += Layout.pager(request, size: Self.companyPageSize, next: page.nextCursor.map { "/companies" + query.string(cursor: $0) })
        return Layout.page(request, title: t(.companiesTitle), section: .companies, content)
    }

    /// The day a company's profile was last changed or confirmed, marked 「要確認」 past the review period on the programme
    /// clock (`Company.profileNeedsReview(at:)`, the list filter's rule).
    static func profileChanged(_ request: ConsoleRequest, _ company: Company) -> HTML {
        let t = request.language
        var cell: [HTML] = [.text(t.date(company.profileReviewedAt))]
        if company.profileNeedsReview(at: request.now) { cell += [.text(" "), el("span", [attr("class", "tag")], t(.companyProfileDueMark))] }
        return .fragment(cell)
    }
}

/// The directory's filters as the query string carries them (the list's form, its next page, the export link).
struct CompanyListQuery {
    var text: String?
    var field: String?
    var country: String?
    var inYokohama: Bool?
    var yusa: Bool?
    var municipality: String?
    /// The size asked for, and whether the query's `size` was one (a hand-edited link may hold another).
    var size: CompanySize?
    var sizeIsValid = true
    var includeArchived = false
    /// Only profiles past the review period (`profile=due`); read only for those offered the filter (`profiles`).
    var profileDue = false
    /// 登録順 (the default) or 五十音順 (`order=reading`).
    var order = CompanyOrder.entered
    var cursor: String?

    init(_ request: ConsoleRequest, profiles: Bool) throws(QueryRefusal) {
        text = request.queryText("q")
        field = request.queryText("field")
        country = request.queryText("country")?.uppercased()
        inYokohama = try request.choice("inYokohama", Bool.init)
        yusa = try request.choice("yusa", Bool.init)
        municipality = request.queryText("municipality")
        size = request.queryText("size").flatMap(CompanySize.init(rawValue:))
        sizeIsValid = size != nil || request.queryText("size") == nil
        includeArchived = try request.choice("archived") { $0 == "include" ? true : nil } ?? false
        order = try request.choice("order") { CompanyOrder(rawValue: $0) } ?? .entered
        if profiles { profileDue = try request.choice("profile") { $0 == "due" ? true : nil } ?? false }
        cursor = request.queryText("cursor")
    }

    var countryIsValid: Bool { country.map(Validation.isCountryCode) ?? true }

    /// The service's filter; nil when the country typed is no country code or the size none of the sizes.
    var filter: CompanyFilter? {
        guard countryIsValid, sizeIsValid else { return nil }
        return CompanyFilter(text: text, taxonomyCode: field, country: country, inYokohama: inYokohama, yusa: yusa, municipality: municipality,
                             size: size, profileNeedsReview: profileDue ? true : nil, includeArchived: includeArchived,
                             order: order)
    }

    /// `?q=…&…` with the filters set (and the next page's cursor), or "" for none.
    func string(cursor: String?) -> String {
        let pairs: [(String, String?)] = [
            ("q", text), ("field", field), ("country", country), ("inYokohama", inYokohama.map(String.init)), ("yusa", yusa.map(String.init)),
            ("municipality", municipality), ("size", size?.rawValue), ("archived", includeArchived ? "include" : nil),
            ("profile", profileDue ? "due" : nil), ("order", order == .reading ? order.rawValue : nil), ("cursor", cursor),
        ]
        let query = pairs.compactMap { name, value in value.map { "\(name)=\(Layout.percentEncoded($0))" } }.joined(separator: "&")
        return query.isEmpty ? "" : "?" + query
    }
}
