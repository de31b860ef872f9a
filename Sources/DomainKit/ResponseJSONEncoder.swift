import FoundationEssentials
import Postgres

/// Encodes response bodies to exactly the bytes of Foundation's `JSONEncoder` with sorted keys,
/// unescaped slashes and ISO 8601 dates (a test holds the two equal over every kind of value), in a
/// fraction of the time. Foundation's encoder asks every value whether it is a Date, Data, URL or
/// Decimal through dynamic casts and formats dates through a Calendar; on `/v1/me` that was the
/// largest piece of the request's own CPU time. Here the special types are told apart by comparing
/// metadata pointers, and dates are formatted from their seconds.
public enum ResponseJSONEncoder {
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        try JSONTreeEncoder.node(for: value, codingPath: []).write(into: &output)
        return output
    }
}

/// A value once encoded. Containers are boxes because a container handed out by the `Encoder` keeps
/// writing into its parent after the call that created it has returned.
enum JSONNode {
    case string(String)
    /// Already in JSON number syntax.
    case number(String)
    case bool(Bool)
    case null
    case object(JSONObjectBox)
    case array(JSONArrayBox)

    func write(into output: inout [UInt8]) {
        switch self {
        case .string(let text): JSONNode.writeString(text, into: &output)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let box):
            output.append(UInt8(ascii: "["))
            for (index, element) in box.elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let box):
            output.append(UInt8(ascii: "{"))
            // Foundation's order on Linux: the keys' UTF-8 bytes, lexicographically.
            let members = box.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONNode.writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                member.node.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// RFC 8259 escapes as Foundation writes them: short forms where JSON has them, `\u00xx` for other
    /// control characters, and `/` left alone.
    static func writeString(_ text: String, into output: inout [UInt8]) {
        let hexDigits: StaticString = "0123456789abcdef"
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00...0x1F:
                output.append(contentsOf: "\\u00".utf8)
                hexDigits.withUTF8Buffer { digits in
                    output.append(digits[Int(byte >> 4)])
                    output.append(digits[Int(byte & 0xF)])
                }
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

final class JSONObjectBox {
    var members: [(key: String, node: JSONNode)] = []

    /// A key set twice keeps its last value, as in Foundation's dictionary.
    func set(_ node: JSONNode, for key: String) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].node = node
        } else {
            members.append((key, node))
        }
    }
}

final class JSONArrayBox {
    var elements: [JSONNode] = []
}

/// The `Encoder` a value's `encode(to:)` talks to; it records the one container or single value the
/// value asked for.
final class JSONTreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var result: JSONNode?

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    /// The node for any value: the types Foundation treats specially first, then the value's own
    /// `encode(to:)`. A value that encodes nothing becomes `{}`, as nested values do in Foundation.
    static func node<Value: Encodable>(for value: Value, codingPath: [any CodingKey]) throws -> JSONNode {
        switch value {
        case let string as String: return .string(string)
        case let date as Date: return .string(iso8601(date))
        case let uuid as UUID: return .string(uuid.uuidString)
        case let data as Data: return .string(data.base64EncodedString())
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal: return .number(decimal.description)
        default: break
        }
        let encoder = JSONTreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.result ?? .object(JSONObjectBox())
    }

    static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: Number, codingPath: [any CodingKey]
    ) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath, debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// `2026-11-27T03:04:05Z`: whole seconds in UTC, as Foundation's `.iso8601` strategy writes them.
    static func iso8601(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        // Foundation's calendar is Julian before the Gregorian reform of 15 October 1582, and years past
        // 9999 take more digits; such dates never occur in this programme, so they take Foundation's
        // own slower path rather than a copy of its rules.
        guard seconds >= -12_219_292_800, seconds < 253_402_300_800 else { return date.formatted(.iso8601) }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let civil = CalendarDate(daysSinceEpoch: Int(days))
        var text: [UInt8] = []
        text.reserveCapacity(20)
        text.appendDigits(civil.year, count: 4)
        text.append(UInt8(ascii: "-"))
        text.appendDigits(civil.month, count: 2)
        text.append(UInt8(ascii: "-"))
        text.appendDigits(civil.day, count: 2)
        text.append(UInt8(ascii: "T"))
        text.appendDigits(secondOfDay / 3600, count: 2)
        text.append(UInt8(ascii: ":"))
        text.appendDigits(secondOfDay / 60 % 60, count: 2)
        text.append(UInt8(ascii: ":"))
        text.appendDigits(secondOfDay % 60, count: 2)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONObjectBox
        if case .object(let existing)? = result {
            box = existing
        } else {
            box = JSONObjectBox()
            result = .object(box)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSONArrayBox
        if case .array(let existing)? = result {
            box = existing
        } else {
            box = JSONArrayBox()
            result = .array(box)
        }
        return JSONUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(encoder: self)
    }
}
