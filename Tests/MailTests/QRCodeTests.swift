import Foundation
@testable import Mail
import Testing
import TestSupport

/// The encoder checked by an independent decoder: zbar (Debian `zbar-tools`, installed by `make deps`)
/// reads each PNG back. Payloads cover a door code, URLs, Japanese text and sizes that need versions
/// with several blocks, alignment patterns and version information.
@Suite("QR codes")
struct QRCodeTests {
    static let payloads = [
        "K7QX3M",
        "https://domino.example.jp/v1/events/3f1c2a9e-7b4d-4c1e-9a0b-2d6f8e1c4b5a/check-in?code=K7QX3M",
        "横浜市 脱炭素ビジネスマッチング 2026 受付コード K7QX3M",
        String(repeating: "Yokohama Zero Carbon ", count: 12),
        String(repeating: "脱炭素", count: 60),
    ]

    @Test("each payload decodes back with zbarimg", arguments: payloads)
    func decodesWithZbar(_ payload: String) async throws {
        let code = try QRCode(text: payload)
        let path = NSTemporaryDirectory() + "domino-qr-\(UUID().uuidString).png"
        try Data(code.png(scale: 4)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let decoded = try await zbar(path)
        #expect(decoded == payload + "\n")
    }

    @Test("the smallest version that holds the payload is chosen")
    func smallestVersion() throws {
        // Version 1-M holds 14 bytes in byte mode, version 2-M 26 (ISO/IEC 18004 Table 7).
        #expect(try QRCode(text: String(repeating: "A", count: 14)).version == 1)
        #expect(try QRCode(text: String(repeating: "A", count: 15)).version == 2)
        #expect(try QRCode(text: String(repeating: "A", count: 26)).version == 2)
        #expect(try QRCode(text: String(repeating: "A", count: 27)).version == 3)
        #expect(try QRCode(bytes: Array(repeating: 0x41, count: 2331)).version == 40)
        #expect(throws: QRCode.Failure.payloadTooLong(bytes: 2332)) { try QRCode(bytes: Array(repeating: 0x41, count: 2332)) }
    }

    @Test("Reed–Solomon matches the standard's worked example")
    func reedSolomonExample() {
        // ISO/IEC 18004 Annex I: "01234567" in version 1-M; its data codewords and error correction.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ecc = ReedSolomon.remainder(of: data, divisor: ReedSolomon.divisor(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("the PNG has a correct CRC-32 and Adler-32")
    func checksums() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        let png = PNGImage.blackAndWhite(width: 2, height: 1) { x, _ in x == 0 }
        #expect(Array(png.prefix(8)) == PNGImage.signature)
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }
}

/// zbarimg's decoded text alone: its stderr (a D-Bus notice on machines without one) is dropped.
func zbar(_ path: String) async throws -> String {
    try await Subprocess.run("/bin/sh", ["-c", "zbarimg --raw -q \"$1\" 2>/dev/null", "zbar", path])
}
