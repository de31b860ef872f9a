import DomainKit
import FoundationEssentials
import HTTPServer
import Notifications

/// Webhook and chat endpoints (docs/notifications.md): the list, adding one, its page with the
/// delivery log and "send again", and editing it (`listNotificationEndpoints`, `createNotificationEndpoint`,
/// `getNotificationEndpoint`, `updateNotificationEndpoint`, `listNotificationDeliveries`,
/// `redeliverNotification`). The address is a credential (a Slack or Teams URL is all it takes to post):
/// it is typed into a password field, never written back into a page, and shown masked. A generic
/// webhook's signing secret is shown once, on the page that answers the create, and kept nowhere else:
/// not in the form's one-time answer (`repeated: .reopensPage`), not in a resumed form.
extension Console {
    /// How many webhook endpoints a page lists; the pager's next link says the same number (`Layout.pager`).
    static let webhookPageSize = 100
    /// How many an endpoint's deliveries a page lists; the pager's next link says the same number (`Layout.pager`).
    static let deliveryPageSize = 50

    var webhookPages: [Page] {
        let create = ["listNotificationEndpoints", "createNotificationEndpoint"]
        let edit = ["getNotificationEndpoint", "updateNotificationEndpoint"]
        return [
            Page(.get, "/webhooks", operations: ["listNotificationEndpoints"]) { console, request in try await console.webhookList(request) },
            Page(.get, "/webhooks/new", operations: create) { console, request in console.webhookForm(request, values: WebhookFormValues(), errors: []) },
            Page(.post, "/webhooks", operations: create, repeated: .reopensPage, lists: ["events"]) { console, request in try await console.createWebhook(request) },
            Page(.get, "/webhooks/{id}", operations: ["getNotificationEndpoint", "listNotificationDeliveries"]) { console, request in
                try await console.webhookPage(request)
            },
            Page(.get, "/webhooks/{id}/edit", operations: edit) { console, request in
                let endpoint = try await console.services.notifications.endpoint(try request.pathUUID("id"), by: try request.principal)
                return console.webhookForm(request, values: WebhookFormValues(endpoint), errors: [], editing: endpoint)
            },
            Page(.post, "/webhooks/{id}/edit", operations: edit, lists: ["events"]) { console, request in try await console.updateWebhook(request) },
            Page(.post, "/webhook-deliveries/{id}/redeliver", operations: ["redeliverNotification"]) { console, request in
                try await console.redeliver(request)
            },
        ]
    }

    /// The address field's name: left out of resumed forms like a password (`Console.passwordFields`).
    static let webhookURLField = "endpointUrl"

    func webhookList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let endpoints = try await services.notifications.endpoints(
            page: try PageRequest.parse(limit: Self.webhookPageSize, cursor: request.query("cursor")), by: try request.principal)
        var content: [HTML] = [
            el("p", [attr("class", "explain")], t(.webhooksIntro)),
            el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "/webhooks/new")], t(.newWebhookTitle))]),
        ]
        content.append(endpoints.items.isEmpty ? el("p", [], t(.noWebhooks)) : Table.make(
            caption: t(.webhooksTitle), captionShown: false,
            headers: [t(.webhookName), t(.webhookChannel), t(.webhookURL), t(.webhookEvents), t(.coordinatorActive)],
            numeric: [], compact: [1, 4], stacked: true,
            rows: endpoints.items.map { endpoint in
                [el("a", [attr("href", "/webhooks/\(endpoint.id.uuidString.lowercased())")], endpoint.name), .text(t(Self.channelMessage(endpoint.channel))),
                 el("code", [], endpoint.urlMasked), .text(endpoint.events.map { t(Self.eventMessage($0)) }.joined(separator: t == .ja ? "、" : ", ")),
                 .text(t(endpoint.enabled ? .webhookEnabled : .webhookDisabled))]
            }))
        content += Layout.pager(request, size: Self.webhookPageSize, next: Layout.nextListHref("/webhooks", cursor: endpoints.nextCursor, []))
        return Layout.page(request, title: t(.webhooksTitle), section: .admin, content)
    }

    func webhookForm(
        _ request: ConsoleRequest, values: WebhookFormValues, errors: [(field: String, message: String)], editing: NotificationEndpoint? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var content: [HTML] = [el("p", [], [el("a", [attr("href", editing.map { "/webhooks/\($0.id.uuidString.lowercased())" } ?? "/webhooks")],
                                                t(editing == nil ? .backToWebhooks : .backToWebhook))])]
        if let editing, changedMeanwhile {
            content.append(Form.changedMeanwhile(
                title: t(.webhookChangedMeanwhile), detail: t(.coordinatorChangedDetail, t.date(editing.updatedAt)),
                differences: CompanyPages.differences(WebhookFormValues(editing).labelled(t), from: values.labelled(t), t)))
        }
        content.append(Form.errorSummary(request, errors))
        // A refused form had an address typed: it is not written back, so the field says to type it again.
        let typedAgain = !errors.isEmpty && request.formText(Self.webhookURLField) != nil
        var fields: [HTML] = [Layout.csrfField(request)]
        if let editing {
            fields.append(el("p", [], t(.webhookChannelFixed, t(Self.channelMessage(editing.channel)))))
        } else {
            fields.append(Form.select(name: "channel", label: t(.webhookChannel), options: NotificationChannel.allCases.map { ($0.rawValue, t(Self.channelMessage($0))) },
                                      selected: values.channel, error: message("channel")))
        }
        fields += [
            Form.textField(request, name: "name", label: t(.webhookName), value: values.name, error: message("name")),
            // A credential: a password field, never filled back in (a refused form asks for it again).
            Form.textField(request, name: Self.webhookURLField, label: t(.webhookURL), value: nil, type: "password",
                           hint: typedAgain ? t(.webhookURLAgain) : editing.map { t(.webhookURLKeep, $0.urlMasked) } ?? t(.webhookURLHint), autocomplete: "off",
                           error: message(Self.webhookURLField)),
            Form.checkboxes(request, name: "events", legend: t(.webhookEvents), options: NotificationEventKind.allCases.map { ($0.rawValue, t(Self.eventMessage($0))) },
                            checked: values.events),
            Form.select(name: "enabled", label: t(.coordinatorActive), options: [("true", t(.webhookEnabled)), ("false", t(.webhookDisabled))], selected: values.enabled),
        ]
        if let editing { fields.append(Form.version(editing.version)) }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .createWebhookButton : .saveChanges)))
        let action = editing.map { "/webhooks/\($0.id.uuidString.lowercased())/edit" } ?? "/webhooks"
        content.append(el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields))
        return Layout.page(request, status: status, title: t(editing == nil ? .newWebhookTitle : .editWebhookTitle), section: .admin, content)
    }

    func createWebhook(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let values = WebhookFormValues(request)
        let draft = EndpointDraft(
            channel: NotificationChannel(rawValue: values.channel), name: values.name.trimmed, url: request.formText(Self.webhookURLField),
            events: NotificationEventKind.allCases.filter { values.events.contains($0.rawValue) }, enabled: values.enabled != "false")
        do {
            let created = try await services.notifications.createEndpoint(draft, by: try request.principal)
            var content: [HTML] = [el("p", [attr("class", "notice success"), attr("role", "status")], t(.webhookCreated))]
            if let secret = created.signingSecret {
                content.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
                    el("h2", [], t(.webhookSecretTitle)),
                    el("p", [], t(.webhookSecretShownOnce)),
                    el("p", [], [el("code", [attr("class", "secret")], secret)]),
                ]))
            }
            content.append(el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/webhooks/\(created.endpoint.id.uuidString.lowercased())")], t(.webhookOpen)),
            ]))
            return Layout.page(request, title: created.endpoint.name, section: .admin, content)
        } catch let error as NotificationsError {
            guard case .invalid = error else { throw error }
            return webhookForm(request, values: values, errors: webhookFieldErrors(error, t), status: HTTPStatus(code: 422))
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            return webhookForm(request, values: values, errors: [(field: "name", message: t(.webhookNameTaken))], status: HTTPStatus(code: 409))
        }
    }

    func updateWebhook(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let current = try await services.notifications.endpoint(id, by: principal)
        let values = WebhookFormValues(request)
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        let url = request.formText(Self.webhookURLField)
        do {
            _ = try await services.notifications.updateEndpoint(id, ifVersion: version, by: principal) { draft in
                // The URL field is left empty to keep the stored URL, which the page never shows.
                draft.name = values.name.trimmed
                if let url { draft.url = url }
                draft.events = NotificationEventKind.allCases.filter { values.events.contains($0.rawValue) }
                draft.enabled = values.enabled != "false"
            }
            return Layout.seeOther("/webhooks/\(id.uuidString.lowercased())?saved=1")
        } catch NotificationsError.staleVersion {
            return webhookForm(request, values: values, errors: [], editing: current, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as NotificationsError {
            guard case .invalid = error else { throw error }
            return webhookForm(request, values: values, errors: webhookFieldErrors(error, t), editing: current, status: HTTPStatus(code: 422))
        } catch let error as any ProblemConvertible where error.problem.status == 409 {
            return webhookForm(request, values: values, errors: [(field: "name", message: t(.webhookNameTaken))], editing: current, status: HTTPStatus(code: 409))
        }
    }

    private func webhookFieldErrors(_ error: NotificationsError, _ t: Language) -> [(field: String, message: String)] {
        let fields = Set((error.problem.errors ?? []).map { String($0.field.prefix { $0 != "." }) })
        let order: [(String, Message)] = [
            ("channel", .webhookChannelRequired), ("name", .webhookNameRequired), ("url", .webhookURLInvalid), ("events", .webhookEventsRequired),
        ]
        // Each rule beside its field, and the summary's link to the field's id (the first event's checkbox).
        let ids = ["url": Self.webhookURLField, "events": "events-0"]
        let controls = (error.problem.errors ?? []).contains { $0.field == "name" && $0.message == Validation.invisibleControlsMessage }
        let worded = order.filter { fields.contains($0.0) }.map { field, message in
            (field: ids[field] ?? field, message: field == "name" && controls ? t(.fieldControlCharacters, t(.webhookName)) : t(message))
        }
        return worded.isEmpty ? [(field: "name", message: t(.errorSummaryTitle))] : worded
    }

    func webhookPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let endpoint = try await services.notifications.endpoint(try request.pathUUID("id"), by: principal)
        let path = "/webhooks/\(endpoint.id.uuidString.lowercased())"
        let deliveries = try await services.notifications.deliveries(of: endpoint.id, limit: Self.deliveryPageSize, cursor: request.query("cursor"), by: principal)
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/webhooks")], t(.backToWebhooks))])]
        for (flag, message) in [("saved", Message.webhookSaved), ("redelivered", .webhookRedelivered)] where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        content.append(el("p", [attr("class", "actions")], [el("a", [attr("class", "button secondary"), attr("href", "\(path)/edit")], t(.editWebhookTitle))]))
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.webhookChannel)), el("dd", [], t(Self.channelMessage(endpoint.channel))),
            el("dt", [], t(.webhookURL)), el("dd", [], [el("code", [], endpoint.urlMasked)]),
            el("dt", [], t(.webhookEvents)), el("dd", [], endpoint.events.map { el("span", [attr("class", "tag")], t(Self.eventMessage($0))) }),
            el("dt", [], t(.coordinatorActive)), el("dd", [], t(endpoint.enabled ? .webhookEnabled : .webhookDisabled)),
            el("dt", [], t(.webhookSecret)), el("dd", [], t(endpoint.channel == .webhook ? .webhookSecretNotShown : .webhookNoSecret)),
            el("dt", [], t(.noteUpdatedOn)), el("dd", [], t.date(endpoint.updatedAt)),
        ]))
        content.append(el("h2", [], t(.webhookDeliveries)))
        content.append(deliveries.items.isEmpty ? el("p", [], t(.noWebhookDeliveries)) : Table.make(
            caption: t(.webhookDeliveries), captionShown: false,
            headers: [t(.created), t(.webhookEvent), t(.mailState), t(.jobAttempts), t(.webhookLastAnswer), t(.webhookRedeliver)],
            numeric: [3], compact: [0, 2], stacked: true,
            rows: deliveries.items.map { delivery in
                [.text(Self.when(delivery.createdAt, t)),
                 .text(NotificationEventKind(rawValue: delivery.event).map { t(Self.eventMessage($0)) } ?? delivery.event),
                 .text(t(Self.deliveryStateMessage(delivery.state))), .text(t.number(delivery.attempts)),
                 .text([delivery.lastStatus.map { "HTTP \($0)" }, delivery.lastError].compactMap { $0 }.joined(separator: " ").nonEmpty ?? "—"),
                 el("form", [attr("method", "post"), attr("action", "/webhook-deliveries/\(delivery.id)/redeliver")], [
                     Layout.csrfField(request),
                     el("button", [attr("type", "submit"), attr("class", "secondary")], t(.webhookRedeliver)),
                 ])]
            }))
        content += Layout.pager(request, size: Self.deliveryPageSize, next: Layout.nextListHref(path, cursor: deliveries.nextCursor, []))
        return Layout.page(request, title: endpoint.name, section: .admin, content)
    }

    func redeliver(_ request: ConsoleRequest) async throws -> HTTPResponse {
        guard let text = request.parameters["id"], let deliveryID = Int64(text), deliveryID > 0 else { throw ConsoleError.notFound }
        let delivery = try await services.notifications.redeliver(deliveryID, by: try request.principal)
        return Layout.seeOther("/webhooks/\(delivery.endpointID.uuidString.lowercased())?redelivered=1")
    }

    static func channelMessage(_ channel: NotificationChannel) -> Message {
        switch channel {
        case .slack: .channelSlack
        case .teams: .channelTeams
        case .webhook: .channelWebhook
        }
    }

    static func eventMessage(_ kind: NotificationEventKind) -> Message {
        switch kind {
        case .leadStageChanged: .eventLeadStageChanged
        case .matchIntroduced: .eventMatchIntroduced
        case .kpiAtRisk: .eventKPIAtRisk
        case .overdueDigest: .eventOverdueDigest
        case .participantCheckedIn: .eventParticipantCheckedIn
        }
    }

    static func deliveryStateMessage(_ state: String) -> Message {
        switch state {
        case "delivered": .deliveryDelivered
        case "failed": .deliveryFailed
        default: .deliveryPending
        }
    }
}

/// What a person chose in the endpoint form (the address is never kept: it is typed again).
struct WebhookFormValues: Sendable, Equatable {
    var channel = NotificationChannel.webhook.rawValue
    var name = ""
    var events: Set<String> = []
    var enabled = "true"

    init() {}

    init(_ endpoint: NotificationEndpoint) {
        channel = endpoint.channel.rawValue
        name = endpoint.name
        events = Set(endpoint.events.map(\.rawValue))
        enabled = String(endpoint.enabled)
    }

    init(_ request: ConsoleRequest) {
        channel = request.formValue("channel") ?? ""
        name = request.formValue("name") ?? ""
        events = Set(request.formValues("events"))
        enabled = request.formValue("enabled") ?? "true"
    }

    func labelled(_ t: Language) -> [(label: String, value: String)] {
        [
            (t(.webhookName), name),
            (t(.webhookEvents), NotificationEventKind.allCases.filter { events.contains($0.rawValue) }.map { t(Console.eventMessage($0)) }
                .joined(separator: t == .ja ? "、" : ", ")),
            (t(.coordinatorActive), t(enabled == "false" ? .webhookDisabled : .webhookEnabled)),
        ]
    }
}
