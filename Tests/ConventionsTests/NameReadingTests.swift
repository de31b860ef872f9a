import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A participant's name reading (フリガナ, conv34): only kana, cleared by erasure, kept by a merge, and found by
/// the registrations list's `q` and the check-in desk with hiragana and katakana folded to one.
@Suite("Name reading")
struct NameReadingTests {
    static func draft(_ email: String, nameJa: String, nameEn: String? = nil, reading: String?) -> RegistrationDraft {
        RegistrationDraft(participant: ParticipantDraft(
            nameJa: nameJa, nameEn: nameEn, email: email, sector: .industry, role: .localCompany, nameReading: reading), attendance: .inPerson)
    }

    static func count(_ pool: PostgresPool, _ sql: PostgresQuery) async throws -> Int {
        try await pool.query(sql)[0].decode("n")
    }

    @Test("a reading that is not kana, or too long, is a 422 on participant.nameReading and writes nothing; half-width kana are stored full-width")
    func onlyKana() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        for reading in ["Sato Hanako", "佐藤 はなこ", "さとう1", "   ", String(repeating: "サ", count: 201)] {
            let error = await #expect(throws: ConventionsError.self, "\(reading)") {
                try await service.register(Self.draft("sato@example.jp", nameJa: "佐藤 花子", reading: reading), eventID: event.id, by: admin)
            }
            #expect(error?.problem.status == 422)
            #expect(error?.problem.errors?.map(\.field) == ["participant.nameReading"])
        }
        #expect(try await Self.count(pool, "SELECT count(*)::int AS n FROM participants") == 0)
        #expect(try await Self.count(pool, "SELECT count(*)::int AS n FROM registrations") == 0)

        let registered = try await service.register(
            Self.draft("sato@example.jp", nameJa: "佐藤 花子", reading: "ｻﾄｳ　 ﾊﾅｺ"), eventID: event.id, by: admin)
        #expect(registered.participant.nameReading == "サトウ ハナコ")
    }

    @Test("the CSV import reads a nameReading column: kana stored full-width, anything else the row's error on that column")
    func imported() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let csv = "email,nameJa,nameReading,sector,role\r\nsato@example.jp,佐藤 花子,ｻﾄｳ ﾊﾅｺ,industry,local_company\r\n"
            + "kato@example.jp,加藤 一郎,Kato,industry,local_company\r\n"
        let report = try await service.importRegistrations(csv: Array(csv.utf8), eventID: event.id, dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column)" } == ["3:nameReading"])
        let fixed = csv.replacingOccurrences(of: ",Kato,", with: ",かとう いちろう,")
        _ = try await service.importRegistrations(csv: Array(fixed.utf8), eventID: event.id, dryRun: false, by: admin)
        let people = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(), by: admin).items.map(\.participant)
        #expect(people.map(\.nameReading) == ["サトウ ハナコ", "かとう いちろう"])
    }

    @Test("erasure clears the reading with the other personal columns, and the database refuses an erased row that keeps one")
    func erasureClears() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let registered = try await service.register(
            Self.draft("sato@example.jp", nameJa: "佐藤 花子", reading: "さとう はなこ"), eventID: event.id, by: admin)
        try await service.eraseParticipant(registered.participant.id, by: admin)
        let id = registered.participant.id
        #expect(try await Self.count(pool, "SELECT count(*)::int AS n FROM participants WHERE id = \(id) AND erased_at IS NOT NULL AND name_reading IS NULL") == 1)
        await #expect(throws: PostgresError.self) {
            try await pool.execute("UPDATE participants SET name_reading = 'サトウ' WHERE id = \(id)")
        }
    }

    @Test("a merge keeps the survivor's reading, or takes the duplicate's when the survivor has none")
    func mergeKeepsReading() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let kept = try await service.register(Self.draft("sato@example.jp", nameJa: "佐藤 花子", reading: nil), eventID: event.id, by: admin)
        let twin = try await service.register(Self.draft("hanako.sato@example.com", nameJa: "佐藤　花子", reading: "サトウ ハナコ"), eventID: event.id, by: admin)
        let other = try await service.register(Self.draft("kato@example.jp", nameJa: "加藤 一郎", reading: "カトウ イチロウ"), eventID: event.id, by: admin)
        let third = try await service.register(Self.draft("ichiro.kato@example.com", nameJa: "加藤 一郎", reading: "かとう"), eventID: event.id, by: admin)
        _ = try await service.merge(twin.participant.id, into: kept.participant.id, by: admin)
        _ = try await service.merge(third.participant.id, into: other.participant.id, by: admin)
        let people = try await service.registrations(of: event.id, RegistrationFilter(inForce: true), page: PageRequest(), by: admin).items
            .map(\.participant)
        #expect(people.first { $0.id == kept.participant.id }?.nameReading == "サトウ ハナコ")
        #expect(people.first { $0.id == other.participant.id }?.nameReading == "カトウ イチロウ")
    }

    @Test("さとう, サトウ and ｻﾄｳ find 佐藤 花子 whose reading is サトウ ハナコ, in the registrations list and at the check-in desk")
    func foundByKana() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let sato = try await service.register(
            Self.draft("hanako@example.jp", nameJa: "佐藤 花子", nameEn: "Hanako Sato", reading: "サトウ ハナコ"), eventID: event.id, by: admin)
        _ = try await service.register(Self.draft("kato@example.jp", nameJa: "加藤 一郎", reading: "かとう いちろう"), eventID: event.id, by: admin)
        for query in ["さとう", "サトウ", "ｻﾄｳ", "さとう　はなこ"] {
            let listed = try await service.registrations(of: event.id, RegistrationFilter(text: query), page: PageRequest(), by: admin).items
            #expect(listed.map(\.id) == [sato.id], "\(query)")
            let desk = try await service.desk(of: event.id, sessionID: nil, search: query, by: admin)
            #expect(desk.matches.map(\.registration.id) == [sato.id], "\(query)")
        }
        let kato = try await service.registrations(of: event.id, RegistrationFilter(text: "カトウ"), page: PageRequest(), by: admin).items
        #expect(kato.map(\.participant.nameJa) == ["加藤 一郎"])
    }

    /// The people of `readingOrderList`, entered in an order unlike the expected one.
    static let people: [(email: String, nameJa: String, reading: String?)] = [
        ("sato@example.jp", "佐藤 花子", "サトウ ハナコ"), ("yokohama@example.jp", "横浜 太郎", nil), ("kudo@example.jp", "工藤 優", "くどう ゆう"),
        ("ono.yoko@example.jp", "大野 陽子", "オオノ ヨウコ"), ("an@example.vn", "グエン・アン", "グエン アン"), ("kawasaki@example.jp", "川崎 花", nil),
        ("ono.hiroshi@example.jp", "大野 洋", "オーノ ヒロシ"), ("kato@example.jp", "加藤 一郎", "かとう いちろう"),
    ]

    /// gojuon36: the 受付名簿 in 五十音順. The expected order is written by hand from the rule (docs/conventions.md): オーノ
    /// reads オオノ, so 大野 洋 (オオノ ヒロシ) comes before 大野 陽子 (オオノ ヨウコ); グエン reads クエン, before クドウ (クトウ);
    /// hiragana as katakana; people without a reading after, by name (川崎 before 横浜 in code points).
    @Test("order=reading lists an event's registrations in 五十音順, people without a reading after by name; paged three at a time, each once")
    func readingOrderList() async throws {
        let service = try await freshService()
        let event = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        for person in Self.people {
            _ = try await service.register(Self.draft(person.email, nameJa: person.nameJa, reading: person.reading), eventID: event.id, by: admin)
        }
        var seen: [String?] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await service.registrations(
                of: event.id, RegistrationFilter(order: .reading), page: try PageRequest.parse(limit: 3, cursor: cursor), by: admin)
            seen += page.items.map(\.participant.nameJa)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 10
        #expect(seen == ["大野 洋", "大野 陽子", "加藤 一郎", "グエン・アン", "工藤 優", "佐藤 花子", "川崎 花", "横浜 太郎"])
        #expect(pages == 3)
        #expect(try await service.registrationCount(of: event.id, RegistrationFilter(order: .reading), by: admin) == 8)
        // A cursor of one order is not a position in the other.
        let first = try await service.registrations(of: event.id, RegistrationFilter(order: .reading), page: PageRequest(limit: 3), by: admin)
        await #expect(throws: Problem.self) {
            try await service.registrations(of: event.id, RegistrationFilter(), page: try PageRequest.parse(limit: 3, cursor: first.nextCursor), by: admin)
        }
        let entered = try await service.registrations(of: event.id, RegistrationFilter(), page: PageRequest(limit: 3), by: admin)
        await #expect(throws: Problem.self) {
            try await service.registrations(
                of: event.id, RegistrationFilter(order: .reading), page: try PageRequest.parse(limit: 3, cursor: entered.nextCursor), by: admin)
        }
    }
}
