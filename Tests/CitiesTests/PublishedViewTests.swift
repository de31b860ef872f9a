import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// What Cities publishes to other modules (migration 0056): the matcher and business-match records read
/// only these views.
@Suite("Published views: cities, needs, liaison bases and local partners")
struct PublishedViewTests {
    @Test("a need reads back through published_needs with its city, in both languages")
    func needsAndCities() async throws {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let service = CityService(pool: pool, clock: .test)
        let city = try await service.createCity(cityDraft(), by: admin)
        let need = try await service.createNeed(
            needDraft(city: city, titleEn: "Waste to energy", titleJa: "廃棄物発電", codes: ["waste_to_energy"]), by: coordinator)
        let base = try await service.createLiaisonBase(baseDraft(city: city), by: admin)

        let row = try await pool.query("""
            SELECT n.id, n.title_ja, n.title_en, n.taxonomy_codes, n.status, c.name_ja, c.name_en, c.country
            FROM published_needs n JOIN published_cities c ON c.id = n.city_id
            """)
        #expect(row.count == 1)
        #expect(try row[0].decode("id", as: UUID.self) == need.id)
        #expect(try row[0].decode("title_ja", as: String.self) == "廃棄物発電")
        #expect(try row[0].decode("title_en", as: String.self) == "Waste to energy")
        #expect(try row[0].decode("taxonomy_codes", as: [String].self) == ["waste_to_energy"])
        #expect(try row[0].decode("status", as: String.self) == "open")
        #expect(try row[0].decode("name_ja", as: String.self) == "ダナン")
        #expect(try row[0].decode("country", as: String.self) == "VN")
        let bases: [UUID] = try await pool.query("SELECT city_id FROM published_liaison_bases WHERE id = \(base.id)").map { try $0.decode("city_id") }
        #expect(bases == [city.id])
    }
}
