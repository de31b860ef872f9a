import EventIO
import Foundation
@testable import Mail
import Testing
import TestSupport

/// The client against an SMTP server Domino did not write: aiosmtpd from PyPI, installed into `.venv` by
/// `make venv` (so `make test` always runs this; a bare `swift test` without the venv skips it).
@Suite("SMTP against aiosmtpd")
struct AiosmtpdInteropTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let python = root + "/.venv/bin/python"
    static var available: Bool { FileManager.default.fileExists(atPath: root + "/.venv/.installed-aiosmtpd") }

    @Test("aiosmtpd accepts the rendered message, and Python's parser reads it back", .enabled(if: available))
    func interoperates() async throws {
        let directory = NSTemporaryDirectory() + "domino-aiosmtpd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try closedPort()
        let server = try Subprocess.start(Self.python, [Self.root + "/scripts/smtp-sink.py", String(port), directory])
        do {
            try await exchange(port: port, directory: directory)
        } catch {
            _ = await server.terminate()
            throw error
        }
        _ = await server.terminate()
    }

    func exchange(port: Int, directory: String) async throws {
        try await waitForFile(directory + "/ready")

        let message = try sampleMessage()
        let document = MIMEDocument(from: try MailAddress("noreply@domino.example.jp"), fromName: "Domino 横浜")
        let reply = try await SMTPClient(relay: SMTPRelay(host: "127.0.0.1", port: port, heloName: "domino.test", timeout: smtpLiveness))
            .send(try document.render(message, date: TestClock.standardStart), from: "noreply@domino.example.jp", to: "guest@example.org")
        #expect(reply.code == 250)
        try await waitForFile(directory + "/1.eml")
        let envelope = try String(contentsOfFile: directory + "/1.envelope", encoding: .utf8)
        #expect(envelope == "noreply@domino.example.jp\nguest@example.org\n")
        let parsed = try await parseWithPython(try String(contentsOfFile: directory + "/1.eml", encoding: .utf8))
        #expect(parsed.subject == message.subject)
        #expect(parsed.structure == ["multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png"])
        #expect(parsed.text == "受付コード: K7QX3M\n.\nDoor code: K7QX3M")
        #expect(try await zbar(parsed.images[0]) == "K7QX3M\n")
    }

    /// Bounded wait on a condition, on an event-loop timer.
    func waitForFile(_ path: String) async throws {
        for _ in 0..<12_000 {  // 120 s at least: a bound on a broken run, not a speed (CI's machine is far slower)
            if FileManager.default.fileExists(atPath: path) { return }
            try await EventLoop.sleep(for: .milliseconds(10))
        }
        throw SinkFailure(message: "\(path) did not appear")
    }
}
