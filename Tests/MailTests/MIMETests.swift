import Foundation
@testable import Mail
import Testing
import TestSupport

/// MIME as bytes: each encoding rule checked on literal text, no socket, no database.
@Suite("MIME encoding")
struct MIMETests {
    @Test("a short Japanese subject is one encoded word")
    func shortSubject() {
        #expect(EncodedWord.headerLine("Subject", "受付完了") == "Subject: =?UTF-8?B?5Y+X5LuY5a6M5LqG?=")
        #expect(EncodedWord.headerLine("Subject", "Registration confirmed") == "Subject: Registration confirmed")
    }

    @Test("a long subject is folded into encoded words of at most 75 characters holding whole characters")
    func longSubject() throws {
        let subject = "【受付完了】横浜市 脱炭素ビジネスマッチング 海外展開フォーラム 2026 / Registration confirmed: Yokohama Zero Carbon Forum 2026 🌏"
        let header = EncodedWord.headerLine("Subject", subject)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        var decoded = ""
        for (index, line) in lines.enumerated() {
            #expect(line.count <= 78)
            let word = index == 0 ? String(line.dropFirst("Subject: ".count)) : String(line.dropFirst())
            #expect(index == 0 || line.hasPrefix(" "))
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(payload)))
            // Every word decodes on its own to valid UTF-8: no character was split.
            let text = try #require(String(bytes: bytes, encoding: .utf8))
            decoded += text
        }
        #expect(decoded == subject)
    }

    @Test("a header is one line: line breaks in a subject become spaces, whether it stays plain or is encoded")
    func subjectLineBreaks() throws {
        #expect(EncodedWord.headerLine("Subject", "Venue\r\nBcc: x@evil.example") == "Subject: Venue Bcc: x@evil.example")
        let header = EncodedWord.headerLine("Subject", "会場変更\r\nBcc: x@evil.example\n\r\u{2028}end")
        let decoded = try header.components(separatedBy: "\r\n").enumerated().map { index, line in
            let word = index == 0 ? String(line.dropFirst("Subject: ".count)) : String(line.dropFirst())
            let bytes = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            return try #require(String(bytes: bytes, encoding: .utf8))
        }.joined()
        #expect(decoded == "会場変更 Bcc: x@evil.example end")
    }

    @Test("quoted-printable encodes '=', non-ASCII bytes and trailing spaces, and keeps lines to 76")
    func quotedPrintable() {
        #expect(QuotedPrintable.encode("Café = 100%\n行 \nend") == "Caf=C3=A9 =3D 100%\r\n=E8=A1=8C=20\r\nend")
        let long = QuotedPrintable.encode(String(repeating: "あ", count: 40))
        let lines = long.components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") && $0.count <= 76 })
        // Each line holds whole characters: a multiple of the 9 characters "=E3=81=82".
        #expect(lines.allSatisfy { ($0.hasSuffix("=") ? $0.count - 1 : $0.count) % 9 == 0 })
        #expect(lines.joined().replacingOccurrences(of: "=", with: "").count == 40 * 6)
    }

    @Test("the Date header is RFC 5322 in Japan time")
    func date() {
        #expect(MailDate.format(TestClock.standardStart) == "Thu, 15 Oct 2026 10:00:00 +0900")
        #expect(MailDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 09:00:00 +0900")
        #expect(JapanTime(TestClock.standardStart).japanese == "2026年10月15日（木）10:00")
        #expect(JapanTime(TestClock.standardStart).english == "Thu 15 Oct 2026, 10:00")
    }

    @Test("DATA is dot-stuffed, CRLF-normalised and terminated")
    func dotStuffing() {
        let framed = SMTPData.stuffed(".hidden\nline\r\n..two\rlast")
        #expect(String(decoding: framed, as: UTF8.self) == "..hidden\r\nline\r\n...two\r\nlast\r\n.\r\n")
        #expect(String(decoding: SMTPData.stuffed("done\r\n"), as: UTF8.self) == "done\r\n.\r\n")
    }

    @Test("HTML escapes text and attribute values by construction")
    func html() {
        let html = MailHTML.element("p", ["title": "a\"b'c"], [.text("<script>alert(1)</script> & more"), .void("br")])
        #expect(html.rendered == "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more<br></p>")
    }

    @Test("addresses SMTP cannot carry without SMTPUTF8 are refused")
    func addresses() throws {
        #expect(try MailAddress("guest@example.org").domain == "example.org")
        #expect(throws: MailAddress.Failure.self) { try MailAddress("ゲスト@example.jp") }
        #expect(throws: MailAddress.Failure.self) { try MailAddress("a b@example.org") }
        #expect(throws: MailAddress.Failure.self) { try MailAddress("<x@example.org>") }
        // RFC 5321 §4.1.2: a domain is labels joined by dots, none empty; the local part is left loose
        // (Japanese carriers' older addresses have "..", and relays deliver them).
        for domain in ["example.org.", ".example.org", "mail..example.org"] {
            #expect(throws: MailAddress.Failure.self, "\(domain)") { try MailAddress("guest@" + domain) }
        }
        #expect(try MailAddress("taro..x.@docomo.ne.jp").domain == "docomo.ne.jp")
    }

    @Test("a text-only message renders to exactly these bytes")
    func textOnlyMessage() throws {
        let id = try #require(UUID(uuidString: "0B7C1E2A-4D5F-4A6B-8C9D-0E1F2A3B4C5D"))
        let message = MailMessage(id: id, kind: .registrationConfirmation, to: try MailAddress("guest@example.org"),
                                  subject: "受付完了 / Confirmed", text: "こんにちは\n.Door code: K7QX3M")
        let document = MIMEDocument(from: try MailAddress("noreply@domino.example.jp"), fromName: "Domino")
        #expect(try document.render(message, date: TestClock.standardStart) == """
            From: Domino <noreply@domino.example.jp>\r
            To: <guest@example.org>\r
            Subject: =?UTF-8?B?5Y+X5LuY5a6M5LqGIC8gQ29uZmlybWVk?=\r
            Date: Thu, 15 Oct 2026 10:00:00 +0900\r
            Message-ID: <0b7c1e2a-4d5f-4a6b-8c9d-0e1f2a3b4c5d@domino.example.jp>\r
            MIME-Version: 1.0\r
            Auto-Submitted: auto-generated\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            =E3=81=93=E3=82=93=E3=81=AB=E3=81=A1=E3=81=AF\r
            .Door code: K7QX3M\r

            """)
    }
}
