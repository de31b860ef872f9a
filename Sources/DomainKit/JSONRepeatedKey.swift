/// Finds a name given twice in one JSON object. RFC 8259 §4 leaves such a body's meaning to each parser:
/// ours keeps the first value, another may keep the last, so a body that a proxy, a log or a second service
/// reads differently is refused (400) rather than guessed at.
enum JSONRepeatedKey {
    /// The first name repeated within one object of `json`, or nil. Run it on a body the decoder accepted, so
    /// the text is well-formed and a string's end is the first quote not escaped.
    static func first(in json: [UInt8]) -> String? {
        // One entry per open object (the names seen in it so far) or array (nil).
        var open: [Set<String>?] = []
        var expectingName = false
        var index = 0
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "{"): open.append([]); expectingName = true
            case UInt8(ascii: "["): open.append(nil); expectingName = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = open.popLast(); expectingName = false
            case UInt8(ascii: ","): expectingName = open.last.map { $0 != nil } ?? false
            case UInt8(ascii: ":"): expectingName = false
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < json.count, json[index] != UInt8(ascii: "\"") {
                    index += json[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard expectingName, index < json.count, case .some(.some) = open.last else { break }
                let name = Self.unescaped(json[(start + 1)..<index])
                if open[open.count - 1]?.insert(name).inserted == false { return name }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A name's or a string's text with its escapes read: "\u0061" and "a" are one name, as to every parser.
    static func unescaped(_ escaped: ArraySlice<UInt8>) -> String {
        guard escaped.contains(UInt8(ascii: "\\")) else { return String(decoding: escaped, as: UTF8.self) }
        var units: [UInt16] = []
        var index = escaped.startIndex
        while index < escaped.endIndex {
            guard escaped[index] == UInt8(ascii: "\\") else {
                // A run of plain bytes up to the next escape, as UTF-16.
                let end = escaped[index...].firstIndex(of: UInt8(ascii: "\\")) ?? escaped.endIndex
                units.append(contentsOf: String(decoding: escaped[index..<end], as: UTF8.self).utf16)
                index = end
                continue
            }
            guard index + 1 < escaped.endIndex else { break }  // not in a body the decoder accepted
            let escape = escaped[index + 1]
            switch escape {
            case UInt8(ascii: "u"):
                let hex = escaped[min(index + 2, escaped.endIndex)..<min(index + 6, escaped.endIndex)]
                units.append(UInt16(String(decoding: hex, as: UTF8.self), radix: 16) ?? 0xFFFD)
                index += 6
                continue
            case UInt8(ascii: "b"): units.append(0x08)
            case UInt8(ascii: "f"): units.append(0x0C)
            case UInt8(ascii: "n"): units.append(0x0A)
            case UInt8(ascii: "r"): units.append(0x0D)
            case UInt8(ascii: "t"): units.append(0x09)
            default: units.append(UInt16(escape))  // \" \\ \/
            }
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
