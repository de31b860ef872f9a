import Conventions
import DomainKit
import Foundation
import Postgres
import TestSupport

/// Small factories with defaults, so each test states only what it is about.
let admin = Principal(userID: UUID(), role: .admin)
let coordinator = Principal(userID: UUID(), role: .coordinator)

func organizer() -> Principal {
    Principal(userID: UUID(), role: .organizer)
}

/// 2026-12-01 09:00 JST to 2026-12-02 18:00 JST: 47 days after the test clock's instant, so it is
/// upcoming because the injected clock says so, whatever the machine's date.
let conventionStart = TestClock.standardStart.addingTimeInterval(47 * 86_400 - 3600)
let conventionEnd = conventionStart.addingTimeInterval(33 * 3600)

func eventDraft(
    format: EventFormat = .hybrid, inPerson: Int? = 100, online: Int? = 500, organizers: [UUID] = [],
    startsAt: Date = conventionStart, opens: Date? = nil, closes: Date? = nil
) -> EventDraft {
    EventDraft(
        kind: .convention, titleJa: "横浜脱炭素ビジネスマッチング・コンベンション", titleEn: "Yokohama Decarbonization Convention",
        startsAt: startsAt, endsAt: startsAt.addingTimeInterval(33 * 3600), venue: "パシフィコ横浜", format: format,
        inPersonCapacity: format == .online ? nil : inPerson, onlineCapacity: format == .inPerson ? nil : online,
        registrationOpensAt: opens, registrationClosesAt: closes, organizerUserIds: organizers)
}

func person(
    _ email: String = "nguyen.an@example.vn", sector: Sector = .industry, role: ParticipantRole = .overseasCompany,
    university: String? = nil, consent: Bool = false
) -> ParticipantDraft {
    ParticipantDraft(
        nameJa: "グエン・アン", nameEn: "Nguyen An", email: email, organisation: "Da Nang Solar JSC", country: "VN", sector: sector,
        role: role, universityId: university, consentToShareContact: consent)
}

func registration(_ email: String = "nguyen.an@example.vn", attendance: AttendanceMode? = nil) -> RegistrationDraft {
    RegistrationDraft(participant: person(email), attendance: attendance)
}

/// A service on a fresh, migrated database of its own.
func freshService(drawCode: (@Sendable () -> String)? = nil) async throws -> ConventionService {
    let pool = try await TestDatabase.fresh()
    return drawCode.map { ConventionService(pool: pool, clock: .test, drawCode: $0) } ?? ConventionService(pool: pool, clock: .test)
}
