import Accounts
import App
@testable import Console
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The public forms' limits per source under hostile use (audit36, docs/fuzzing.md "The public surface"): an IPv6
/// caller cannot pass a limit by taking a fresh address of its /64 for each post, and a post refused by a limit
/// writes no row, so a caller posting without pause cannot grow the tables that count it. Real server behind a
/// trusted proxy (the client address from `X-Forwarded-For`, as nginx sends it), fresh database.
@Suite("Public forms: limits per source")
struct PublicSurfaceLimitTests {
    static func proxied(_ address: String) -> [String: String] { ["X-Forwarded-For": address] }

    static func count(_ application: Application, _ sql: PostgresQuery) async throws -> Int {
        try await application.pool.query(sql)[0].decode("n")
    }

    @Test("an application to join from a 21st address of one IPv6 /64 within the hour is a 429 and writes nothing; another /64 is admitted")
    func applicationsPerIPv6Prefix() async throws {
        try await withTestServer(configure: { $0.trustProxy = true }) { port, application in
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get("/apply")
            for index in 1...20 {
                let response = try await browser.post("/apply", form: ConsoleCompanyApplicationTests.form(email: ConsoleCompanyApplicationTests.email()),
                                                      headers: Self.proxied("2001:db8:5:6::\(String(index, radix: 16))"))
                #expect(response.status == 303, "application \(index)")
            }
            let email = ConsoleCompanyApplicationTests.email()
            let limited = try await browser.post("/apply", form: ConsoleCompanyApplicationTests.form(email: email),
                                                 headers: Self.proxied("2001:db8:5:6:ffff:ffff:ffff:ffff"))
            #expect(limited.status == 429)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM company_applications") == 20)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'company_application'") == 20)
            let elsewhere = try await browser.post("/apply", form: ConsoleCompanyApplicationTests.form(email: email),
                                                   headers: Self.proxied("2001:db8:5:7::1"))
            #expect(elsewhere.status == 303, "another /64 is another source")
        }
    }

    @Test("posts past the limit of the public forms write no row: thirty from one address leave twenty counted, and the 429 stands")
    func refusedAttemptsWriteNothing() async throws {
        try await withTestServer { port, application in
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get("/apply")
            var statuses: [Int] = []
            for _ in 0..<30 {
                // Without the form's token: refused posts from a script count against its source as well.
                statuses.append(try await browser.post("/apply", form: [("email", "flood@example.vn")], csrf: "forged").status)
            }
            #expect(statuses.filter { $0 == 403 }.count == 20 && statuses.filter { $0 == 429 }.count == 10)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM console_public_attempts") == 20)
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM company_applications") == 0)
        }
    }

    @Test("password link requests past the limit write no row, and an IPv6 /64 is one source: its 11th address gets no mail, another /64 does")
    func passwordResetRequests() async throws {
        try await withTestServer(configure: { $0.trustProxy = true }) { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .viewer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.get("/password-reset")
            for index in 1...25 {
                let page = try await browser.post("/password-reset", form: [("email", "nobody-\(index)@example.vn")],
                                                  headers: Self.proxied("2001:db8:9:9::\(String(index, radix: 16))"))
                #expect(page.status == 200, "request \(index)")
            }
            // Ten requests counted under the /64 (its limit), each under its made-up account too.
            #expect(try await Self.count(application, "SELECT count(*) AS n FROM password_reset_requests") == 20)
            let limited = try await browser.post("/password-reset", form: [("email", email)], headers: Self.proxied("2001:db8:9:9:1:2:3:4"))
            #expect(limited.status == 200)
            let mails: PostgresQuery = "SELECT count(*) AS n FROM mail_outbox WHERE kind = 'password_reset'"
            #expect(try await Self.count(application, mails) == 0)
            _ = try await browser.post("/password-reset", form: [("email", email)], headers: Self.proxied("2001:db8:9:a::1"))
            #expect(try await Self.count(application, mails) == 1, "another /64 is another source")
        }
    }
}
