import Cities
import Coordinators
import DomainKit
import Foundation
import Testing

/// A lead's source base is one of its city's bases (harden11): a base collects its own city's needs,
/// and a lead comes from a city's need, so a base of another city is refused on a new lead and on an
/// edit, naming the field, and nothing is written.
@Suite("A lead's source liaison base")
struct LeadSourceBaseTests {
    /// A world with a coordinator, a base in the lead's city and one in the other city, and a draft of a
    /// lead brought by a liaison base (which one, each test says).
    func setUp() async throws -> (world: World, coordinator: Principal, own: LiaisonBase, other: LiaisonBase, draft: LeadDraft) {
        let world = try await World.make()
        let (coordinator, _) = try await world.coordinator()
        let own = try await world.cities.createLiaisonBase(
            LiaisonBaseDraft(name: "Da Nang office", operatorName: "Yokohama engineering", cityId: world.city.id, kind: .companyLiaisonOffice), by: world.admin)
        let other = try await world.cities.createLiaisonBase(
            LiaisonBaseDraft(name: "Cebu office", operatorName: "Yokohama engineering", cityId: world.otherCity.id, kind: .companyLiaisonOffice),
            by: world.admin)
        var draft = world.leadDraft()
        draft.sourceChannel = .liaisonBase
        return (world, coordinator, own, other, draft)
    }

    @Test("a new lead naming another city's base is a 422 on sourceLiaisonBaseId; its own city's base is taken")
    func create() async throws {
        let (world, coordinator, own, other, liaisonDraft) = try await setUp()
        var draft = liaisonDraft
        draft.sourceLiaisonBaseId = other.id
        let refused = await #expect(throws: RecordError.self) { try await world.service.createLead(draft, by: coordinator) }
        #expect(refused?.problem.status == 422)
        #expect(refused?.problem.errors == [FieldError(field: "sourceLiaisonBaseId", message: LeadDraft.baseOfAnotherCity)])
        #expect(try await world.service.leads(LeadFilter(), page: PageRequest(), by: world.admin).items.isEmpty)

        draft.sourceLiaisonBaseId = own.id
        #expect(try await world.service.createLead(draft, by: coordinator).sourceLiaisonBaseId == own.id)
    }

    @Test("an edit that moves the source to another city's base is a 422 and leaves the lead as it was")
    func update() async throws {
        let (world, coordinator, own, other, liaisonDraft) = try await setUp()
        var draft = liaisonDraft
        draft.sourceLiaisonBaseId = own.id
        let lead = try await world.service.createLead(draft, by: coordinator)
        let refused = await #expect(throws: RecordError.self) {
            try await world.service.updateLead(lead.id, ifVersion: lead.version, by: coordinator) { $0.sourceLiaisonBaseId = other.id }
        }
        #expect(refused?.problem.status == 422 && refused?.problem.errors?.map(\.field) == ["sourceLiaisonBaseId"])
        let stored = try await world.service.lead(lead.id, by: world.admin)
        #expect(stored.version == lead.version && stored.sourceLiaisonBaseId == own.id)
    }
}
