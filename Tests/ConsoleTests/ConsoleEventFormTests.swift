import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Organizers create and edit their events and the events' sessions in the browser, on the real server:
/// a refused form keeps the input and writes nothing, a stale edit is explained, another organizer's
/// event is the 404 page.
@Suite("Event and session forms")
struct ConsoleEventFormTests {
    static let admin = ConventionPagesTests.admin

    static func eventForm(_ changes: [String: String] = [:]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("kind", "convention"), ("titleJa", "横浜水素コンベンション"), ("titleEn", "Yokohama Hydrogen Convention"),
            ("startsAt", "2027-01-20T09:00"), ("endsAt", "2027-01-20T17:30"), ("format", "hybrid"), ("venue", "パシフィコ横浜"),
            ("inPersonCapacity", "100"), ("onlineCapacity", "200"), ("registrationOpensAt", ""), ("registrationClosesAt", "2027-01-19 18:00"),
            ("retentionDays", ""),
        ]
        for (name, value) in changes {
            if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = value } else { fields.append((name, value)) }
        }
        return fields
    }

    static func id(in location: String?) throws -> UUID {
        let path = try #require(location?.split(separator: "?").first)
        return try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
    }

    @Test("an organizer creates an event from the events list and edits it; a refused form keeps the input; a stale edit is explained")
    func createAndEdit() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            #expect(try await browser.get("/conventions").text.contains("href=\"/conventions/events/new\""))
            #expect(try await browser.get("/conventions/events/new").status == 200)
            let mine = { try await application.conventions.events(EventFilter(organizedBy: user.id), page: PageRequest(limit: 10), by: Self.admin).items }

            let refused = try await browser.post("/conventions/events/new", form: Self.eventForm(["onlineCapacity": "", "startsAt": "2027-01-20T18:00"]))
            #expect(refused.status == 422)
            #expect(refused.text.contains("この開催形式では「オンラインの定員」を入力してください"))
            #expect(refused.text.contains("終了日時は開始日時より後にしてください"))
            #expect(refused.text.contains("value=\"パシフィコ横浜\"") && refused.text.contains("value=\"2027-01-20T18:00\""), "the input is kept")
            let unreadable = try await browser.post("/conventions/events/new", form: Self.eventForm(["startsAt": "来週"]))
            #expect(unreadable.status == 422 && unreadable.text.contains("「開始日時（日本時間）」は 2026-12-01 09:00 の形で入力してください"))
            #expect(try await mine().isEmpty, "a refused form writes nothing")

            let created = try await browser.post("/conventions/events/new", form: Self.eventForm())
            #expect(created.status == 303)
            let eventID = try Self.id(in: created.header("Location"))
            let event = try await application.conventions.event(eventID, by: Self.admin)
            #expect(event.startsAt == CalendarDate("2027-01-20")!.startInJapan.addingTimeInterval(9 * 3600), "times are read as Japan time")
            #expect(event.registrationClosesAt == CalendarDate("2027-01-19")!.startInJapan.addingTimeInterval(18 * 3600))
            #expect(event.organizerUserIds == [user.id] && event.onlineCapacity == 200 && event.retentionDays == 730)
            let path = "/conventions/events/\(eventID.uuidString.lowercased())"
            let page = try await browser.get(path + "?saved=1")
            #expect(page.text.contains("イベントを保存しました") && page.text.contains("href=\"\(path)/edit\""))

            let form = try await browser.get(path + "/edit")
            #expect(form.status == 200 && form.text.contains("value=\"2027-01-20T09:00\"") && form.text.contains("value=\"2027-01-19T18:00\""))
            let edited = try await browser.post(path + "/edit", form: Self.eventForm(["inPersonCapacity": "120", "version": String(event.version)]))
            #expect(edited.status == 303)
            #expect(try await application.conventions.event(eventID, by: Self.admin).inPersonCapacity == 120)

            let stale = try await browser.post(path + "/edit", form: Self.eventForm(["inPersonCapacity": "80", "venue": "横浜市役所", "version": String(event.version)]))
            #expect(stale.status == 409)
            #expect(stale.text.contains("他の人がこのイベントを変更しました") && stale.text.contains("value=\"横浜市役所\""), "the notice, and the input kept")
            #expect(stale.text.contains("<dt>会場の定員</dt><dd>120</dd>"), "the saved value that differs is listed")
            let stored = try await application.conventions.event(eventID, by: Self.admin)
            #expect(stored.inPersonCapacity == 120 && stored.venue == "パシフィコ横浜", "a stale edit writes nothing")
        }
    }

    @Test("another organizer's event: its edit and session forms are the 404 page, read or posted")
    func otherOrganizer() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .organizer)
            let (_, other) = try await ConsoleBrowser.user(application, .organizer)
            let theirs = try await ConventionPagesTests.event(application, organizer: other.id)
            let session = try await application.conventions.createSession(EventSessionDraft(
                type: .keynote, titleJa: "基調講演", startsAt: theirs.startsAt, endsAt: theirs.startsAt.addingTimeInterval(3600)), eventID: theirs.id, by: Self.admin)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(theirs)
            let sessionPath = "\(path)/sessions/\(session.id.uuidString.lowercased())/edit"
            for page in [path + "/edit", path + "/sessions/new", sessionPath] {
                #expect(try await browser.get(page).status == 404, "\(page)")
            }
            _ = try await browser.get("/conventions")
            #expect(try await browser.post(path + "/edit", form: Self.eventForm(["version": String(theirs.version)])).status == 404)
            #expect(try await browser.post(sessionPath, form: [("type", "panel"), ("titleJa", "乗っ取り"), ("startsAt", "2026-12-01T10:00"),
                                                                ("endsAt", "2026-12-01T11:00"), ("version", "1")]).status == 404)
            #expect(try await application.conventions.event(theirs.id, by: Self.admin).version == theirs.version)
            #expect(try await application.conventions.sessions(of: theirs.id, by: Self.admin).map(\.titleJa) == ["基調講演"])
        }
    }

    @Test("an organizer adds a session, sees it on the event's page, edits it; a session outside the event and a stale edit are explained, in English too")
    func sessions() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(event)
            let empty = try await browser.get(path)
            #expect(empty.text.contains("セッションはまだありません") && empty.text.contains("href=\"\(path)/sessions/new\""))
            #expect(try await browser.get(path + "/sessions/new").status == 200)
            let form: [(String, String)] = [("type", "panel"), ("titleJa", "水素パネル"), ("titleEn", "Hydrogen panel"), ("startsAt", "2026-12-01T13:00"),
                                            ("endsAt", "2026-12-01T14:30"), ("room", "Room 301"), ("url", ""), ("speakers", "山田 太郎\nNguyen An\n")]
            let outside = try await browser.post(path + "/sessions/new", form: form.map { $0.0 == "endsAt" ? ($0.0, "2026-12-01T19:00") : $0 })
            #expect(outside.status == 422 && outside.text.contains("セッションはイベントの開始から終了までの間にしてください"))
            #expect(try await application.conventions.sessions(of: event.id, by: Self.admin).isEmpty)

            #expect(try await browser.post(path + "/sessions/new", form: form).status == 303)
            let session = try #require(try await application.conventions.sessions(of: event.id, by: Self.admin).first)
            #expect(session.speakers == ["山田 太郎", "Nguyen An"] && session.startsAt == event.startsAt.addingTimeInterval(4 * 3600))
            let page = try await browser.get(path)
            #expect(page.text.contains("水素パネル") && page.text.contains("2026年12月1日 13:00〜14:30") && page.text.contains("パネルディスカッション"))
            let editPath = "\(path)/sessions/\(session.id.uuidString.lowercased())/edit"
            #expect(page.text.contains("href=\"\(editPath)\""))
            #expect(try await browser.get(editPath).text.contains("山田 太郎\nNguyen An</textarea>"))
            let moved = form.map { $0.0 == "room" ? ($0.0, "Room 302") : $0 } + [("version", String(session.version))]
            #expect(try await browser.post(editPath, form: moved).status == 303)
            #expect(try await application.conventions.sessions(of: event.id, by: Self.admin).first?.room == "Room 302")

            _ = try await browser.get("/language?to=en&back=%2F")
            let stale = try await browser.post(editPath, form: form + [("version", String(session.version))])
            #expect(stale.status == 409 && stale.text.contains("Someone changed this session") && stale.text.contains("<dt>Room</dt><dd>Room 302</dd>"))
            let refused = try await browser.post(path + "/sessions/new", form: form.map { $0.0 == "url" ? ($0.0, "zoom.us/j/1") : $0 })
            #expect(refused.status == 422 && refused.text.contains("“Online meeting link (https://…)” must start with https:// or http://"))
            #expect(try await application.conventions.sessions(of: event.id, by: Self.admin).count == 1)
        }
    }

    @Test("fewer seats than are taken is refused beside the field, in the reader's words, and nothing changes")
    func seatsBelowTaken() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            _ = try await ConventionPagesTests.register(application, event, "an@example.vn")
            _ = try await ConventionPagesTests.register(application, event, "binh@example.vn")
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(event) + "/edit"
            _ = try await browser.get(path)
            let refused = try await browser.post(path, form: Self.eventForm([
                "startsAt": "2026-12-01T09:00", "endsAt": "2026-12-01T17:30", "format": "in_person", "inPersonCapacity": "1", "onlineCapacity": "",
                "registrationClosesAt": "", "version": String(event.version),
            ]))
            #expect(refused.status == 422 && refused.text.contains("「会場の定員」は、すでに埋まっている2席より少なくできません"))
            #expect(try await application.conventions.event(event.id, by: Self.admin).inPersonCapacity == 5)
        }
    }

    @Test("an admin chooses the organizers of a new event among the organizer users; the organizer then edits it")
    func adminChoosesOrganizers() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (adminEmail, _) = try await ConsoleBrowser.user(application, .admin)
            let (organizerEmail, organizer) = try await ConsoleBrowser.user(application, .organizer)
            var admin = ConsoleBrowser(port: port)
            _ = try await admin.signIn(adminEmail)
            let form = try await admin.get("/conventions/events/new")
            #expect(form.text.contains("このイベントの主催者") && form.text.contains("value=\"\(organizer.id.uuidString.lowercased())\""))
            let created = try await admin.post("/conventions/events/new", form: Self.eventForm(["organizerUserIds": organizer.id.uuidString.lowercased()]))
            #expect(created.status == 303)
            let event = try await application.conventions.event(try Self.id(in: created.header("Location")), by: Self.admin)
            #expect(event.organizerUserIds == [organizer.id])

            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(organizerEmail)
            let path = ConventionPagesTests.path(event) + "/edit"
            let page = try await browser.get(path)
            #expect(page.status == 200 && !page.text.contains("このイベントの主催者"), "an organizer's form has no organizer list")
            #expect(try await browser.post(path, form: Self.eventForm(["titleEn": "Hydrogen Convention", "version": String(event.version)])).status == 303)
            #expect(try await application.conventions.event(event.id, by: Self.admin).organizerUserIds == [organizer.id], "the organizers stay")

            // The unchecked box is the choice, but the last enabled organizer stays, as on the organizers page and the API (harden14).
            let current = try await application.conventions.event(event.id, by: Self.admin)
            _ = try await admin.get(path)
            let kept = try await admin.post(path, form: Self.eventForm(["version": String(current.version)]))
            #expect(kept.status == 409 && kept.text.contains("有効なアカウントの主催者が最低1人"), "\(kept.text)")
            #expect(try await application.conventions.event(event.id, by: Self.admin).organizerUserIds == [organizer.id])
            // Replaced by another organizer, the first one goes.
            let (_, successor) = try await ConsoleBrowser.user(application, .organizer)
            _ = try await admin.get(path)
            let replaced = try await admin.post(path, form: Self.eventForm(["version": String(current.version), "organizerUserIds": successor.id.uuidString.lowercased()]))
            #expect(replaced.status == 303, "\(replaced.text)")
            #expect(try await application.conventions.event(event.id, by: Self.admin).organizerUserIds == [successor.id])
        }
    }

    @Test("coordinators read an event and its sessions but get no event or session forms, as the API")
    func coordinator() async throws {
        try await withTestServer(clock: ConventionPagesTests.eventDay) { port, application in
            let (_, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await ConventionPagesTests.event(application, organizer: user.id)
            let (email, _) = try await ConsoleBrowser.user(application, .coordinator)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = ConventionPagesTests.path(event)
            let page = try await browser.get(path)
            #expect(page.status == 200 && page.text.contains("セッションはまだありません") && !page.text.contains("\(path)/edit") && !page.text.contains("/sessions/new"))
            #expect(!(try await browser.get("/conventions").text.contains("/conventions/events/new")))
            #expect(try await browser.get("/conventions/events/new").status == 403)
            #expect(try await browser.get(path + "/edit").status == 403)
        }
    }
}
