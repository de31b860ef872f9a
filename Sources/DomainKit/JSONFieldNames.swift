import FoundationEssentials

/// The fields of a body that the request's type does not read: a misspelt `nameEN` or a field that
/// only the server sets (`version`) would otherwise be dropped without a word, and a 200 would say the
/// write happened. Found by decoding the body a second time, with a decoder that notes every name the
/// type asks for; it runs only after the real decoder accepted the body, so every value it meets is
/// one the type takes. It never refuses on its own account: where it cannot follow (a value it does
/// not know how to read), it reports nothing.
public enum JSONFieldNames {
    /// The paths (`technologies.0.nameEN`) of the members `type` does not read, in order.
    public static func unread<T: Decodable>(in value: JSONValue, by type: T.Type) -> [String] {
        let recorder = Recorder()
        guard (try? RecordingDecoder(value: value, path: [], recorder: recorder).read(type)) != nil else { return [] }
        return recorder.unread(in: value, at: [])
    }

    /// Names asked for per object path; an object whose every key was asked for (`allKeys`: a
    /// dictionary, free-form JSON) is open. An object no keyed container was made for is opaque.
    fileprivate final class Recorder {
        var asked: [[String]: Set<String>] = [:]
        var open: Set<[String]> = []

        func unread(in value: JSONValue, at path: [String]) -> [String] {
            switch value {
            case .object(let members):
                guard let names = asked[path] else { return [] }
                let isOpen = open.contains(path)
                return members.sorted { $0.key < $1.key }.flatMap { key, member in
                    isOpen || names.contains(key) ? unread(in: member, at: path + [key]) : [(path + [key]).joined(separator: ".")]
                }
            case .array(let items):
                return items.indices.flatMap { index in items[index].isContainer ? unread(in: items[index], at: path + [String(index)]) : [] }
            case .null, .bool, .number, .string:
                return []
            }
        }
    }

    /// Thrown where the recording decoder cannot follow; the caller then reports nothing.
    fileprivate struct CannotFollow: Error {}

    fileprivate struct RecordingDecoder: Decoder {
        let value: JSONValue
        let path: [String]
        let recorder: Recorder
        var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// Types the real decoder reads by a strategy of its own rather than by their `init(from:)`.
        func read<T: Decodable>(_ type: T.Type) throws -> T {
            if let date = Date(timeIntervalSince1970: 0) as? T, T.self == Date.self { return date }
            if let data = Data() as? T, T.self == Data.self { return data }
            if let decimal = Decimal(0) as? T, T.self == Decimal.self { return decimal }
            if T.self == URL.self, case .string(let text) = value, let url = URL(string: text) as? T { return url }
            return try T(from: self)
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let members) = value else { throw CannotFollow() }
            if recorder.asked[path] == nil { recorder.asked[path] = [] }
            return KeyedDecodingContainer(Keyed(members: members, path: path, recorder: recorder))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw CannotFollow() }
            return Unkeyed(items: items, path: path, recorder: recorder)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            Single(decoder: self)
        }
    }

    fileprivate struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { Int(stringValue) }
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) { stringValue = String(intValue) }
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSONValue]
        let path: [String]
        let recorder: Recorder
        var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }

        var allKeys: [Key] {
            recorder.open.insert(path)
            return members.keys.compactMap { Key(stringValue: $0) }
        }

        func member(_ key: Key) -> JSONValue? {
            recorder.asked[path, default: []].insert(key.stringValue)
            return members[key.stringValue]
        }

        func decoder(for key: Key) -> RecordingDecoder {
            RecordingDecoder(value: member(key) ?? .null, path: path + [key.stringValue], recorder: recorder)
        }

        func contains(_ key: Key) -> Bool { member(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { (member(key) ?? .null) == .null }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder(for: key).read(type) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try decoder(for: key).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try decoder(for: key).unkeyedContainer() }
        func superDecoder() throws -> any Decoder { throw CannotFollow() }
        func superDecoder(forKey key: Key) throws -> any Decoder { decoder(for: key) }
    }

    fileprivate struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let path: [String]
        let recorder: Recorder
        var currentIndex = 0
        var codingPath: [any CodingKey] { path.map { AnyKey(stringValue: $0) } }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [JSONValue], path: [String], recorder: Recorder) {
            (self.items, self.path, self.recorder) = (items, path, recorder)
        }

        mutating func next() throws -> RecordingDecoder {
            guard !isAtEnd else { throw CannotFollow() }
            defer { currentIndex += 1 }
            // Only an object or array records names under its path; a scalar's path is never read.
            let item = items[currentIndex]
            return RecordingDecoder(value: item, path: item.isContainer ? path + [String(currentIndex)] : path, recorder: recorder)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().read(type) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    /// A value read whole. The real decoder accepted the body, so a value of the wrong kind here is a
    /// type that reads itself in a way this decoder does not copy: it gets a neutral value, not a throw,
    /// so the names around it are still noted.
    fileprivate struct Single: SingleValueDecodingContainer {
        let decoder: RecordingDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.value == .null }
        func decode(_ type: Bool.Type) throws -> Bool { if case .bool(let value) = decoder.value { value } else { false } }
        func decode(_ type: String.Type) throws -> String { if case .string(let value) = decoder.value { value } else { "" } }
        func decode(_ type: Double.Type) throws -> Double { number }
        func decode(_ type: Float.Type) throws -> Float { Float(number) }
        func decode(_ type: Int.Type) throws -> Int { whole() }
        func decode(_ type: Int8.Type) throws -> Int8 { whole() }
        func decode(_ type: Int16.Type) throws -> Int16 { whole() }
        func decode(_ type: Int32.Type) throws -> Int32 { whole() }
        func decode(_ type: Int64.Type) throws -> Int64 { whole() }
        func decode(_ type: UInt.Type) throws -> UInt { whole() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { whole() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { whole() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { whole() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { whole() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.read(type) }

        var number: Double { if case .number(let value) = decoder.value { value } else { 0 } }
        func whole<N: FixedWidthInteger>() -> N { N(exactly: number) ?? 0 }
    }
}

extension JSONValue {
    var isContainer: Bool {
        switch self {
        case .object, .array: true
        case .null, .bool, .number, .string: false
        }
    }
}
