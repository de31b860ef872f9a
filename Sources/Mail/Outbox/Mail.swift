public import DomainKit
public import FoundationEssentials
import Jobs
public import Postgres

/// The entry point other modules call: `Mail.enqueue(message, writtenAt: clock.now(), on: db)` inside the
/// transaction of the change that causes the message. It writes the outbox row and its delivery job in
/// that transaction, so a change that rolls back sends nothing and a committed one always has its
/// message; the SMTP conversation happens later in a worker, so a slow relay never slows the API.
public enum Mail {
    /// Writes the outbox row and its delivery job. The job names the message by its id, known before
    /// either insert, so the row and the job (with its NOTIFY) go to PostgreSQL in one pipelined round trip:
    /// the caller's transaction often holds a lock (a registration holds its event's row). Enqueueing a
    /// message id twice is a no-op: the outbox row is unique by it, and so is the waiting job.
    public static func enqueue(_ message: MailMessage, writtenAt: Date, on db: PostgresConnection) async throws {
        let images = try OutboxImage.json(message.images)
        let outbox: PostgresQuery = """
            INSERT INTO mail_outbox (message_id, kind, recipient, subject, text_body, html_body, images, reference, written_at)
            VALUES (\(message.id), \(message.kind.rawValue), \(message.to.address), \(message.subject), \(message.text), \(message.html),
                    \(images)::jsonb, \(message.reference), \(writtenAt))
            ON CONFLICT (message_id) DO NOTHING
            """
        let outcomes = try await db.pipeline([outbox, try JobQueue.enqueueStatement(MailDelivery.job(for: message.id))])
        for outcome in outcomes { _ = try outcome.get() }
    }
}

/// An inline image as the outbox stores it: a PNG in base64, or the text of a QR code to draw later.
struct OutboxImage: Codable {
    let name: String
    let filename: String
    let png: String?
    let qrCode: String?

    static func json(_ images: [InlineImage]) throws -> String {
        let stored = images.map { image in
            switch image.content {
            case .png(let bytes): OutboxImage(name: image.name, filename: image.filename, png: Base64.encode(bytes), qrCode: nil)
            case .qrCode(let text): OutboxImage(name: image.name, filename: image.filename, png: nil, qrCode: text)
            }
        }
        return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    }

    static func images(from json: String) throws -> [InlineImage] {
        try JSONDecoder().decode([OutboxImage].self, from: Data(json.utf8)).map { stored in
            if let text = stored.qrCode { return InlineImage(name: stored.name, filename: stored.filename, qrCode: text) }
            guard let base64 = stored.png, let png = Data(base64Encoded: base64) else { throw MailError.corruptRow("image \(stored.name)") }
            return InlineImage(name: stored.name, filename: stored.filename, png: Array(png))
        }
    }
}

/// One outbox row, ready to render.
struct OutboxEntry {
    let id: Int64
    let message: MailMessage
    let writtenAt: Date
    let attempts: Int

    static let columns: SQLFragment = "id, message_id, kind, recipient, subject, text_body, html_body, images::text AS images, reference, written_at, attempts"

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        guard let kind = MailKind(rawValue: try row.decode("kind")) else { throw MailError.corruptRow("kind") }
        message = MailMessage(
            id: try row.decode("message_id"), kind: kind, to: try MailAddress(try row.decode("recipient")), subject: try row.decode("subject"),
            text: try row.decode("text_body"), renderedHTML: try row.decode("html_body"), images: try OutboxImage.images(from: try row.decode("images")),
            reference: try row.decode("reference"))
        writtenAt = try row.decode("written_at")
        attempts = try row.decode("attempts", as: Int.self)
    }
}

/// The errors of the Mail module; each knows its HTTP problem (App maps it in one place).
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible, ProblemConvertible {
    case corruptRow(String)
    /// No message with this id.
    case notFound(Int64)
    case invalid([FieldError])
    /// Marked as dealt with already (by someone else, since the page was shown, or a second click).
    case alreadyDealtWith(Int64)
    /// Only undelivered mail (bounced or failed) is dealt with; this one is pending or was sent.
    case notUndelivered(Int64, MailState)
    /// Cleared at its person's erasure: mail to someone Domino no longer knows is nobody's to deal with.
    case clearedAtErasure(Int64)

    public var description: String {
        switch self {
        case .corruptRow(let what): "an outbox row could not be read (\(what))"
        default: problem.detail
        }
    }

    public var problem: Problem {
        switch self {
        case .corruptRow(let what):
            Problem(status: 500, title: "Internal Server Error", detail: "An outbox row could not be read (\(what)).")
        case .notFound(let id):
            .notFound("No mail delivery \(id).")
        case .invalid(let errors):
            .invalid(errors)
        case .alreadyDealtWith(let id):
            .conflict("Mail delivery \(id) is marked as dealt with already; nothing was marked.",
                      errors: [FieldError(field: "ids", message: "\(id) is marked as dealt with already")])
        case .notUndelivered(let id, let state):
            .conflict("Mail delivery \(id) is \(state.rawValue): only bounced or failed mail is dealt with; nothing was marked.",
                      errors: [FieldError(field: "ids", message: "\(id) is \(state.rawValue)")])
        case .clearedAtErasure(let id):
            .conflict("Mail delivery \(id) was to a person whose data was erased: there is nothing to deal with; nothing was marked.",
                      errors: [FieldError(field: "ids", message: "\(id) was cleared when its person was erased")])
        }
    }
}
