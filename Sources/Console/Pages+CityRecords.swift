import Cities
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// A city's local partner companies (managers, and a liaison officer in its own base's city: another
/// city's are the 404 page, as in the API), listed on the city's page and added or edited on pages of
/// their own. Policy dialogues are in Pages+PolicyDialogues.swift.
extension Console {
    var cityRecordPages: [Page] {
        let partner = ["getCity", "listLocalPartners", "createLocalPartner"]
        let partnerEdit = ["getCity", "listLocalPartners", "updateLocalPartner"]
        return [
            Page(.get, "/cities/{id}/partners/new", operations: partner) { console, request in
                _ = try await console.partners(request)
                return try await console.partnerForm(request, values: [:], errors: [])
            },
            Page(.post, "/cities/{id}/partners/new", operations: partner) { console, request in
                _ = try await console.partners(request)
                return try await console.savePartner(request, editing: nil)
            },
            Page(.get, "/cities/{id}/partners/{partnerId}/edit", operations: partnerEdit) { console, request in
                let partner = try await console.partner(request)
                return try await console.partnerForm(request, values: PartnerForm.values(partner), errors: [], editing: partner)
            },
            Page(.post, "/cities/{id}/partners/{partnerId}/edit", operations: partnerEdit) { console, request in
                try await console.savePartner(request, editing: try await console.partner(request))
            },
        ]
    }

    /// A text area's lines, each trimmed, empty ones left out.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    // MARK: Local partner companies

    /// The local partners of the city in the path, when the reader may work in that city (else the 404 page).
    func partners(_ request: ConsoleRequest) async throws -> [LocalPartner] {
        let city = try request.pathUUID("id"), principal = try request.principal
        return try await Self.everyPage { try await services.cities.localPartners(of: city, page: $0, by: principal) }
    }

    /// The partner named in the path, among those of the city in the path the reader may see.
    func partner(_ request: ConsoleRequest) async throws -> LocalPartner {
        let id = try request.pathUUID("partnerId")
        guard let partner = try await partners(request).first(where: { $0.id == id }) else { throw ConsoleError.notFound }
        return partner
    }

    /// The city's partners, or nothing for a liaison officer of another city (the API's 404).
    func partnerSection(_ request: ConsoleRequest, city: City, path: String) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let list: [LocalPartner]
        do {
            list = try await Self.everyPage { try await services.cities.localPartners(of: city.id, page: $0, by: principal) }
        } catch CitiesError.notFound {
            return []
        }
        var section: [HTML] = [el("h2", [], t(.localPartners))]
        if allows(principal.role, "createLocalPartner") {
            section.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "\(path)/partners/new")], t(.addPartnerTitle)),
            ]))
        }
        let editable = allows(principal.role, "updateLocalPartner")
        section.append(list.isEmpty ? el("p", [], t(.noPartners)) : Table.make(
            caption: t(.localPartners), captionShown: false,
            headers: [t(.partnerName), t(.partnerSector), t(.partnerContact), t(.remarks)] + (editable ? [t(.actionsColumn)] : []),
            numeric: [], stacked: true,
            rows: list.map { partner in
                [.text(partner.name), .text(partner.sector ?? "—"), .text(partner.contact ?? "—"), .text(partner.notes ?? "—")]
                    + (editable ? [el("a", [attr("href", "\(path)/partners/\(partner.id.uuidString.lowercased())/edit")], t(.editPartnerLink, partner.name))] : [])
            }))
        return section
    }

    func partnerForm(
        _ request: ConsoleRequest, values: [String: String], errors: [(field: String, message: String)], editing: LocalPartner? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let state = editing.map { editing in
            (id: editing.id, state: Form.editState(
                t, version: editing.version, changedMeanwhile: changedMeanwhile, title: t(.partnerChangedMeanwhile), savedAt: editing.updatedAt,
                saved: PartnerForm.labelled(PartnerForm.values(editing), t), typed: PartnerForm.labelled(values, t)))
        }
        return try await cityRecordFormPage(
            request, status: status, records: "partners", editing: state, title: t(editing == nil ? .addPartnerTitle : .editPartnerTitle),
            button: t(editing == nil ? .savePartner : .saveChanges), errors: errors
        ) { message in
            [
                Form.textField(request, name: "name", label: t(.partnerName), value: values["name"], error: message("name")),
                Form.textField(request, name: "sector", label: t(.partnerSector), value: values["sector"], error: message("sector")),
                Form.textField(request, name: "contact", label: t(.partnerContact), value: values["contact"], hint: t(.partnerContactHint),
                               error: message("contact")),
                Form.textArea(request, name: "notes", label: t(.remarks), value: values["notes"], error: message("notes")),
            ]
        }
    }

    func savePartner(_ request: ConsoleRequest, editing: LocalPartner?) async throws -> HTTPResponse {
        let principal = try request.principal
        let cityID = try request.pathUUID("id")
        let values = request.typedValues(PartnerForm.fieldNames)
        let draft = LocalPartnerDraft(
            name: request.formText("name") ?? "", sector: request.formText("sector"), contact: request.formText("contact"), notes: request.formText("notes"))
        let city = "/cities/\(cityID.uuidString.lowercased())"
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                _ = try await services.cities.updateLocalPartner(editing.id, ifVersion: version, by: principal) { $0 = draft }
                return Layout.seeOther("\(city)?partnerUpdated=1")
            }
            _ = try await services.cities.createLocalPartner(draft, cityID: cityID, by: principal)
            return Layout.seeOther("\(city)?partnerSaved=1")
        } catch CitiesError.staleVersion {
            return try await partnerForm(request, values: values, errors: [], editing: try await partner(request), changedMeanwhile: true,
                                         status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) && error.problem.errors?.isEmpty == false {
            let errors = recordFieldErrors(error, request, values: values, labels: PartnerForm.labels, rules: [
                "is already the name of a partner company in this city": .partnerNameTaken,
            ])
            return try await partnerForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: error.problem.status))
        }
    }
}

enum PartnerForm {
    static let fieldNames = ["name", "sector", "contact", "notes"]
    static let labels: [String: Message] = ["name": .partnerName, "sector": .partnerSector, "contact": .partnerContact, "notes": .remarks]

    static func values(_ partner: LocalPartner) -> [String: String] {
        ["name": partner.name, "sector": partner.sector ?? "", "contact": partner.contact ?? "", "notes": partner.notes ?? ""]
    }

    static func labelled(_ values: [String: String], _ t: Language) -> [(label: String, value: String)] {
        fieldNames.map { (labels[$0].map { t($0) } ?? $0, values[$0] ?? "") }
    }
}
