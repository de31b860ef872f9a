public import FoundationEssentials

/// An address in the form RFC 5321 §4.1.2 accepts as a path: ASCII only (Domino does not ask the relay
/// for SMTPUTF8), one "@", no spaces, angle brackets or control characters, at most 254 octets, and a
/// domain of dot-separated labels none of which is empty (`example.jp.` and `mail..example.jp` are
/// refused by relays). The local part is left loose: older Japanese carrier addresses have dots side by
/// side or before the "@", and relays deliver them.
public struct MailAddress: Sendable, Equatable, Codable, CustomStringConvertible {
    public let address: String

    public enum Failure: Error, Sendable, Equatable {
        case notAnAddress(String)
    }

    public init(_ text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard (3...254).contains(bytes.count), parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty),
              bytes.allSatisfy({ (0x21...0x7E).contains($0) && !"<>()[]\\,;:\"".utf8.contains($0) }) else {
            throw .notAnAddress(String(text.prefix(100)))
        }
        address = text
    }

    /// For addresses written in the code, checked by the tests.
    init(known text: String) {
        address = text
    }

    public var domain: String { String(address.split(separator: "@")[1]) }
    public var description: String { address }
}

/// An image shown inside the HTML part (`<img src="cid:…">`), sent as a `multipart/related` part.
///
/// A QR code is kept as its text and drawn when the message is delivered: encoding and drawing cost CPU,
/// and the enqueue runs inside the caller's transaction, often while it holds a lock (a registration
/// holds its event's row), so that work stays out of it.
public struct InlineImage: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case png([UInt8])
        /// A QR code of this text (Domino's encoder), drawn 8 pixels per module with its quiet zone.
        case qrCode(String)
    }

    /// The left part of the Content-ID; Domino adds the message's own id to make it unique (RFC 2392).
    public let name: String
    public let filename: String
    public let content: Content

    public init(name: String, filename: String, png: [UInt8]) {
        self.init(name: name, filename: filename, content: .png(png))
    }

    public init(name: String, filename: String, qrCode text: String) {
        self.init(name: name, filename: filename, content: .qrCode(text))
    }

    init(name: String, filename: String, content: Content) {
        self.name = name
        self.filename = filename
        self.content = content
    }

    static let qrScale = 8

    /// The PNG bytes, drawing the QR code now if that is what the image is.
    func png() throws -> [UInt8] {
        switch content {
        case .png(let bytes): bytes
        case .qrCode(let text): try QRCode(text: text).png(scale: Self.qrScale)
        }
    }

    /// What the HTML part's `src` says for this image within the message `messageID`.
    public static func source(name: String, messageID: UUID) -> String {
        "cid:\(contentID(name: name, messageID: messageID))"
    }

    static func contentID(name: String, messageID: UUID) -> String {
        "\(name).\(messageID.uuidString.lowercased())@domino"
    }
}

/// The kinds of message Domino sends; each is described in docs/conventions.md.
public enum MailKind: String, Sendable, Codable, CaseIterable {
    case registrationConfirmation = "registration_confirmation"
    case waitlistPromotion = "waitlist_promotion"
    case eventReminder = "event_reminder"
    case registrationCancelled = "registration_cancelled"
    case organizerMessage = "organizer_message"
    case passwordReset = "password_reset"
    case companyApplication = "company_application"
}

/// One message as a module asks for it. The outbox renders it to MIME when it is delivered, with the
/// id, date and sender fixed at enqueue (so a retry sends the very same message).
public struct MailMessage: Sendable {
    public let id: UUID
    public let kind: MailKind
    public let to: MailAddress
    public let subject: String
    public let text: String
    /// Rendered from a `MailHTML`, so already escaped.
    public let html: String?
    public let images: [InlineImage]
    /// What the message is about (a registration id), for the delivery log and support.
    public let reference: String?

    public init(id: UUID = UUID(), kind: MailKind, to: MailAddress, subject: String, text: String, html: MailHTML? = nil,
                images: [InlineImage] = [], reference: String? = nil) {
        self.id = id
        self.kind = kind
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html?.rendered
        self.images = images
        self.reference = reference
    }

    init(id: UUID, kind: MailKind, to: MailAddress, subject: String, text: String, renderedHTML: String?, images: [InlineImage], reference: String?) {
        self.id = id
        self.kind = kind
        self.to = to
        self.subject = subject
        self.text = text
        html = renderedHTML
        self.images = images
        self.reference = reference
    }
}
