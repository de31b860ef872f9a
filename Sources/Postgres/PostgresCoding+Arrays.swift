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
    /// Inlinable so that a caller's `[String]` or `[UUID]` is decoded by code specialised for its element: the
    /// generic version looked up the array's type metadata for every array it read, a twentieth of building the
    /// matching index (docs/benchmarks.md, Matching). The literal is taken apart by `PostgresArrayLiteral`.
    @inlinable
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> [Element] {
        var elements: [Element] = []
        try PostgresArrayLiteral.elements(of: bytes, type: type, as: [Element].self) { (element) throws(PostgresError) in
            guard let element else {
                throw PostgresError(.decoding, "array element is NULL, which \([Element].self) cannot hold")
            }
            elements.append(try Element.decode(element, type: .unspecified))
        }
        return elements
    }
}

/// PostgreSQL's one-dimensional array literal in text format (`{a,"b c",NULL}`; PostgreSQL manual 8.15.6), taken
/// apart element by element.
@usableFromInline
enum PostgresArrayLiteral {
    /// Hands each element's bytes to `body` in order, nil for an unquoted NULL. An element without escapes is handed
    /// over where it lies in `bytes`; one with backslashes is unescaped into a buffer first. `swiftType` names what
    /// the caller decodes, for the error when the literal is malformed.
    @usableFromInline
    static func elements(
        of bytes: UnsafeBufferPointer<UInt8>, type: PostgresType, as swiftType: Any.Type,
        _ body: (UnsafeBufferPointer<UInt8>?) throws(PostgresError) -> Void
    ) throws(PostgresError) {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            throw decodingFailure(swiftType, type)
        }
        var index = 1
        let end = bytes.count - 1
        var unescaped: [UInt8] = []
        while index < end {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                let start = index
                var escaped = false
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { escaped = true; index += 1 }
                    index += 1
                }
                guard index < end else { throw decodingFailure(swiftType, type) }
                if escaped {
                    unescaped.removeAll(keepingCapacity: true)
                    var at = start
                    while at < index {
                        if bytes[at] == UInt8(ascii: "\\") { at += 1 }
                        unescaped.append(bytes[at])
                        at += 1
                    }
                    try unescaped.withUnsafeBufferPointer { (element) throws(PostgresError) in try body(element) }
                } else {
                    try body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                }
                index += 1
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ",") { index += 1 }
                let element = UnsafeBufferPointer(rebasing: bytes[start..<index])
                try body(element.elementsEqual("NULL".utf8) ? nil : element)
            }
            if index < end {
                guard bytes[index] == UInt8(ascii: ",") else { throw decodingFailure(swiftType, type) }
                index += 1
            }
        }
    }
}

/// A one-dimensional array of text whose elements may be NULL (`{a,NULL,"NULL"}` is "a", nil, "NULL"), for a
/// query that gathers a column of several rows into one (`array_agg`): `[String]` refuses NULL elements. Decoded
/// by concrete code, without the generic array decoder's look-ups.
public struct PostgresTextArray: PostgresDecodable, Equatable {
    public var elements: [String?]

    public init(_ elements: [String?]) { self.elements = elements }

    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> PostgresTextArray {
        var elements: [String?] = []
        try PostgresArrayLiteral.elements(of: bytes, type: type, as: PostgresTextArray.self) { element in
            elements.append(element.map { String(decoding: $0, as: UTF8.self) })
        }
        return PostgresTextArray(elements)
    }
}
