import DomainKit
import Foundation
import Testing

/// Foundation's encoder, configured as responses used to be encoded, is the oracle: the fast encoder
/// must produce the same bytes for every kind of value a response can hold.
@Suite("Response JSON encoder")
struct ResponseJSONEncoderTests {
    static let foundation: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    enum Stage: String, Codable { case lead, won }

    enum Outcome: Codable {
        case pending
        case decided(stage: Stage, note: String?)
    }

    struct Inner: Codable {
        var name: String
        var score: Double
        var tags: [String]
    }

    struct Everything: Codable {
        var text: String
        var flag: Bool
        var int: Int
        var int8: Int8
        var int16: Int16
        var int32: Int32
        var int64: Int64
        var uint: UInt
        var uint8: UInt8
        var uint16: UInt16
        var uint32: UInt32
        var uint64: UInt64
        var double: Double
        var float: Float
        var missing: String?
        var present: Int?
        var date: Date
        var dates: [Date]
        var id: UUID
        var bytes: Data
        var link: URL
        var amount: Decimal
        var stage: Stage
        var outcomes: [Outcome]
        var inner: Inner
        var inners: [Inner]
        var counts: [String: Int]
        var byNumber: [Int: String]
        var matrix: [[Double]]
        var optionals: [Int?]
        var Upper: String
        var 和名: String
    }

    /// Writes through every container operation, super encoders included.
    struct Handwritten: Encodable {
        enum Keys: String, CodingKey { case nested, list, parent, explicitNull }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode("inside", forKey: .list)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1)
            try list.encodeNil()
            var inner = list.nestedUnkeyedContainer()
            try inner.encode(true)
            var keyed = list.nestedContainer(keyedBy: Keys.self)
            try keyed.encode(2.5, forKey: .parent)
            try Inner(name: "super", score: 1, tags: []).encode(to: list.superEncoder())
            try Inner(name: "parent", score: 0.5, tags: ["a"]).encode(to: container.superEncoder(forKey: .parent))
            try container.encodeNil(forKey: .explicitNull)
            try Stage.won.encode(to: container.superEncoder())
        }
    }

    static let awkwardText = String((0..<0x20).map { Character(Unicode.Scalar($0)!) })
        + "\"\\/ \u{7F} \u{2028} é 横浜 🏭 \u{FEFF}"

    static func sample(_ seed: Int) -> Everything {
        let doubles: [Double] = [0, -0.0, 0.1, 1, 1.5, -2, 1e20, 1e21, 1.5e-7, 123_456.789, 0.30000000000000004, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        let dates = [0, 0.999, -0.25, -86_400.5, 1_795_000_000.123_456, 253_402_300_799, -62_135_596_800, -12_219_292_800, -12_219_292_800.5, 253_402_300_800]
            .map(Date.init(timeIntervalSince1970:))
        return Everything(
            text: awkwardText, flag: seed % 2 == 0, int: .min + seed, int8: .max, int16: -300, int32: .min, int64: .max,
            uint: .max, uint8: 255, uint16: 65_535, uint32: 7, uint64: .max, double: doubles[seed % doubles.count],
            float: [Float(0.1), 3, -1e-3, 16_777_216][seed % 4], missing: nil, present: seed % 3 == 0 ? nil : seed,
            date: dates[seed % dates.count], dates: dates, id: UUID(), bytes: Data((0..<seed % 7).map { UInt8($0 * 37) }),
            link: URL(string: "https://example.org/a/b?q=横浜&x=1")!, amount: Decimal(string: "12345.678")!,
            stage: .lead, outcomes: [.pending, .decided(stage: .won, note: nil), .decided(stage: .lead, note: "ok")],
            inner: Inner(name: "x/y", score: doubles[(seed + 3) % doubles.count], tags: ["a", ""]),
            inners: [Inner(name: "", score: 2, tags: [])],
            counts: ["b": 1, "B": 2, "a": 3, "ä": 4, "10": 5, "9": 6, "横浜": 7, "": 8],
            byNumber: [10: "ten", 9: "nine", -1: "minus"], matrix: [[], [1, 2.5]], optionals: [1, nil, 3],
            Upper: "U", 和名: "和")
    }

    @Test("every kind of value encodes to Foundation's bytes", arguments: 0..<13)
    func sameBytesAsFoundation(seed: Int) throws {
        let value = Self.sample(seed)
        let expected = try Self.foundation.encode(value)
        let actual = try ResponseJSONEncoder.encode(value)
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("nested, unkeyed and super encoders encode to Foundation's bytes")
    func containers() throws {
        let expected = try Self.foundation.encode(Handwritten())
        #expect(String(decoding: try ResponseJSONEncoder.encode(Handwritten()), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("top-level scalars and collections encode to Foundation's bytes")
    func topLevel() throws {
        #expect(try ResponseJSONEncoder.encode("a/b") == Array(try Self.foundation.encode("a/b")))
        #expect(try ResponseJSONEncoder.encode([1.0, 2.5]) == Array(try Self.foundation.encode([1.0, 2.5])))
        #expect(try ResponseJSONEncoder.encode(["k": [Date(timeIntervalSince1970: 1)]]) == Array(try Self.foundation.encode(["k": [Date(timeIntervalSince1970: 1)]])))
    }

    @Test("a value JSON cannot hold is an error, as in Foundation", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(value: Double) {
        #expect(throws: EncodingError.self) { try ResponseJSONEncoder.encode(["x": value]) }
        #expect(throws: EncodingError.self) { try Self.foundation.encode(["x": value]) }
    }
}
