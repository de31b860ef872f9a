import Accounts
import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// Coordinator profiles (`listCoordinators`, `getCoordinator`, `createCoordinator`, `updateCoordinator`):
/// the list, a profile's page, and the form with every field of the API. An administrator sets up any
/// profile (the user it belongs to, capacity, active, senior included); a coordinator edits its own,
/// without those four, which the service keeps to administrators. An edit carries its version.
extension Console {
    /// How many coordinators a page lists; the pager's next link says the same number (`Layout.pager`).
    static let coordinatorPageSize = 100

    var coordinatorProfilePages: [Page] {
        let create = ["createCoordinator", "listUsers", "getTaxonomy"]
        let edit = ["getCoordinator", "updateCoordinator", "getTaxonomy"]
        return [
            Page(.get, "/coordinators", operations: ["listCoordinators"]) { console, request in try await console.coordinatorList(request) },
            Page(.get, "/coordinators/new", operations: create) { console, request in
                try await console.coordinatorForm(request, values: CoordinatorFormValues(), errors: [])
            },
            Page(.post, "/coordinators/new", operations: create, lists: ["expertiseCodes"]) { console, request in try await console.saveCoordinator(request, editing: nil) },
            Page(.get, "/coordinators/{id}", operations: ["getCoordinator", "getTaxonomy"]) { console, request in
                try await console.coordinatorPage(request)
            },
            Page(.get, "/coordinators/{id}/edit", operations: edit) { console, request in
                let profile = try await console.editableCoordinator(request)
                return try await console.coordinatorForm(request, values: CoordinatorFormValues(profile), errors: [], editing: profile)
            },
            Page(.post, "/coordinators/{id}/edit", operations: edit, lists: ["expertiseCodes"]) { console, request in
                try await console.saveCoordinator(request, editing: try await console.editableCoordinator(request))
            },
        ]
    }

    /// The profile in the path, when the reader may edit it (an administrator, or the coordinator it
    /// belongs to); a 403 page otherwise, as the update would answer.
    func editableCoordinator(_ request: ConsoleRequest) async throws -> Coordinator {
        let principal = try request.principal
        let profile = try await services.coordinators.coordinator(try request.pathUUID("id"), by: principal)
        guard principal.role == .admin || profile.userId == principal.userID else { throw ConsoleError.forbidden }
        return profile
    }

    func coordinatorList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let text = Validation.searchWords(request.query("q"))
        let active = try request.choice("active", Bool.init)
        let page = try await services.coordinators.coordinators(
            CoordinatorFilter(text: text?.isEmpty == false ? text : nil, active: active),
            page: try PageRequest.parse(limit: Self.coordinatorPageSize, cursor: request.query("cursor")), by: principal)
        var content: [HTML] = []
        if mayOpen(principal.role, "/coordinators/new") {
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/coordinators/new")], t(.newCoordinatorTitle)),
            ]))
        }
        content.append(el("form", [attr("method", "get"), attr("action", "/coordinators"), attr("class", "inline-form"), attr("role", "search")], [
            Form.textField(request, name: "q", label: t(.searchCoordinators), value: text, type: "search"),
            Form.select(name: "active", label: t(.coordinatorActive), options: [("", t(.coordinatorAnyStatus)), ("true", t(.active)), ("false", t(.coordinatorInactive))],
                        selected: request.query("active") ?? ""),
            el("button", [attr("type", "submit")], t(.search)),
        ]))
        content.append(page.items.isEmpty ? el("p", [], t(.noCoordinators)) : Table.make(
            caption: t(.coordinatorsTitle), captionShown: false,
            headers: [t(.displayName), t(.coordinatorLanguages), t(.noteCountries), t(.coordinatorLoad), t(.coordinatorActive)],
            numeric: [3], compact: [4], stacked: true,
            rows: page.items.map { profile in
                [el("a", [attr("href", "/coordinators/\(profile.id.uuidString.lowercased())")], profile.displayName),
                 .text(t.spokenLanguages(profile.languages)), .text(t.countries(profile.countries)),
                 .text(t(.coordinatorLoadValue, t.number(profile.activeLeads), t.number(profile.capacity))),
                 .text(t(profile.active ? .active : .coordinatorInactive))]
            }))
        content += Layout.pager(request, size: Self.coordinatorPageSize, next: Layout.nextListHref("/coordinators", cursor: page.nextCursor, [
            ("q", text), ("active", active.map(String.init)),
        ]))
        return Layout.page(request, title: t(.coordinatorsTitle), section: principal.role == .admin ? .admin : nil, content)
    }

    func coordinatorPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let profile = try await services.coordinators.coordinator(try request.pathUUID("id"), by: principal)
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: principal), language: t)
        let path = "/coordinators/\(profile.id.uuidString.lowercased())"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/coordinators")], t(.backToCoordinators))])]
        for (flag, message) in [("created", Message.coordinatorCreated), ("saved", .coordinatorSaved)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if allows(principal.role, "updateCoordinator"), principal.role == .admin || profile.userId == principal.userID {
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.editCoordinator))]))
        }
        let tags = { (values: [String]) -> HTML in
            el("dd", [], values.isEmpty ? [.text("—")] : values.map { el("span", [attr("class", "tag")], $0) })
        }
        var user: HTML = .text("—")
        if allows(principal.role, "getUser") {
            user = el("a", [attr("href", "/users/\(profile.userId.uuidString.lowercased())")], try await services.accounts.user(id: profile.userId, actor: principal).email)
        }
        // Whose leads these are, for the readers who may list leads (an administrator giving a leaver's leads to others).
        let leadsLink: [HTML] = principal.role == .admin || principal.role == .coordinator
            ? [.text(" "), el("a", [attr("href", "/leads?owner=\(profile.id.uuidString.lowercased())")], t(.userLeadsLink))] : []
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.displayName)), el("dd", [], profile.displayName),
            el("dt", [], t(.coordinatorUser)), el("dd", [], [user]),
            el("dt", [], t(.coordinatorExpertise)), tags(profile.expertiseCodes.map { names[$0] ?? $0 }),
            el("dt", [], t(.coordinatorLanguages)), tags(profile.languages.map(t.spokenLanguage)),
            el("dt", [], t(.noteCountries)), tags(profile.countries.map(t.country)),
            el("dt", [], t(.coordinatorFormerEmployer)), el("dd", [], profile.formerEmployer ?? "—"),
            el("dt", [], t(.coordinatorSenior)), el("dd", [], t(profile.senior ? .yes : .no)),
            el("dt", [], t(.coordinatorLoad)), el("dd", [], [.text(t(.coordinatorLoadValue, t.number(profile.activeLeads), t.number(profile.capacity)))] + leadsLink),
            el("dt", [], t(.coordinatorActive)), el("dd", [], t(profile.active ? .active : .coordinatorInactive)),
            el("dt", [], t(.coordinatorNotes)), el("dd", [attr("class", "note-body")], profile.notes ?? "—"),
            el("dt", [], t(.noteUpdatedOn)), el("dd", [], t.date(profile.updatedAt)),
        ]))
        return Layout.page(request, title: profile.displayName, section: principal.role == .admin ? .admin : nil, content)
    }

    /// Adds (editing nil) or edits a profile. The fields only an administrator sets are not offered to
    /// a coordinator editing its own profile; the saved values are kept for them.
    func coordinatorForm(
        _ request: ConsoleRequest, values: CoordinatorFormValues, errors: [(field: String, message: String)], editing: Coordinator? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let title = t(editing == nil ? .newCoordinatorTitle : .editCoordinatorTitle)
        let back = editing.map { "/coordinators/\($0.id.uuidString.lowercased())" } ?? "/coordinators"
        let taxonomy = NeedFormSupport.flatten(try await services.cities.taxonomy(by: principal), language: t)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var content: [HTML] = [el("p", [], [el("a", [attr("href", back)], t(editing == nil ? .backToCoordinators : .backToCoordinator))])]
        if let editing, changedMeanwhile {
            content.append(Form.changedMeanwhile(
                title: t(.coordinatorChangedMeanwhile), detail: t(.coordinatorChangedDetail, t.date(editing.updatedAt)),
                differences: CompanyPages.differences(CoordinatorFormValues(editing).labelled(t, taxonomy), from: values.labelled(t, taxonomy), t)))
        }
        content.append(Form.errorSummary(request, errors))
        let yesNo = [("false", t(.no)), ("true", t(.yes))]
        var fields: [HTML] = [Layout.csrfField(request)]
        if principal.role == .admin {
            let action = editing.map { "/coordinators/\($0.id.uuidString.lowercased())/edit" } ?? "/coordinators/new"
            let users = try await linkableUsers(request, action: action, keeping: editing?.userId)
            content += [users.searchBox].compactMap { $0 }
            fields += [users.carried, Form.select(name: "userId", label: t(.coordinatorUser), options: users.options, selected: values.userId,
                                                  hint: users.hint, error: message("userId"))]
        }
        fields += [
            Form.textField(request, name: "displayName", label: t(.displayName), value: values.displayName, error: message("displayName")),
            Form.checkboxes(request, name: "expertiseCodes", legend: t(.coordinatorExpertise), options: taxonomy, checked: values.expertiseCodes),
            Form.textField(request, name: "languages", label: t(.coordinatorLanguages), value: values.languages, hint: t(.companyLanguagesHint),
                           error: message("languages")),
            Form.textField(request, name: "countries", label: t(.noteCountries), value: values.countries, hint: t(.noteCountriesHint),
                           error: message("countries")),
            Form.textField(request, name: "formerEmployer", label: t(.coordinatorFormerEmployer), value: values.formerEmployer,
                           error: message("formerEmployer")),
        ]
        if principal.role == .admin {
            fields += [
                Form.select(name: "senior", label: t(.coordinatorSenior), options: yesNo, selected: values.senior),
                Form.textField(request, name: "capacity", label: t(.coordinatorCapacity), value: values.capacity, type: "number",
                               hint: t(.coordinatorCapacityHint), error: message("capacity")),
                Form.select(name: "active", label: t(.coordinatorActive), options: [("true", t(.active)), ("false", t(.coordinatorInactive))],
                            selected: values.active),
            ]
        }
        fields.append(Form.textArea(request, name: "notes", label: t(.coordinatorNotes), value: values.notes, error: message("notes")))
        var action = "/coordinators/new"
        if let editing {
            action = "/coordinators/\(editing.id.uuidString.lowercased())/edit"
            fields.append(Form.version(editing.version))
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .createCoordinatorButton : .saveChanges)))
        content.append(el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields))
        return Layout.page(request, status: status, title: title, section: principal.role == .admin ? .admin : nil, content)
    }

    /// The enabled coordinators and administrators without a profile (the one being edited keeps its
    /// own user in the list), as the service admits them; past `listCeiling`, found by the users' search.
    private func linkableUsers(
        _ request: ConsoleRequest, action: String, keeping kept: UUID?
    ) async throws -> (options: [(value: String, label: String)], searchBox: HTML?, carried: HTML, hint: String?) {
        let principal = try request.principal
        let words = ChoiceSearch.person.words(request)
        var users: [User] = []
        var cut = false
        for role in [Role.coordinator, .admin] {
            let listed = try await Self.listed {
                try await services.accounts.listUsers(
                    filter: UserFilter(role: role, disabled: false, text: words), cursor: $0.after?.encoded, limit: $0.limit, actor: principal)
            }
            users += listed.items
            cut = cut || listed.cut
        }
        // The profile's own user stays offered, chosen, when it is no longer one of those (disabled, or given another
        // role since): the service keeps an unchanged user, so the rest of the form can still be saved.
        let searched = users
        if let kept, !users.contains(where: { $0.id == kept }) {
            users.append(try await services.accounts.user(id: kept, actor: principal))
        }
        let taken = try await services.coordinators.usersWithProfiles(users.map(\.id), by: principal)
        let t = request.language
        let offered = users.filter { !taken.contains($0.id) || $0.id == kept }
        let found = searched.filter { !taken.contains($0.id) || $0.id == kept }.count
        let search = ChoiceSearch.person.parts(request, words: words, found: found, cut: cut, action: action)
        return ([("", t(.noneChosen))] + offered.map { user in
            let state = user.disabled ? t(.accountDisabledMark) : ""
            // The mark beside the name, where a closed list still shows it (the address after it may be cut).
            return (user.id.uuidString.lowercased(), "\(user.displayName)\(state) (\(user.email), \(t(Layout.roleMessage(user.role))))")
        }, search.searchBox, search.carried, search.hint)
    }

    /// Adds a profile, or saves an edit made from the version the form carried (a stale one writes nothing).
    func saveCoordinator(_ request: ConsoleRequest, editing: Coordinator?) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let values = CoordinatorFormValues(request, keeping: principal.role == .admin ? nil : editing)
        // What the console reads itself (a user chosen, a whole number) is checked together with the
        // draft's own rules, so one answer lists every mistake, not the first.
        let userID = UUID(uuidString: values.userId)
        let capacity = Console.wholeNumber(values.capacity).flatMap { Int(exactly: $0) } ?? Int(values.capacity.trimmed)
        // The saved order of the fields still ticked is kept (new ones follow), so an edit that changes
        // nothing there records no change in the audit log.
        let kept = (editing?.expertiseCodes ?? []).filter { values.expertiseCodes.contains($0) }
        let draft = CoordinatorDraft(
            userId: userID ?? UUID(), displayName: values.displayName.trimmed, expertiseCodes: kept + values.expertiseCodes.subtracting(kept).sorted(),
            languages: KnowledgeNoteFormValues.codes(values.languages, uppercased: false), countries: values.countryCodes,
            formerEmployer: values.formerEmployer.trimmed.isEmpty ? nil : values.formerEmployer.trimmed, senior: values.senior == "true",
            capacity: capacity ?? CoordinatorDraft.defaultCapacity, active: values.active != "false",
            notes: values.notes.trimmed.isEmpty ? nil : values.notes)
        var errors: [(field: String, message: String)] = []
        if userID == nil { errors.append((field: "userId", message: t(.coordinatorUserRequired))) }
        if capacity == nil { errors.append((field: "capacity", message: t(.coordinatorCapacityInvalid))) }
        if !errors.isEmpty {
            do { try draft.validate() } catch { errors += coordinatorFieldErrors(error, request) }
            return try await coordinatorForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: 422))
        }
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                let saved = try await services.coordinators.updateCoordinator(editing.id, ifVersion: version, by: principal) { $0 = draft }
                return Layout.seeOther("/coordinators/\(saved.id.uuidString.lowercased())?saved=1")
            }
            let created = try await services.coordinators.createCoordinator(draft, by: principal)
            return Layout.seeOther("/coordinators/\(created.id.uuidString.lowercased())?created=1")
        } catch RecordError.staleVersion {
            return try await coordinatorForm(request, values: values, errors: [], editing: try await editableCoordinator(request),
                                             changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) {
            return try await coordinatorForm(request, values: values, errors: coordinatorFieldErrors(error, request), editing: editing,
                                             status: HTTPStatus(code: error.problem.status))
        }
    }

    private func coordinatorFieldErrors(_ error: any ProblemConvertible, _ request: ConsoleRequest) -> [(field: String, message: String)] {
        let t = request.language
        let taken = (error.problem.errors ?? []).contains { $0.field == "userId" && $0.message.contains("already") }
        guard !taken else { return [(field: "userId", message: t(.coordinatorUserTaken))] }
        return listedFieldErrors(error, request, labels: [
            "userId": .coordinatorUser, "displayName": .displayName, "expertiseCodes": .coordinatorExpertise, "languages": .coordinatorLanguages,
            "countries": .noteCountries, "formerEmployer": .coordinatorFormerEmployer, "capacity": .coordinatorCapacity, "notes": .coordinatorNotes,
        ], countries: ("countries", CoordinatorFormValues(request, keeping: nil).countryCodes)).map { error in
            error.field == "capacity" ? (field: "capacity", message: t(.coordinatorCapacityInvalid)) : error
        }
    }
}

/// What a person typed into the coordinator form, kept as typed so a refused form comes back filled in.
struct CoordinatorFormValues: Sendable, Equatable {
    var userId = ""
    var displayName = ""
    var expertiseCodes: Set<String> = []
    /// Language and country codes as typed, separated by spaces or commas.
    var languages = ""
    var countries = ""
    var formerEmployer = ""
    var senior = "false"
    var capacity = String(CoordinatorDraft.defaultCapacity)
    var active = "true"
    var notes = ""

    init() {}

    init(_ profile: Coordinator) {
        userId = profile.userId.uuidString.lowercased()
        displayName = profile.displayName
        expertiseCodes = Set(profile.expertiseCodes)
        languages = profile.languages.joined(separator: " ")
        countries = profile.countries.joined(separator: " ")
        formerEmployer = profile.formerEmployer ?? ""
        senior = String(profile.senior)
        capacity = String(profile.capacity)
        active = String(profile.active)
        notes = profile.notes ?? ""
    }

    /// The form as sent; a coordinator's own edit (`keeping` its profile) has no administrator's fields,
    /// so those keep their saved values.
    init(_ request: ConsoleRequest, keeping saved: Coordinator?) {
        self = saved.map(CoordinatorFormValues.init) ?? CoordinatorFormValues()
        if saved == nil {
            userId = request.formValue("userId") ?? ""
            senior = request.formValue("senior") ?? "false"
            capacity = request.formValue("capacity") ?? ""
            active = request.formValue("active") ?? "true"
        }
        displayName = request.formValue("displayName") ?? ""
        expertiseCodes = Set(request.formValues("expertiseCodes"))
        languages = request.formValue("languages") ?? ""
        countries = request.formValue("countries") ?? ""
        formerEmployer = request.formValue("formerEmployer") ?? ""
        notes = request.formValue("notes") ?? ""
    }

    var countryCodes: [String] { KnowledgeNoteFormValues.codes(countries) }

    /// Each field with its label and the text a reader sees, for the list of saved values that differ.
    func labelled(_ t: Language, _ taxonomy: [(value: String, label: String)]) -> [(label: String, value: String)] {
        let names = Dictionary(taxonomy, uniquingKeysWith: { first, _ in first })
        return [
            (t(.displayName), displayName),
            (t(.coordinatorExpertise), expertiseCodes.sorted().map { names[$0] ?? $0 }.joined(separator: t == .ja ? "、" : ", ")),
            (t(.coordinatorLanguages), KnowledgeNoteFormValues.codes(languages, uppercased: false).joined(separator: " ")),
            (t(.noteCountries), t.countries(countryCodes)), (t(.coordinatorFormerEmployer), formerEmployer),
            (t(.coordinatorSenior), t(senior == "true" ? .yes : .no)), (t(.coordinatorCapacity), capacity),
            (t(.coordinatorActive), t(active == "false" ? .coordinatorInactive : .active)), (t(.coordinatorNotes), notes),
        ]
    }
}
