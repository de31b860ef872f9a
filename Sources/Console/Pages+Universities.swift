import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// The university registry (KPI ④ counts students by the campus they attend): everyone who may read
/// it sees the universities and their campuses; administrators add or rename a university and add or
/// edit a campus (`putUniversity`, `putUniversityCampus`). An edit carries the version its form was read
/// at (migration 0104, harden11): one saved meanwhile from another tab comes back as a 409 with the saved
/// values that differ, the input kept, and nothing written.
extension Console {
    var universityPages: [Page] {
        let university = ["listUniversities", "putUniversity"]
        let campus = ["listUniversities", "putUniversityCampus"]
        return [
            Page(.get, "/universities", operations: ["listUniversities"]) { console, request in try await console.universityList(request) },
            Page(.get, "/universities/new", operations: university) { console, request in
                console.universityForm(request, values: ["country": "JP"], errors: [], editing: nil)
            },
            Page(.post, "/universities/new", operations: university) { console, request in try await console.saveUniversity(request, editing: nil) },
            Page(.get, "/universities/{id}/edit", operations: university) { console, request in
                let found = try await console.university(request)
                return console.universityForm(request, values: ["nameJa": found.nameJa, "nameEn": found.nameEn, "country": found.country], errors: [],
                                              editing: found)
            },
            Page(.post, "/universities/{id}/edit", operations: university) { console, request in
                try await console.saveUniversity(request, editing: try await console.university(request))
            },
            Page(.get, "/universities/{id}/campuses/new", operations: campus) { console, request in
                console.campusForm(request, university: try await console.university(request), values: ["inYokohama": "true"], errors: [], editing: nil)
            },
            Page(.post, "/universities/{id}/campuses/new", operations: campus) { console, request in
                try await console.saveCampus(request, university: try await console.university(request), editing: nil)
            },
            Page(.get, "/universities/{id}/campuses/{campusId}/edit", operations: campus) { console, request in
                let found = try await console.university(request)
                let campus = try Self.campus(request, of: found)
                return console.campusForm(request, university: found, values: [
                    "nameJa": campus.nameJa, "nameEn": campus.nameEn, "municipality": campus.municipality, "inYokohama": campus.inYokohama ? "true" : "false",
                ], errors: [], editing: campus)
            },
            Page(.post, "/universities/{id}/campuses/{campusId}/edit", operations: campus) { console, request in
                let found = try await console.university(request)
                return try await console.saveCampus(request, university: found, editing: try Self.campus(request, of: found))
            },
        ]
    }

    /// The university named in the path, or the 404 page.
    func university(_ request: ConsoleRequest) async throws -> University {
        let id = request.parameters["id"] ?? ""
        guard let found = try await services.conventions.universities(by: try request.principal).first(where: { $0.id == id }) else {
            throw ConsoleError.notFound
        }
        return found
    }

    static func campus(_ request: ConsoleRequest, of university: University) throws -> UniversityCampus {
        guard let campus = university.campuses.first(where: { $0.id == request.parameters["campusId"] }) else { throw ConsoleError.notFound }
        return campus
    }

    /// The required fields left empty, each named by its label (the first, the id, only on a new record's form).
    static func missing(_ request: ConsoleRequest, _ fields: [(name: String, label: Message)], new: Bool) -> [(field: String, message: String)] {
        let t = request.language
        return fields.enumerated().compactMap { index, field in
            guard index > 0 || new, request.formText(field.name) == nil else { return nil }
            return (field: field.name, message: t(.fieldRequired, t(field.label)))
        }
    }

    func universityList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let universities = try await services.conventions.universities(by: principal)
        let writes = allows(principal.role, "putUniversity")
        let campusWrites = allows(principal.role, "putUniversityCampus")
        var content: [HTML] = [
            el("p", [], [el("a", [attr("href", "/cities")], t(.backToCities))]),
            el("p", [attr("class", "explain")], t(.universitiesExplained)),
        ]
        for (query, message) in [("saved", Message.universitySaved), ("campusSaved", .campusSaved)] where request.query(query) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if writes {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/universities/new")], t(.addUniversityTitle)),
            ]))
        }
        if universities.isEmpty { content.append(el("p", [], t(.noUniversities))) }
        for university in universities {
            let path = "/universities/\(university.id)"
            let name = t.pick(ja: university.nameJa, en: university.nameEn).text
            var links: [HTML] = []
            if writes { links.append(el("a", [attr("href", "\(path)/edit")], t(.editUniversityLink, name))) }
            if campusWrites { links.append(el("a", [attr("href", "\(path)/campuses/new")], t(.addCampusLink, name))) }
            content.append(el("section", [attr("class", "record")], [
                el("h2", [], name),
                el("p", [], t.country(university.country) + (university.inYokohama ? " · " + t(.campusInYokohama) : "")),
                // The registry's id is what a registrations CSV names (`universityId`), so it stays, said for what it is.
                el("p", [attr("class", "hint")], t(.universityImportID, university.id)),
                university.campuses.isEmpty ? el("p", [], t(.noCampuses)) : Table.make(
                    caption: t(.campusesOf, name), captionShown: false,
                    headers: [t(.campusName), t(.municipality), t(.campusInYokohamaColumn)] + (campusWrites ? [t(.actionsColumn)] : []),
                    numeric: [], compact: [2], stacked: true,
                    rows: university.campuses.map { campus in
                        let campusName = t.pick(ja: campus.nameJa, en: campus.nameEn).text
                        return [.text(campusName), .text(campus.municipality), .text(t(campus.inYokohama ? .yes : .no))]
                            + (campusWrites ? [el("a", [attr("href", "\(path)/campuses/\(campus.id)/edit")], t(.editCampusLink, campusName))] : [])
                    }),
                links.isEmpty ? .fragment([]) : el("p", [attr("class", "actions")], links.map { .fragment([$0, .text(" ")]) }),
            ]))
        }
        return Layout.page(request, title: t(.universitiesTitle), section: .cities, content)
    }

    func universityForm(
        _ request: ConsoleRequest, values: [String: String], errors: [(field: String, message: String)], editing: University?,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var fields: [HTML] = [Layout.csrfField(request)]
        var notice: HTML = .fragment([])
        if let editing {
            fields.append(Form.version(editing.version))
            if changedMeanwhile {
                let saved = ["nameJa": editing.nameJa, "nameEn": editing.nameEn, "country": editing.country]
                notice = Self.registryChangedMeanwhile(t, saved: saved, typed: values, labels: [("nameJa", .universityNameJa), ("nameEn", .universityNameEn), ("country", .country)])
            }
        } else {
            fields.append(Form.textField(request, name: "id", label: t(.registryID), value: values["id"], hint: t(.registryIDHint), error: message("id")))
        }
        fields += [
            Form.textField(request, name: "nameJa", label: t(.universityNameJa), value: values["nameJa"], error: message("nameJa")),
            Form.textField(request, name: "nameEn", label: t(.universityNameEn), value: values["nameEn"], error: message("nameEn")),
            Form.countrySelect(request, name: "country", label: t(.country), selected: values["country"], none: t(.guestChoose), error: message("country")),
            el("button", [attr("type", "submit")], t(editing == nil ? .addUniversityButton : .saveChanges)),
        ]
        let action = editing.map { "/universities/\($0.id)/edit" } ?? "/universities/new"
        return Layout.page(request, status: status, title: t(editing == nil ? .addUniversityTitle : .editUniversityTitle), section: .cities, [
            el("p", [], [el("a", [attr("href", "/universities")], t(.backToUniversities))]),
            Form.errorSummary(request, errors),
            notice,
            el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields),
        ])
    }

    /// The notice of a registry record saved since its form was read: the saved values that differ from
    /// the typed ones, by label (the registry keeps no time of the change, so none is said).
    static func registryChangedMeanwhile(
        _ t: Language, saved: [String: String], typed: [String: String], labels: [(name: String, label: Message)]
    ) -> HTML {
        let labelled = { (values: [String: String]) in
            labels.map { (label: t($0.label), value: $0.name == "country" ? t.country((values[$0.name] ?? "").trimmed) : (values[$0.name] ?? "").trimmed) }
        }
        return Form.changedMeanwhile(title: t(.registryChangedMeanwhile), detail: t(.registryChangedDetail),
                                     differences: CompanyPages.differences(labelled(saved), from: labelled(typed), t))
    }

    /// A new university's id must not be in the registry already: PUT would rename that one instead.
    func saveUniversity(_ request: ConsoleRequest, editing: University?) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let values = request.typedValues(["id", "nameJa", "nameEn", "country"])
        let id = editing?.id ?? (values["id"] ?? "").trimmed
        if editing == nil, try await services.conventions.universities(by: principal).contains(where: { $0.id == id }) {
            return universityForm(request, values: values, errors: [("id", t(.registryIDTaken))], editing: nil, status: HTTPStatus(code: 409))
        }
        // Fields left empty are named together first: the service stops at a bad id before it reads the names.
        let missing = Self.missing(request, [("id", .registryID), ("nameJa", .universityNameJa), ("nameEn", .universityNameEn)], new: editing == nil)
        if !missing.isEmpty { return universityForm(request, values: values, errors: missing, editing: editing, status: HTTPStatus(code: 422)) }
        let draft = UniversityDraft(nameJa: request.formText("nameJa"), nameEn: request.formText("nameEn"),
                                    country: request.formText("country")?.uppercased() ?? "")
        // An edit names the version its form was read at; a form without one is not ours.
        let version = request.formValue("version").flatMap(Int.init)
        if editing != nil, version == nil { throw ConsoleError.badRequest }
        do {
            _ = try await services.conventions.putUniversity(id, draft, ifVersion: editing == nil ? nil : version, by: principal)
            return Layout.seeOther("/universities?saved=1")
        } catch ConventionsError.staleVersion {
            return universityForm(request, values: values, errors: [], editing: try await university(request), changedMeanwhile: true,
                                  status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 428 {
            // Added by someone else since the look above: the service leaves theirs as it is (harden12).
            return universityForm(request, values: values, errors: [("id", t(.registryIDTaken))], editing: nil, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 && error.problem.errors?.isEmpty == false {
            let errors = recordFieldErrors(error, request, values: values, labels: [
                "id": .registryID, "nameJa": .universityNameJa, "nameEn": .universityNameEn, "country": .country,
            ], rules: ["must be 2–40 of a–z, 0–9 and _": .registryIDInvalid, "must be an ISO 3166-1 alpha-2 code like JP": .countryChoose])
            return universityForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: 422))
        }
    }

    func campusForm(
        _ request: ConsoleRequest, university: University, values: [String: String], errors: [(field: String, message: String)],
        editing: UniversityCampus?, changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var fields: [HTML] = [Layout.csrfField(request)]
        var notice: HTML = .fragment([])
        if let editing {
            fields.append(Form.version(editing.version))
            if changedMeanwhile {
                let saved = ["nameJa": editing.nameJa, "nameEn": editing.nameEn, "municipality": editing.municipality,
                             "inYokohama": t(editing.inYokohama ? .yes : .no)]
                var typed = values
                typed["inYokohama"] = values["inYokohama"].flatMap(Bool.init).map { t($0 ? .yes : .no) } ?? ""
                notice = Self.registryChangedMeanwhile(t, saved: saved, typed: typed, labels: [
                    ("nameJa", .campusNameJa), ("nameEn", .campusNameEn), ("municipality", .municipality), ("inYokohama", .campusInYokohamaField),
                ])
            }
        }
        if editing == nil {
            fields.append(Form.textField(request, name: "campusId", label: t(.registryID), value: values["campusId"], hint: t(.registryIDHint),
                                         error: message("campusId")))
        }
        fields += [
            Form.textField(request, name: "nameJa", label: t(.campusNameJa), value: values["nameJa"], error: message("nameJa")),
            Form.textField(request, name: "nameEn", label: t(.campusNameEn), value: values["nameEn"], error: message("nameEn")),
            Form.textField(request, name: "municipality", label: t(.municipality), value: values["municipality"], hint: t(.campusMunicipalityHint),
                           error: message("municipality")),
            Form.select(name: "inYokohama", label: t(.campusInYokohamaField), options: [("true", t(.yes)), ("false", t(.no))],
                        selected: values["inYokohama"] ?? "true"),
            el("button", [attr("type", "submit")], t(editing == nil ? .addCampusButton : .saveChanges)),
        ]
        let path = "/universities/\(university.id)/campuses"
        let action = editing.map { "\(path)/\($0.id)/edit" } ?? "\(path)/new"
        let name = t.pick(ja: university.nameJa, en: university.nameEn).text
        return Layout.page(request, status: status, title: t(editing == nil ? .addCampusTitle : .editCampusTitle, name), section: .cities, [
            el("p", [], [el("a", [attr("href", "/universities")], t(.backToUniversities))]),
            Form.errorSummary(request, errors),
            notice,
            el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields),
        ])
    }

    /// A new campus id must be new: PUT would otherwise edit the campus of that id (or refuse one of another university).
    func saveCampus(_ request: ConsoleRequest, university: University, editing: UniversityCampus?) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let values = request.typedValues(["campusId", "nameJa", "nameEn", "municipality", "inYokohama"])
        let campusID = editing?.id ?? (values["campusId"] ?? "").trimmed
        if editing == nil, try await services.conventions.universities(by: principal).contains(where: { $0.campuses.contains { $0.id == campusID } }) {
            return campusForm(request, university: university, values: values, errors: [("campusId", t(.registryIDTaken))], editing: nil,
                              status: HTTPStatus(code: 409))
        }
        let missing = Self.missing(
            request, [("campusId", .registryID), ("nameJa", .campusNameJa), ("nameEn", .campusNameEn), ("municipality", .municipality)], new: editing == nil)
        if !missing.isEmpty {
            return campusForm(request, university: university, values: values, errors: missing, editing: editing, status: HTTPStatus(code: 422))
        }
        let draft = CampusDraft(nameJa: request.formText("nameJa"), nameEn: request.formText("nameEn"), municipality: request.formText("municipality"),
                                inYokohama: values["inYokohama"].flatMap(Bool.init))
        // An edit names the version its form was read at; a form without one is not ours.
        let version = request.formValue("version").flatMap(Int.init)
        if editing != nil, version == nil { throw ConsoleError.badRequest }
        do {
            _ = try await services.conventions.putCampus(campusID, of: university.id, draft, ifVersion: editing == nil ? nil : version, by: principal)
            return Layout.seeOther("/universities?campusSaved=1")
        } catch ConventionsError.staleVersion {
            let current = try await self.university(request)
            return campusForm(request, university: current, values: values, errors: [], editing: try Self.campus(request, of: current),
                              changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 428 {
            return campusForm(request, university: university, values: values, errors: [("campusId", t(.registryIDTaken))], editing: nil,
                              status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) && error.problem.errors?.isEmpty == false {
            let errors = recordFieldErrors(error, request, values: values, labels: [
                "campusId": .registryID, "nameJa": .campusNameJa, "nameEn": .campusNameEn, "municipality": .municipality, "inYokohama": .campusInYokohamaField,
            ], rules: ["must be 2–60 of a–z, 0–9 and _": .registryIDInvalid])
            return campusForm(request, university: university, values: values, errors: errors, editing: editing, status: HTTPStatus(code: error.problem.status))
        }
    }
}
