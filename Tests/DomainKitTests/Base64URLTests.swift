import DomainKit
import FoundationEssentials
import Testing

@Suite("Base64url")
struct Base64URLTests {
    @Test("every length round-trips and agrees with Foundation's standard alphabet")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            let text = bytes.base64URLEncoded
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Data(base64URLEncoded: text) == bytes)
            let standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
                + String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
            #expect(Data(base64Encoded: standard) == bytes)
        }
    }

    @Test("the alphabet's extremes decode to the bytes RFC 4648 gives them")
    func knownValues() {
        #expect(Data(base64URLEncoded: "-_-_") == Data([0xFB, 0xFF, 0xBF]))
        #expect(Data(base64URLEncoded: "AAAA") == Data([0, 0, 0]))
        #expect(Data(base64URLEncoded: "Zm9vYg") == Data("foob".utf8))
        #expect(Data(base64URLEncoded: "") == Data())
    }

    @Test("refuses padding, the standard alphabet, impossible lengths, stray bits and non-ASCII", arguments: [
        "Zm9vYg==", "a+b/", "Zm9vY", "Zm9vYh", "Zm 9v", "Zm9v\u{0}", "Ｚm9v", "é",
    ])
    func refusals(text: String) {
        #expect(Data(base64URLEncoded: text) == nil)
    }
}
