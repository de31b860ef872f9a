import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Duplicate participants and merge")
struct MergeTests {
    static func draft(_ email: String, nameJa: String? = nil, nameEn: String?, organisation: String? = nil) -> RegistrationDraft {
        RegistrationDraft(participant: ParticipantDraft(
            nameJa: nameJa, nameEn: nameEn, email: email, organisation: organisation, sector: .industry, role: .overseasCompany), attendance: .inPerson)
    }

    static func count(_ pool: PostgresPool, _ sql: PostgresQuery) async throws -> Int {
        try await pool.query(sql)[0].decode("n")
    }

    @Test("names meet across widths, spaces, accents and word order; addresses by local part with organisation or domain; colleagues do not")
    func keys() {
        let a = DuplicateKeys(nameJa: "山田　太郎", nameEn: "Nguyen Van An", email: "An.Nguyen+conv@gmail.com", organisation: "横浜環境㈱")
        let b = DuplicateKeys(nameJa: "山田 太郎", nameEn: "AN, Nguyen Van", email: "annguyen@yahoo.com", organisation: "横浜環境株式会社")
        #expect(a.reasons(matching: b) == [.nameJa, .nameEn, .emailLocalPart, .organisation])
        let address = DuplicateKeys(nameJa: nil, nameEn: "Maria Santos", email: "maria.santos@cebu.ph", organisation: "Cebu Energy Inc.")
        let renamed = DuplicateKeys(nameJa: nil, nameEn: "Ma. Santos-Reyes", email: "mariasantos@gmail.com", organisation: "CEBU ENERGY")
        #expect(address.reasons(matching: renamed) == [.emailLocalPart, .organisation])
        let colleague = DuplicateKeys(nameJa: nil, nameEn: "Jose Cruz", email: "jose.cruz@cebu.ph", organisation: "Cebu Energy Inc.")
        #expect(address.reasons(matching: colleague) == [], "the same domain and organisation are colleagues, not one person")
    }

    @Test("merge keeps history: every registration, check-in and KPI count survives a merge of records at different events")
    func mergeKeepsHistory() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let first = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let second = try await service.createEvent(eventDraft(format: .inPerson, startsAt: conventionStart.addingTimeInterval(3 * 86_400)), by: admin)
        let kept = try await service.register(Self.draft("an.nguyen@example.vn", nameEn: "Nguyen An", organisation: "Da Nang Solar JSC"),
                                              eventID: first.id, by: admin)
        let twin = try await service.register(Self.draft("annguyen+yokohama@danangsolar.vn", nameEn: "AN NGUYỄN", organisation: "Ｄａ Ｎａｎｇ Ｓｏｌａｒ"),
                                              eventID: second.id, by: admin)
        let other = try await service.register(Self.draft("binh@example.vn", nameEn: "Tran Binh"), eventID: first.id, by: admin)
        _ = try await service.checkIn(CheckInRequest(code: kept.code, day: CalendarDate("2026-12-01")), eventID: first.id, by: admin)
        _ = try await service.checkIn(CheckInRequest(code: twin.code, day: CalendarDate("2026-12-04")), eventID: second.id, by: admin)
        _ = try await service.checkIn(CheckInRequest(code: other.code, day: CalendarDate("2026-12-01")), eventID: first.id, by: admin)
        let kpi: PostgresQuery = "SELECT count(*) AS n FROM kpi_records WHERE code = 'convention_participants'"
        let kpiBefore = try await Self.count(pool, kpi)
        #expect(kpiBefore == 3)

        let pairs = try await service.duplicates(eventID: nil, by: admin)
        #expect(pairs.count == 1)
        #expect(Set([pairs[0].first.id, pairs[0].second.id]) == [kept.participant.id, twin.participant.id])
        #expect(pairs[0].reasons == [.nameEn, .emailLocalPart, .organisation])

        let report = try await service.merge(twin.participant.id, into: kept.participant.id, by: admin)
        #expect(report.registrationsMoved == 1 && report.conflicts.isEmpty)
        #expect(try await Self.count(pool, "SELECT count(*) AS n FROM registrations") == 3)
        #expect(try await Self.count(pool, "SELECT count(*) AS n FROM check_ins") == 3)
        #expect(try await Self.count(pool, kpi) == kpiBefore)
        let moved = try await service.registrations(of: second.id, RegistrationFilter(), page: PageRequest(), by: admin).items
        #expect(moved.map(\.participant.id) == [kept.participant.id])
        #expect(moved.first?.code == twin.code && moved.first?.status == .attended)
        #expect(try await Self.count(pool, """
            SELECT count(*) AS n FROM participants
            WHERE id = \(twin.participant.id) AND merged_into = \(kept.participant.id) AND email IS NULL AND erased_at IS NOT NULL
            """) == 1)
        #expect(try await Self.count(pool, """
            SELECT count(*) AS n FROM audit_log WHERE action = 'merge' AND entity_id = \(kept.participant.id.uuidString.lowercased())
              AND changes->>'mergedId' = \(twin.participant.id.uuidString.lowercased())
            """) == 1)
        #expect(try await service.duplicates(eventID: nil, by: admin).isEmpty)
        let again = await #expect(throws: ConventionsError.self) { try await service.merge(twin.participant.id, into: kept.participant.id, by: admin) }
        #expect(again?.problem.status == 404, "a merged record cannot be merged twice")
    }

    @Test("both records registered for one event: the kept registration takes the attended one's state and code, the other is cancelled and frees its seat, the person counts once")
    func conflict() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let host = organizer()
        let shared = try await service.createEvent(eventDraft(format: .inPerson, inPerson: 2), by: host)
        let twin = try await service.register(Self.draft("yamada.taro@example.jp", nameJa: "ﾔﾏﾀﾞ･ﾀﾛｳ", nameEn: nil), eventID: shared.id, by: admin)
        let kept = try await service.register(Self.draft("t.yamada@city.yokohama.jp", nameJa: "ヤマダ　タロウ", nameEn: "Taro Yamada"), eventID: shared.id, by: admin)
        let waiting = try await service.register(Self.draft("c@example.jp", nameEn: "Chiba"), eventID: shared.id, by: admin)
        #expect(waiting.status == .waitlisted)
        _ = try await service.checkIn(CheckInRequest(code: twin.code, day: CalendarDate("2026-12-01")), eventID: shared.id, by: admin)
        let kpi: PostgresQuery = "SELECT count(*) AS n FROM kpi_records WHERE code = 'convention_participants'"
        #expect(try await Self.count(pool, kpi) == 1)

        let pairs = try await service.duplicates(eventID: shared.id, by: host)
        #expect(pairs.count == 1 && pairs[0].reasons == [.nameJa])
        let report = try await service.merge(twin.participant.id, into: kept.participant.id, by: host)
        #expect(report.registrationsMoved == 0)
        #expect(report.conflicts.count == 1)
        #expect(report.conflicts.first?.keptRegistrationId == kept.id && report.conflicts.first?.checkInsMoved == 1)
        let after = try await service.registrations(of: shared.id, RegistrationFilter(), page: PageRequest(), by: admin).items
        let byID = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
        #expect(after.count == 3, "no registration is deleted")
        #expect(byID[kept.id]?.status == .attended && byID[kept.id]?.code == twin.code, "the code the person holds still opens the door")
        #expect(byID[twin.id]?.status == .cancelled && byID[twin.id]?.code != twin.code)
        #expect(byID[waiting.id]?.status == .registered, "the freed seat went to the waitlist")
        #expect(try await Self.count(pool, "SELECT count(*) AS n FROM check_ins") == 1)
        #expect(try await Self.count(pool, kpi) == 1)
    }

    @Test("an organizer merges only people registered solely at events they manage; others are a 404, and organizers list by event")
    func organizerScope() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let host = organizer()
        let managed = try await service.createEvent(eventDraft(format: .inPerson), by: host)
        let theirs = try await service.createEvent(eventDraft(format: .inPerson), by: admin)
        let a = try await service.register(Self.draft("kim@example.kr", nameEn: "Kim Minji"), eventID: managed.id, by: admin)
        let b = try await service.register(Self.draft("minji.kim@example.kr", nameEn: "Minji Kim"), eventID: managed.id, by: admin)
        _ = try await service.register(Self.draft("minji.kim@example.kr", nameEn: "Minji Kim"), eventID: theirs.id, by: admin)
        let refused = await #expect(throws: ConventionsError.self) { try await service.merge(b.participant.id, into: a.participant.id, by: host) }
        #expect(refused?.problem.status == 404)
        let unscoped = await #expect(throws: ConventionsError.self) { try await service.duplicates(eventID: nil, by: host) }
        #expect(unscoped?.problem.status == 422)
        let stranger = await #expect(throws: ConventionsError.self) { try await service.duplicates(eventID: theirs.id, by: host) }
        #expect(stranger?.problem.status == 404)
        let same = await #expect(throws: ConventionsError.self) { try await service.merge(a.participant.id, into: a.participant.id, by: admin) }
        #expect(same?.problem.status == 422)
    }
}
