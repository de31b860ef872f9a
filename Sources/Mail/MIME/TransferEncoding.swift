/// The two content transfer encodings Domino writes (RFC 2045 §6): every part leaves as 7-bit lines
/// of at most 76 characters, so no relay needs 8BITMIME and no line is ever rewrapped in transit.
enum QuotedPrintable {
    /// RFC 2045 §6.7 rule 5: encoded lines are at most 76 characters, the soft break's "=" included.
    static let lineLength = 76

    /// Encodes text (any line ends) as quoted-printable lines joined by CRLF. The line ends of the text
    /// are hard breaks (rule 4). Each character's bytes are kept on one line, so a reader that shows
    /// the raw source never sees half a character, and a "=XX" triplet is never split (rule 5).
    static func encode(_ text: String) -> String {
        let lines = MIMEText.lines(text)
        return lines.map(encodeLine).joined(separator: "\r\n")
    }

    static func encodeLine(_ line: Substring) -> String {
        var output: [String] = []
        var current = ""
        let scalars = Array(line.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isLast = index == scalars.count - 1
            let unit = encode(scalar, atLineEnd: isLast)
            // The last unit of the line needs no room for a soft break after it.
            let room = isLast ? lineLength : lineLength - 1
            if current.count + unit.count > room {
                output.append(current + "=")
                current = ""
            }
            current += unit
        }
        output.append(current)
        return output.joined(separator: "\r\n")
    }

    /// Rule 2: printable ASCII other than "=" stands for itself; rule 3: space and tab too, except at
    /// the end of a line, where a transport may strip them; everything else is "=XX" per byte.
    static func encode(_ scalar: Unicode.Scalar, atLineEnd: Bool) -> String {
        let value = scalar.value
        if (33...126).contains(value), value != 61 { return String(scalar) }
        if (value == 32 || value == 9), !atLineEnd { return String(scalar) }
        return String(scalar).utf8.map { byte in
            "=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }.joined()
    }
}

/// Base64 (RFC 4648 §4) written by hand, in 76-character lines for bodies (RFC 2045 §6.8).
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let lineLength = 76

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func encodeLines(_ bytes: [UInt8]) -> String {
        let text = Array(encode(bytes).utf8)
        return stride(from: 0, to: text.count, by: lineLength).map {
            String(decoding: text[$0..<min($0 + lineLength, text.count)], as: UTF8.self)
        }.joined(separator: "\r\n")
    }
}

enum MIMEText {
    /// Splits on CRLF, CR or LF alike: the body's line ends, whatever the author typed.
    static func lines(_ text: String) -> [Substring] {
        text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
    }
}

extension String {
    /// Encoded words joined by spaces, folded one to a line instead (a space before each fold).
    func replacingSpaces() -> String {
        guard hasPrefix(EncodedWord.prefix) else { return self }
        return split(separator: " ").joined(separator: "\r\n ")
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    /// CRLF and lone CR become LF (Swift treats "\r\n" as one Character, so this works on scalars).
    func replacingCRLF() -> String {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
