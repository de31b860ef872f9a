import Accounts
import App
import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The organizers' pages and the check-in desk on the real server, on the first day of an event.
@Suite("Convention pages and the check-in desk")
struct ConventionPagesTests {
    static let admin = Principal(userID: UUID(), role: .admin)
    /// 10:00 in Japan on the event's first day, so the desk's "today" is a day of the event.
    static let eventDay = ProgrammeClock.japan("2026-12-01", hour: 10)

    static func event(_ application: Application, organizer: UUID, seats: Int = 5) async throws -> Event {
        let start = CalendarDate("2026-12-01")!.startInJapan.addingTimeInterval(9 * 3600)
        return try await application.conventions.createEvent(EventDraft(
            kind: .convention, titleJa: "横浜脱炭素コンベンション", titleEn: "Yokohama Decarbonization Convention", startsAt: start,
            endsAt: start.addingTimeInterval(8.5 * 3600), venue: "パシフィコ横浜", format: .inPerson, inPersonCapacity: seats,
            organizerUserIds: [organizer]), by: admin)
    }

    static func register(_ application: Application, _ event: Event, _ email: String, nameJa: String = "グエン・アン") async throws -> Registration {
        try await application.conventions.register(RegistrationDraft(participant: ParticipantDraft(
            nameJa: nameJa, nameEn: "Nguyen An", email: email, organisation: "Da Nang Solar JSC", country: "VN", sector: .industry,
            role: .overseasCompany)), eventID: event.id, by: admin)
    }

    /// An organizer signed in, and the convention they run with one registration (グエン・アン, an@example.vn).
    static func organizerWithGuest(port: Int, _ application: Application) async throws
        -> (browser: ConsoleBrowser, event: Event, guest: Registration) {
        let (email, user) = try await ConsoleBrowser.user(application, .organizer)
        let event = try await event(application, organizer: user.id)
        let guest = try await register(application, event, "an@example.vn")
        var browser = ConsoleBrowser(port: port)
        _ = try await browser.signIn(email)
        return (browser, event, guest)
    }

    static func path(_ event: Event) -> String { "/conventions/events/\(event.id.uuidString.lowercased())" }

    @Test("an organizer lists their events and opens one with its registrations; another organizer's event is the 404 page")
    func organizerPages() async throws {
        try await withTestServer(clock: Self.eventDay) { port, application in
            let (email, user) = try await ConsoleBrowser.user(application, .organizer)
            let (_, other) = try await ConsoleBrowser.user(application, .organizer)
            let mine = try await Self.event(application, organizer: user.id)
            let theirs = try await Self.event(application, organizer: other.id)
            _ = try await Self.register(application, mine, "an@example.vn")
            _ = try await Self.register(application, mine, "binh@example.vn", nameJa: "チャン・ビン")
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let home = try await browser.get("/")
            #expect(home.text.contains("href=\"/conventions\""), "the navigation has the events entry")
            let list = try await browser.get("/conventions")
            #expect(list.status == 200 && list.text.contains(Self.path(mine)) && !list.text.contains(Self.path(theirs)))
            let page = try await browser.get(Self.path(mine))
            #expect(page.status == 200 && page.text.contains("グエン・アン / Nguyen An") && page.text.contains("チャン・ビン"))
            let searched = try await browser.get(Self.path(mine) + "?q=%E3%83%93%E3%83%B3")
            #expect(searched.text.contains("チャン・ビン") && !searched.text.contains("グエン・アン"))
            #expect(try await browser.get(Self.path(mine) + "?status=waitlisted").text.contains("0件を表示"))
            #expect(try await browser.get(Self.path(theirs)).status == 404)
            #expect(try await browser.get(Self.path(theirs) + "/desk").status == 404)
            let csv = try await browser.get(Self.path(mine) + "/participants.csv")
            #expect(csv.status == 200 && csv.header("content-type")?.hasPrefix("text/csv") == true)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF] && csv.text.contains("an@example.vn"))
            // polish26: the exports carry the page's filters and hold what the page shows.
            #expect(searched.text.contains("href=\"\(Self.path(mine))/participants.csv?q=%E3%83%93%E3%83%B3\""))
            #expect(searched.text.contains("href=\"\(Self.path(mine))/students.csv?q=%E3%83%93%E3%83%B3\""))
            let searchedCSV = try await browser.get(Self.path(mine) + "/participants.csv?q=%E3%83%93%E3%83%B3")
            #expect(searchedCSV.text.contains("binh@example.vn") && !searchedCSV.text.contains("an@example.vn"))
            // The organizer reads the registrations' answers, not the guest's questions ("Your role" was the form's).
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.get(Self.path(mine))
            #expect(english.text.contains(">Role<") && english.text.contains(">Attending<") && !english.text.contains("Your role"))
        }
    }

    @Test("company staff and viewers read the events and an event's page without its registrations or tools; the desk is 403, as the API's rules say")
    func roles() async throws {
        try await withTestServer(clock: Self.eventDay) { port, application in
            let (_, user) = try await ConsoleBrowser.user(application, .organizer)
            let event = try await Self.event(application, organizer: user.id)
            _ = try await Self.register(application, event, "an@example.vn")
            let company = try await DirectoryPlaceholders.company(in: application.pool)
            for role in [Role.viewer, .company] {
                let (email, _) = try await ConsoleBrowser.user(application, role, companyID: role == .company ? company : nil)
                var browser = ConsoleBrowser(port: port)
                _ = try await browser.signIn(email)
                // gaps12: listEvents and getEvent admit every role, so the list and the page open, read only.
                let list = try await browser.get("/conventions")
                #expect(list.status == 200 && list.text.contains(Self.path(event)) && !list.text.contains("/conventions/events/new"), "\(role)")
                let page = try await browser.get(Self.path(event))
                #expect(page.status == 200 && page.text.contains("横浜脱炭素コンベンション") && page.text.contains("閲覧のみ"), "\(role)")
                let main = page.text.components(separatedBy: "<main").last ?? ""
                #expect(!main.contains("グエン・アン") && !main.contains("<form") && !main.contains(".csv"), "\(role): no registrations, form or export")
                #expect(!page.text.contains("/desk") && !page.text.contains("/edit") && !page.text.contains("/retention"), "\(role)")
                #expect(page.text.contains("/meetings\"") == (role == .company), "\(role): meeting requests only for company staff")
                #expect(try await browser.get(Self.path(event) + "/desk").status == 403, "\(role)")
                let navigation = (try await browser.get("/")).text.components(separatedBy: "class=\"site-nav\"").last?.components(separatedBy: "</nav>").first ?? ""
                // polish27: the header lists the events for every role that opens them, as the home page links them.
                #expect(navigation.contains("href=\"/conventions\""), "\(role): the events entry in the header")
            }
            let (coordinatorEmail, _) = try await ConsoleBrowser.user(application, .coordinator)
            var coordinator = ConsoleBrowser(port: port)
            _ = try await coordinator.signIn(coordinatorEmail)
            #expect(try await coordinator.get(Self.path(event)).status == 200, "coordinators read every event")
            #expect(try await coordinator.get(Self.path(event) + "/desk").status == 403, "but check nobody in, as the API")
        }
    }

    @Test("the desk checks a code in and shows the name and sector; a second scan says already checked in; unknown codes are refused")
    func desk() async throws {
        try await withTestServer(clock: Self.eventDay) { port, application in
            let (organizer, event, guest) = try await Self.organizerWithGuest(port: port, application)
            var browser = organizer
            let code = try #require(guest.code)
            let desk = try await browser.get(Self.path(event) + "/desk")
            #expect(desk.status == 200 && desk.text.contains("id=\"desk-offline\"") && desk.text.contains("/assets/desk-"))
            #expect(!desk.text.contains("<script>"), "no inline script")
            let first = try await browser.post(Self.path(event) + "/desk", form: [("code", code.lowercased())])
            #expect(first.status == 200)
            #expect(first.text.contains("チェックインしました") && first.text.contains("グエン・アン / Nguyen An"))
            #expect(first.text.contains("産業（企業）・海外企業"))
            let again = try await browser.post(Self.path(event) + "/desk", form: [("code", code)])
            // The time is Japan's, and says so: at the Da Nang workshop's desk 10:00 would read as two hours ahead.
            #expect(again.text.contains("すでにチェックイン済みです（日本時間10:00に受付）") && again.text.contains("desk-result again"))
            let unknown = try await browser.post(Self.path(event) + "/desk", form: [("code", "AAAAAA")])
            #expect(unknown.status == 404 && unknown.text.contains("このコードの登録はありません"))
            let checkIns: Int = try await application.pool.query("SELECT count(*) AS n FROM check_ins")[0].decode("n")
            #expect(checkIns == 1)
        }
    }

    @Test("the desk's script gets JSON: the state, the headline and the person, always as 200")
    func deskJSON() async throws {
        try await withTestServer(clock: Self.eventDay) { port, application in
            let (organizer, event, guest) = try await Self.organizerWithGuest(port: port, application)
            var browser = organizer
            let code = try #require(guest.code)
            _ = try await browser.get(Self.path(event) + "/desk")
            struct Answer: Decodable { let state: String; let headline: String; let name: String? }
            func scan(_ code: String) async throws -> (Int, Answer) {
                let body = "code=\(ConsoleBrowser.encode(code))&_csrf=\(browser.lastCSRF ?? "")"
                let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                let response = try await TestClient.request(port: port, "POST", Self.path(event) + "/desk", headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "Cookie": cookie,
                ], body: body)
                return (response.status, try JSONDecoder().decode(Answer.self, from: Data(response.body)))
            }
            let (status, first) = try await scan(code)
            #expect(status == 200 && first.state == "ok" && first.name == "グエン・アン / Nguyen An")
            #expect(try await scan(code).1.state == "again")
            let (refusedStatus, refused) = try await scan("12")
            #expect(refusedStatus == 200 && refused.state == "refused" && refused.headline.contains("6文字"))
            #expect(try await browser.get(Self.path(event) + "/desk/ping").status == 204)
        }
    }
}
