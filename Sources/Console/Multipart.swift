import DomainKit

/// A `multipart/form-data` body (RFC 7578) as a file upload form sends it: text fields and files,
/// by field name. Only what a browser writes is read: each part has a Content-Disposition naming the
/// field (and, for a file, its file name); anything else makes the whole body unreadable (nil), which
/// the page answers with a 400.
struct Multipart: Sendable {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let bytes: [UInt8]
    }

    static let maximumParts = 20

    let parts: [Part]

    /// The boundary of a `multipart/form-data; boundary=…` content type (quoted or not).
    static func boundary(of contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { String($0).trimmed }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = piece.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            // RFC 2046 §5.1.1: 1 to 70 characters.
            guard (1...70).contains(value.count) else { return nil }
            return String(value)
        }
        return nil
    }

    init?(_ body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            // A part runs from after the delimiter's CRLF to the CRLF before the next delimiter.
            let contentStart = start + delimiter.count + 2
            let contentEnd = end - 2
            guard contentStart <= contentEnd, Array(body[(start + delimiter.count)..<contentStart]) == crlf,
                  Array(body[contentEnd..<end]) == crlf,
                  // The blank line after the headers ends before the value's closing CRLF: a part whose headers meet the
                  // next delimiter at once has no value to slice (its start would pass its end, a trap: sturdy28).
                  let headerEnd = Self.find(crlf + crlf, in: body, from: contentStart), headerEnd + 4 <= contentEnd else { return nil }
            let headers = String(decoding: body[contentStart..<headerEnd], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: disposition) else { return nil }
            parts.append(Part(name: name, filename: Self.parameter("filename", in: disposition), bytes: Array(body[(headerEnd + 4)..<contentEnd])))
            guard parts.count <= Self.maximumParts else { return nil }
        }
        // The last delimiter closes the body: `--boundary--`.
        guard let last = positions.last, body[(last + delimiter.count)...].starts(with: [45, 45]) else { return nil }
        self.parts = parts
    }

    /// The text fields, as a form of name and value pairs (files left out).
    var fields: [(name: String, value: String)] {
        parts.filter { $0.filename == nil }.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) }
    }

    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.filename != nil }
    }

    /// `name="value"` in a Content-Disposition header (browsers quote, and escape `"` as `%22`).
    private static func parameter(_ key: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let trimmed = String(piece).trimmed
            guard trimmed.hasPrefix("\(key)=\"") && trimmed.hasSuffix("\"") && trimmed.count >= key.count + 3 else { continue }
            return String(trimmed.dropFirst(key.count + 2).dropLast())
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
