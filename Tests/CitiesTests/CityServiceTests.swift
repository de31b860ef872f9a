import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Overseas cities at the service layer")
struct CityServiceTests {
    @Test("a coordinator creates, reads, updates and archives a city; Japanese and emoji round-trip")
    func lifecycle() async throws {
        let service = try await freshService()
        var draft = cityDraft(nameJa: "ダナン市 🌏")
        draft.policyTargets = "2050年までにカーボンニュートラル 🌱"
        let created = try await service.createCity(draft, by: coordinator)
        #expect(created.version == 1)
        #expect(created.nameJa == "ダナン市 🌏")
        #expect(!created.isArchived)

        let read = try await service.city(created.id, by: companyUser)
        #expect(read.policyTargets == "2050年までにカーボンニュートラル 🌱")

        let updated = try await service.updateCity(created.id, ifVersion: 1, by: admin) { $0.population = 1_200_000 }
        #expect(updated.version == 2)
        #expect(updated.population == 1_200_000)

        let archived = try await service.updateCity(created.id, ifVersion: 2, by: admin) { $0.archived = true }
        #expect(archived.isArchived)
        let listed = try await service.cities(CityFilter(), page: PageRequest(), by: viewer)
        #expect(listed.items.isEmpty)
        let withArchived = try await service.cities(CityFilter(includeArchived: true), page: PageRequest(), by: viewer)
        #expect(withArchived.items.map(\.id) == [created.id])
    }

    @Test("a stale If-Match version gets 412 and changes nothing")
    func staleVersion() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: coordinator)
        _ = try await service.updateCity(city.id, ifVersion: 1, by: coordinator) { $0.region = "ASEAN" }
        let error = await #expect(throws: CitiesError.self) {
            try await service.updateCity(city.id, ifVersion: 1, by: coordinator) { $0.region = "Lost update" }
        }
        #expect(error == .staleVersion(current: 2))
        #expect(error?.problem.status == 412)
        #expect(try await service.city(city.id, by: admin).region == "ASEAN")
    }

    @Test("every bad field of a city is reported at once, by JSON name")
    func validation() async throws {
        let service = try await freshService()
        var draft = CityDraft(nameJa: "", nameEn: String(repeating: "x", count: 301), country: "vn", relationship: .prospect)
        draft.population = -1
        draft.mouDate = CalendarDate(year: 2013, month: 1, day: 1)
        let error = await #expect(throws: CitiesError.self) { try await service.createCity(draft, by: admin) }
        let fields = error?.problem.errors?.map(\.field) ?? []
        #expect(Set(fields) == ["nameJa", "nameEn", "country", "population", "mouDate"])
        #expect(error?.problem.status == 422)
    }

    @Test("viewers and company users read cities but may not write them: the routes declare it (roles live on routes)")
    func readOnlyRoles() async throws {
        let routes = CityRoutes(service: try await freshService()).routes
        for operation in ["createCity", "updateCity", "createPolicyDialogue", "createLiaisonBase"] {
            guard case .roles(let roles, _)? = routes.first(where: { $0.operationID == operation })?.access else {
                Issue.record("\(operation) has no role rule")
                continue
            }
            #expect(roles == [.admin, .coordinator], "\(operation)")
        }
        for operation in ["getCity", "listCities"] {
            guard case .roles(let roles, _)? = routes.first(where: { $0.operationID == operation })?.access else {
                Issue.record("\(operation) has no role rule")
                continue
            }
            #expect(roles.isSuperset(of: [.viewer, .company]), "\(operation)")
        }
    }

    @Test("cities filter by country, relationship and Japanese or English name")
    func filters() async throws {
        let service = try await freshService()
        let danang = try await service.createCity(cityDraft(), by: admin)
        let jakarta = try await service.createCity(
            cityDraft(nameEn: "Jakarta", nameJa: "ジャカルタ", country: "ID", relationship: .prospect), by: admin)
        func ids(_ filter: CityFilter) async throws -> [UUID] {
            try await service.cities(filter, page: PageRequest(), by: viewer).items.map(\.id)
        }
        #expect(try await ids(CityFilter(country: "ID")) == [jakarta.id])
        #expect(try await ids(CityFilter(relationship: .mouPartner)) == [danang.id])
        #expect(try await ids(CityFilter(text: "ジャカ")) == [jakarta.id])
        #expect(try await ids(CityFilter(text: "da n")) == [danang.id])
        #expect(try await ids(CityFilter(text: "%")) == [])
    }

    @Test("paging walks every city once, in creation order, while others are inserted")
    func paging() async throws {
        let service = try await freshService()
        var created: [UUID] = []
        for index in 0..<5 {
            created.append(try await service.createCity(cityDraft(nameEn: "City \(index)"), by: admin).id)
        }
        var seen: [UUID] = []
        var page = try await service.cities(CityFilter(), page: PageRequest(limit: 2), by: viewer)
        seen += page.items.map(\.id)
        // Inserted after the first page was read: it sorts after everything already seen.
        created.append(try await service.createCity(cityDraft(nameEn: "Late city"), by: admin).id)
        while let cursor = page.nextCursor {
            let decoded = try #require(PageCursor(encoded: cursor))
            page = try await service.cities(CityFilter(), page: PageRequest(limit: 2, after: decoded), by: viewer)
            seen += page.items.map(\.id)
        }
        #expect(seen == created)
    }

    @Test("a policy dialogue is recorded for a city and listed with it")
    func policyDialogues() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let draft = PolicyDialogueDraft(
            heldOn: CalendarDate(year: 2024, month: 2, day: 1)!, participants: ["ダナン市人民委員会", "Yokohama City"],
            topics: ["waste-to-energy", "脱炭素計画"], outcomes: "Agreed to draft a roadmap.")
        let dialogue = try await service.createPolicyDialogue(draft, cityID: city.id, by: coordinator)
        #expect(dialogue.participants == ["ダナン市人民委員会", "Yokohama City"])
        let listed = try await service.policyDialogues(of: city.id, page: PageRequest(), by: viewer)
        #expect(listed.items == [dialogue])
        await #expect(throws: CitiesError.notFound("city")) {
            try await service.createPolicyDialogue(draft, cityID: UUID(), by: coordinator)
        }
        let tooMany = PolicyDialogueDraft(heldOn: draft.heldOn, topics: Array(repeating: "topic", count: 51))
        let error = await #expect(throws: CitiesError.self) { try await service.createPolicyDialogue(tooMany, cityID: city.id, by: admin) }
        #expect(error?.problem.errors?.first?.field == "topics")
    }

    @Test("a cursor this API did not make is refused")
    func badCursor() {
        #expect(PageCursor(encoded: "not a cursor") == nil)
        let cursor = PageCursor(createdAt: Date(timeIntervalSince1970: 1_700_000_000.123456), id: UUID())
        #expect(PageCursor(encoded: cursor.encoded) == cursor)
        #expect(!cursor.encoded.contains("="))
    }

    @Test("a cursor names the order it was made in, and a request in another order refuses it as a cursor not valid for the list")
    func orderedCursor() throws {
        let position = PageCursor(createdAt: Date(timeIntervalSince1970: 1_700_000_000.123456), id: UUID(), order: "newest")
        #expect(PageCursor(encoded: position.encoded) == position)
        #expect(PageCursor(encoded: Data(":1.\(UUID())".utf8).base64URLEncoded) == nil)
        #expect(PageCursor(encoded: Data("new est:1.\(UUID())".utf8).base64URLEncoded) == nil)
        let request = try PageRequest.parse(limit: 2, cursor: position.encoded)
        #expect(try request.ordered(by: ActivityOrderProbe.newest).order == "newest")
        #expect(throws: PageRequest.badCursor) { try request.ordered(by: ActivityOrderProbe.oldest) }
        let unordered = try PageRequest.parse(limit: 2, cursor: PageCursor(createdAt: position.createdAt, id: position.id).encoded)
        #expect(throws: PageRequest.badCursor) { try unordered.ordered(by: ActivityOrderProbe.newest) }
        #expect(try PageRequest(limit: 2).ordered(by: ActivityOrderProbe.oldest).after == nil)
    }

    private enum ActivityOrderProbe: String { case oldest, newest }
}

@Suite("Cities audit trail")
struct CityAuditTests {
    @Test("creating and updating a city records who changed which fields, and nothing for a no-op")
    func auditTrail() async throws {
        let pool = try await TestDatabase.fresh()
        let service = CityService(pool: pool, clock: .test)
        let admin = Principal(userID: UUID(), role: .admin)
        let city = try await service.createCity(cityDraft(), by: admin)
        _ = try await service.updateCity(city.id, ifVersion: city.version, by: admin) { $0.notes = "港湾の脱炭素" }
        let entries = try await AuditLog.list(in: pool, filter: AuditFilter(entity: "overseas_cities", entityID: city.id.uuidString.lowercased()))
        #expect(entries.items.map(\.action) == ["update", "insert"])
        #expect(entries.items.allSatisfy { $0.actorUserID == admin.userID })
        #expect(entries.items[0].changes == ["notes": "港湾の脱炭素"])
        #expect(entries.items[1].changes["name_en"] == "Da Nang")
        #expect(entries.items[1].changes["version"] == nil)
    }
}
