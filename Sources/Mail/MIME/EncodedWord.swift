/// Header text outside ASCII as RFC 2047 encoded words: `=?UTF-8?B?…?=`, base64 ("B") because it is
/// compact for Japanese, where "Q" would triple every byte.
enum EncodedWord {
    /// RFC 2047 §2: an encoded word is at most 75 characters.
    static let maximumLength = 75
    /// RFC 5322 §2.1.1: a header line should be at most 78 characters (without CRLF).
    static let lineLength = 78
    static let prefix = "=?UTF-8?B?"
    static let suffix = "?="

    /// The header line `name: value`, folded (RFC 5322 §2.2.3). Printable ASCII that fits on the line
    /// stays as it is; anything else becomes encoded words, one per folded line, each holding whole
    /// characters (RFC 2047 §5: a word "MUST represent an integral number of characters"), so no
    /// multi-byte character is ever split between two words.
    ///
    /// A header field is one line (RFC 5322 §2.2): line breaks in the value (an organizer's subject typed
    /// over two lines, an event title with a break) become one space each run, before encoding. Encoded,
    /// a CR LF would not end the field, but it would come back out of the decoder, and a client that
    /// writes the header again (a reply, a forward, a list) would write a line of the sender's choosing.
    static func headerLine(_ name: String, _ value: String) -> String {
        let value = oneLine(value)
        let lead = name + ": "
        if isPlain(value), lead.count + value.count <= lineLength { return lead + value }
        return lead + words(value, firstRoom: lineLength - lead.count).joined(separator: "\r\n ")
    }

    /// A display name in an address (`phrase` of RFC 5322 §3.4): plain words when safe, else encoded
    /// words separated by one space.
    static func phrase(_ value: String) -> String {
        if isPlain(value), value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) { return value }
        return words(value, firstRoom: lineLength - "From: ".count).joined(separator: " ")
    }

    /// `value` with every run of line breaks (CR, LF, VT, FF, NEL, U+2028, U+2029) replaced by one space.
    static func oneLine(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        var inBreak = false
        for scalar in value.unicodeScalars {
            if [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(scalar.value) {
                if !inBreak { scalars.append(" ") }
                inBreak = true
                continue
            }
            inBreak = false
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Printable ASCII with no `=?` that a decoder could mistake for an encoded word.
    static func isPlain(_ value: String) -> Bool {
        value.utf8.allSatisfy { (0x20...0x7E).contains($0) } && !value.contains("=?")
    }

    /// Encoded words for `value`: the first fits in `firstRoom` characters, the others in 75 (a folded
    /// line starts with one space, so 1 + 75 stays within 78).
    static func words(_ value: String, firstRoom: Int) -> [String] {
        var result: [String] = []
        var pending: [UInt8] = []
        var room = min(firstRoom, maximumLength)
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if !pending.isEmpty, encodedLength(pending.count + bytes.count) > room {
                result.append(word(pending))
                pending = []
                room = maximumLength
            }
            pending += bytes
        }
        if !pending.isEmpty || result.isEmpty { result.append(word(pending)) }
        return result
    }

    static func encodedLength(_ byteCount: Int) -> Int {
        prefix.count + (byteCount + 2) / 3 * 4 + suffix.count
    }

    static func word(_ bytes: [UInt8]) -> String {
        prefix + Base64.encode(bytes) + suffix
    }
}
