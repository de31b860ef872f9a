import Cities
import Companies
import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport

/// Small factories with defaults, so each test states only what it is about.
let admin = Principal(userID: UUID(), role: .admin)
let coordinator = Principal(userID: UUID(), role: .coordinator)
let viewer = Principal(userID: UUID(), role: .viewer)

/// A fresh database with the directory services and a matching service over it.
struct MatchWorld {
    let pool: PostgresPool
    let cities: CityService
    let companies: CompanyService
    let matching: MatchService

    static func fresh() async throws -> MatchWorld {
        let pool = try await TestDatabase.fresh()
        return MatchWorld(pool: pool, cities: CityService(pool: pool, clock: .test), companies: CompanyService(pool: pool, clock: .test),
                          matching: MatchService(pool: pool, index: MatchIndex(pool: pool), clock: .test))
    }

    func city(_ nameEn: String = "Da Nang", _ nameJa: String = "ダナン", country: String = "VN") async throws -> City {
        try await cities.createCity(CityDraft(nameJa: nameJa, nameEn: nameEn, country: country, relationship: .mouPartner), by: admin)
    }

    func need(
        in city: City, titleEn: String? = nil, titleJa: String? = nil, descriptionEn: String? = nil, descriptionJa: String? = nil,
        codes: [String] = []
    ) async throws -> CityNeed {
        try await cities.createNeed(
            CityNeedDraft(cityId: city.id, titleJa: titleJa, titleEn: titleEn, descriptionJa: descriptionJa, descriptionEn: descriptionEn,
                          taxonomyCodes: codes, source: .policyDialogue),
            by: admin)
    }

    /// A company with one technology and, optionally, track records.
    @discardableResult
    func company(
        _ name: String, titleEn: String? = nil, titleJa: String? = nil, descriptionEn: String? = nil, descriptionJa: String? = nil,
        codes: [String] = [], disclosure: Disclosure = .public, records: [CompanyTrackRecordDraft] = [], inYokohama: Bool = true,
        yusaSince: CalendarDate? = nil, languages: [String] = ["ja", "en"], countries: [String] = []
    ) async throws -> Company {
        let company = try await companies.createCompany(
            CompanyDraft(nameEn: name, inYokohama: inYokohama, size: .sme, yusaMemberSince: yusaSince, languages: languages,
                         countriesWithExperience: countries),
            by: admin)
        if titleEn != nil || titleJa != nil {
            _ = try await companies.createTechnology(
                CompanyTechnologyDraft(titleJa: titleJa, titleEn: titleEn, descriptionJa: descriptionJa, descriptionEn: descriptionEn,
                                       taxonomyCodes: codes, maturity: .commercial, disclosure: disclosure),
                companyID: company.id, by: admin)
        }
        for record in records { _ = try await companies.createTrackRecord(record, companyID: company.id, by: admin) }
        return company
    }

    func ranking(_ need: CityNeed, _ filter: MatchFilter = MatchFilter(), by principal: Principal = coordinator) async throws -> MatchList {
        try await matching.matches(for: need.id, filter: filter, by: principal)
    }
}

func record(_ country: String, _ city: String?, _ summary: String = "Waste-to-energy plant", disclosure: Disclosure = .public) -> CompanyTrackRecordDraft {
    CompanyTrackRecordDraft(country: country, city: city, year: 2020, summary: summary, disclosure: disclosure)
}

extension MatchList {
    var ids: [UUID] { items.map(\.companyId) }

    func item(_ company: Company) -> MatchSuggestion? { items.first { $0.companyId == company.id } }
}

/// A bare lead in the Coordinators module's tables, owned by a bare coordinator (and in a bare city
/// unless one is given), for tests of what refers to leads; the lead service is tested in CoordinatorsTests.
func insertBareLead(cityID: UUID? = nil, on db: PostgresConnection) async throws -> UUID {
    let tag = UUID().uuidString.prefix(8).lowercased()
    return try await db.query("""
        WITH owner AS (
            INSERT INTO users (email, display_name, role, password_hash)
            VALUES (\("owner-\(tag)@test.domino.example"), 'Owner', 'coordinator', '$2a$12$' || repeat('x', 53)) RETURNING id
        ), coordinator AS (
            INSERT INTO coordinators (user_id, display_name) SELECT id, 'Owner' FROM owner RETURNING id
        ), city AS (
            INSERT INTO overseas_cities (name_ja, name_en, country, relationship)
            SELECT 'テスト市', \("Test City \(tag)"), 'VN', 'other' WHERE \(cityID)::uuid IS NULL RETURNING id
        )
        INSERT INTO leads (title, city_id, source_channel, owner_coordinator_id)
        SELECT 'A lead', coalesce(\(cityID)::uuid, (SELECT id FROM city)), 'inquiry', coordinator.id FROM coordinator RETURNING id
        """)[0].decode("id")
}
