import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport

/// Small factories with defaults, so each test states only what it is about. A `World` is a fresh
/// database with the services of the modules a lead touches, a city with two needs, and users.
struct World {
    let pool: PostgresPool
    let accounts: AccountService
    let cities: CityService
    let companies: CompanyService
    let service: CoordinatorService
    let admin: Principal
    let city: City
    let otherCity: City
    let need: CityNeed
    let otherCityNeed: CityNeed

    /// `today` fixes the service's clock (stage history times, overdue actions).
    static func make(now: Date = Date(timeIntervalSince1970: 1_780_000_000)) async throws -> World {
        let pool = try await TestDatabase.fresh()
        let accounts = AccountService(pool: pool, clock: .fixed(now))
        let cities = CityService(pool: pool, clock: .test)
        let companies = CompanyService(pool: pool, clock: .test)
        let service = CoordinatorService(pool: pool, cities: cities, companies: companies, clock: .fixed(now))
        let admin = try await user(.admin, accounts)
        let city = try await cities.createCity(
            CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", region: "Southeast Asia", relationship: .mouPartner), by: admin)
        let otherCity = try await cities.createCity(
            CityDraft(nameJa: "セブ市", nameEn: "Cebu City", country: "PH", region: "Southeast Asia", relationship: .mouPartner), by: admin)
        let need = try await cities.createNeed(
            CityNeedDraft(cityId: city.id, titleJa: "廃棄物発電施設の導入検討", taxonomyCodes: ["waste_to_energy"], source: .policyDialogue), by: admin)
        let otherCityNeed = try await cities.createNeed(
            CityNeedDraft(cityId: otherCity.id, titleEn: "Leak detection", taxonomyCodes: ["water_supply"], source: .inquiry), by: admin)
        return World(pool: pool, accounts: accounts, cities: cities, companies: companies, service: service, admin: admin,
                     city: city, otherCity: otherCity, need: need, otherCityNeed: otherCityNeed)
    }

    /// A real user of `role` (profiles and history reference users by foreign key).
    static func user(_ role: Role, _ accounts: AccountService, liaisonBaseID: UUID? = nil) async throws -> Principal {
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@test.domino.example"
        let user = try await accounts.createUser(
            NewUser(email: email, displayName: "Test \(role.rawValue)", role: role,
                    companyID: role == .company ? UUID() : nil, liaisonBaseID: role == .liaison ? liaisonBaseID ?? UUID() : nil,
                    password: "correct horse battery staple"),
            actor: nil)
        return Principal(userID: user.id, role: role, companyID: user.companyID, liaisonBaseID: user.liaisonBaseID)
    }

    /// A coordinator user with a profile.
    func coordinator(capacity: Int = 10, name: String = "山田 太郎") async throws -> (Principal, Coordinator) {
        let principal = try await Self.user(.coordinator, accounts)
        let profile = try await service.createCoordinator(
            CoordinatorDraft(userId: principal.userID, displayName: name, expertiseCodes: ["waste_to_energy"], languages: ["ja", "en"],
                             countries: ["VN"], capacity: capacity), by: admin)
        return (principal, profile)
    }

    func leadDraft(title: String = "ダナン廃棄物発電 案件", needs: [UUID]? = nil, value: Int64? = 1_200_000_000,
                   closeOn: CalendarDate? = CalendarDate(year: 2026, month: 12, day: 1)) -> LeadDraft {
        LeadDraft(title: title, cityId: city.id, needIds: needs ?? [need.id], sourceChannel: .policyDialogue,
                  sourceReference: "2025 policy dialogue", estimatedValueYen: value, expectedCloseOn: closeOn)
    }

    /// Walks a lead along `stages` with the admin, returning the final state.
    func move(_ lead: Lead, through stages: [LeadStage], by principal: Principal? = nil) async throws -> Lead {
        var lead = lead
        for stage in stages {
            let reason = stage.needsReason ? "demo reason" : nil
            lead = try await service.transition(lead.id, LeadTransition(to: stage, reason: reason), ifVersion: lead.version, by: principal ?? admin)
        }
        return lead
    }
}

/// The problem a thrown error becomes, as App would map it.
func problem(of error: any Error) -> Problem? {
    (error as? any ProblemConvertible)?.problem
}
