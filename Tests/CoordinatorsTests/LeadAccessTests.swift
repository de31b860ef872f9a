import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Leads: fields, references and who may do what")
struct LeadAccessTests {
    @Test("a coordinator creates a lead it owns; the creation is audited with the coordinator as actor")
    func create() async throws {
        let world = try await World.make()
        let (owner, profile) = try await world.coordinator()
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        #expect(lead.ownerCoordinatorId == profile.id)
        #expect(lead.stage == .lead)
        #expect(lead.needIds == [world.need.id])
        #expect(lead.title == "ダナン廃棄物発電 案件")
        #expect(lead.estimatedValueYen == 1_200_000_000)
        #expect(try await world.service.coordinator(profile.id, by: owner).activeLeads == 1)
        let rows = try await world.pool.query("""
            SELECT actor_user_id FROM audit_log WHERE entity = 'leads' AND entity_id = \(lead.id.uuidString.lowercased())
            """)
        #expect(try rows.map { try $0.decode("actor_user_id", as: UUID.self) } == [owner.userID])
    }

    @Test("a need of another city, an unknown city and a negative value are 422s naming the fields, and nothing is written")
    func references() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let otherNeed = await #expect(throws: RecordError.self) {
            try await world.service.createLead(world.leadDraft(needs: [world.need.id, world.otherCityNeed.id]), by: owner)
        }
        #expect(otherNeed?.problem.errors?.map(\.field) == ["needIds.1"])
        var noCity = world.leadDraft()
        noCity.cityId = UUID()
        let city = await #expect(throws: RecordError.self) { try await world.service.createLead(noCity, by: owner) }
        #expect(city?.problem.errors?.map(\.field).contains("cityId") == true)
        let value = await #expect(throws: RecordError.self) {
            try await world.service.createLead(world.leadDraft(value: -1), by: owner)
        }
        #expect(value?.problem.errors?.map(\.field) == ["estimatedValueYen"])
        #expect(try await world.service.leads(LeadFilter(), page: PageRequest(), by: world.admin).items.isEmpty)
    }

    @Test("a coordinator reads another's lead but gets 403 editing or moving it; the city cannot change")
    func ownership() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let (other, _) = try await world.coordinator(name: "Other")
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        #expect(try await world.service.lead(lead.id, by: other).id == lead.id)
        let edit = await #expect(throws: RecordError.self) {
            try await world.service.updateLead(lead.id, ifVersion: 1, by: other) { $0.title = "taken" }
        }
        #expect(edit?.problem.status == 403)
        let move = await #expect(throws: RecordError.self) {
            try await world.service.transition(lead.id, LeadTransition(to: .qualified), ifVersion: 1, by: other)
        }
        #expect(move?.problem.status == 403)
        let city = await #expect(throws: RecordError.self) {
            try await world.service.updateLead(lead.id, ifVersion: 1, by: owner) { $0.cityId = world.otherCity.id; $0.needIds = [] }
        }
        #expect(city?.problem.errors?.first?.field == "cityId")
    }

    @Test("a liaison user reads only the leads its base brought; another base's lead is a 404")
    func liaison() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let base = try await world.cities.createLiaisonBase(
            LiaisonBaseDraft(name: "Da Nang office", operatorName: "Yokohama engineering", cityId: world.city.id, kind: .companyLiaisonOffice),
            by: world.admin)
        let otherBase = try await world.cities.createLiaisonBase(
            LiaisonBaseDraft(name: "Cebu office", operatorName: "Yokohama water", cityId: world.otherCity.id, kind: .companyLiaisonOffice),
            by: world.admin)
        var fromBase = world.leadDraft(title: "from the base")
        fromBase.sourceChannel = .liaisonBase
        fromBase.sourceLiaisonBaseId = base.id
        let ours = try await world.service.createLead(fromBase, by: owner)
        let theirs = try await world.service.createLead(world.leadDraft(title: "from a dialogue"), by: owner)
        let liaison = try await World.user(.liaison, world.accounts, liaisonBaseID: base.id)
        #expect(try await world.service.leads(LeadFilter(), page: PageRequest(), by: liaison).items.map(\.id) == [ours.id])
        #expect(try await world.service.lead(ours.id, by: liaison).id == ours.id)
        let hidden = await #expect(throws: RecordError.self) { try await world.service.lead(theirs.id, by: liaison) }
        #expect(hidden?.problem.status == 404)
        let otherLiaison = try await World.user(.liaison, world.accounts, liaisonBaseID: otherBase.id)
        let history = await #expect(throws: RecordError.self) { try await world.service.history(of: ours.id, by: otherLiaison) }
        #expect(history?.problem.status == 404)
    }

    @Test("consortium: a company joins once with a role (again is 409), a local partner must be of the lead's city")
    func consortium() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        let company = try await world.companies.createCompany(
            .init(nameJa: "横浜グリーンエナジー株式会社", size: .sme), by: world.admin)
        let added = try await world.service.addCompany(LeadCompanyDraft(companyId: company.id, role: .prime), to: lead.id, by: owner)
        #expect(added.role == .prime)
        let again = await #expect(throws: RecordError.self) {
            try await world.service.addCompany(LeadCompanyDraft(companyId: company.id, role: .supplier), to: lead.id, by: owner)
        }
        #expect(again?.problem.status == 409)
        let unknown = await #expect(throws: RecordError.self) {
            try await world.service.addCompany(LeadCompanyDraft(companyId: UUID(), role: .partner), to: lead.id, by: owner)
        }
        #expect(unknown?.problem.errors?.first?.field == "companyId")
        let local = try await world.cities.createLocalPartner(LocalPartnerDraft(name: "Da Nang URENCO (demo)"), cityID: world.city.id, by: world.admin)
        let foreign = try await world.cities.createLocalPartner(LocalPartnerDraft(name: "Cebu partner"), cityID: world.otherCity.id, by: world.admin)
        _ = try await world.service.addLocalPartner(LeadLocalPartnerDraft(localPartnerId: local.id), to: lead.id, by: owner)
        let wrongCity = await #expect(throws: RecordError.self) {
            try await world.service.addLocalPartner(LeadLocalPartnerDraft(localPartnerId: foreign.id), to: lead.id, by: owner)
        }
        #expect(wrongCity?.problem.errors?.first?.field == "localPartnerId")
        let consortium = try await world.service.consortium(of: lead.id, by: world.admin)
        #expect(consortium.companies.map(\.companyId) == [company.id])
        #expect(consortium.localPartners.map(\.localPartnerId) == [local.id])
        try await world.service.removeCompany(company.id, from: lead.id, by: owner)
        #expect(try await world.service.consortium(of: lead.id, by: owner).companies.isEmpty)
        let gone = await #expect(throws: RecordError.self) { try await world.service.removeCompany(company.id, from: lead.id, by: owner) }
        #expect(gone?.problem.status == 404)
    }
}
