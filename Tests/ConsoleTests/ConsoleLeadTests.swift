import App
import Coordinators
import Cities
import Companies
import DomainKit
import Foundation
import TestSupport
import Testing

/// A lead's page: stage moves, the concurrent-edit message, and logging an activity.
@Suite("Console lead page")
struct ConsoleLeadTests {
    @Test("a stale stage move says someone changed the lead, shows what changed and keeps the input")
    func staleMove() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            let page = try await browser.get(path)
            #expect(page.status == 200)
            let version = try #require(page.text.range(of: "name=\"version\" value=\"")).upperBound
            let seenVersion = String(page.text[version...].prefix { $0 != "\"" })
            let seenAt = String(page.text[try #require(page.text.range(of: "name=\"seenAt\" value=\"")).upperBound...].prefix { $0 != "\"" })

            // Someone else moves the lead in the meantime, through the same service.
            let cities = CityService(pool: application.pool, clock: application.clock), companies = CompanyService(pool: application.pool, clock: application.clock)
            let service = CoordinatorService(pool: application.pool, cities: cities, companies: companies, clock: application.clock)
            _ = try await service.transition(world.leadA, LeadTransition(to: .qualified), ifVersion: Int(seenVersion)!, by: world.coordinator)

            let response = try await browser.post("\(path)/stage", form: [
                ("version", seenVersion), ("seenStage", "lead"), ("seenAt", seenAt), ("to", "qualified"), ("reason", ""),
                ("note", "先方と合意済み"),
            ])
            #expect(response.status == 409)
            #expect(response.text.contains("他の人がこの案件を変更しました"))
            #expect(response.text.contains("段階：引合い → 確度あり"))
            #expect(response.text.contains("value=\"先方と合意済み\""), "the person's note is kept")
            #expect(!response.text.contains("Precondition Failed"))

            // Submitting again from the refreshed form succeeds.
            let refreshed = String(response.text[try #require(response.text.range(of: "name=\"version\" value=\"")).upperBound...].prefix { $0 != "\"" })
            let moved = try await browser.post("\(path)/stage", form: [
                ("version", refreshed), ("seenStage", "qualified"), ("seenAt", seenAt), ("to", "proposal"), ("note", "先方と合意済み"),
            ])
            #expect(moved.status == 303)
            #expect(try await service.lead(world.leadA, by: world.coordinator).stage == .proposal)
        }
    }

    @Test("a lead's page names each of its needs by title, linked to the need")
    func needsNamedByTitle() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get("/leads/\(world.leadA.uuidString.lowercased())")
            #expect(page.status == 200)
            #expect(page.text.contains("<a href=\"/needs/\(world.needA.uuidString.lowercased())\" class=\"target-link\">ダナンの廃棄物発電</a>"), "\(page.text)")
            #expect(!page.text.contains(">ニーズを見る<"))
        }
    }

    @Test("moving to lost without a reason keeps the form and says why; logging an activity shows it")
    func reasonAndActivity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            let page = try await browser.get(path)
            let version = String(page.text[try #require(page.text.range(of: "name=\"version\" value=\"")).upperBound...].prefix { $0 != "\"" })
            let refused = try await browser.post("\(path)/stage", form: [("version", version), ("seenStage", "lead"), ("to", "lost"), ("reason", "")])
            #expect(refused.status == 422)
            #expect(refused.text.contains("理由を入力してください"))

            let logged = try await browser.post("\(path)/activities", form: [
                ("kind", "meeting"), ("occurredOn", "2026-11-30"), ("notes", "<b>面談</b>"), ("nextAction", "見積り送付"), ("nextActionDueOn", "2026-12-10"),
            ])
            #expect(logged.status == 303)
            let after = try await browser.get(path + "?logged=1")
            #expect(after.text.contains("&lt;b&gt;面談&lt;/b&gt;"))
            #expect(after.text.contains("2026年12月10日"))
        }
    }

    @Test("a stage move's reason or note that is too long says so beside its field, not that someone else changed the lead")
    func longReasonAndNote() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            let page = try await browser.get(path)
            let version = try ConsoleCoordinatorTests.hidden("version", in: page.text)
            let long = String(repeating: "予", count: 2_001)
            let note = try await browser.post("\(path)/stage", form: [("version", version), ("seenStage", "lead"), ("to", "qualified"), ("note", long)])
            #expect(note.status == 422 && note.text.contains("「メモ」は2,000文字以内で入力してください"))
            #expect(!note.text.contains("内容が他の変更と競合したか") && note.text.contains("value=\"\(long)\""), "the note is kept")
            let reason = try await browser.post("\(path)/stage", form: [("version", version), ("seenStage", "lead"), ("to", "lost"), ("reason", long)])
            #expect(reason.status == 422 && reason.text.contains("「理由」は2,000文字以内で入力してください"))
            #expect(!reason.text.contains("理由を入力してください"))
        }
    }
    @Test("a refused activity or next action keeps what was typed, each error beside its field and linked from the summary")
    func refusedActivityKeepsInput() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let path = "/leads/\(world.leadA.uuidString.lowercased())"
            _ = try await browser.get(path)
            let notes = String(repeating: "ダナン市環境局と廃棄物発電の面談。", count: 40)
            // A due date without the next action it is for: the service's rule, said beside the next action.
            let noAction = try await browser.post("\(path)/activities", form: [
                ("kind", "meeting"), ("occurredOn", "2026-11-30"), ("notes", notes), ("nextAction", ""), ("nextActionDueOn", "2026-12-10"),
            ])
            #expect(noAction.status == 422)
            #expect(noAction.text.contains("<a href=\"#nextAction\">次のアクションを入力してください</a>"))
            #expect(noAction.text.contains("id=\"nextAction-error\""))
            #expect(noAction.text.contains(">\(notes)</textarea>"), "the notes are kept")
            #expect(noAction.text.contains("value=\"2026-12-10\"") && noAction.text.contains("<option value=\"meeting\" selected>"))
            // A date the person cleared: the page again, not an error page that drops the notes.
            let noDate = try await browser.post("\(path)/activities", form: [("kind", "call"), ("occurredOn", ""), ("notes", notes)])
            #expect(noDate.status == 422 && noDate.text.contains("<a href=\"#occurredOn\">日付を 2026-12-03 の形で入力してください</a>"))
            #expect(noDate.text.contains(">\(notes)</textarea>"))
            let tooLong = try await browser.post("\(path)/activities", form: [
                ("kind", "call"), ("occurredOn", "2026-11-30"), ("notes", notes), ("nextAction", String(repeating: "送", count: 1_001)),
            ])
            #expect(tooLong.status == 422 && tooLong.text.contains("href=\"#nextAction\"") && tooLong.text.contains(">\(notes)</textarea>"))
            #expect(try await browser.get(path).text.contains("活動の記録はまだありません"), "nothing was logged")

            _ = try await browser.post("\(path)/activities", form: [("kind", "call"), ("occurredOn", "2026-11-30"), ("notes", "初回連絡")])
            let page = try await browser.get(path)
            let (activity, version) = (try ConsoleCoordinatorTests.hidden("activityId", in: page.text), try ConsoleCoordinatorTests.hidden("activityVersion", in: page.text))
            let badDue = try await browser.post("\(path)/next-action", form: [
                ("activityId", activity), ("activityVersion", version), ("nextActionText", "提案書の骨子を送る"), ("nextActionDue", "12/10"),
            ])
            #expect(badDue.status == 422 && badDue.text.contains("<a href=\"#nextActionDue\">"))
            #expect(badDue.text.contains("value=\"提案書の骨子を送る\"") && badDue.text.contains("value=\"12/10\""))
            let noText = try await browser.post("\(path)/next-action", form: [
                ("activityId", activity), ("activityVersion", version), ("nextActionText", ""), ("nextActionDue", "2026-12-24"),
            ])
            #expect(noText.status == 422 && noText.text.contains("<a href=\"#nextActionText\">") && noText.text.contains("value=\"2026-12-24\""))
            // Someone set it meanwhile: said so, and what this person typed is still in the form.
            _ = try await browser.post("\(path)/next-action", form: [("activityId", activity), ("activityVersion", version), ("nextActionText", "電話する")])
            let stale = try await browser.post("\(path)/next-action", form: [
                ("activityId", activity), ("activityVersion", version), ("nextActionText", "提案書の骨子を送る"),
            ])
            #expect(stale.status == 409 && stale.text.contains("他の人がこの活動記録を変更しました"))
            #expect(stale.text.contains("value=\"提案書の骨子を送る\""), "the typed next action is kept")
        }
    }
    @Test("the language switch on a refused form's answer leads to the form's page, not to the POST's path (a 405 page)")
    func languageSwitchAfterPost() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let id = world.leadA.uuidString.lowercased()
            _ = try await browser.get("/leads/\(id)")
            let refused = try await browser.post("/leads/\(id)/activities", form: [("kind", "call"), ("occurredOn", "")])
            #expect(refused.status == 422 && refused.text.contains("back=%2Fleads%2F\(id)\""))
            let need = try await browser.post("/needs/new", form: [("titleJa", "")])
            #expect(need.status == 422 && need.text.contains("back=%2Fneeds%2Fnew\""))
            #expect(try await browser.get("/leads/\(id)/activities").status == 405, "the POST's path has no page")
            #expect(try await browser.get("/leads/\(id)").text.contains("back=%2Fleads%2F\(id)\""))
        }
    }
}
