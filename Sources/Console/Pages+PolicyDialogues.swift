import Cities
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// A city's policy dialogues: listed on the city's page for those who may read them (managers and the
/// council), recorded and corrected by managers on pages of their own. A correction carries the
/// dialogue's version, so one made meanwhile by someone else is shown, never overwritten.
extension Console {
    var policyDialoguePages: [Page] {
        let create = ["getCity", "createPolicyDialogue"]
        let edit = ["getCity", "getPolicyDialogue", "updatePolicyDialogue"]
        return [
            Page(.get, "/cities/{id}/policy-dialogues/new", operations: create) { console, request in
                try await console.dialogueForm(request, values: [:], errors: [])
            },
            Page(.post, "/cities/{id}/policy-dialogues/new", operations: create) { console, request in
                try await console.saveDialogue(request, editing: nil)
            },
            Page(.get, "/cities/{id}/policy-dialogues/{dialogueId}/edit", operations: edit) { console, request in
                let dialogue = try await console.dialogue(request)
                return try await console.dialogueForm(request, values: DialogueForm.values(dialogue), errors: [], editing: dialogue)
            },
            Page(.post, "/cities/{id}/policy-dialogues/{dialogueId}/edit", operations: edit) { console, request in
                try await console.saveDialogue(request, editing: try await console.dialogue(request))
            },
        ]
    }

    /// The dialogue named in the path, when it was held with the city in the path (else the 404 page).
    func dialogue(_ request: ConsoleRequest) async throws -> PolicyDialogue {
        let dialogue = try await services.cities.policyDialogue(try request.pathUUID("dialogueId"), by: try request.principal)
        guard dialogue.cityID == (try request.pathUUID("id")) else { throw ConsoleError.notFound }
        return dialogue
    }

    func dialogueSection(_ request: ConsoleRequest, city: City, path: String) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        let dialogues = try await Self.everyPage { try await services.cities.policyDialogues(of: city.id, page: $0, by: principal) }
        var section: [HTML] = [el("h2", [], t(.policyDialogues))]
        if allows(principal.role, "createPolicyDialogue") {
            section.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "\(path)/policy-dialogues/new")], t(.addDialogueTitle)),
            ]))
        }
        let editable = allows(principal.role, "updatePolicyDialogue")
        section.append(dialogues.isEmpty ? el("p", [], t(.noDialogues)) : Table.make(
            caption: t(.policyDialogues), captionShown: false,
            headers: [t(.dialogueHeldOn), t(.dialogueParticipants), t(.dialogueTopics), t(.dialogueOutcomes)] + (editable ? [t(.actionsColumn)] : []),
            numeric: [], compact: [0], stacked: true,
            rows: dialogues.sorted { $0.heldOn > $1.heldOn }.map { dialogue in
                let edit = "\(path)/policy-dialogues/\(dialogue.id.uuidString.lowercased())/edit"
                return [.text(t.date(dialogue.heldOn)), .text(DialogueForm.joined(dialogue.participants, t)),
                        .text(DialogueForm.joined(dialogue.topics, t)), .text(dialogue.outcomes ?? "—")]
                    + (editable ? [el("a", [attr("href", edit)], t(.editDialogueLink, t.date(dialogue.heldOn)))] : [])
            }))
        return section
    }

    func dialogueForm(
        _ request: ConsoleRequest, values: [String: String], errors: [(field: String, message: String)], editing: PolicyDialogue? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let state = editing.map { editing in
            (id: editing.id, state: Form.editState(
                t, version: editing.version, changedMeanwhile: changedMeanwhile, title: t(.dialogueChangedMeanwhile), savedAt: editing.updatedAt,
                saved: DialogueForm.labelled(DialogueForm.values(editing), t), typed: DialogueForm.labelled(values, t)))
        }
        return try await cityRecordFormPage(
            request, status: status, records: "policy-dialogues", editing: state, title: t(editing == nil ? .addDialogueTitle : .editDialogueTitle),
            button: t(editing == nil ? .saveDialogue : .saveChanges), errors: errors
        ) { message in
            [
                Form.textField(request, name: "heldOn", label: t(.dialogueHeldOn), value: values["heldOn"], type: "date", hint: t(.dateHint),
                               error: message("heldOn")),
                Form.textArea(request, name: "participants", label: t(.dialogueParticipants), value: values["participants"], hint: t(.onePerLine),
                              error: message("participants")),
                Form.textArea(request, name: "topics", label: t(.dialogueTopics), value: values["topics"], hint: t(.onePerLine), error: message("topics")),
                Form.textArea(request, name: "outcomes", label: t(.dialogueOutcomes), value: values["outcomes"], error: message("outcomes")),
            ]
        }
    }

    /// The page of a form for one record of the city in the path (a policy dialogue, a local partner):
    /// the way back to the city, the error summary and, when editing, the version and a concurrent save's notice.
    func cityRecordFormPage(
        _ request: ConsoleRequest, status: HTTPStatus, records: String, editing: (id: UUID, state: (field: HTML, notice: HTML))?, title: String,
        button: String, errors: [(field: String, message: String)], fields: (_ message: (String) -> String?) -> [HTML]
    ) async throws -> HTTPResponse {
        let t = request.language
        let city = try await services.cities.city(try request.pathUUID("id"), by: try request.principal)
        let path = "/cities/\(city.id.uuidString.lowercased())"
        var body = [Layout.csrfField(request)] + fields { field in errors.first { $0.field == field }?.message }
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var action = "\(path)/\(records)/new"
        if let editing {
            action = "\(path)/\(records)/\(editing.id.uuidString.lowercased())/edit"
            body.append(editing.state.field)
            notices.append(editing.state.notice)
        }
        body.append(el("button", [attr("type", "submit")], button))
        return Layout.page(request, status: status, title: title, section: .cities, [
            el("p", [], [el("a", [attr("href", path)], t(.backToCity, t.pick(ja: city.nameJa, en: city.nameEn).text))]),
        ] + notices + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], body)])
    }

    func saveDialogue(_ request: ConsoleRequest, editing: PolicyDialogue?) async throws -> HTTPResponse {
        let t = request.language
        let cityID = try request.pathUUID("id")
        let values = request.typedValues(DialogueForm.fieldNames)
        guard let text = request.formText("heldOn"), let heldOn = CalendarDate(text) else {
            let message = request.formText("heldOn") == nil ? t(.fieldRequired, t(.dialogueHeldOn)) : t(.fieldInvalid, t(.dialogueHeldOn))
            return try await dialogueForm(request, values: values, errors: [("heldOn", message)], editing: editing, status: HTTPStatus(code: 422))
        }
        let draft = PolicyDialogueDraft(
            heldOn: heldOn, participants: Self.lines(request.formValue("participants")), topics: Self.lines(request.formValue("topics")),
            outcomes: request.formText("outcomes"))
        let city = "/cities/\(cityID.uuidString.lowercased())"
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                _ = try await services.cities.updatePolicyDialogue(editing.id, ifVersion: version, by: try request.principal) { $0 = draft }
                return Layout.seeOther("\(city)?dialogueUpdated=1")
            }
            _ = try await services.cities.createPolicyDialogue(draft, cityID: cityID, by: try request.principal)
            return Layout.seeOther("\(city)?dialogueSaved=1")
        } catch CitiesError.staleVersion {
            return try await dialogueForm(request, values: values, errors: [], editing: try await dialogue(request), changedMeanwhile: true,
                                          status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 && error.problem.errors?.isEmpty == false {
            let errors = recordFieldErrors(error, request, values: values, labels: DialogueForm.labels,
                                          rules: [PolicyDialogueDraft.afterToday: .dialogueHeldAfterToday])
            return try await dialogueForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: 422))
        }
    }
}

/// The dialogue form's fields: their labels, and the stored values as the form shows them (one
/// participant or topic a line).
enum DialogueForm {
    static let fieldNames = ["heldOn", "participants", "topics", "outcomes"]
    static let labels: [String: Message] = [
        "heldOn": .dialogueHeldOn, "participants": .dialogueParticipants, "topics": .dialogueTopics, "outcomes": .dialogueOutcomes,
    ]

    static func values(_ dialogue: PolicyDialogue) -> [String: String] {
        ["heldOn": dialogue.heldOn.description, "participants": dialogue.participants.joined(separator: "\n"),
         "topics": dialogue.topics.joined(separator: "\n"), "outcomes": dialogue.outcomes ?? ""]
    }

    /// Each field labelled, lists as one line (so a line break typed differently is no difference).
    static func labelled(_ values: [String: String], _ t: Language) -> [(label: String, value: String)] {
        fieldNames.map { name in
            let value = values[name] ?? ""
            let shown = ["participants", "topics"].contains(name) ? joined(Console.lines(value), t) : value
            return (labels[name].map { t($0) } ?? name, shown)
        }
    }

    static func joined(_ items: [String], _ t: Language) -> String {
        items.joined(separator: t == .ja ? "、" : ", ")
    }
}
