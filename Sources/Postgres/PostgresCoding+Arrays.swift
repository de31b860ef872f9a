public import FoundationEssentials

/// One-dimensional arrays of text, integers and UUIDs, in PostgreSQL's array literal text format
/// (`{a,"b c",NULL}`; PostgreSQL manual 8.15.6). Every element is written quoted, so no element
/// needs to be inspected for the characters that would otherwise need quoting.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    static var arrayType: PostgresType { get }
}

extension String: PostgresArrayElement {
    public static var arrayType: PostgresType { .textArray }
}

extension Int: PostgresArrayElement {
    public static var arrayType: PostgresType { .int8Array }
}

extension Int64: PostgresArrayElement {
    public static var arrayType: PostgresType { .int8Array }
}

extension UUID: PostgresArrayElement {
    public static var arrayType: PostgresType { .uuidArray }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.arrayType }

    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        buffer.append(UInt8(ascii: "{"))
        var element: [UInt8] = []
        for (index, value) in enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            element.removeAll(keepingCapacity: true)
            try value.encode(into: &element)
            buffer.append(UInt8(ascii: "\""))
            for byte in element {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { buffer.append(UInt8(ascii: "\\")) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(UInt8(ascii: "}"))
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> [Element] {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            throw decodingFailure([Element].self, type)
        }
        var elements: [Element] = []
        var index = 1
        let end = bytes.count - 1
        var current: [UInt8] = []
        while index < end {
            current.removeAll(keepingCapacity: true)
            var quoted = false
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < end else { throw decodingFailure([Element].self, type) }
                    current.append(bytes[index])
                    index += 1
                }
                guard index < end else { throw decodingFailure([Element].self, type) }
                index += 1
            } else {
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    current.append(bytes[index])
                    index += 1
                }
            }
            if !quoted, current.elementsEqual("NULL".utf8) {
                throw PostgresError(.decoding, "array element is NULL, which \([Element].self) cannot hold")
            }
            let element = try current.withUnsafeBufferPointer { (buffer) throws(PostgresError) -> Element in
                try Element.decode(buffer, type: .unspecified)
            }
            elements.append(element)
            if index < end {
                guard bytes[index] == UInt8(ascii: ",") else { throw decodingFailure([Element].self, type) }
                index += 1
            }
        }
        return elements
    }
}
