import Cities
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer

/// A knowledge note's own page, and adding or editing one (`createKnowledgeNote`, `updateKnowledgeNote`):
/// titles and texts in Japanese and/or English, fields from the taxonomy picker, countries. The author
/// edits its notes and an administrator any (the service's rule); an edit carries the version it was
/// filled from, and a save someone made since writes nothing and is explained, the input kept.
extension Console {
    var knowledgeNotePages: [Page] {
        let create = ["createKnowledgeNote", "getTaxonomy"]
        let edit = ["getKnowledgeNote", "updateKnowledgeNote", "getTaxonomy"]
        return [
            Page(.get, "/knowledge/new", operations: create) { console, request in
                try await console.knowledgeNoteForm(request, values: KnowledgeNoteFormValues(), errors: [])
            },
            Page(.post, "/knowledge/new", operations: create, lists: ["taxonomyCodes"]) { console, request in try await console.saveKnowledgeNote(request, editing: nil) },
            Page(.get, "/knowledge/{id}", operations: ["getKnowledgeNote", "getTaxonomy"]) { console, request in
                try await console.knowledgeNotePage(request)
            },
            Page(.get, "/knowledge/{id}/edit", operations: edit) { console, request in
                let note = try await console.editableNote(request)
                return try await console.knowledgeNoteForm(request, values: KnowledgeNoteFormValues(note), errors: [], editing: note)
            },
            Page(.post, "/knowledge/{id}/edit", operations: edit, lists: ["taxonomyCodes"]) { console, request in
                try await console.saveKnowledgeNote(request, editing: try await console.editableNote(request))
            },
        ]
    }

    /// The note in the path, when the reader may edit it; a 403 page otherwise, as the update would answer.
    func editableNote(_ request: ConsoleRequest) async throws -> KnowledgeNote {
        let principal = try request.principal
        let note = try await services.coordinators.knowledgeNote(try request.pathUUID("id"), by: principal)
        guard try await services.coordinators.mayEdit(note, by: principal) else { throw ConsoleError.forbidden }
        return note
    }

    func knowledgeNotePage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let note = try await services.coordinators.knowledgeNote(try request.pathUUID("id"), by: principal)
        let names = NeedFormSupport.names(try await services.cities.taxonomy(by: principal), language: t)
        let path = "/knowledge/\(note.id.uuidString.lowercased())"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/knowledge")], t(.backToKnowledge))])]
        for (flag, message) in [("created", Message.noteCreated), ("saved", .noteSaved)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if allows(principal.role, "updateKnowledgeNote"), try await services.coordinators.mayEdit(note, by: principal) {
            content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.editNote))]))
        }
        var author = "—"
        if allows(principal.role, "getCoordinator") {
            author = try await services.coordinators.coordinator(note.authorCoordinatorID, by: principal).displayName
        }
        let text = { (value: String?) -> HTML in value.map { el("dd", [attr("class", "note-body")], $0) } ?? el("dd", [], "—") }
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.noteTitleJa)), text(note.titleJa),
            el("dt", [], t(.noteTitleEn)), text(note.titleEn),
            el("dt", [], t(.noteBodyJa)), text(note.bodyJa),
            el("dt", [], t(.noteBodyEn)), text(note.bodyEn),
            el("dt", [], t(.taxonomy)), el("dd", [], note.taxonomyCodes.isEmpty ? [.text("—")] : note.taxonomyCodes.map { el("span", [attr("class", "tag")], names[$0] ?? $0) }),
            el("dt", [], t(.noteCountries)), el("dd", [], note.countries.isEmpty ? [.text("—")] : note.countries.map { el("span", [attr("class", "tag")], t.country($0)) }),
            el("dt", [], t(.noteAuthor)), el("dd", [], author),
            el("dt", [], t(.noteWrittenOn)), el("dd", [], t.date(note.createdAt)),
            el("dt", [], t(.noteUpdatedOn)), el("dd", [], t.date(note.updatedAt)),
        ]))
        return Layout.page(request, title: t.pick(ja: note.titleJa, en: note.titleEn).text, section: .knowledge, content)
    }

    /// Adds (editing nil) or edits a note. A person without a coordinator profile (an administrator
    /// before one is made) cannot be a note's author: the page says so instead of offering the form.
    func knowledgeNoteForm(
        _ request: ConsoleRequest, values: KnowledgeNoteFormValues, errors: [(field: String, message: String)], editing: KnowledgeNote? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let title = t(editing == nil ? .addNoteTitle : .editNoteTitle)
        let back = editing.map { "/knowledge/\($0.id.uuidString.lowercased())" } ?? "/knowledge"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", back)], t(editing == nil ? .backToKnowledge : .backToNote))])]
        if editing == nil, try await services.coordinators.ownProfile(by: principal) == nil {
            // Asking an administrator is no way forward for one who is an administrator: they make their own profile.
            if mayOpen(principal.role, "/coordinators/new") {
                content.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("p", [], t(.noteNeedsOwnProfile)), el("p", [], [el("a", [attr("href", "/coordinators/new")], t(.noteCreateOwnProfile))]),
                ]))
            } else {
                content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.noteNeedsProfile)))
            }
            return Layout.page(request, status: status, title: title, section: .knowledge, content)
        }
        let taxonomy = NeedFormSupport.flatten(try await services.cities.taxonomy(by: principal), language: t)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        content.append(Form.errorSummary(request, errors))
        var action = "/knowledge/new"
        var fields: [HTML] = [Layout.csrfField(request)] + Form.bilingual(
            request, titles: [("titleJa", t(.noteTitleJa), values.titleJa), ("titleEn", t(.noteTitleEn), values.titleEn)],
            texts: [("bodyJa", t(.noteBodyJa), values.bodyJa), ("bodyEn", t(.noteBodyEn), values.bodyEn)], error: message) + [
            Form.checkboxes(request, name: "taxonomyCodes", legend: t(.taxonomy), options: taxonomy, checked: values.taxonomyCodes),
            Form.textField(request, name: "countries", label: t(.noteCountries), value: values.countries, hint: t(.noteCountriesHint), error: message("countries")),
        ]
        if let editing {
            action = "/knowledge/\(editing.id.uuidString.lowercased())/edit"
            fields.append(Form.version(editing.version))
            if changedMeanwhile {
                content.append(Form.changedMeanwhile(
                    title: t(.noteChangedMeanwhile), detail: t(.noteChangedDetail, t.date(editing.updatedAt)),
                    differences: CompanyPages.differences(KnowledgeNoteFormValues(editing).labelled(t, taxonomy), from: values.labelled(t, taxonomy), t)))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .saveNote : .saveChanges)))
        content.append(el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields))
        return Layout.page(request, status: status, title: title, section: .knowledge, content)
    }

    /// Adds a note, or saves an edit made from the version the form carried (a stale one writes nothing).
    func saveKnowledgeNote(_ request: ConsoleRequest, editing: KnowledgeNote?) async throws -> HTTPResponse {
        let principal = try request.principal
        let values = KnowledgeNoteFormValues(request)
        let draft = KnowledgeNoteDraft(
            titleJa: request.formText("titleJa"), titleEn: request.formText("titleEn"), bodyJa: request.formText("bodyJa"),
            bodyEn: request.formText("bodyEn"), taxonomyCodes: request.formValues("taxonomyCodes"), countries: values.countryCodes)
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                let note = try await services.coordinators.updateKnowledgeNote(editing.id, ifVersion: version, by: principal) { $0 = draft }
                return Layout.seeOther("/knowledge/\(note.id.uuidString.lowercased())?saved=1")
            }
            let note = try await services.coordinators.createKnowledgeNote(draft, by: principal)
            return Layout.seeOther("/knowledge/\(note.id.uuidString.lowercased())?created=1")
        } catch RecordError.staleVersion {
            return try await knowledgeNoteForm(request, values: values, errors: [], editing: try await editableNote(request), changedMeanwhile: true,
                                               status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await knowledgeNoteForm(request, values: values, errors: noteFieldErrors(error, request), editing: editing,
                                               status: HTTPStatus(code: 422))
        }
    }

    /// The service's field rules beside their fields, each field named by its label. A country's rule
    /// ("countries.1") names the code that is not one.
    private func noteFieldErrors(_ error: any ProblemConvertible, _ request: ConsoleRequest) -> [(field: String, message: String)] {
        let t = request.language
        let errors = listedFieldErrors(error, request, labels: [
            "titleJa": .noteTitleJa, "titleEn": .noteTitleEn, "bodyJa": .noteBodyJa, "bodyEn": .noteBodyEn, "taxonomyCodes": .taxonomy,
            "countries": .noteCountries,
        ], countries: ("countries", KnowledgeNoteFormValues(request).countryCodes))
        let problems = error.problem.errors ?? []
        guard !problems.contains(where: { $0.field == "authorCoordinatorId" }) else { return [(field: "titleJa", message: t(.noteNeedsProfile))] }
        return errors
    }

    /// `fieldErrors`, with a list of country codes typed in one field (`countries`: its name and the codes
    /// as sent): an item's rule ("countries.1") is written beside that field and names the code.
    /// Each field error of the service beside its wording by `fieldErrors`, or nil when they do not pair up.
    func pairedFieldErrors(
        _ error: any ProblemConvertible, _ request: ConsoleRequest, labels: [String: Message]
    ) -> [(problem: FieldError, worded: (field: String, message: String))]? {
        let general = fieldErrors(error, request, labels: labels)
        let problems = error.problem.errors ?? []
        guard problems.count == general.count else { return nil }
        return zip(problems, general).map { (problem: $0, worded: $1) }
    }

    func listedFieldErrors(
        _ error: any ProblemConvertible, _ request: ConsoleRequest, labels: [String: Message], countries: (field: String, codes: [String])
    ) -> [(field: String, message: String)] {
        let t = request.language
        guard let paired = pairedFieldErrors(error, request, labels: labels) else { return fieldErrors(error, request, labels: labels) }
        return paired.map { problem, worded in
            let parts = problem.field.split(separator: ".")
            guard parts.first.map(String.init) == countries.field else { return worded }
            if parts.count == 2, let index = Int(parts[1]), countries.codes.indices.contains(index) {
                return (field: countries.field, message: t(.noteCountryInvalid, countries.codes[index]))
            }
            return (field: countries.field, message: t(.fieldInvalid, labels[countries.field].map { t($0) } ?? countries.field))
        }
    }
}

/// What a person typed into the note form, kept as typed so a refused form comes back filled in.
struct KnowledgeNoteFormValues: Sendable, Equatable {
    var titleJa = ""
    var titleEn = ""
    var bodyJa = ""
    var bodyEn = ""
    var taxonomyCodes: Set<String> = []
    /// Country codes as typed: separated by spaces, commas or 、.
    var countries = ""

    init() {}

    init(_ note: KnowledgeNote) {
        titleJa = note.titleJa ?? ""
        titleEn = note.titleEn ?? ""
        bodyJa = note.bodyJa ?? ""
        bodyEn = note.bodyEn ?? ""
        taxonomyCodes = Set(note.taxonomyCodes)
        countries = note.countries.joined(separator: " ")
    }

    init(_ request: ConsoleRequest) {
        titleJa = request.formValue("titleJa") ?? ""
        titleEn = request.formValue("titleEn") ?? ""
        bodyJa = request.formValue("bodyJa") ?? ""
        bodyEn = request.formValue("bodyEn") ?? ""
        taxonomyCodes = Set(request.formValues("taxonomyCodes"))
        countries = request.formValue("countries") ?? ""
    }

    /// The codes in upper case, in the order typed, each once (the service checks each is a country).
    var countryCodes: [String] { Self.codes(countries) }

    /// Codes typed in one field, separated by spaces, commas or 、, each once in the order typed.
    static func codes(_ text: String, uppercased: Bool = true) -> [String] {
        var seen: Set<String> = []
        return text.split { $0.isWhitespace || $0 == "," || $0 == "、" || $0 == "，" }
            .map { uppercased ? $0.uppercased() : String($0) }.filter { seen.insert($0).inserted }
    }

    /// Each field with its label and the text a reader sees (fields and countries by name).
    func labelled(_ t: Language, _ taxonomy: [(value: String, label: String)]) -> [(label: String, value: String)] {
        let names = Dictionary(taxonomy, uniquingKeysWith: { first, _ in first })
        return [
            (t(.noteTitleJa), titleJa), (t(.noteTitleEn), titleEn), (t(.noteBodyJa), bodyJa), (t(.noteBodyEn), bodyEn),
            (t(.taxonomy), taxonomyCodes.sorted().map { names[$0] ?? $0 }.joined(separator: t == .ja ? "、" : ", ")),
            (t(.noteCountries), t.countries(countryCodes)),
        ]
    }
}
