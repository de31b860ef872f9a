import Accounts
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Coordinators demo data")
struct CoordinatorDemoDataTests {
    @Test("loading twice leaves four profiles, eleven leads at various stages with history, consortia, overdue actions and three notes")
    func idempotent() async throws {
        let pool = try await TestDatabase.fresh()
        try await CityDemoData.load(pool: pool)
        try await CompanyDemoData.load(pool: pool, at: TestClock.standardStart)
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let accounts = AccountService(pool: pool, clock: .fixed(now))
        var ids: [String: UUID] = [:]
        let adminUser = try await World.user(.admin, accounts)
        for demo in CoordinatorDemoData.coordinators {
            let user = try await accounts.createUser(
                NewUser(email: demo.email, displayName: demo.name, role: .coordinator, password: "yokohama-demo-2026"), actor: nil)
            ids[demo.email] = user.id
        }
        let service = CoordinatorService(pool: pool, cities: CityService(pool: pool, clock: .fixed(now)), companies: CompanyService(pool: pool, clock: .test), clock: .fixed(now))
        try await CoordinatorDemoData.load(service: service, userIDs: ids, admin: adminUser, today: now)
        try await CoordinatorDemoData.load(service: service, userIDs: ids, admin: adminUser, today: now)

        #expect(try await service.coordinators(CoordinatorFilter(), page: PageRequest(), by: adminUser).items.count == 4)
        let leads = try await service.leads(LeadFilter(), page: PageRequest(), by: adminUser).items
        #expect(leads.count == 11)
        #expect(Set(leads.map(\.stage)) == [.lead, .qualified, .proposal, .negotiation, .won, .commercialized, .lost, .onHold])
        let solar = try #require(leads.first { $0.stage == .commercialized })
        #expect(try await service.history(of: solar.id, by: adminUser).map(\.to) == [.lead, .qualified, .proposal, .negotiation, .won, .commercialized])
        let wte = try #require(leads.first { $0.title == "ダナン市 廃棄物発電（WtE）導入" })
        let consortium = try await service.consortium(of: wte.id, by: adminUser)
        #expect(consortium.companies.map(\.role) == [.prime, .supplier])
        #expect(consortium.localPartners.count == 1)
        let overdue = try await service.at(now).overdueActions(coordinatorID: nil, limit: 50, by: adminUser)
        #expect(!overdue.isEmpty)
        #expect(try await service.knowledgeNotes(KnowledgeNoteFilter(), page: PageRequest(), by: adminUser).items.count == 3)
    }
}
