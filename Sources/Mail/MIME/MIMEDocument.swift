public import FoundationEssentials

/// A message rendered as RFC 5322 + MIME (RFC 2045–2047) text: 7-bit, CRLF line ends, every line at most
/// 78 characters. The structure is the smallest that holds what the message has:
///
///     multipart/related (only with inline images; RFC 2387)
///       multipart/alternative (only with an HTML part; RFC 2046 §5.1.4)
///         text/plain; charset=utf-8, quoted-printable
///         text/html; charset=utf-8, quoted-printable
///       image/png, base64, Content-ID, inline
public struct MIMEDocument: Sendable {
    public let from: MailAddress
    public let fromName: String?
    /// The right side of the Message-ID: the sender's domain.
    public let domain: String

    public init(from: MailAddress, fromName: String?, domain: String? = nil) {
        self.from = from
        self.fromName = fromName
        self.domain = domain ?? from.domain
    }

    /// RFC 5322 §3.6.4: unique, and the same on every retry, so a relay or mailbox can drop a copy that
    /// a retry after a lost acknowledgement sends again.
    public func messageID(_ message: MailMessage) -> String {
        "<\(message.id.uuidString.lowercased())@\(domain)>"
    }

    /// The display name as a phrase (RFC 5322 §3.4), never with the address inside an encoded word
    /// (RFC 2047 §5 forbids that); folded before the address when the line would pass 78 characters.
    var fromLine: String {
        guard let fromName else { return "From: <\(from)>" }
        let words = EncodedWord.phrase(fromName)
        let line = "From: \(words) <\(from)>"
        if line.count <= EncodedWord.lineLength { return line }
        return "From: " + words.replacingSpaces() + "\r\n <\(from)>"
    }

    /// Throws only when a QR code's text is too long for any version (2,331 bytes).
    public func render(_ message: MailMessage, date: Date) throws -> String {
        var headers = [
            fromLine,
            "To: <\(message.to)>",
            EncodedWord.headerLine("Subject", message.subject),
            "Date: \(MailDate.format(date))",
            "Message-ID: \(messageID(message))",
            "MIME-Version: 1.0",
            // RFC 3834 §5: machine-sent, so vacation responders stay quiet.
            "Auto-Submitted: auto-generated",
        ]
        let token = String(message.id.uuidString.lowercased().filter { $0 != "-" })
        headers += try body(message, token: token)
        return headers.joined(separator: "\r\n") + "\r\n"
    }

    /// The Content-* headers and the body, as lines; the first lines belong to the message header.
    private func body(_ message: MailMessage, token: String) throws -> [String] {
        let text = Self.leaf("text/plain; charset=utf-8", "quoted-printable", QuotedPrintable.encode(message.text))
        var content = text
        if let html = message.html {
            let htmlPart = Self.leaf("text/html; charset=utf-8", "quoted-printable", QuotedPrintable.encode(html))
            content = Self.multipart("alternative", boundary: "=_alt_" + token, parts: [text, htmlPart])
        }
        if !message.images.isEmpty {
            let images = try message.images.map { image in
                ["Content-Type: image/png",
                 "Content-Transfer-Encoding: base64",
                 "Content-ID: <\(InlineImage.contentID(name: image.name, messageID: message.id))>",
                 "Content-Disposition: inline; filename=\"\(image.filename)\"",
                 "",
                 Base64.encodeLines(try image.png())]
            }
            content = Self.multipart("related", boundary: "=_rel_" + token, parts: [content] + images,
                                     parameters: ";\r\n type=\"\(message.html == nil ? "text/plain" : "multipart/alternative")\"")
        }
        return content
    }

    /// A part whose header ends at the first empty line.
    private static func leaf(_ type: String, _ encoding: String, _ body: String) -> [String] {
        ["Content-Type: \(type)", "Content-Transfer-Encoding: \(encoding)", "", body]
    }

    /// RFC 2046 §5.1.1: the boundary starts with "=_", which neither quoted-printable (where "=" is always
    /// followed by hex digits or a line end) nor base64 can produce, so it never occurs in a part.
    private static func multipart(_ subtype: String, boundary: String, parts: [[String]], parameters: String = "") -> [String] {
        // Folded before each parameter (RFC 5322 §2.2.3), so the header stays within 78 characters a line.
        var lines = ["Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\"\(parameters)", ""]
        for part in parts {
            lines.append("--" + boundary)
            lines += part
        }
        lines.append("--" + boundary + "--")
        return lines
    }
}
