extension SMTPSession {
    /// AUTH with the configured mechanism (RFC 4954 §4). PLAIN sends authorization identity (empty),
    /// user and password, NUL-separated, base64 (RFC 4616 §2); LOGIN answers the relay's two 334
    /// prompts with the user and the password, each base64. A relay that did not offer the mechanism
    /// in its EHLO reply is not asked: the attempt fails as a protocol problem an operator must fix.
    mutating func authenticate(_ credentials: (username: String, password: String, mechanism: SMTPRelay.Authentication),
                               offered greeting: SMTPReply) async throws(SMTPFailure) {
        let offered = greeting.lines.contains { line in
            let words = line.uppercased().split(separator: " ")
            return words.first == "AUTH" && words.contains(Substring(credentials.mechanism.rawValue))
        }
        guard offered else { throw .protocolViolation("the relay does not offer AUTH \(credentials.mechanism.rawValue)") }
        switch credentials.mechanism {
        case .plain:
            let token = Base64.encode([0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8))
            _ = try await command("AUTH PLAIN \(token)", expecting: 235)
        case .login:
            _ = try await command("AUTH LOGIN", expecting: 334)
            _ = try await command(Base64.encode(Array(credentials.username.utf8)), expecting: 334)
            _ = try await command(Base64.encode(Array(credentials.password.utf8)), expecting: 235)
        }
    }
}

/// The DATA phase's framing (RFC 5321 §4.5.2, §2.3.8): every line end is CRLF, a line that starts with
/// "." gets one more, and the data ends with CRLF "." CRLF.
enum SMTPData {
    static func stuffed(_ message: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 64)
        var atLineStart = true
        var previousCR = false
        for byte in message.utf8 {
            switch byte {
            case 0x0D:
                output += [0x0D, 0x0A]
                atLineStart = true
                previousCR = true
                continue
            case 0x0A:
                if !previousCR {
                    output += [0x0D, 0x0A]
                    atLineStart = true
                }
            default:
                if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
                output.append(byte)
                atLineStart = false
            }
            previousCR = false
        }
        if !atLineStart { output += [0x0D, 0x0A] }
        output += Array(".\r\n".utf8)
        return output
    }
}
