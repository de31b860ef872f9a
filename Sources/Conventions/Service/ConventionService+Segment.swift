public import DomainKit
public import FoundationEssentials
import Mail
import Postgres

/// Who an organizer's message goes to: the people of one registration state, optionally of one sector.
public enum MessageSegment: String, Sendable, Codable, CaseIterable {
    /// Holding a seat, not (yet) checked in.
    case registered
    case attended
    case noShow = "no_show"
    case waitlisted
}

/// The body of `POST /v1/events/{id}/messages`: an organizer's message in both languages.
public struct EventMessageDraft: Sendable, Codable, Equatable {
    public var segment: MessageSegment
    public var sector: Sector?
    public var subjectJa: String
    public var subjectEn: String
    public var bodyJa: String
    public var bodyEn: String

    public init(segment: MessageSegment, sector: Sector? = nil, subjectJa: String, subjectEn: String, bodyJa: String, bodyEn: String) {
        self.segment = segment
        self.sector = sector
        self.subjectJa = subjectJa
        self.subjectEn = subjectEn
        self.bodyJa = bodyJa
        self.bodyEn = bodyEn
    }

    func validate() throws(ConventionsError) {
        var validation = Validation()
        for (value, field, max) in [(subjectJa, "subjectJa", 150), (subjectEn, "subjectEn", 150), (bodyJa, "bodyJa", 5000), (bodyEn, "bodyEn", 5000)] {
            validation.check(!Validation.isBlank(value) && value.count <= max, field, "is required, at most \(max) characters")
            validation.noInvisibleControls(value, field)
        }
        try validation.validate(as: ConventionsError.self)
    }
}

/// How many people the message went to (or, in a dry run, would go to).
public struct EventMessageReport: Sendable, Equatable, Codable {
    public let recipients: Int
    public let dryRun: Bool
}

extension ConventionService {
    /// Sends an organizer's message to a segment of an event's registrations: one message per person
    /// with an address, all enqueued in one transaction (all or none). A dry run counts and writes nothing.
    /// `sendID` names one send: each person's message id is derived from it, the registration and the
    /// text, and the outbox keeps one message per id, so the same send repeated (a double click, a
    /// reloaded answer page) reaches nobody twice, while a text edited before sending again is a new
    /// message. Without one, every call is a new send (the API has Idempotency-Key for that).
    public func sendMessage(
        _ draft: EventMessageDraft, eventID: UUID, dryRun: Bool, sendID: UUID? = nil, by principal: Principal
    ) async throws -> EventMessageReport {
        try draft.validate()
        let sendID = (sendID ?? UUID()).uuidString.lowercased()
        return try await write(by: principal) { db in
            let event = try await managedEvent(eventID, by: principal, seats: false, on: db)
            let rows = try await db.query("""
                SELECT r.id, p.email, p.name_ja, p.name_en,
                    md5(concat_ws(':', \(sendID)::text, r.id::text, \(draft.subjectJa)::text, \(draft.subjectEn)::text,
                                  \(draft.bodyJa)::text, \(draft.bodyEn)::text))::uuid AS message_id
                FROM registrations r JOIN participants p ON p.id = r.participant_id
                WHERE r.event_id = \(eventID) AND r.status = \(draft.segment.rawValue) AND p.email IS NOT NULL
                  AND (\(draft.sector?.rawValue)::text IS NULL OR p.sector = \(draft.sector?.rawValue))
                ORDER BY r.created_at, r.id
                """)
            var recipients = 0
            for row in rows {
                let email: String = try row.decode("email")
                guard let address = try? MailAddress(email) else { continue }
                recipients += 1
                if dryRun { continue }
                let name: String = try row.decode("name_ja", as: String?.self) ?? row.decode("name_en", as: String?.self) ?? email
                let registration: UUID = try row.decode("id")
                let message = OrganizerMail.message(
                    draft, event: event, to: address, name: name, registration: registration, id: try row.decode("message_id"))
                try await Mail.enqueue(message, writtenAt: clock.now(), on: db)
            }
            return EventMessageReport(recipients: recipients, dryRun: dryRun)
        }
    }
}

/// An organizer's message as mail: their words in Japanese then English, under the event's title.
enum OrganizerMail {
    static func message(_ draft: EventMessageDraft, event: Event, to address: MailAddress, name: String, registration: UUID, id: UUID) -> MailMessage {
        let titleJa = event.titleJa ?? event.titleEn ?? "イベント"
        let titleEn = event.titleEn ?? event.titleJa ?? "the event"
        let subject = "【\(titleJa)】\(draft.subjectJa) / \(draft.subjectEn)"
        let footerJa = "このメールは「\(titleJa)」の主催者からのお知らせです（横浜市 脱炭素ビジネスマッチング事務局 Domino から送信）。"
        let footerEn = "This message is from the organizers of \(titleEn), sent through Domino, the Yokohama decarbonization business-matching office."
        let text = ["\(name) 様", "", draft.bodyJa, "", footerJa, "", "----", "", draft.bodyEn, "", footerEn].joined(separator: "\n")
        func paragraphs(_ body: String) -> [MailHTML] {
            body.split(separator: "\n", omittingEmptySubsequences: true).map { .element("p", [:], [.text(String($0))]) }
        }
        let html = MailHTML.document(lang: "ja", title: subject, body: [
            .element("div", ["lang": "ja"], [.element("h1", [:], [.text(draft.subjectJa)]), .element("p", [:], [.text("\(name) 様")])] + paragraphs(draft.bodyJa)),
            .void("hr"),
            .element("div", ["lang": "en"], [.element("h1", [:], [.text(draft.subjectEn)])] + paragraphs(draft.bodyEn)),
            .element("p", [:], [.element("small", [:], [.text(footerJa + " " + footerEn)])]),
        ])
        return MailMessage(id: id, kind: .organizerMessage, to: address, subject: subject, text: text, html: html,
                           reference: registration.uuidString.lowercased())
    }
}

extension EventMessageDraft: TrimmedText {}
