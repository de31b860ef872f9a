import Cities
import DomainKit
import Foundation
import TestSupport
import Testing

/// A liaison base keeps its city (harden12): its needs and leads belong to that city, and the need and lead
/// rules check a source base against the record's city, so moving the base would leave them naming a base of
/// another city. An edit that names another city is a 422 on `cityId`; every other field still changes.
@Suite("A liaison base's city")
struct LiaisonBaseCityTests {
    @Test("an edit that moves a base to another city is a 422 on cityId and writes nothing; its name still changes")
    func cityIsKept() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let otherCity = try await service.createCity(cityDraft(nameEn: "Cebu", nameJa: "セブ", country: "PH"), by: admin)
        let base = try await service.createLiaisonBase(baseDraft(city: city), by: admin)
        let refused = await #expect(throws: CitiesError.self) {
            try await service.updateLiaisonBase(base.id, ifVersion: base.version, by: admin) { $0.cityId = otherCity.id }
        }
        #expect(refused?.problem.status == 422)
        #expect(refused?.problem.errors == [FieldError(field: "cityId", message: LiaisonBaseDraft.cityFixed)])
        #expect(try await service.liaisonBase(base.id, by: admin) == base)

        let renamed = try await service.updateLiaisonBase(base.id, ifVersion: base.version, by: admin) { $0.name = "Da Nang office" }
        #expect(renamed.name == "Da Nang office" && renamed.cityId == city.id && renamed.version == base.version + 1)
    }
}
