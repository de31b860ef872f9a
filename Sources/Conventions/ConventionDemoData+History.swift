import DomainKit
import FoundationEssentials
public import Postgres

/// The demo's earlier conventions, so the KPI dashboard of `make run` has a history: one convention in
/// each fiscal year from the programme's first to the one before the current one (which the caller
/// counts from the programme clock, so the history grows with the date and never rots), each with its
/// checked-in participants and the Yokohama students among them (KPIs ③ and ④). Idempotent like the
/// rest of the demo: events by fixed ids, people by email, registrations by person and event, check-ins
/// by their unique key. A registration that exists is left as it is, and so is its check-in; a person
/// erased since keeps the door code, so the demo person made again under that e-mail address is not
/// registered (a second `make run` must not fail on what users did in between).
extension ConventionDemoData {
    /// (participants checked in, Yokohama students among them) in the programme's first years, then
    /// every later year: a convention growing as the plan's targets do, a little ahead on ③ and behind on ④.
    static let history: [(participants: Int, students: Int)] = [(55, 22), (105, 30), (150, 48)]
    static let laterYears = (participants: 150, students: 48)

    public static func loadHistory(pool: PostgresPool, years: ClosedRange<Int>) async throws {
        try await pool.transaction { db in
            for (index, startYear) in years.enumerated() {
                let (participants, students) = index < history.count ? history[index] : laterYears
                let year = FiscalYear(startYear)
                let number = startYear - 2000
                // Early December, as the programme holds its convention, at 09:00 in Japan.
                let start = year.firstDay.adding(days: 246).startInJapan.addingTimeInterval(9 * 3600)
                let eventID = UUID.demo(0xde30_0000, 100 + number)
                let calendarYear = CalendarDate(inJapanAt: start).year
                try await db.execute("""
                    INSERT INTO events (id, kind, title_ja, title_en, starts_at, ends_at, fiscal_year, venue, format, in_person_capacity)
                    VALUES (\(eventID), 'convention', \("横浜脱炭素ビジネスマッチング・コンベンション\(calendarYear)"),
                        \("Yokohama Decarbonization Business Matching Convention \(calendarYear)"), \(start), \(start.addingTimeInterval(8 * 3600)),
                        \(year.startYear), 'パシフィコ横浜', 'in_person', \(participants + 20))
                    ON CONFLICT (id) DO NOTHING
                    """)
                let codes = (1...participants).map { code(10_000 * number + $0) }
                // People are numbered 1…n; the first `students` study at a Yokohama university.
                try await db.execute("""
                    WITH people AS (
                        INSERT INTO participants (name_en, email, organisation, country, sector, role, university_id, consent_share_contact)
                        SELECT 'Past participant ' || \(startYear) || '-' || n, 'demo.past' || \(startYear) || '.' || lpad(n::text, 3, '0') || '@example.jp',
                               CASE WHEN n <= \(students) THEN '大学（デモ）' ELSE '横浜デモ産業株式会社' END, 'JP',
                               CASE WHEN n <= \(students) THEN 'academia' ELSE 'industry' END,
                               CASE WHEN n <= \(students) THEN 'student' ELSE 'local_company' END,
                               CASE WHEN n <= \(students) THEN 'ynu' END, false
                        FROM generate_series(1, \(participants)) n
                        ON CONFLICT ((lower(email))) DO UPDATE SET email = participants.email
                        RETURNING id, email
                    ), numbered AS (
                        SELECT id, row_number() OVER (ORDER BY email) AS n FROM people
                    ), registered AS (
                        INSERT INTO registrations (event_id, participant_id, attendance, status, code)
                        SELECT \(eventID), numbered.id, 'in_person', 'attended', c.code
                        FROM numbered JOIN unnest(\(codes)::text[]) WITH ORDINALITY AS c (code, n) ON c.n = numbered.n
                        ON CONFLICT DO NOTHING
                        RETURNING id
                    )
                    INSERT INTO check_ins (event_id, registration_id, day, attendance, method, checked_in_at)
                    SELECT \(eventID), registered.id, \(CalendarDate(inJapanAt: start)), 'in_person', 'code', \(start.addingTimeInterval(1800))
                    FROM registered
                    ON CONFLICT (registration_id, day, session_id) DO NOTHING
                    """)
            }
        }
    }
}
