import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// Editing a lead (`updateLead`): every field the API takes, from the version the form was filled
/// from. The city is fixed (the API refuses a change: another city is another lead) and only an
/// administrator reassigns the owner, so those show as text to anyone else. A save from an older page
/// writes nothing and answers 409 with the saved values that differ, the input kept.
extension Console {
    static let leadEditOperations = ["getLead", "updateLead", "getCity", "listNeeds", "listLiaisonBases", "listCoordinators"]

    var leadEditPages: [Page] {
        [
            Page(.get, "/leads/{id}/edit", operations: Self.leadEditOperations) { console, request in
                let lead = try await console.services.coordinators.lead(try request.pathUUID("id"), by: try request.principal)
                return try await console.leadForm(request, lead: lead, values: LeadFormValues(lead), errors: [])
            },
            Page(.post, "/leads/{id}/edit", operations: Self.leadEditOperations, lists: ["needIds"]) { console, request in
                try await console.saveLead(request)
            },
        ]
    }

    func leadForm(
        _ request: ConsoleRequest, lead: Lead, values: LeadFormValues, errors: [(field: String, message: String)], changedMeanwhile: Bool = false,
        status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let city = try await services.cities.city(lead.cityId, by: principal)
        // Every need and base of the city and every coordinator (ux15: the first 100 were offered, and a
        // lead's need beyond them was unlinked by saving); a lead's own needs past the ceiling are added.
        var needs = try await Self.everyPage { try await services.cities.needs(CityNeedFilter(cityID: lead.cityId), page: $0, by: principal) }
        for id in lead.needIds where !needs.contains(where: { $0.id == id }) {
            needs.append(try await services.cities.need(id, by: principal))
        }
        let bases = try await Self.everyPage { try await services.cities.liaisonBases(LiaisonBaseFilter(cityID: lead.cityId), page: $0, by: principal) }
        let coordinators = try await Self.everyPage { try await services.coordinators.coordinators(CoordinatorFilter(), page: $0, by: principal) }
        let path = "/leads/\(lead.id.uuidString.lowercased())"
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        if changedMeanwhile {
            let names = LeadFormValues.Names(needs: needs, bases: bases, coordinators: coordinators, t: t)
            notices.append(Form.changedMeanwhile(
                title: t(.leadChangedMeanwhile), detail: t(.leadChangedDetail, t.date(lead.updatedAt)),
                differences: CompanyPages.differences(LeadFormValues(lead).labelled(t, names), from: values.labelled(t, names), t)))
        }
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.version(lead.version),
            Form.textField(request, name: "title", label: t(.leadTitle), value: values.title, required: true, error: message("title")),
            el("p", [], [el("strong", [], t(.city) + "："), .text(t.city(ja: city.nameJa, en: city.nameEn, country: city.country))]),
            // A refused need (removed, or moved to another city, since the form was shown) is said above the list.
            message(Self.leadNeedsErrorField).map { el("p", [attr("class", "field-error")], $0) } ?? .fragment([]),
            Form.checkboxes(request, name: "needIds", legend: t(.leadNeeds), options: needs.map { need in
                (need.id.uuidString.lowercased(), t.pick(ja: need.titleJa, en: need.titleEn).text)
            }, checked: Set(values.needs)),
            Form.select(name: "sourceChannel", label: t(.needSource), options: LeadSourceChannel.allCases.map { ($0.rawValue, t(Self.leadSourceMessage($0))) },
                        selected: values.channel, error: message("sourceChannel")),
            Form.select(name: "sourceLiaisonBaseId", label: t(.leadSourceBase), options: [("", t(.matchNoneChosen))] + bases.map { ($0.id.uuidString.lowercased(), $0.name) },
                        selected: values.base, error: message("sourceLiaisonBaseId")),
            Form.textField(request, name: "sourceReference", label: t(.leadSourceReference), value: values.reference, error: message("sourceReference")),
        ]
        if principal.role == .admin {
            // Those who may own leads (not an inactive profile, nor a disabled user's), and the lead's owner whoever it is: an
            // edit that leaves the owner alone saves the other fields, and the browser would otherwise send the first one offered.
            let owners = try await services.coordinators.leadOwners(among: coordinators, by: principal)
            let offered = owners + coordinators.filter { $0.id == lead.ownerCoordinatorId && !owners.contains($0) }
            fields.append(Form.select(name: "ownerCoordinatorId", label: t(.leadOwner), options: offered.map { ($0.id.uuidString.lowercased(), $0.displayName) },
                                      selected: values.owner, error: message("ownerCoordinatorId")))
        } else {
            // Only an administrator reassigns a lead: the owner is shown, and sent back unchanged.
            let owner = coordinators.first { $0.id.uuidString.lowercased() == values.owner }?.displayName ?? "—"
            fields += [el("p", [], [el("strong", [], t(.leadOwner) + "："), .text(owner)]),
                       .void("input", [attr("type", "hidden"), attr("name", "ownerCoordinatorId"), attr("value", values.owner)])]
        }
        fields += [
            Form.textField(request, name: "estimatedValueYen", label: t(.estimatedValue), value: values.value, hint: t(.leadValueHint),
                           error: message("estimatedValueYen")),
            Form.textField(request, name: "expectedCloseOn", label: t(.leadExpectedClose), value: values.expectedClose, type: "date",
                           error: message("expectedCloseOn")),
            el("button", [attr("type", "submit")], t(.leadSave)),
        ]
        return Layout.page(request, status: status, title: t(.leadEditTitle, lead.title), section: .leads,
                           [el("p", [], [el("a", [attr("href", path)], t(.matchBackToLead, lead.title))])] + notices
                            + [el("form", [attr("method", "post"), attr("action", "\(path)/edit"), flag("novalidate")], fields)])
    }

    func saveLead(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let values = LeadFormValues(request)
        guard let version = request.formValue("version").flatMap(Int.init), let channel = LeadSourceChannel(rawValue: values.channel) else {
            throw ConsoleError.badRequest
        }
        var errors: [(field: String, message: String)] = []
        if values.title.trimmed.isEmpty { errors.append(("title", t(.leadTitleRequired))) }
        let value = values.value.trimmed.isEmpty ? nil : Self.amountYen(values.value)
        if !values.value.trimmed.isEmpty, value == nil { errors.append(("estimatedValueYen", t(.leadValueInvalid))) }
        let close = values.expectedClose.trimmed.isEmpty ? nil : CalendarDate(values.expectedClose.trimmed)
        if !values.expectedClose.trimmed.isEmpty, close == nil { errors.append(("expectedCloseOn", t(.dateInvalid))) }
        let current = try await services.coordinators.lead(id, by: principal)
        guard errors.isEmpty else { return try await leadForm(request, lead: current, values: values, errors: errors, status: HTTPStatus(code: 422)) }
        do {
            _ = try await services.coordinators.updateLead(id, ifVersion: version, by: principal) { draft in
                draft.title = values.title.trimmed
                draft.needIds = values.needs.compactMap(UUID.init(uuidString:))
                draft.sourceChannel = channel
                draft.sourceLiaisonBaseId = UUID(uuidString: values.base)
                draft.sourceReference = values.reference.trimmed.isEmpty ? nil : values.reference.trimmed
                if principal.role == .admin, let owner = UUID(uuidString: values.owner) { draft.ownerCoordinatorId = owner }
                draft.estimatedValueYen = value
                draft.expectedCloseOn = close
            }
            return Layout.seeOther("/leads/\(id.uuidString.lowercased())?edited=1")
        } catch RecordError.staleVersion {
            return try await leadForm(request, lead: current, values: values, errors: [], changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch RecordError.invalid(let problems) {
            let labels: [String: Message] = [
                "title": .leadTitle, "needIds": .leadNeeds, "sourceChannel": .needSource, "sourceLiaisonBaseId": .leadSourceBase,
                "sourceReference": .leadSourceReference, "ownerCoordinatorId": .leadOwner, "estimatedValueYen": .estimatedValue, "expectedCloseOn": .leadExpectedClose,
            ]
            let errors = problems.map { problem in
                // `needIds.2`: the third need chosen is unknown or of another city.
                if problem.field.hasPrefix("needIds.") { return (field: Self.leadNeedsErrorField, message: t(.leadNeedNotOfCity)) }
                // An owner chosen from an older page: its profile made inactive, or its user disabled, since.
                if problem.field == "ownerCoordinatorId" { return (field: problem.field, message: t(.leadOwnerUnavailable)) }
                let label = labels[problem.field].map { t($0) } ?? problem.field
                return (field: labels[problem.field] == nil ? "title" : problem.field,
                        message: problem.message == LeadDraft.baseOfAnotherCity ? t(.leadBaseOfAnotherCity)
                            : problem.field == "sourceLiaisonBaseId" ? t(.leadBaseOnlyForChannel)
                            : Self.fieldMessage(problem.message, field: problem.field, label: label, t))
            }
            return try await leadForm(request, lead: current, values: values, errors: errors, status: HTTPStatus(code: 422))
        }
    }

    /// The needs' error links from the summary to the first checkbox (`Form.checkboxes` ids them `needIds-0`, …).
    static let leadNeedsErrorField = "needIds-0"

    static func leadSourceMessage(_ channel: LeadSourceChannel) -> Message {
        switch channel {
        case .liaisonBase: .sourceLiaisonBase
        case .policyDialogue: .sourcePolicyDialogue
        case .convention: .sourceConvention
        case .inquiry: .sourceInquiry
        }
    }
}

/// What the lead form holds, as typed.
struct LeadFormValues: Sendable, Equatable {
    var title = "", needs: [String] = [], channel = "", base = "", reference = "", owner = "", value = "", expectedClose = ""

    init(_ lead: Lead) {
        title = lead.title
        needs = lead.needIds.map { $0.uuidString.lowercased() }
        channel = lead.sourceChannel.rawValue
        base = lead.sourceLiaisonBaseId?.uuidString.lowercased() ?? ""
        reference = lead.sourceReference ?? ""
        owner = lead.ownerCoordinatorId.uuidString.lowercased()
        value = lead.estimatedValueYen.map(String.init) ?? ""
        expectedClose = lead.expectedCloseOn?.description ?? ""
    }

    init(_ request: ConsoleRequest) {
        title = request.formValue("title") ?? ""
        needs = request.formValues("needIds").map { $0.lowercased() }
        channel = request.formValue("sourceChannel") ?? ""
        base = request.formValue("sourceLiaisonBaseId") ?? ""
        reference = request.formValue("sourceReference") ?? ""
        owner = request.formValue("ownerCoordinatorId") ?? ""
        value = request.formValue("estimatedValueYen") ?? ""
        expectedClose = request.formValue("expectedCloseOn") ?? ""
    }

    /// Names for the ids the form holds, so the saved values that differ read as words.
    struct Names {
        let needs: [String: String], bases: [String: String], coordinators: [String: String]

        init(needs: [CityNeed], bases: [LiaisonBase], coordinators: [Coordinator], t: Language) {
            self.needs = Dictionary(uniqueKeysWithValues: needs.map { ($0.id.uuidString.lowercased(), t.pick(ja: $0.titleJa, en: $0.titleEn).text) })
            self.bases = Dictionary(uniqueKeysWithValues: bases.map { ($0.id.uuidString.lowercased(), $0.name) })
            self.coordinators = Dictionary(uniqueKeysWithValues: coordinators.map { ($0.id.uuidString.lowercased(), $0.displayName) })
        }
    }

    func labelled(_ t: Language, _ names: Names) -> [(label: String, value: String)] {
        [(t(.leadTitle), title), (t(.leadNeeds), needs.sorted().map { names.needs[$0] ?? $0 }.joined(separator: t(.listSeparator))),
         (t(.needSource), LeadSourceChannel(rawValue: channel).map { t(Console.leadSourceMessage($0)) } ?? channel),
         (t(.leadSourceBase), names.bases[base] ?? base), (t(.leadSourceReference), reference),
         (t(.leadOwner), names.coordinators[owner] ?? owner), (t(.estimatedValue), value), (t(.leadExpectedClose), expectedClose)]
    }
}
