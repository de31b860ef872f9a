import App
import Conventions
import Foundation
import Postgres
import TestSupport
import Testing

/// 「確認メールを再送」 (part36): an event's organizer sends a registration's confirmation again from the event's page, and a
/// corrected address says that the confirmation went to it.
@Suite("Sending a confirmation again in the console")
struct ConsoleConfirmationResendTests {
    @Test("the row links to a page naming the address; sending says where it went; the fourth within 24 hours is a 409 saying when it can go again, nothing sent")
    func resend() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event, _, path) = try await ConsoleRegistrationsByHandTests.registered(application, port: port, action: "confirmation")
            let page = try await browser.get(ConventionPagesTests.path(event))
            #expect(page.text.contains("href=\"\(path)\"") && page.text.contains("確認メールを再送"))
            let ask = try await browser.get(path)
            #expect(ask.status == 200 && ask.text.contains("an@example.vn") && ask.text.contains("action=\"\(path)\""))
            for _ in 0..<ConventionService.confirmationResends {
                let done = try await browser.post(path, form: [])
                #expect(done.status == 200 && done.text.contains("確認メールをan@example.vnに再送しました。"), "\(done.text)")
            }
            let before = try await application.pool.query("SELECT count(*) AS n FROM mail_outbox")[0].decode("n", as: Int.self)
            let refused = try await browser.post(path, form: [])
            #expect(refused.status == 409 && refused.text.contains("すでに3回再送しています") && refused.text.contains("2026年12月2日"))
            #expect(try await application.pool.query("SELECT count(*) AS n FROM mail_outbox")[0].decode("n", as: Int.self) == before)
        }
    }

    @Test("a correction that changes the e-mail lands on the event's page saying the confirmation went to the new address")
    func correctedAddress() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event, _, path) = try await ConsoleRegistrationsByHandTests.registered(application, port: port, action: "participant")
            let fields = [("nameJa", "グエン・アン"), ("nameEn", "Nguyen An"), ("email", "an.nguyen@example.vn"), ("organisation", "Da Nang Solar JSC"),
                          ("country", "VN"), ("sector", "industry"), ("role", "overseas_company"), ("version", "1")]
            _ = try await browser.get(path)
            let done = try await browser.post(path, form: fields)
            let location = ConventionPagesTests.path(event) + "?corrected=1&confirmations=1#registrations"
            #expect(done.status == 303 && done.header("Location") == location)
            let back = try await browser.get(ConventionPagesTests.path(event) + "?corrected=1&confirmations=1")
            #expect(back.text.contains("新しいメールアドレスに、確認メールを送りました（1件）"))
        }
    }
}
