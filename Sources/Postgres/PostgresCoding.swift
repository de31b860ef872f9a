public import FoundationEssentials

/// A PostgreSQL type OID (pg_type.oid). `unspecified` lets the server infer the type from the
/// statement, as it does for a quoted literal: a Swift `String` can then fill an enum, citext or date column.
public struct PostgresType: Sendable, Hashable {
    public let oid: UInt32
    public init(oid: UInt32) { self.oid = oid }

    public static let unspecified = PostgresType(oid: 0)
    public static let bool = PostgresType(oid: 16)
    public static let bytea = PostgresType(oid: 17)
    public static let int8 = PostgresType(oid: 20)
    public static let int2 = PostgresType(oid: 21)
    public static let int4 = PostgresType(oid: 23)
    public static let text = PostgresType(oid: 25)
    public static let float8 = PostgresType(oid: 701)
    public static let date = PostgresType(oid: 1082)
    public static let timestamptz = PostgresType(oid: 1184)
    public static let uuid = PostgresType(oid: 2950)
    public static let jsonb = PostgresType(oid: 3802)
    public static let textArray = PostgresType(oid: 1009)
    public static let int8Array = PostgresType(oid: 1016)
    public static let uuidArray = PostgresType(oid: 2951)
}

/// A Swift value that can be bound as a statement parameter. Parameters travel in PostgreSQL's text
/// format (the same text psql prints), except bytea, which goes binary so no escaping is needed.
public protocol PostgresEncodable: Sendable {
    static var postgresType: PostgresType { get }
    static var isBinary: Bool { get }
    func encode(into buffer: inout [UInt8]) throws(PostgresError)
}

extension PostgresEncodable {
    public static var isBinary: Bool { false }
}

/// A Swift value that can be read from a result column in text format.
public protocol PostgresDecodable: Sendable {
    /// `type` is the column's type as the server reports it, for types that read several.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Self

    /// What a NULL column reads as: nil (NULL is an error) except for Optional, where it is `.none`.
    /// A requirement rather than a cast to a marker protocol: that cast looked up a protocol
    /// conformance for every NULL column read, which showed in the `/v1/me` profile.
    static var valueForNull: Self? { get }
}

extension PostgresDecodable {
    public static var valueForNull: Self? { nil }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static var valueForNull: Self? { .some(.none) }

    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Self {
        try Wrapped.decode(bytes, type: type)
    }
}

func decodingFailure(_ swiftType: Any.Type, _ type: PostgresType) -> PostgresError {
    PostgresError(.decoding, "cannot read a value of type oid \(type.oid) as \(swiftType)")
}

// MARK: Text, numbers, booleans

extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .unspecified }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        // PostgreSQL text cannot hold NUL; refuse it here with a clear error rather than a truncated value.
        guard !utf8.contains(0) else { throw PostgresError(.encoding, "text parameters cannot contain a NUL character") }
        buffer.append(contentsOf: utf8)
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        buffer.append(contentsOf: String(self).utf8)
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Int64 {
        guard let value = parseInteger(bytes) else { throw decodingFailure(Int64.self, type) }
        return value
    }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        try Int64(self).encode(into: &buffer)
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Int {
        Int(try Int64.decode(bytes, type: type))
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int4 }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        try Int64(self).encode(into: &buffer)
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Int32 {
        guard let value = Int32(exactly: try Int64.decode(bytes, type: type)) else {
            throw decodingFailure(Int32.self, type)
        }
        return value
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bool }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        buffer.append(self ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Bool {
        switch bytes.first {
        case UInt8(ascii: "t") where bytes.count == 1: return true
        case UInt8(ascii: "f") where bytes.count == 1: return false
        default: throw decodingFailure(Bool.self, type)
        }
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .float8 }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        // Swift's description is the shortest text that reads back to the same Double.
        if isNaN { buffer.append(contentsOf: "NaN".utf8) } else if isInfinite {
            buffer.append(contentsOf: (self < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            buffer.append(contentsOf: description.utf8)
        }
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Double {
        let text = String(decoding: bytes, as: UTF8.self)
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw decodingFailure(Double.self, type) }
            return value
        }
    }
}

/// Parses an optionally signed decimal integer, refusing overflow and any stray byte.
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard !bytes.isEmpty else { return nil }
    var index = 0
    let negative = bytes[0] == UInt8(ascii: "-")
    if negative || bytes[0] == UInt8(ascii: "+") { index = 1 }
    guard index < bytes.count else { return nil }
    var value: Int64 = 0
    while index < bytes.count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        // Accumulate negatively so that Int64.min, whose magnitude has no positive Int64, parses.
        let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
        let (next, overflowB) = shifted.subtractingReportingOverflow(Int64(digit))
        guard !overflowA, !overflowB else { return nil }
        value = next
        index += 1
    }
    if negative { return value }
    guard value != .min else { return nil }
    return -value
}

// MARK: Identifiers, bytes, JSON

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .uuid }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        buffer.append(contentsOf: uuidString.lowercased().utf8)
    }
    /// PostgreSQL prints uuids as 36 lowercase characters, 8-4-4-4-12; parsed directly because
    /// `UUID(uuidString:)` goes through sscanf, which showed in profiles of every authenticated request.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> UUID {
        guard bytes.count == 36 else { throw decodingFailure(UUID.self, type) }
        var raw = [UInt8](repeating: 0, count: 16)
        var index = 0
        for position in 0..<16 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard bytes[index] == UInt8(ascii: "-") else { throw decodingFailure(UUID.self, type) }
                index += 1
            }
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                throw decodingFailure(UUID.self, type)
            }
            raw[position] = high << 4 | low
            index += 2
        }
        return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                           raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]))
    }
}

extension Data: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bytea }
    public static var isBinary: Bool { true }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        buffer.append(contentsOf: self)
    }
    /// bytea's text output is `\x` followed by two hex digits a byte (bytea_output = hex, the default).
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> Data {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            throw decodingFailure(Data.self, type)
        }
        var data = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                throw decodingFailure(Data.self, type)
            }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }
}

/// A `Codable` value stored in a jsonb column.
public struct JSONB<Value: Codable & Sendable>: PostgresEncodable, PostgresDecodable {
    public var value: Value
    public init(_ value: Value) { self.value = value }

    public static var postgresType: PostgresType { .jsonb }
    public func encode(into buffer: inout [UInt8]) throws(PostgresError) {
        do {
            buffer.append(contentsOf: try JSONEncoder().encode(value))
        } catch {
            throw PostgresError(.encoding, "cannot encode \(Value.self) as JSON")
        }
    }
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: PostgresType) throws(PostgresError) -> JSONB {
        do {
            return JSONB(try JSONDecoder().decode(Value.self, from: Data(bytes)))
        } catch {
            throw PostgresError(.decoding, "cannot read jsonb as \(Value.self): \(error)")
        }
    }
}
