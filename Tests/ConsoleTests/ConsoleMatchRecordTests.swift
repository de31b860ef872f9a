import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport
import Testing

/// Business-match records through the console, on the real server: recorded from a need's ranking
/// (the matcher's version and score kept) and from a lead's consortium, refused input kept, moved
/// along its statuses, a stale move explained, listed on the need's, lead's and company's pages.
@Suite("Console business-match records")
struct ConsoleMatchRecordTests {
    static func matches(_ application: Application) -> MatchService {
        MatchService(pool: application.pool, index: application.matchIndex, clock: application.clock)
    }

    @Test("a match recorded from a need's ranking keeps the matcher's version and score; refused input is kept and writes nothing")
    func recordFromRanking() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            var browser = world.browsers[.coordinator]!
            let (need, company) = (world.needA.uuidString.lowercased(), world.companyA.uuidString.lowercased())
            let needPage = try await browser.get("/needs/\(need)")
            #expect(needPage.text.contains("ビジネスマッチングの記録") && needPage.text.contains("記録されたビジネスマッチングはまだありません"))
            #expect(needPage.text.contains("action=\"/matches/new\"") && needPage.text.contains("value=\"\(company)\""))

            let form = try await browser.get("/matches/new?need=\(need)&from=ranking&company=\(company)")
            #expect(form.status == 200 && form.text.contains("マッチング結果から記録します"))
            let fields: [(String, String)] = [("company", company), ("need", need), ("lead", ""), ("from", "ranking"), ("counterpartKind", "city_government"),
                                              ("localPartnerId", ""), ("notes", "<b>市の環境局に紹介</b>")]
            let refused = try await browser.post("/matches/new", form: fields + [("channel", "liaison_base"), ("liaisonBaseId", "")])
            #expect(refused.status == 422)
            #expect(refused.text.contains("経路が現地拠点のときは現地拠点を選んでください"))
            #expect(refused.text.contains("&lt;b&gt;市の環境局に紹介&lt;/b&gt;"), "the notes are kept, escaped")
            let none = try await Self.matches(application).businessMatches(BusinessMatchFilter(needId: world.needA), page: try PageRequest.parse(limit: 10, cursor: nil),
                                                                            by: world.coordinator)
            #expect(none.items.isEmpty, "nothing written")

            let created = try await browser.post("/matches/new", form: fields + [("channel", "coordinator"), ("liaisonBaseId", "")])
            #expect(created.status == 303)
            let location = try #require(created.header("Location"))
            let id = try #require(UUID(uuidString: String(location.dropFirst("/matches/".count).prefix(36))))
            let match = try await Self.matches(application).match(id, by: world.coordinator)
            #expect(match.suggestion?.algorithmVersion.hasPrefix("matching-") == true && (match.suggestion?.score ?? 0) > 0)
            #expect(match.needId == world.needA && match.counterpartKind == .cityGovernment && match.channel == .coordinator && match.cityId != nil)

            let page = try await browser.get(location)
            #expect(page.text.contains("ビジネスマッチングを記録しました") && page.text.contains("<strong>提案</strong>"))
            #expect(page.text.contains("マッチング結果から") && page.text.contains("都市の行政機関"))
            // Only the statuses the API allows next are offered.
            #expect(page.text.contains("「紹介済み」に進める") && page.text.contains("「辞退」に進める") && !page.text.contains("「成約」に進める"))
            #expect(page.text.contains("あなた"), "the history names who recorded it")
            #expect(try await browser.get("/needs/\(need)").text.contains("href=\"/matches/\(id.uuidString.lowercased())\""))
            #expect(try await browser.get("/companies/\(company)").text.contains("href=\"/matches/\(id.uuidString.lowercased())\""))
            let version = try #require(match.suggestion?.algorithmVersion)
            #expect(page.text.contains("版 \(version)、スコア"), "a coordinator reads the matcher's version")
            var companyBrowser = world.browsers[.company]!
            let own = try await companyBrowser.get("/companies/\(company)")
            #expect(own.text.contains("href=\"/matches/\(id.uuidString.lowercased())\""), "the company reads its own records")
            // The company reads the record's score and parts, not the version, a code that names a release of the matcher.
            let record = try await companyBrowser.get(location)
            #expect(record.status == 200 && record.text.contains("マッチング結果から") && record.text.contains("スコア "))
            #expect(!record.text.contains(version) && !record.text.contains("版 "), "\(record.text)")
        }
    }

    @Test("moving a record: a status not allowed next or a future day is refused beside its field; a stale move lists what changed and keeps the input")
    func moves() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = Self.matches(application)
            let match = try await service.createMatch(BusinessMatchDraft(companyId: world.companyA, needId: world.needA, channel: .direct), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let path = "/matches/\(match.id.uuidString.lowercased())"
            let page = try await browser.get(path)
            let (version, steps) = (try ConsoleCoordinatorTests.hidden("version", in: page.text), try ConsoleCoordinatorTests.hidden("seenSteps", in: page.text))
            let today = try ConsoleCoordinatorTests.hidden("occurredOn", in: page.text)
            #expect(today == CalendarDate(inJapanAt: application.clock.now()).description, "the day defaults to today in Japan")

            let notNext = try await browser.post("\(path)/transitions", form: [("version", version), ("seenSteps", steps), ("to", "won"), ("occurredOn", today), ("note", "先方了承")])
            #expect(notNext.status == 422 && notNext.text.contains("「提案」から進められるのは次の状況だけです：紹介済み、辞退、取り下げ"))
            let tomorrow = CalendarDate(inJapanAt: application.clock.now().addingTimeInterval(86_400)).description
            let future = try await browser.post("\(path)/transitions", form: [("version", version), ("seenSteps", steps), ("to", "introduced"), ("occurredOn", tomorrow)])
            #expect(future.status == 422 && future.text.contains("日付は今日（日本時間）以前にしてください"))
            let badDay = try await browser.post("\(path)/transitions", form: [("version", version), ("seenSteps", steps), ("to", "introduced"), ("occurredOn", "10/1")])
            #expect(badDay.status == 422 && badDay.text.contains("value=\"10/1\""))
            #expect(try await service.match(match.id, by: world.coordinator).status == .proposed, "nothing moved")

            // Someone else moves it meanwhile.
            _ = try await service.transition(match.id, MatchTransitionRequest(to: .introduced), ifVersion: match.version, by: world.coordinator)
            let stale = try await browser.post("\(path)/transitions", form: [("version", version), ("seenSteps", steps), ("to", "declined"), ("occurredOn", today), ("note", "先方が見送り")])
            #expect(stale.status == 409)
            #expect(stale.text.contains("ほかの人がこの記録を更新しました") && stale.text.contains("「提案」→「紹介済み」"))
            #expect(stale.text.contains("value=\"先方が見送り\""), "the note is kept")
            #expect(stale.text.contains("「面談済み」に進める"), "the form now offers the moves from the new status")
            let moved = try await browser.post("\(path)/transitions", form: [
                ("version", try ConsoleCoordinatorTests.hidden("version", in: stale.text)), ("seenSteps", "2"), ("to", "meeting_held"), ("occurredOn", today), ("note", "現地で面談"),
            ])
            #expect(moved.status == 303)
            let after = try await browser.get(path)
            #expect(after.text.contains("<strong>面談済み</strong>") && after.text.contains("現地で面談"))
            #expect(try await service.history(of: match.id, by: world.coordinator).count == 3)

            // In English, the refusal is worded in English.
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.post("\(path)/transitions", form: [
                ("version", try ConsoleCoordinatorTests.hidden("version", in: after.text)), ("seenSteps", "3"), ("to", "won"), ("occurredOn", today),
            ])
            #expect(english.status == 422 && english.text.contains("From “Meeting held” the record can move only to: Negotiating, Declined, Withdrawn"))
        }
    }

    @Test("a match recorded from a lead's consortium lists on the lead; a second live one for the company links to the first")
    func recordFromLead() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            try await ConsoleCoordinatorTests.rankCompanyA(world, application)
            var browser = world.browsers[.coordinator]!
            let (lead, company) = (world.leadA.uuidString.lowercased(), world.companyA.uuidString.lowercased())
            #expect(try await browser.get("/leads/\(lead)").text.contains("まずコンソーシアムに企業を加えてください"))
            _ = try await browser.post("/leads/\(lead)/companies", form: [("companyId", company), ("role", "prime")])
            let page = try await browser.get("/leads/\(lead)")
            #expect(page.text.contains("action=\"/matches/new\"") && page.text.contains("name=\"lead\" value=\"\(lead)\""))
            let form = try await browser.get("/matches/new?lead=\(lead)&need=\(world.needA.uuidString.lowercased())&company=\(company)")
            #expect(form.status == 200 && !form.text.contains("マッチング結果から記録します"))
            let fields: [(String, String)] = [("company", company), ("need", world.needA.uuidString.lowercased()), ("lead", lead), ("from", ""),
                                              ("channel", "convention"), ("liaisonBaseId", ""), ("counterpartKind", ""), ("localPartnerId", ""), ("notes", "")]
            let created = try await browser.post("/matches/new", form: fields)
            #expect(created.status == 303)
            let first = try #require(created.header("Location")).dropFirst("/matches/".count).prefix(36)
            #expect(try await browser.get("/leads/\(lead)").text.contains("href=\"/matches/\(first)\""))
            let match = try await Self.matches(application).match(try #require(UUID(uuidString: String(first))), by: world.coordinator)
            #expect(match.leadId == world.leadA && match.suggestion == nil)

            let second = try await browser.post("/matches/new", form: fields)
            #expect(second.status == 409 && second.text.contains("すでにあります") && second.text.contains("href=\"/matches/\(first)\""))

            // The same company for the same need without the lead, another channel: the live record on the need (harden16).
            let needOnly = fields.map { $0.0 == "lead" ? ("lead", "") : $0.0 == "channel" ? ("channel", "direct") : $0 }
            let third = try await browser.post("/matches/new", form: needOnly)
            #expect(third.status == 409 && third.text.contains("すでにあります") && third.text.contains("href=\"/matches/\(first)\""), Comment(rawValue: third.text))
        }
    }
}
