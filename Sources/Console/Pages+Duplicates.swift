import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// Duplicate participants of an event (issue 15): the pairs `ConventionService.duplicates` finds, with
/// the reasons in words, and a merge in either direction through `ConventionService.merge`; the result
/// page says what moved and explains each event both records were registered for.
extension Console {
    var duplicatePages: [Page] {
        [
            Page(.get, "/conventions/events/{id}/duplicates", operations: ["getEvent", "listParticipantDuplicates"]) { console, request in
                try await console.duplicatesPage(request)
            },
            Page(.post, "/conventions/events/{id}/duplicates", operations: ["getEvent", "listParticipantDuplicates", "mergeParticipants"]) { console, request in
                try await console.mergeDuplicates(request)
            },
        ]
    }

    func duplicatesPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        let event = try await services.conventions.managedEvent(id, by: principal)
        let pairs = try await services.conventions.duplicates(eventID: id, by: principal)
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        var content: [HTML] = [el("p", [], t(.duplicatesIntro))]
        if pairs.isEmpty { content.append(el("p", [attr("class", "notice")], t(.duplicatesNone))) }
        for (index, pair) in pairs.enumerated() {
            content.append(el("section", [attr("class", "duplicate-pair"), attr("aria-labelledby", "pair-\(index)")], [
                el("h2", [attr("id", "pair-\(index)")], t(.duplicatesPair, t.number(index + 1))),
                el("p", [], t(.duplicatesReasons, pair.reasons.map { t(Self.reasonMessage($0)) }.joined(separator: t == .ja ? "、" : ", "))),
                Table.make(
                    caption: t(.duplicatesPair, t.number(index + 1)), captionShown: false,
                    headers: [t(.participantName), t(.email), t(.guestOrganisation), t(.duplicatesRecorded)], numeric: [], compact: [3], stacked: true,
                    rows: [pair.first, pair.second].map { person in
                        [.text(Self.name(person)), .text(person.email ?? "—"), .text(person.organisation ?? "—"), .text(t.date(person.createdAt))]
                    }),
                el("div", [attr("class", "actions")], [(pair.first, pair.second), (pair.second, pair.first)].map { kept, merged in
                    el("form", [attr("method", "post"), attr("action", path + "/duplicates")], [
                        Layout.csrfField(request),
                        .void("input", [attr("type", "hidden"), attr("name", "keep"), attr("value", kept.id.uuidString.lowercased())]),
                        .void("input", [attr("type", "hidden"), attr("name", "merge"), attr("value", merged.id.uuidString.lowercased())]),
                        el("button", [attr("type", "submit"), attr("class", "secondary")], t(.duplicatesKeep, Self.label(kept, twin: merged, t), Self.label(merged, twin: kept, t))),
                    ])
                }),
            ]))
        }
        content.append(el("p", [], [el("a", [attr("href", path)], t(.deskBack))]))
        return Layout.page(request, title: t(.duplicatesTitle, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    func mergeDuplicates(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let id = try request.pathUUID("id")
        guard let kept = request.formValue("keep").flatMap(UUID.init(uuidString:)),
              let merged = request.formValue("merge").flatMap(UUID.init(uuidString:)) else { throw ConsoleError.badRequest }
        let event = try await services.conventions.managedEvent(id, by: principal)
        let report = try await services.conventions.merge(merged, into: kept, by: principal)
        var content: [HTML] = [
            el("p", [attr("class", "notice success"), attr("role", "status")],
               t(.duplicatesMerged, t.number(report.registrationsMoved), t.number(report.meetingRequestsMoved))),
        ]
        if !report.conflicts.isEmpty {
            content.append(el("ul", [], report.conflicts.map { conflict in
                el("li", [], t(.duplicatesConflict, t.number(conflict.checkInsMoved)))
            }))
        }
        let path = "/conventions/events/\(id.uuidString.lowercased())"
        content.append(el("p", [], [el("a", [attr("href", path + "/duplicates")], t(.duplicatesBack))]))
        return Layout.page(request, title: t(.duplicatesTitle, GuestPages.title(of: event, in: t)), section: .conventions, content)
    }

    /// The person's name on a merge button, with their e-mail (or the day they registered) when the other
    /// person of the pair has the same name: otherwise both buttons read alike and nobody can tell
    /// which record each keeps (ux13).
    static func label(_ person: Participant, twin: Participant, _ t: Language) -> String {
        let name = Self.name(person)
        guard name == Self.name(twin) else { return name }
        return "\(name) (\(person.email ?? t.date(person.createdAt)))"
    }

    static func reasonMessage(_ reason: DuplicateReason) -> Message {
        switch reason {
        case .nameJa: .duplicateNameJa
        case .nameEn: .duplicateNameEn
        case .emailLocalPart: .duplicateEmailLocal
        case .emailDomain: .duplicateEmailDomain
        case .organisation: .duplicateOrganisation
        }
    }
}
