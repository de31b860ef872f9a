import Accounts
import App
import Cities
import Coordinators
import Companies
import DomainKit
import Foundation
import TestSupport
import Testing

/// Two tenants for the role matrix: cities A and B, each with a liaison base, a need reported from
/// that base and a lead it brought; one signed-in browser per role, the liaison officer at base A
/// and the company user at company A.
struct ConsoleWorld {
    var browsers: [Role: ConsoleBrowser] = [:]
    let needA: UUID, needB: UUID
    let leadA: UUID, leadB: UUID
    let companyA: UUID
    let coordinator: Principal

    init(port: Int, application: Application) async throws {
        let (_, adminUser) = try await ConsoleBrowser.user(application, .admin)
        let admin = Principal(userID: adminUser.id, role: .admin)
        let cities = CityService(pool: application.pool, clock: application.clock)
        let companies = CompanyService(pool: application.pool, clock: application.clock)
        let coordinators = CoordinatorService(pool: application.pool, cities: cities, companies: companies, clock: application.clock)
        var needs: [UUID] = [], leads: [UUID] = [], bases: [UUID] = []
        for (ja, en) in [("ダナン", "Da Nang"), ("バンコク", "Bangkok")] {
            let city = try await cities.createCity(CityDraft(nameJa: ja, nameEn: en, country: en == "Bangkok" ? "TH" : "VN", relationship: .mouPartner), by: admin)
            let base = try await cities.createLiaisonBase(
                LiaisonBaseDraft(name: "\(en) office", operatorName: "Yokohama engineering", cityId: city.id, kind: .companyLiaisonOffice), by: admin)
            let need = try await cities.createNeed(
                CityNeedDraft(cityId: city.id, titleJa: "\(ja)の廃棄物発電", titleEn: "Waste to energy in \(en)", taxonomyCodes: ["waste_to_energy"],
                              source: .liaisonBase, sourceLiaisonBaseId: base.id), by: admin)
            bases.append(base.id)
            needs.append(need.id)
        }
        let (coordinatorEmail, coordinatorUser) = try await ConsoleBrowser.user(application, .coordinator)
        coordinator = Principal(userID: coordinatorUser.id, role: .coordinator)
        _ = try await coordinators.createCoordinator(
            CoordinatorDraft(userId: coordinatorUser.id, displayName: "山田 太郎", expertiseCodes: ["waste_to_energy"], languages: ["ja"], countries: ["VN"]),
            by: admin)
        for (index, need) in needs.enumerated() {
            let city = try await cities.need(need, by: admin).cityId
            let lead = try await coordinators.createLead(
                LeadDraft(title: "案件 \(index)", cityId: city, needIds: [need], sourceChannel: .liaisonBase, sourceLiaisonBaseId: bases[index]),
                by: coordinator)
            leads.append(lead.id)
        }
        (needA, needB, leadA, leadB) = (needs[0], needs[1], leads[0], leads[1])
        companyA = try await DirectoryPlaceholders.company(in: application.pool)
        var emails: [Role: String] = [.coordinator: coordinatorEmail]
        for role in Role.allCases where role != .coordinator {
            emails[role] = try await ConsoleBrowser.user(
                application, role, companyID: role == .company ? companyA : nil, liaisonBaseID: role == .liaison ? bases[0] : nil).email
        }
        for role in Role.allCases {
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(emails[role]!)
            browsers[role] = browser
        }
    }
}

extension ConsoleWorld {
    /// Moves lead A through every stage to commercialized, as its coordinator, so that it counts in KPI ①.
    func commercializeLeadA(_ application: Application) async throws {
        let service = CoordinatorService(
            pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
            companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
        for stage in [LeadStage.qualified, .proposal, .negotiation, .won, .commercialized] {
            let lead = try await service.lead(leadA, by: coordinator)
            _ = try await service.transition(leadA, LeadTransition(to: stage), ifVersion: lead.version, by: coordinator)
        }
    }
}

extension ConsoleWorld {
    /// Opens each page as every role: 200 for the roles in `ok`, the 404 page for those in `missing`, the 403 page
    /// for the rest; every answer a whole page (a title and a heading).
    mutating func expectPages(_ rows: [(String, Set<Role>, Set<Role>)]) async throws {
        for (path, ok, missing) in rows {
            for role in Role.allCases {
                let response = try await browsers[role]!.get(path)
                let expected = ok.contains(role) ? 200 : missing.contains(role) ? 404 : 403
                #expect(response.status == expected, "\(path) as \(role): \(response.status)")
                #expect(response.text.contains("<title>") && response.text.contains("<h1"), "\(path) as \(role)")
            }
        }
    }
}
