import FoundationEssentials

/// The three container kinds of `JSONTreeEncoder`. Every primitive overload funnels into one
/// `store`, so each kind says once where a value goes.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONObjectBox
    let codingPath: [any CodingKey]

    private func store(_ node: JSONNode, _ key: Key) { box.set(node, for: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { store(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { store(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { store(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        store(try JSONTreeEncoder.number(value, codingPath: codingPath + [key]), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        store(try JSONTreeEncoder.number(value, codingPath: codingPath + [key]), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { store(.number(String(value)), key) }
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        store(try JSONTreeEncoder.node(for: value, codingPath: codingPath + [key]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        store(.object(nested), key)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        store(.array(nested), key)
        return JSONUnkeyedContainer(box: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        JSONReferencingEncoder(codingPath: codingPath) { [box] in box.set($0, for: "super") }
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        JSONReferencingEncoder(codingPath: codingPath + [key]) { [box] in box.set($0, for: key.stringValue) }
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer, JSONValueSink {
    let box: JSONArrayBox
    let codingPath: [any CodingKey]
    var count: Int { box.elements.count }

    func store(_ node: JSONNode) { box.elements.append(node) }
    var valuePath: [any CodingKey] { codingPath + [JSONIndexKey(intValue: count)] }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObjectBox()
        let path = valuePath
        store(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(box: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArrayBox()
        let path = valuePath
        store(.array(nested))
        return JSONUnkeyedContainer(box: nested, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let position = count
        box.elements.append(.null)
        return JSONReferencingEncoder(codingPath: valuePath) { [box] in box.elements[position] = $0 }
    }
}

struct JSONSingleValueContainer: SingleValueEncodingContainer, JSONValueSink {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var valuePath: [any CodingKey] { codingPath }

    func store(_ node: JSONNode) { encoder.result = node }
}

/// The value-taking methods that unkeyed and single-value containers share, written once: each turns
/// the value into a node and hands it to `store`.
protocol JSONValueSink {
    func store(_ node: JSONNode)
    /// The coding path of the value being stored, for error messages.
    var valuePath: [any CodingKey] { get }
}

extension JSONValueSink {
    mutating func encodeNil() throws { store(.null) }
    mutating func encode(_ value: Bool) throws { store(.bool(value)) }
    mutating func encode(_ value: String) throws { store(.string(value)) }
    mutating func encode(_ value: Double) throws { store(try JSONTreeEncoder.number(value, codingPath: valuePath)) }
    mutating func encode(_ value: Float) throws { store(try JSONTreeEncoder.number(value, codingPath: valuePath)) }
    mutating func encode(_ value: Int) throws { store(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { store(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { store(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { store(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { store(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { store(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { store(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { store(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { store(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { store(.number(String(value))) }
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        store(try JSONTreeEncoder.node(for: value, codingPath: valuePath))
    }
}

/// The encoder of a `superEncoder()` call: whatever it ends up holding is written to its slot.
final class JSONReferencingEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private let inner: JSONTreeEncoder
    private let assign: (JSONNode) -> Void

    init(codingPath: [any CodingKey], assign: @escaping (JSONNode) -> Void) {
        self.codingPath = codingPath
        self.inner = JSONTreeEncoder(codingPath: codingPath)
        self.assign = assign
    }

    deinit { assign(inner.result ?? .object(JSONObjectBox())) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { inner.container(keyedBy: type) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { inner.singleValueContainer() }
}

struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
