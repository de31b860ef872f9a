extension JSONValue {
    /// The value of a JSON text that `JSONDecoder` has already accepted, read in one pass over its bytes.
    /// Decoding `JSONValue` through `JSONDecoder` tries each kind in turn and throws for every miss, which for a
    /// body of a megabyte cost a third of a second on the cooperative pool; this costs a few milliseconds. It
    /// is not a validator: on text it does not expect it gives nil, and callers then do without it.
    static func parse(acceptedJSON json: [UInt8]) -> JSONValue? {
        var reader = Reader(bytes: json)
        guard let value = reader.value() else { return nil }
        reader.skipSpace()
        return reader.index == json.count ? value : nil
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }

        mutating func value() -> JSONValue? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
            let end = index + word.utf8.count
            guard end <= bytes.count, bytes[index..<end].elementsEqual(word.utf8) else { return nil }
            index = end
            return value
        }

        mutating func number() -> JSONValue? {
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            return Double(String(decoding: bytes[start..<index], as: UTF8.self)).map(JSONValue.number)
        }

        static func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        mutating func string() -> String? {
            let start = index + 1
            index = start
            var escaped = false
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                escaped = escaped || bytes[index] == UInt8(ascii: "\\")
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            let text = bytes[start..<index]
            return escaped ? JSONRepeatedKey.unescaped(text) : String(decoding: text, as: UTF8.self)
        }

        mutating func array() -> JSONValue? {
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                guard let item = value() else { return nil }
                items.append(item)
                skipSpace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "]") { return .array(items) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
            }
        }

        mutating func object() -> JSONValue? {
            index += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let name = string() else { return nil }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let member = value() else { return nil }
                if members[name] == nil { members[name] = member }
                skipSpace()
                guard index < bytes.count else { return nil }
                index += 1
                if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
                guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
            }
        }
    }
}
