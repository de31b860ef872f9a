import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// An organizer's message to a segment of an event's registrations (issue 15): write it in both
/// languages, see how many people it reaches (a dry run of the same service call), then send.
extension Console {
    var eventMessagePages: [Page] {
        [
            Page(.get, "/conventions/events/{id}/message", operations: ["getEvent", "sendEventMessage"]) { console, request in
                try await console.eventMessagePage(request, errors: [], preview: nil)
            },
            Page(.post, "/conventions/events/{id}/message", operations: ["getEvent", "sendEventMessage"]) { console, request in
                try await console.sendEventMessage(request)
            },
        ]
    }

    func eventMessagePage(_ request: ConsoleRequest, errors: [(field: String, message: String)], preview: EventMessageReport?,
                          status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        let path = "/conventions/events/\(id.uuidString.lowercased())/message"
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        var content: [HTML] = [Form.errorSummary(request, errors)]
        if let preview {
            content.append(el("p", [attr("class", "notice warning")], t.count(preview.recipients, .messagePreview, one: .messagePreviewOne)))
        }
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.select(name: "segment", label: t(.messageSegment), options: MessageSegment.allCases.map { ($0.rawValue, t(Self.segmentMessage($0))) },
                        selected: request.formValue("segment")),
            Form.select(name: "sector", label: t(.guestSector), options: [("", t(.allSectors))] + Sector.allCases.map {
                ($0.rawValue, t(GuestPages.sectorMessage($0)))
            }, selected: request.formValue("sector")),
            Form.textField(request, name: "subjectJa", label: t(.messageSubjectJa), value: request.formValue("subjectJa"), error: message("subjectJa")),
            Form.textArea(request, name: "bodyJa", label: t(.messageBodyJa), value: request.formValue("bodyJa"), error: message("bodyJa")),
            Form.textField(request, name: "subjectEn", label: t(.messageSubjectEn), value: request.formValue("subjectEn"), error: message("subjectEn")),
            Form.textArea(request, name: "bodyEn", label: t(.messageBodyEn), value: request.formValue("bodyEn"), error: message("bodyEn")),
        ]
        if preview != nil {
            // One send per preview: a second post of this form (a double click, a reload) sends nothing more.
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "confirm"), attr("value", "yes")]))
            fields.append(.void("input", [attr("type", "hidden"), attr("name", "sendId"), attr("value", UUID().uuidString.lowercased())]))
        }
        fields.append(el("button", [attr("type", "submit")], t(preview == nil ? .messageCount : .messageSend)))
        content.append(el("form", [attr("method", "post"), attr("action", path), attr("class", "message-form")], fields))
        return Layout.page(request, status: status, title: t(.messageTitle, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// Without `confirm` the form is a dry run that shows the count; with it, the messages are sent.
    func sendEventMessage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let segment = MessageSegment(rawValue: request.formValue("segment") ?? "") else { throw ConsoleError.badRequest }
        let draft = EventMessageDraft(
            segment: segment, sector: Sector(rawValue: request.formValue("sector") ?? ""),
            subjectJa: request.formValue("subjectJa")?.trimmed ?? "", subjectEn: request.formValue("subjectEn")?.trimmed ?? "",
            bodyJa: request.formValue("bodyJa") ?? "", bodyEn: request.formValue("bodyEn") ?? "")
        let confirmed = request.formValue("confirm") == "yes"
        let sendID = request.formValue("sendId").flatMap(UUID.init(uuidString:))
        guard !confirmed || sendID != nil else { throw ConsoleError.badRequest }
        let report: EventMessageReport
        do {
            report = try await services.conventions.sendMessage(draft, eventID: id, dryRun: !confirmed, sendID: sendID, by: try request.principal)
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            let errors = (error.problem.errors ?? []).map { (field: $0.field, message: t(.messageFieldRequired)) }
            return try await eventMessagePage(request, errors: errors, preview: nil, status: HTTPStatus(code: 422))
        }
        guard confirmed else { return try await eventMessagePage(request, errors: [], preview: report) }
        let event = try await services.conventions.managedEvent(id, by: try request.principal)
        return Layout.page(request, title: t(.messageTitle, GuestPages.title(of: event, in: t)), section: .conventions, [
            el("p", [attr("class", "notice success")], t.count(report.recipients, .messageSent, one: .messageSentOne)),
            el("p", [], [el("a", [attr("href", "/conventions/events/\(id.uuidString.lowercased())")], t(.deskBack))]),
        ])
    }

    static func segmentMessage(_ segment: MessageSegment) -> Message {
        switch segment {
        case .registered: .statusRegistered
        case .attended: .statusAttended
        case .noShow: .statusNoShow
        case .waitlisted: .statusWaitlisted
        }
    }
}
