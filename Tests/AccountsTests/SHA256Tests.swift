@testable import Accounts
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("SHA-256, the key of a verified token")
struct SHA256Tests {
    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test("the FIPS 180-4 examples give their published digests")
    func publishedExamples() {
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("it agrees with PostgreSQL's sha256() on every length around the block boundaries")
    func agreesWithPostgreSQL() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        for length in [1, 31, 32, 55, 56, 63, 64, 65, 119, 120, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            let expected: Data = try await pool.query("SELECT sha256(\(Data(bytes))) AS digest")[0].decode("digest")
            #expect(SHA256.hash(bytes) == Array(expected), "length \(length)")
        }
    }
}
