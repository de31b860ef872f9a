import App
import Conventions
import Foundation
import TestSupport
import Testing

/// 「参加者情報を修正」 (conv35): an event's organizer corrects a registered person's details from the event's page.
@Suite("Correcting a participant in the console")
struct ConsoleParticipantCorrectionTests {
    @Test("the form comes prefilled from the row's link; a bad reading is refused beside its field with the input kept; a form saved over meanwhile is a 409 showing the saved value; a good one lands on the event's page with a banner")
    func correct() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            var (browser, event, registration, path) = try await ConsoleRegistrationsByHandTests.registered(application, port: port, action: "participant")
            let page = try await browser.get(ConventionPagesTests.path(event))
            #expect(page.text.contains("href=\"\(path)\"") && page.text.contains("参加者情報を修正"))
            let form = try await browser.get(path)
            #expect(form.status == 200 && form.text.contains("value=\"Da Nang Solar JSC\"") && form.text.contains("name=\"version\" value=\"1\""))
            #expect(!form.text.contains("name=\"consent\"") && !form.text.contains("name=\"attendance\""))

            let fields = [("nameJa", "グエン・アン"), ("nameEn", "Nguyen An"), ("email", "an@example.vn"), ("organisation", "Hoi An Solar JSC"),
                          ("country", "VN"), ("sector", "industry"), ("role", "overseas_company")]
            let refused = try await browser.post(path, form: fields + [("nameReading", "Nguyen"), ("version", "1")])
            #expect(refused.status == 422 && refused.text.contains("value=\"Nguyen\"") && refused.text.contains("フリガナはひらがなかカタカナで入力してください"))

            _ = try await application.conventions.updateParticipant(registration.participant.id, ifVersion: 1, by: ConventionPagesTests.admin) {
                $0.organisation = "Da Nang Solar Holdings"
            }
            let stale = try await browser.post(path, form: fields + [("nameReading", "グエン アン"), ("version", "1")])
            #expect(stale.status == 409 && stale.text.contains("ほかの人が先に更新しました") && stale.text.contains("Da Nang Solar Holdings"))
            #expect(stale.text.contains("value=\"Hoi An Solar JSC\"") && stale.text.contains("name=\"version\" value=\"2\""))

            let done = try await browser.post(path, form: fields + [("nameReading", "グエン アン"), ("version", "2")])
            #expect(done.status == 303 && done.header("Location") == ConventionPagesTests.path(event) + "?corrected=1#registrations")
            let back = try await browser.get(ConventionPagesTests.path(event) + "?corrected=1")
            #expect(back.text.contains("参加者情報を修正しました") && back.text.contains("グエン アン") && back.text.contains("Hoi An Solar JSC"))
            let stored = try await ConsoleRegistrationsByHandTests.registrations(application, event).first?.participant
            #expect(stored?.organisation == "Hoi An Solar JSC" && stored?.version == 3)
        }
    }
}
