import Accounts
import App
import Cities
@testable import Console
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Correcting a policy dialogue in the console (gaps11), on the real server: the page answers each role
/// as `updatePolicyDialogue` does, a dialogue of another city is the 404 page, refused input is kept and
/// a correction saved meanwhile by someone else is shown, never overwritten.
@Suite("Console policy dialogue corrections")
struct ConsoleDialogueEditTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    static func dialogue(_ application: Application, in city: UUID, by admin: Principal) async throws -> PolicyDialogue {
        try await CityService(pool: application.pool, clock: application.clock).createPolicyDialogue(
            PolicyDialogueDraft(heldOn: CalendarDate(year: 2026, month: 2, day: 3)!, participants: ["ダナン市人民委員会", "横浜市 国際局"],
                                topics: ["廃棄物発電"], outcomes: "ロードマップを作成する"),
            cityID: city, by: admin)
    }

    @Test("the edit page answers each role as the API's rules say; another city's or an unknown dialogue is the 404 page")
    func matrix() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            let dialogue = try await Self.dialogue(application, in: places.cityA, by: places.admin)
            let (a, b) = (Self.id(places.cityA), Self.id(places.cityB))
            let managers: Set<Role> = [.admin, .coordinator]
            let rows: [(String, Set<Role>, Set<Role>)] = [
                ("/cities/\(a)/policy-dialogues/\(Self.id(dialogue.id))/edit", managers, []),
                ("/cities/\(b)/policy-dialogues/\(Self.id(dialogue.id))/edit", [], managers),
                ("/cities/\(a)/policy-dialogues/\(Self.id(UUID()))/edit", [], managers),
            ]
            try await world.expectPages(rows)
            // The link sits beside each dialogue for managers; the council reads the dialogue without it.
            let edit = "href=\"/cities/\(a)/policy-dialogues/\(Self.id(dialogue.id))/edit\""
            #expect(try await world.browsers[.coordinator]!.get("/cities/\(a)").text.contains(edit))
            let council = try await world.browsers[.viewer]!.get("/cities/\(a)").text
            #expect(council.contains("ロードマップを作成する") && !council.contains(edit))
            // A write by a role the API refuses is refused before any service runs; nothing changes.
            for role in Role.allCases where !managers.contains(role) {
                var browser = world.browsers[role]!
                _ = try await browser.get("/")
                let response = try await browser.post("/cities/\(a)/policy-dialogues/\(Self.id(dialogue.id))/edit",
                                                      form: [("version", "1"), ("heldOn", "2026-02-04")])
                #expect(response.status == 403, "\(role): \(response.status)")
            }
            #expect(try await CityService(pool: application.pool, clock: application.clock).policyDialogue(dialogue.id, by: places.admin).version == 1)
        }
    }

    @Test("a dialogue is corrected from the city's page; a bad date is refused with input kept; a stale correction is explained and writes nothing")
    func correct() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            let dialogue = try await Self.dialogue(application, in: places.cityA, by: places.admin)
            let service = CityService(pool: application.pool, clock: application.clock)
            let city = "/cities/\(Self.id(places.cityA))"
            let edit = "\(city)/policy-dialogues/\(Self.id(dialogue.id))/edit"
            var coordinator = world.browsers[.coordinator]!
            let form = try await coordinator.get(edit)
            #expect(form.status == 200 && form.text.contains("<h1>政策対話を修正</h1>") && form.text.contains("value=\"2026-02-03\""))
            #expect(form.text.contains(">ダナン市人民委員会\n横浜市 国際局</textarea>") && form.text.contains("name=\"version\" value=\"1\""))

            let typed = [("version", "1"), ("heldOn", "2026-02-30"), ("participants", "ダナン市人民委員会\r\n横浜市 国際局\r\n"),
                         ("topics", "廃棄物発電\r\n埋立地ガス"), ("outcomes", "3月までにロードマップを作成する")]
            let refused = try await coordinator.post(edit, form: typed)
            #expect(refused.status == 422 && refused.text.contains("「実施日」") && refused.text.contains(">3月までにロードマップを作成する</textarea>"))
            #expect(try await service.policyDialogue(dialogue.id, by: places.admin).version == 1)

            // Someone else corrects the outcomes meanwhile: the form comes back with what they saved.
            _ = try await service.updatePolicyDialogue(dialogue.id, ifVersion: 1, by: places.admin) { $0.outcomes = "現地視察を先に行う" }
            let good = typed.map { $0.0 == "heldOn" ? ($0.0, "2026-02-04") : $0 }
            let stale = try await coordinator.post(edit, form: good)
            #expect(stale.status == 409 && stale.text.contains("他の人がこの政策対話を変更しました") && stale.text.contains("<dd>現地視察を先に行う</dd>"))
            #expect(stale.text.contains(">3月までにロードマップを作成する</textarea>") && stale.text.contains("name=\"version\" value=\"2\""))
            #expect(!stale.text.contains("<dt>参加者</dt>"), "a line break typed differently is no difference")
            #expect(try await service.policyDialogue(dialogue.id, by: places.admin).outcomes == "現地視察を先に行う")

            let saved = try await coordinator.post(edit, form: good.map { $0.0 == "version" ? ($0.0, "2") : $0 })
            #expect(saved.status == 303 && saved.header("Location") == "\(city)?dialogueUpdated=1")
            let page = try await coordinator.get("\(city)?dialogueUpdated=1")
            #expect(page.text.contains("政策対話の修正を保存しました") && page.text.contains("2026年2月4日") && page.text.contains("廃棄物発電、埋立地ガス"))
            let stored = try await service.policyDialogue(dialogue.id, by: places.admin)
            #expect(stored.version == 3 && stored.topics == ["廃棄物発電", "埋立地ガス"] && stored.outcomes == "3月までにロードマップを作成する")

            coordinator.cookies["domino_lang"] = "en"
            _ = try await coordinator.get(edit)
            let english = try await coordinator.post(edit, form: good)
            #expect(english.status == 409 && english.text.contains("Someone else changed this policy dialogue"))
        }
    }
}
