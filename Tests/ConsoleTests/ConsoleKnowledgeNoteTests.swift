import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import TestSupport
import Testing

/// Knowledge notes written in the console: add one with every field, its own page, edit it, refused
/// input, a concurrent edit, and who may edit (the author, or an administrator).
@Suite("Console knowledge notes")
struct ConsoleKnowledgeNoteTests {
    static func service(_ application: Application) -> CoordinatorService {
        CoordinatorService(
            pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
            companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
    }

    static func hidden(_ name: String, in html: String) throws -> String {
        String(html[try #require(html.range(of: "name=\"\(name)\" value=\"")).upperBound...].prefix { $0 != "\"" })
    }

    static let fields: [(String, String)] = [
        ("titleJa", "ダナン市の入札手続き"), ("titleEn", "Tendering in Da Nang"), ("bodyJa", "入札公告は市の人民委員会が出す。\n英訳は公式ではない。"),
        ("bodyEn", "The city <people's committee> publishes tenders."), ("taxonomyCodes", "waste_to_energy"), ("countries", "vn, th"),
    ]

    @Test("a coordinator adds a note with every field from the knowledge base, reads it on its page, and edits it")
    func addAndEdit() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let list = try await browser.get("/knowledge")
            #expect(list.text.contains("href=\"/knowledge/new\""))
            let form = try await browser.get("/knowledge/new")
            #expect(form.status == 200 && form.text.contains("name=\"taxonomyCodes\" value=\"waste_to_energy\"") && form.text.contains("id=\"countries\""))
            let created = try await browser.post("/knowledge/new", form: Self.fields)
            #expect(created.status == 303)
            let location = try #require(created.header("Location"))
            #expect(location.hasSuffix("?created=1"))
            let path = location.components(separatedBy: "?")[0]
            let id = try #require(UUID(uuidString: String(path.dropFirst("/knowledge/".count))))
            let stored = try await Self.service(application).knowledgeNote(id, by: world.coordinator)
            #expect(stored.titleJa == "ダナン市の入札手続き" && stored.titleEn == "Tendering in Da Nang" && stored.bodyJa?.contains("\n") == true)
            #expect(stored.taxonomyCodes == ["waste_to_energy"] && stored.countries == ["VN", "TH"])

            let page = try await browser.get(location)
            #expect(page.status == 200 && page.text.contains("ノートを追加しました") && page.text.contains("<h1>ダナン市の入札手続き</h1>"))
            #expect(page.text.contains("&lt;people&#39;s committee&gt;") && page.text.contains("山田 太郎") && page.text.contains("<span class=\"tag\">タイ</span>"))
            #expect(page.text.contains("href=\"\(path)/edit\""))
            #expect(try await browser.get("/knowledge?country=TH").text.contains("href=\"\(path)\""), "the list links the note")

            let edit = try await browser.get("\(path)/edit")
            #expect(edit.status == 200 && edit.text.contains("value=\"VN TH\"") && edit.text.contains("value=\"waste_to_energy\" checked"))
            let version = try Self.hidden("version", in: edit.text)
            let saved = try await browser.post("\(path)/edit", form: [
                ("titleJa", ""), ("titleEn", "Tendering in Da Nang, 2026"), ("bodyJa", ""), ("bodyEn", "Tenders are published by the city."),
                ("countries", "VN"), ("version", version),
            ])
            #expect(saved.status == 303 && saved.header("Location") == "\(path)?saved=1")
            let after = try await Self.service(application).knowledgeNote(id, by: world.coordinator)
            #expect(after.titleJa == nil && after.titleEn == "Tendering in Da Nang, 2026" && after.taxonomyCodes.isEmpty && after.countries == ["VN"])
            let shown = try await browser.get("\(path)?saved=1")
            #expect(shown.text.contains("ノートの変更を保存しました") && shown.text.contains("<h1>Tendering in Da Nang, 2026</h1>"))
        }
    }

    @Test("refused input is explained beside its field in either language, the input kept and nothing written")
    func refused() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/knowledge/new")
            let refused = try await browser.post("/knowledge/new", form: [
                ("titleJa", " "), ("bodyJa", "本文だけ"), ("taxonomyCodes", "waste_to_energy"), ("countries", "VN Vietnam"),
            ])
            #expect(refused.status == 422)
            #expect(refused.text.contains("件名を日本語か英語で入力してください") && refused.text.contains("「VIETNAM」は国コードではありません"))
            #expect(refused.text.contains(">本文だけ</textarea>") && refused.text.contains("value=\"VN Vietnam\"") && refused.text.contains("value=\"waste_to_energy\" checked"))
            #expect(refused.text.contains("href=\"#countries\"") && refused.text.contains("id=\"countries-error\""))
            browser.cookies["domino_lang"] = "en"
            _ = try await browser.get("/knowledge/new")
            let english = try await browser.post("/knowledge/new", form: [("titleEn", "Tenders"), ("countries", "XX")])
            #expect(english.status == 422 && english.text.contains("XX is not a country code; use two-letter codes such as VN"))
            let notes = try await Self.service(application).knowledgeNotes(KnowledgeNoteFilter(), page: try PageRequest.parse(limit: 10, cursor: nil), by: world.coordinator)
            #expect(notes.items.isEmpty, "nothing was written")
        }
    }

    @Test("a stale edit writes nothing, says what the other save changed, and keeps the input")
    func stale() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = Self.service(application)
            let note = try await service.createKnowledgeNote(
                KnowledgeNoteDraft(titleJa: "ダナンの焼却炉", bodyJa: "最初の記録", countries: ["VN"]), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let path = "/knowledge/\(note.id.uuidString.lowercased())"
            let version = try Self.hidden("version", in: try await browser.get("\(path)/edit").text)
            _ = try await service.updateKnowledgeNote(note.id, ifVersion: note.version, by: world.coordinator) { $0.bodyJa = "同僚が書き足した記録" }
            let stale = try await browser.post("\(path)/edit", form: [
                ("titleJa", "ダナンの焼却炉"), ("bodyJa", "私の書き直し"), ("countries", "VN"), ("version", version),
            ])
            #expect(stale.status == 409 && stale.text.contains("他の人がこのノートを変更しました"))
            #expect(stale.text.contains("<dd>同僚が書き足した記録</dd>") && stale.text.contains(">私の書き直し</textarea>"))
            #expect(stale.text.contains("name=\"version\" value=\"\(note.version + 1)\""), "the form now carries the saved version")
            #expect(try await service.knowledgeNote(note.id, by: world.coordinator).bodyJa == "同僚が書き足した記録", "nothing was written")
        }
    }

    @Test("another coordinator reads a note but may not edit it; an administrator edits any, and without a profile is told why it cannot add one")
    func whoEdits() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = Self.service(application)
            let note = try await service.createKnowledgeNote(KnowledgeNoteDraft(titleEn: "Bangkok permits", countries: ["TH"]), by: world.coordinator)
            let path = "/knowledge/\(note.id.uuidString.lowercased())"
            let (email, other) = try await ConsoleBrowser.user(application, .coordinator)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            _ = try await service.createCoordinator(CoordinatorDraft(userId: other.id, displayName: "佐藤 花子"), by: admin)
            var colleague = ConsoleBrowser(port: port)
            _ = try await colleague.signIn(email)
            let read = try await colleague.get(path)
            #expect(read.status == 200 && read.text.contains("Bangkok permits") && !read.text.contains("\(path)/edit"))
            #expect(try await colleague.get("\(path)/edit").status == 403)
            #expect(try await colleague.post("\(path)/edit", form: [("titleEn", "Mine now"), ("version", String(note.version))]).status == 403)

            var administrator = world.browsers[.admin]!
            let edit = try await administrator.get("\(path)/edit")
            #expect(edit.status == 200)
            let saved = try await administrator.post("\(path)/edit", form: [("titleEn", "Bangkok permits, checked"), ("countries", "TH"), ("version", String(note.version))])
            #expect(saved.status == 303)
            let new = try await administrator.get("/knowledge/new")
            #expect(new.status == 200 && new.text.contains("コーディネーターのプロフィールが必要です") && !new.text.contains("action=\"/knowledge/new\""))
            let refused = try await administrator.post("/knowledge/new", form: [("titleEn", "An admin's note")])
            #expect(refused.status == 422 && refused.text.contains("コーディネーターのプロフィールが必要です"))
            #expect(try await service.knowledgeNote(note.id, by: world.coordinator).titleEn == "Bangkok permits, checked")
        }
    }
}
