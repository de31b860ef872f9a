import Accounts
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Coordinator profiles")
struct CoordinatorProfileTests {
    @Test("an admin creates a profile for a coordinator user; Japanese text round-trips and defaults are applied")
    func create() async throws {
        let world = try await World.make()
        let user = try await World.user(.coordinator, world.accounts)
        let profile = try await world.service.createCoordinator(
            CoordinatorDraft(userId: user.userID, displayName: "佐々木 花子 🌏", expertiseCodes: ["waste", "sewage_treatment"],
                             languages: ["ja", "vi"], countries: ["VN", "TH"], formerEmployer: "横浜市環境創造局", senior: true),
            by: world.admin)
        #expect(profile.displayName == "佐々木 花子 🌏")
        #expect(profile.capacity == 10)
        #expect(profile.isActive)
        #expect(profile.activeLeads == 0)
        #expect(try await world.service.coordinator(profile.id, by: user) == profile)
    }

    @Test("a bad profile is a 422 naming every field; an unknown taxonomy code and a viewer user are refused")
    func validation() async throws {
        let world = try await World.make()
        let user = try await World.user(.coordinator, world.accounts)
        let invalid = await #expect(throws: RecordError.self) {
            try await world.service.createCoordinator(
                CoordinatorDraft(userId: user.userID, displayName: " ", countries: ["vn"], capacity: 5000), by: world.admin)
        }
        #expect(Set(invalid?.problem.errors?.map(\.field) ?? []) == ["displayName", "countries.0", "capacity"])
        let unknown = await #expect(throws: RecordError.self) {
            try await world.service.createCoordinator(
                CoordinatorDraft(userId: user.userID, displayName: "A", expertiseCodes: ["cold_fusion"]), by: world.admin)
        }
        #expect(unknown?.problem.status == 422)
        #expect(unknown?.problem.errors?.first?.field == "expertiseCodes")
        let viewer = try await World.user(.viewer, world.accounts)
        let wrongRole = await #expect(throws: RecordError.self) {
            try await world.service.createCoordinator(CoordinatorDraft(userId: viewer.userID, displayName: "V"), by: world.admin)
        }
        #expect(wrongRole?.problem.errors?.first?.field == "userId")
        let missing = await #expect(throws: RecordError.self) {
            try await world.service.createCoordinator(CoordinatorDraft(userId: UUID(), displayName: "X"), by: world.admin)
        }
        #expect(missing?.problem.status == 422)
    }

    /// The status, field and message of the refusal to create a profile for `userID`; nil when it was created.
    static func refusal(_ world: World, _ userID: UUID) async throws -> String? {
        do {
            _ = try await world.service.createCoordinator(CoordinatorDraft(userId: userID, displayName: "X"), by: world.admin)
            return nil
        } catch let error as RecordError {
            return error.problem.errors?.first.map { "\(error.problem.status) \($0.field) \($0.message)" }
        }
    }

    @Test("the profile's user is unknown, disabled or of another role: each its own message beside userId, on create and on a change of user; an enabled admin is accepted")
    func linkedUser() async throws {
        let world = try await World.make()
        let viewer = try await World.user(.viewer, world.accounts)
        let disabled = try await World.user(.coordinator, world.accounts)
        let account = try await world.accounts.user(id: disabled.userID, actor: world.admin)
        _ = try await world.accounts.setDisabled(true, userID: disabled.userID, expectedVersion: account.version, actor: world.admin)
        #expect(try await Self.refusal(world, UUID()) == "422 userId is not a known user")
        #expect(try await Self.refusal(world, disabled.userID) == "422 userId is a disabled user; enable the account first")
        #expect(try await Self.refusal(world, viewer.userID) == "422 userId must be a user with the coordinator or admin role")

        let (_, profile) = try await world.coordinator()
        let moved = await #expect(throws: RecordError.self) {
            try await world.service.updateCoordinator(profile.id, ifVersion: profile.version, by: world.admin) { $0.userId = disabled.userID }
        }
        #expect(moved?.problem.errors?.first?.message == "is a disabled user; enable the account first")
        let otherAdmin = try await World.user(.admin, world.accounts)
        let updated = try await world.service.updateCoordinator(profile.id, ifVersion: profile.version, by: world.admin) { $0.userId = otherAdmin.userID }
        #expect(updated.userId == otherAdmin.userID)
    }

    @Test("a second profile for the same user is a 409 on userId")
    func duplicate() async throws {
        let world = try await World.make()
        let (user, _) = try await world.coordinator()
        let error = await #expect(throws: RecordError.self) {
            try await world.service.createCoordinator(CoordinatorDraft(userId: user.userID, displayName: "again"), by: world.admin)
        }
        #expect(error?.problem.status == 409)
        #expect(error?.problem.errors?.first?.field == "userId")
    }

    @Test("a coordinator edits its own profile but not its capacity, and gets 403 on another's; a stale version is 412")
    func ownProfile() async throws {
        let world = try await World.make()
        let (me, mine) = try await world.coordinator()
        let (_, theirs) = try await world.coordinator(name: "Other")
        let edited = try await world.service.updateCoordinator(mine.id, ifVersion: 1, by: me) { $0.languages = ["ja", "en", "th"] }
        #expect(edited.languages == ["ja", "en", "th"])
        #expect(edited.version == 2)
        let capacity = await #expect(throws: RecordError.self) {
            try await world.service.updateCoordinator(mine.id, ifVersion: 2, by: me) { $0.capacity = 99 }
        }
        #expect(capacity?.problem.errors?.first?.field == "capacity")
        let other = await #expect(throws: RecordError.self) {
            try await world.service.updateCoordinator(theirs.id, ifVersion: 1, by: me) { $0.notes = "mine now" }
        }
        #expect(other?.problem.status == 403)
        let stale = await #expect(throws: RecordError.self) {
            try await world.service.updateCoordinator(mine.id, ifVersion: 1, by: world.admin) { $0.capacity = 3 }
        }
        #expect(stale?.problem.status == 412)
        #expect(try await world.service.updateCoordinator(mine.id, ifVersion: 2, by: world.admin) { $0.capacity = 3 }.capacity == 3)
    }

    @Test("filters: a parent taxonomy code finds a child's expert, and country, active and text narrow the list")
    func filters() async throws {
        let world = try await World.make()
        let (_, wasteExpert) = try await world.coordinator(name: "Waste expert")
        let waterUser = try await World.user(.coordinator, world.accounts)
        let waterExpert = try await world.service.createCoordinator(
            CoordinatorDraft(userId: waterUser.userID, displayName: "水道 専門", expertiseCodes: ["water_supply"], countries: ["PH"],
                             formerEmployer: "Yokohama Waterworks Bureau", active: false), by: world.admin)
        func ids(_ filter: CoordinatorFilter) async throws -> [UUID] {
            try await world.service.coordinators(filter, page: PageRequest(), by: world.admin).items.map(\.id)
        }
        #expect(try await ids(CoordinatorFilter(taxonomyCode: "waste")) == [wasteExpert.id])
        #expect(try await ids(CoordinatorFilter(taxonomyCode: "water")) == [waterExpert.id])
        #expect(try await ids(CoordinatorFilter(country: "PH")) == [waterExpert.id])
        #expect(try await ids(CoordinatorFilter(active: true)) == [wasteExpert.id])
        #expect(try await ids(CoordinatorFilter(text: "waterworks")) == [waterExpert.id])
        #expect(try await ids(CoordinatorFilter()) == [wasteExpert.id, waterExpert.id])
        await #expect(throws: RecordError.self) { try await ids(CoordinatorFilter(taxonomyCode: "nope")) }
    }

    @Test("creating a profile writes an audit entry naming the admin")
    func audited() async throws {
        let world = try await World.make()
        let (_, profile) = try await world.coordinator()
        let rows = try await world.pool.query("""
            SELECT actor_user_id, action FROM audit_log WHERE entity = 'coordinators' AND entity_id = \(profile.id.uuidString.lowercased())
            """)
        #expect(rows.count == 1)
        #expect(try rows[0].decode("actor_user_id", as: UUID.self) == world.admin.userID)
        #expect(try rows[0].decode("action", as: String.self) == "insert")
    }
}
