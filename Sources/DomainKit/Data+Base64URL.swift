public import FoundationEssentials

/// Base64url without padding (RFC 4648, section 5): safe in headers, URLs and query strings as is.
extension Data {
    public var base64URLEncoded: String {
        String(base64EncodedString().compactMap { character -> Character? in
            switch character {
            case "+": "-"
            case "/": "_"
            case "=": nil
            default: character
            }
        })
    }

    /// Decodes unpadded base64url; nil for any other character, a length no encoding produces, or
    /// stray bits in the last character (one value, one spelling). Decoded here rather than through
    /// `Data(base64Encoded:)`, which needed two rewritten copies of the text first: every bearer token
    /// passes through this, so that was a twentieth of a `/v1/me` request's CPU time.
    public init?(base64URLEncoded text: String) {
        var text = text
        guard let decoded = text.withUTF8(Self.decodeBase64URL) else { return nil }
        self = decoded
    }

    private static func decodeBase64URL(_ input: UnsafeBufferPointer<UInt8>) -> Data? {
        guard input.count % 4 != 1 else { return nil }
        // Collected in an array and wrapped once: `Data.append` of single bytes costs far more.
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        guard accumulator == 0 else { return nil }
        return Data(output)
    }
}

extension String {
    /// Without leading and trailing white space (Unicode's, so the ideographic space U+3000 too).
    /// One slice between the first and last other character: the import calls this for every cell, and
    /// building the result through two reversed views cost most of a 20,000-row import's time.
    public var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == startIndex && index(after: last) == endIndex { return self }
        return String(self[first...last])
    }
}
