import Conventions
import DomainKit
import Foundation
import Jobs
import Mail
import Postgres
import Testing
import TestSupport

/// The messages registration causes, from `ConventionService` through the outbox and a real SMTP
/// conversation to Python's parser and zbar: the QR code in the confirmation decodes to the door code.
@Suite("Registration e-mail")
struct ConfirmationMailTests {
    static let admin = Principal(userID: UUID(), role: .admin)

    /// 2026-12-01 09:00 JST to 17:30 the same day, one seat in the room: upcoming on the test clock.
    static func draft(seats: Int = 1) -> EventDraft {
        let start = TestClock.standardStart.addingTimeInterval(47 * 86_400 - 3600)
        return EventDraft(kind: .convention, titleJa: "横浜脱炭素ビジネスマッチング・コンベンション", titleEn: "Yokohama Decarbonization Convention",
                          startsAt: start, endsAt: start.addingTimeInterval(8.5 * 3600), venue: "パシフィコ横浜 <Hall B>", format: .inPerson,
                          inPersonCapacity: seats)
    }

    static func person(_ email: String, nameJa: String = "グエン・アン", nameEn: String = "Nguyen An") -> RegistrationDraft {
        RegistrationDraft(participant: ParticipantDraft(nameJa: nameJa, nameEn: nameEn, email: email, organisation: "Da Nang Solar JSC",
                                                        country: "VN", sector: .industry, role: .overseasCompany))
    }

    static func outbox(_ pool: PostgresPool) async throws -> [(kind: String, recipient: String, reference: String)] {
        try await pool.query("SELECT kind, recipient, reference FROM mail_outbox ORDER BY id").map {
            (try $0.decode("kind"), try $0.decode("recipient"), try $0.decode("reference"))
        }
    }

    @Test("registering enqueues a bilingual confirmation whose QR code decodes to the door code")
    func confirmation() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(Self.draft(), by: Self.admin)
        let registration = try await service.register(Self.person("an@example.vn"), eventID: event.id, by: Self.admin)
        let code = try #require(registration.code)
        let rows = try await Self.outbox(pool)
        #expect(rows.map(\.kind) == ["registration_confirmation"])
        #expect(rows.first?.reference == registration.id.uuidString.lowercased())

        try await withSink { sink in
            // Registration also enqueues the KPI recount, which this worker leaves alone.
            _ = try await mailWorker(pool, port: sink.port).runOnce()
            #expect(try await outboxRows(pool) == [OutboxRow(state: "sent", attempts: 1)])
            let received = try await sink.waitForMessages(1)
            #expect(received[0].recipient == "<an@example.vn>")
            let parsed = try await parseWithPython(received[0].data)
            #expect(parsed.subject == "【受付完了】横浜脱炭素ビジネスマッチング・コンベンション / Registration confirmed: Yokohama Decarbonization Convention")
            #expect(parsed.structure == ["multipart/related", "multipart/alternative", "text/plain", "text/html", "image/png"])
            #expect(parsed.text.contains("グエン・アン 様"))
            #expect(parsed.text.contains("受付コード: \(code)"))
            #expect(parsed.text.contains("日時: 2026年12月1日（火）09:00〜17:30（日本時間）"))
            #expect(parsed.text.contains("Door code: \(code)"))
            #expect(parsed.text.contains("When: Tue 1 Dec 2026, 09:00–17:30 (Japan time, UTC+9)"))
            // The venue came from a person: it is text in the HTML, never markup.
            #expect(parsed.html.contains("パシフィコ横浜 &lt;Hall B&gt;"))
            #expect(try await zbar(parsed.images[0]) == code + "\n")
        }
    }

    @Test("the waitlist hears it is waiting, without a door code, and hears again when a cancellation promotes it")
    func waitlistAndPromotion() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(Self.draft(seats: 1), by: Self.admin)
        let first = try await service.register(Self.person("first@example.jp"), eventID: event.id, by: Self.admin)
        let second = try await service.register(Self.person("second@example.jp", nameJa: "佐藤花子", nameEn: "Hanako Sato"), eventID: event.id, by: Self.admin)
        #expect(second.status == .waitlisted)
        let cancellation = try await service.cancel(first.id, by: Self.admin)
        #expect(cancellation.promoted?.id == second.id)
        let rows = try await Self.outbox(pool)
        // The person cancelled by the organizer hears it too (ux12), after the one who moved up.
        #expect(rows.map(\.kind) == ["registration_confirmation", "registration_confirmation", "waitlist_promotion", "registration_cancelled"])
        #expect(rows.map(\.recipient) == ["first@example.jp", "second@example.jp", "second@example.jp", "first@example.jp"])

        try await withSink { sink in
            _ = try await mailWorker(pool, port: sink.port).runOnce()
            #expect(try await outboxRows(pool).map(\.state) == ["sent", "sent", "sent", "sent"])
            let received = try await sink.waitForMessages(4)
            let waiting = try await parseWithPython(try #require(received.first { $0.recipient == "<second@example.jp>" && !$0.data.contains("image/png") }).data)
            #expect(waiting.subject.hasPrefix("【キャンセル待ち】"))
            #expect(waiting.images.isEmpty)
            #expect(!waiting.text.contains(try #require(second.code)))
            let promoted = try await parseWithPython(try #require(received.first { $0.recipient == "<second@example.jp>" && $0.data.contains("image/png") }).data)
            #expect(promoted.subject == "【参加確定】横浜脱炭素ビジネスマッチング・コンベンション / Your seat is confirmed: Yokohama Decarbonization Convention")
            #expect(promoted.text.contains("佐藤花子 様"))
            #expect(try await zbar(promoted.images[0]) == (second.code ?? "") + "\n")
        }
    }

    @Test("a CSV import enqueues one confirmation per registration, and a dry run none")
    func importConfirms() async throws {
        let pool = try await TestDatabase.fresh()
        let service = ConventionService(pool: pool, clock: .test)
        let event = try await service.createEvent(Self.draft(seats: 5), by: Self.admin)
        let csv = Array("""
            email,nameEn,sector,role
            a@example.jp,Aoki,industry,local_company
            b@example.jp,Baba,industry,local_company

            """.utf8)
        _ = try await service.importRegistrations(csv: csv, eventID: event.id, dryRun: true, by: Self.admin)
        #expect(try await Self.outbox(pool).isEmpty)
        let report = try await service.importRegistrations(csv: csv, eventID: event.id, dryRun: false, by: Self.admin)
        #expect(report.registered == 2)
        #expect(try await Self.outbox(pool).map(\.recipient) == ["a@example.jp", "b@example.jp"])
    }
}
