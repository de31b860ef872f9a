import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// A need's source base is one of its city's bases (harden12, as a lead's since harden11): a base collects
/// its own city's needs. Another city's base is a 422 on `sourceLiaisonBaseId` in the lead's words, on a new
/// need and on an edit that names a base or a city; a need stored before the rule is read and edited as it is.
@Suite("A need's source liaison base")
struct NeedSourceBaseTests {
    struct World {
        let pool: PostgresPool
        let service: CityService
        let city: City
        let otherCity: City
        let own: LiaisonBase
        let other: LiaisonBase

        /// A need of `city` brought by a liaison base (which one, each test says).
        func draft(base: LiaisonBase) -> CityNeedDraft {
            var draft = needDraft(city: city)
            draft.source = .liaisonBase
            draft.sourceLiaisonBaseId = base.id
            return draft
        }
    }

    func world() async throws -> World {
        let pool = try await TestDatabase.fresh()
        let service = CityService(pool: pool, clock: .test)
        let city = try await service.createCity(cityDraft(), by: admin)
        let otherCity = try await service.createCity(cityDraft(nameEn: "Cebu", nameJa: "セブ", country: "PH"), by: admin)
        let own = try await service.createLiaisonBase(baseDraft(city: city), by: admin)
        let other = try await service.createLiaisonBase(baseDraft(city: otherCity, name: "Cebu liaison office"), by: admin)
        return World(pool: pool, service: service, city: city, otherCity: otherCity, own: own, other: other)
    }

    @Test("a new need naming another city's base is a 422 on sourceLiaisonBaseId and writes nothing; its city's base is taken")
    func create() async throws {
        let world = try await world()
        let refused = await #expect(throws: CitiesError.self) { try await world.service.createNeed(world.draft(base: world.other), by: coordinator) }
        #expect(refused?.problem.status == 422)
        #expect(refused?.problem.errors == [FieldError(field: "sourceLiaisonBaseId", message: CityNeedDraft.baseOfAnotherCity)])
        #expect(try await world.service.needs(CityNeedFilter(), page: PageRequest(), by: admin).items.isEmpty)

        #expect(try await world.service.createNeed(world.draft(base: world.own), by: coordinator).sourceLiaisonBaseId == world.own.id)
    }

    @Test("an edit that moves the source to another city's base, or the need to another city, is a 422 and leaves the need as it was")
    func update() async throws {
        let world = try await world()
        let need = try await world.service.createNeed(world.draft(base: world.own), by: coordinator)
        let toOtherBase = await #expect(throws: CitiesError.self) {
            try await world.service.updateNeed(need.id, ifVersion: need.version, by: coordinator) { $0.sourceLiaisonBaseId = world.other.id }
        }
        #expect(toOtherBase?.problem.errors == [FieldError(field: "sourceLiaisonBaseId", message: CityNeedDraft.baseOfAnotherCity)])
        let toOtherCity = await #expect(throws: CitiesError.self) {
            try await world.service.updateNeed(need.id, ifVersion: need.version, by: coordinator) { $0.cityId = world.otherCity.id }
        }
        #expect(toOtherCity?.problem.status == 422 && toOtherCity?.problem.errors?.map(\.field) == ["sourceLiaisonBaseId"])
        #expect(try await world.service.need(need.id, by: admin) == need)
    }

    @Test("a need stored with another city's base before the rule is read, and an edit of its title is saved")
    func storedBeforeTheRule() async throws {
        let world = try await world()
        let need = try await world.service.createNeed(world.draft(base: world.own), by: coordinator)
        // The state the rule did not exist to prevent: written straight into the row, as older data may be.
        _ = try await world.pool.execute("UPDATE city_needs SET source_liaison_base_id = \(world.other.id) WHERE id = \(need.id)")
        let stored = try await world.service.need(need.id, by: admin)
        #expect(stored.sourceLiaisonBaseId == world.other.id)
        let edited = try await world.service.updateNeed(need.id, ifVersion: stored.version, by: coordinator) { $0.titleEn = "Rooftop solar, phase two" }
        #expect(edited.titleEn == "Rooftop solar, phase two" && edited.sourceLiaisonBaseId == world.other.id)
        // Naming a base is checked, as on any need: its city's base is taken.
        let rebased = try await world.service.updateNeed(need.id, ifVersion: edited.version, by: coordinator) { $0.sourceLiaisonBaseId = world.own.id }
        #expect(rebased.sourceLiaisonBaseId == world.own.id)
    }
}
