import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Lead lists and races")
struct LeadListTests {
    @Test("two concurrent creations for an owner with one place left: exactly one succeeds, the other is a 422")
    func capacityRace() async throws {
        let world = try await World.make()
        let (owner, profile) = try await world.coordinator(capacity: 1)
        let outcomes = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<2 {
                group.addTask {
                    do {
                        _ = try await world.service.createLead(world.leadDraft(title: "race \(index)"), by: owner)
                        return 201
                    } catch let error as CoordinatorsError {
                        return error.problem.status
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.sorted() == [201, 422])
        #expect(try await world.service.coordinator(profile.id, by: owner).activeLeads == 1)
    }

    @Test("filters by stage, owner and text, and pages with a cursor without repeating or skipping")
    func filtersAndPaging() async throws {
        let world = try await World.make()
        let (alice, aliceProfile) = try await world.coordinator(name: "Alice")
        let (bob, _) = try await world.coordinator(name: "Bob")
        var created: [Lead] = []
        for index in 0..<5 { created.append(try await world.service.createLead(world.leadDraft(title: "Alice lead \(index)"), by: alice)) }
        let bobs = try await world.service.createLead(world.leadDraft(title: "Bob の案件"), by: bob)
        _ = try await world.move(created[0], through: [.qualified])
        func ids(_ filter: LeadFilter) async throws -> [UUID] {
            try await world.service.leads(filter, page: PageRequest(), by: world.admin).items.map(\.id)
        }
        #expect(try await ids(LeadFilter(stage: .qualified)) == [created[0].id])
        #expect(try await ids(LeadFilter(ownerCoordinatorID: aliceProfile.id)) == created.map(\.id))
        #expect(try await ids(LeadFilter(text: "の案件")) == [bobs.id])
        var seen: [UUID] = []
        var page = try await world.service.leads(LeadFilter(), page: PageRequest(limit: 4), by: world.admin)
        seen += page.items.map(\.id)
        let cursor = try #require(page.nextCursor)
        page = try await world.service.leads(LeadFilter(), page: try PageRequest.parse(limit: 4, cursor: cursor), by: world.admin)
        seen += page.items.map(\.id)
        #expect(page.nextCursor == nil)
        #expect(seen == created.map(\.id) + [bobs.id])
    }

    @Test("a coordinator without a profile cannot create a lead (422 on ownerCoordinatorId) nor name another owner")
    func noProfile() async throws {
        let world = try await World.make()
        let (_, someone) = try await world.coordinator()
        let stranger = try await World.user(.coordinator, world.accounts)
        let own = await #expect(throws: RecordError.self) { try await world.service.createLead(world.leadDraft(), by: stranger) }
        #expect(own?.problem.errors?.first?.field == "ownerCoordinatorId")
        var forSomeone = world.leadDraft()
        forSomeone.ownerCoordinatorId = someone.id
        let other = await #expect(throws: RecordError.self) { try await world.service.createLead(forSomeone, by: stranger) }
        #expect(other?.problem.status == 422)
        #expect(try await world.service.createLead(forSomeone, by: world.admin).ownerCoordinatorId == someone.id)
    }
}
