import Accounts
import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// Creating and editing an event from the browser (`createEvent`, `updateEvent`): every field the API
/// takes. The organizer list is chosen by admins, who may list users (`listUsers`), among the enabled
/// organizer users; an organizer's form leaves it as it is (one who creates an event is added by the
/// service). Times are typed and shown in Japan time. An edit carries the version it was filled
/// from; a save someone made meanwhile writes nothing and brings the form back with the person's input
/// and the saved values that differ.
extension Console {
    var eventFormPages: [Page] {
        [
            Page(.get, "/conventions/events/new", operations: ["createEvent"]) { console, request in
                try await console.eventForm(request, values: EventFormValues(), errors: [])
            },
            Page(.post, "/conventions/events/new", operations: ["createEvent"], lists: ["organizerUserIds"]) { console, request in
                try await console.saveEvent(request, editing: nil)
            },
            Page(.get, "/conventions/events/{id}/edit", operations: ["getEvent", "updateEvent"]) { console, request in
                let event = try await console.services.conventions.managedEvent(try request.pathUUID("id"), by: try request.principal)
                return try await console.eventForm(request, values: EventFormValues(event), errors: [], editing: event)
            },
            Page(.post, "/conventions/events/{id}/edit", operations: ["getEvent", "updateEvent"], lists: ["organizerUserIds"]) { console, request in
                let event = try await console.services.conventions.managedEvent(try request.pathUUID("id"), by: try request.principal)
                return try await console.saveEvent(request, editing: event)
            },
        ]
    }

    func eventForm(
        _ request: ConsoleRequest, values: EventFormValues, errors: [(field: String, message: String)], editing: Event? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let organizers = try await organizerOptions(try request.principal, keeping: editing?.organizerUserIds ?? [], t)
        func when(_ name: String, _ label: Message, _ value: String, hint: String? = nil) -> HTML {
            Form.textField(request, name: name, label: t(label), value: value, type: "datetime-local", hint: hint ?? t(.japanTimeHint), error: message(name))
        }
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.select(name: "kind", label: t(.eventKind), options: EventKind.allCases.map { ($0.rawValue, t(Self.kindMessage($0))) },
                        selected: values.kind, error: message("kind")),
            Form.textField(request, name: "titleJa", label: t(.eventTitleJa), value: values.titleJa, hint: t(.oneLanguageEnough), error: message("titleJa")),
            Form.textField(request, name: "titleEn", label: t(.eventTitleEn), value: values.titleEn, error: message("titleEn")),
            when("startsAt", .eventStartsAt, values.startsAt),
            when("endsAt", .eventEndsAt, values.endsAt),
            Form.select(name: "format", label: t(.eventFormat), options: EventFormat.allCases.map { ($0.rawValue, t(Self.formatMessage($0))) },
                        selected: values.format, error: message("format")),
            Form.textField(request, name: "venue", label: t(.eventVenue), value: values.venue, error: message("venue")),
            Form.textField(request, name: "inPersonCapacity", label: t(.eventInPersonCapacity), value: values.inPersonCapacity, type: "number",
                           hint: t(.eventCapacityHint), error: message("inPersonCapacity")),
            Form.textField(request, name: "onlineCapacity", label: t(.eventOnlineCapacity), value: values.onlineCapacity, type: "number",
                           error: message("onlineCapacity")),
            when("registrationOpensAt", .eventRegistrationOpens, values.registrationOpensAt, hint: t(.eventRegistrationHint)),
            when("registrationClosesAt", .eventRegistrationCloses, values.registrationClosesAt),
            Form.textField(request, name: "retentionDays", label: t(.retentionDaysLabel), value: values.retentionDays, type: "number",
                           hint: t(.retentionDaysDefaultHint, t.number(Self.defaultRetentionDays)), error: message("retentionDays")),
        ]
        if let organizers {
            fields.append(Form.checkboxes(request, name: "organizerUserIds", legend: t(.eventOrganizers), options: organizers.options, checked: values.organizers))
            if organizers.cut { fields.append(el("p", [attr("class", "hint")], t(.organizerListCut, t.number(Self.listCeiling)))) }
        }
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var action = "/conventions/events/new", back = "/conventions", backLabel = Message.backToEvents
        if let editing {
            back = "/conventions/events/\(editing.id.uuidString.lowercased())"
            backLabel = .deskBack
            action = back + "/edit"
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(editing.version))]))
            if changedMeanwhile {
                notices.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("h2", [], t(.eventChangedMeanwhile)),
                    el("p", [], t(.recordChangedDetail, t.date(editing.updatedAt) + " " + GuestPages.clock(editing.updatedAt))),
                    CompanyPages.differences(EventFormValues(editing).labelled(t), from: values.labelled(t), t),
                ]))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .createEventButton : .saveChanges)))
        let title = editing.map { t(.editEventTitle, GuestPages.title(of: $0, in: t)) } ?? t(.newEventTitle)
        return Layout.page(request, status: status, title: title, section: .conventions, [el("p", [], [el("a", [attr("href", back)], t(backLabel))])]
            + notices + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)])
    }

    /// Creates, or saves an edit from the version the form carried. A value the form cannot read (a time
    /// that is not one) is refused here, before the service; the service's own rules come back beside
    /// their fields. Either way nothing is written and the person's input stays.
    func saveEvent(_ request: ConsoleRequest, editing: Event?) async throws -> HTTPResponse {
        let t = request.language
        let values = EventFormValues(request)
        let (parsed, problems) = values.draft(t)
        guard let draft = parsed, problems.isEmpty else {
            return try await eventForm(request, values: values, errors: problems, editing: editing, status: HTTPStatus(code: 422))
        }
        let principal = try request.principal
        // An admin's form chooses the organizers among those it showed; any other (added through the API
        // meanwhile) is kept, since the person could not see it.
        let offered = try await organizerOptions(principal, keeping: editing?.organizerUserIds ?? [], request.language)
        let chosen = offered.map { offered in
            let shown = Set(offered.options.map(\.value))
            return values.organizers.sorted().compactMap(UUID.init(uuidString:))
                + (editing?.organizerUserIds ?? []).filter { !shown.contains($0.uuidString.lowercased()) }
        }
        do {
            guard let editing else {
                var draft = draft
                if let chosen { draft.organizerUserIds = chosen }
                let event = try await services.conventions.createEvent(draft, by: principal)
                return Layout.seeOther("/conventions/events/\(event.id.uuidString.lowercased())?saved=1")
            }
            guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
            _ = try await services.conventions.updateEvent(editing.id, ifVersion: version, by: principal) { stored in
                stored = EventDraft(
                    kind: draft.kind, titleJa: draft.titleJa, titleEn: draft.titleEn, startsAt: draft.startsAt, endsAt: draft.endsAt,
                    venue: draft.venue, format: draft.format, inPersonCapacity: draft.inPersonCapacity, onlineCapacity: draft.onlineCapacity,
                    registrationOpensAt: draft.registrationOpensAt, registrationClosesAt: draft.registrationClosesAt,
                    organizerUserIds: chosen ?? stored.organizerUserIds, retentionDays: draft.retentionDays ?? stored.retentionDays)
            }
            return Layout.seeOther("/conventions/events/\(editing.id.uuidString.lowercased())?saved=1")
        } catch RecordError.staleVersion where editing != nil {
            let current = try await services.conventions.managedEvent(try request.pathUUID("id"), by: principal)
            return try await eventForm(request, values: values, errors: [], editing: current, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            return try await eventForm(request, values: values, errors: Self.eventFieldErrors(error, t), editing: editing, status: HTTPStatus(code: 422))
        } catch let error as any ProblemConvertible where error.problem.status == 409 && error.problem.errors?.first?.field == "organizerUserIds" {
            // The organizer list's one rule (`EventOrganizer.keepsOrganized`): the last enabled organizer stays, as on the organizers page.
            return try await eventForm(request, values: values, errors: [(field: "organizerUserIds", message: t(.organizerLast))], editing: editing,
                                       status: HTTPStatus(code: 409))
        }
    }

    /// The period the service gives an event created without one, read from the model, not restated.
    static let defaultRetentionDays = EventDraft(kind: .convention, startsAt: .distantPast, endsAt: .distantPast, format: .online).retention

    /// The enabled organizer users an admin may choose from, with the event's current organizers that
    /// are not among them (so none is dropped unseen), and whether `listCeiling` cut the list (the form then
    /// says how to add another); nil for anyone who may not list users.
    func organizerOptions(
        _ principal: Principal, keeping current: [UUID], _ t: Language
    ) async throws -> (options: [(value: String, label: String)], cut: Bool)? {
        guard allows(principal.role, "listUsers") else { return nil }
        let listed = try await Self.listed {
            try await services.accounts.listUsers(filter: UserFilter(role: .organizer, disabled: false), cursor: $0.after?.encoded, limit: $0.limit, actor: principal)
        }
        let users = listed.items
        let label = { (user: User) in "\(user.displayName)\(user.disabled ? t(.accountDisabledMark) : "") (\(user.email))" }
        var options = users.map { (value: $0.id.uuidString.lowercased(), label: label($0)) }
        // One the list leaves out (disabled since, of another role, past the ceiling) is named as the organizers page
        // names them; by id only if the account is gone (probe15: a disabled organizer showed as a bare id).
        for id in current where !users.contains(where: { $0.id == id }) {
            options.append((value: id.uuidString.lowercased(), label: try await knownUser(id, principal).map(label) ?? id.uuidString.lowercased()))
        }
        return (options, listed.cut)
    }

    static let eventFieldLabels: [String: Message] = [
        "kind": .eventKind, "titleJa": .eventTitleJa, "titleEn": .eventTitleEn, "startsAt": .eventStartsAt, "endsAt": .eventEndsAt,
        "venue": .eventVenue, "format": .eventFormat, "inPersonCapacity": .eventInPersonCapacity, "onlineCapacity": .eventOnlineCapacity,
        "registrationOpensAt": .eventRegistrationOpens, "registrationClosesAt": .eventRegistrationCloses, "retentionDays": .retentionDaysLabel,
        "organizerUserIds": .eventOrganizers, "room": .sessionRoom, "url": .sessionURL, "speakers": .sessionSpeakers, "type": .sessionType,
    ]

    /// The rules of an event or a session the service refused, each beside its field in the reader's
    /// language, read back from the English of `EventDraft.validate` and `updateEvent`.
    static func eventFieldErrors(_ error: any ProblemConvertible, _ t: Language) -> [(field: String, message: String)] {
        let errors = error.problem.errors ?? [FieldError(field: "titleJa", message: "")]
        return errors.map { error in
            let field = String(error.field.prefix { $0 != "." })
            let label = eventFieldLabels[field].map { t($0) } ?? field
            let text = error.message
            let message: String
            if text.hasPrefix("must be after") {
                message = t(field == "registrationClosesAt" ? .registrationClosesBeforeOpens : .endBeforeStart)
            } else if text.hasPrefix("is required when the format") {
                message = t(.capacityRequired, label)
            } else if text.hasPrefix("must be left out when the format") {
                message = t(.capacityNotOffered, label)
            } else if text.hasPrefix("must be at least the "), let taken = text.split(separator: " ").lazy.compactMap({ Int($0) }).first {
                message = t(.capacityBelowTaken, label, t.number(taken))
            } else if text.hasSuffix("people hold seats of this kind; cancel them first"), let taken = text.split(separator: " ").first.flatMap({ Int($0) }) {
                message = t(.capacityStillHeld, label, t.number(taken))
            } else if text.hasPrefix("must be within fiscal years") {
                message = t(.dateOutOfRange, label)
            } else if text.hasPrefix("the session must lie within") {
                message = t(.sessionOutsideEvent)
            } else if text.hasPrefix("must start with https://") {
                message = t(.urlScheme, label)
            } else if field == "retentionDays" {
                message = t(.retentionDaysInvalid)
            } else if text.hasPrefix("must be from 0 to ") {
                message = t(.capacityRange, label)
            } else {
                message = fieldMessage(text, field: field, label: label, t)
            }
            return (field: field, message: message)
        }
    }

    static func kindMessage(_ kind: EventKind) -> Message {
        switch kind {
        case .convention: .eventKindConvention
        case .workshop: .eventKindWorkshop
        case .seminar: .eventKindSeminar
        }
    }

    static func formatMessage(_ format: EventFormat) -> Message {
        switch format {
        case .inPerson: .formatInPerson
        case .online: .formatOnline
        case .hybrid: .formatHybrid
        }
    }
}

/// What a person typed into the event form, kept as typed so a refused form comes back filled in.
struct EventFormValues: Sendable, Equatable {
    var kind = EventKind.convention.rawValue
    var titleJa = ""
    var titleEn = ""
    var startsAt = ""
    var endsAt = ""
    var venue = ""
    var format = EventFormat.inPerson.rawValue
    var inPersonCapacity = ""
    var onlineCapacity = ""
    var registrationOpensAt = ""
    var registrationClosesAt = ""
    var retentionDays = ""
    /// Chosen organizer user ids, lower case (an admin's form only).
    var organizers: Set<String> = []

    init() {}

    init(_ event: Event) {
        kind = event.kind.rawValue
        titleJa = event.titleJa ?? ""
        titleEn = event.titleEn ?? ""
        startsAt = JapanTime.text(event.startsAt)
        endsAt = JapanTime.text(event.endsAt)
        venue = event.venue ?? ""
        format = event.format.rawValue
        inPersonCapacity = event.inPersonCapacity.map(String.init) ?? ""
        onlineCapacity = event.onlineCapacity.map(String.init) ?? ""
        registrationOpensAt = event.registrationOpensAt.map(JapanTime.text) ?? ""
        registrationClosesAt = event.registrationClosesAt.map(JapanTime.text) ?? ""
        retentionDays = String(event.retentionDays)
        organizers = Set(event.organizerUserIds.map { $0.uuidString.lowercased() })
    }

    init(_ request: ConsoleRequest) {
        kind = request.formValue("kind") ?? ""
        titleJa = request.formValue("titleJa") ?? ""
        titleEn = request.formValue("titleEn") ?? ""
        startsAt = request.formValue("startsAt") ?? ""
        endsAt = request.formValue("endsAt") ?? ""
        venue = request.formValue("venue") ?? ""
        format = request.formValue("format") ?? ""
        inPersonCapacity = request.formValue("inPersonCapacity") ?? ""
        onlineCapacity = request.formValue("onlineCapacity") ?? ""
        registrationOpensAt = request.formValue("registrationOpensAt") ?? ""
        registrationClosesAt = request.formValue("registrationClosesAt") ?? ""
        retentionDays = request.formValue("retentionDays") ?? ""
        organizers = Set(request.formValues("organizerUserIds"))
    }

    /// The draft the service checks, or the fields the form could not read (a time that is not one, a
    /// seat count that is not a number), each named by its label. A field left empty is left out.
    func draft(_ t: Language) -> (EventDraft?, [(field: String, message: String)]) {
        var problems: [(field: String, message: String)] = []
        func time(_ text: String, _ field: String, _ label: Message, required: Bool) -> Date? {
            let text = text.trimmed
            if text.isEmpty {
                if required { problems.append((field, t(.dateTimeRequired, t(label)))) }
                return nil
            }
            guard let date = JapanTime.date(text) else { problems.append((field, t(.dateTimeInvalid, t(label)))); return nil }
            return date
        }
        func number(_ text: String, _ field: String, _ label: Message) -> Int? {
            let text = text.trimmed
            guard !text.isEmpty else { return nil }
            guard let value = Int(text) else { problems.append((field, t(.wholeNumberInvalid, t(label)))); return nil }
            return value
        }
        let kind = EventKind(rawValue: kind), format = EventFormat(rawValue: format)
        if kind == nil { problems.append(("kind", t(.fieldInvalid, t(.eventKind)))) }
        if format == nil { problems.append(("format", t(.fieldInvalid, t(.eventFormat)))) }
        let starts = time(startsAt, "startsAt", .eventStartsAt, required: true), ends = time(endsAt, "endsAt", .eventEndsAt, required: true)
        let opens = time(registrationOpensAt, "registrationOpensAt", .eventRegistrationOpens, required: false)
        let closes = time(registrationClosesAt, "registrationClosesAt", .eventRegistrationCloses, required: false)
        let inPerson = number(inPersonCapacity, "inPersonCapacity", .eventInPersonCapacity)
        let online = number(onlineCapacity, "onlineCapacity", .eventOnlineCapacity)
        let retention = number(retentionDays, "retentionDays", .retentionDaysLabel)
        guard let kind, let format, let starts, let ends, problems.isEmpty else { return (nil, problems) }
        return (EventDraft(
            kind: kind, titleJa: titleJa.trimmed.nonEmpty, titleEn: titleEn.trimmed.nonEmpty, startsAt: starts, endsAt: ends,
            venue: venue.trimmed.nonEmpty, format: format, inPersonCapacity: inPerson, onlineCapacity: online, registrationOpensAt: opens,
            registrationClosesAt: closes, retentionDays: retention), [])
    }

    /// Each field with its label and the text a reader sees, for the list of saved values that differ.
    func labelled(_ t: Language) -> [(label: String, value: String)] {
        [(t(.eventKind), EventKind(rawValue: kind).map { t(Console.kindMessage($0)) } ?? kind),
         (t(.eventTitleJa), titleJa), (t(.eventTitleEn), titleEn),
         (t(.eventStartsAt), JapanTime.readable(startsAt)), (t(.eventEndsAt), JapanTime.readable(endsAt)),
         (t(.eventFormat), EventFormat(rawValue: format).map { t(Console.formatMessage($0)) } ?? format), (t(.eventVenue), venue),
         (t(.eventInPersonCapacity), inPersonCapacity), (t(.eventOnlineCapacity), onlineCapacity),
         (t(.eventRegistrationOpens), JapanTime.readable(registrationOpensAt)), (t(.eventRegistrationCloses), JapanTime.readable(registrationClosesAt)),
         (t(.retentionDaysLabel), retentionDays)]
    }
}
