import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Disclosure, filters and the public showcase")
struct CompanyVisibilityTests {
    @Test("coordinators-only items are hidden from another company's user, and seen by the owner and coordinators")
    func disclosure() async throws {
        let service = try await freshService()
        let owner = try await service.createCompany(companyDraft(), by: admin)
        let other = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil), by: admin)
        let secret = try await service.createTechnology(technologyDraft(titleEn: "Secret pilot", disclosure: .coordinators), companyID: owner.id, by: admin)
        let partners = try await service.createTechnology(technologyDraft(titleEn: "Partner tech", disclosure: .partners), companyID: owner.id, by: admin)
        let secretRecord = try await service.createTrackRecord(recordDraft(disclosure: .coordinators), companyID: owner.id, by: admin)

        func technologies(_ principal: Principal) async throws -> Set<UUID> {
            Set(try await service.technologies(of: owner.id, page: PageRequest(), by: principal).items.map(\.id))
        }
        #expect(try await technologies(user(of: other)) == [partners.id])
        #expect(try await technologies(viewer) == [partners.id])
        #expect(try await technologies(user(of: owner)) == [secret.id, partners.id])
        #expect(try await technologies(coordinator) == [secret.id, partners.id])
        #expect(try await service.trackRecords(of: owner.id, page: PageRequest(), by: user(of: other)).items.isEmpty)
        #expect(try await service.trackRecords(of: owner.id, page: PageRequest(), by: user(of: owner)).items.map(\.id) == [secretRecord.id])

        // A filter does not reveal a hidden item either.
        let byCode = CompanyFilter(taxonomyCode: "solar_pv")
        _ = try await service.updateTechnology(partners.id, ifVersion: 1, by: admin) { $0.taxonomyCodes = ["biogas"] }
        #expect(try await service.companies(byCode, page: PageRequest(), by: user(of: other)).items.isEmpty)
        #expect(try await service.companies(byCode, page: PageRequest(), by: coordinator).items.map(\.id) == [owner.id])
    }

    @Test("a parent taxonomy code finds companies with technologies tagged with its children")
    func parentCode() async throws {
        let service = try await freshService()
        let solar = try await service.createCompany(companyDraft(), by: admin)
        let water = try await service.createCompany(companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil, inYokohama: false), by: admin)
        _ = try await service.createTechnology(technologyDraft(codes: ["solar_pv"]), companyID: solar.id, by: admin)
        _ = try await service.createTechnology(technologyDraft(titleEn: "Leak detection", codes: ["water_supply"]), companyID: water.id, by: admin)
        func ids(_ filter: CompanyFilter) async throws -> [UUID] {
            try await service.companies(filter, page: PageRequest(), by: viewer).items.map(\.id)
        }
        #expect(try await ids(CompanyFilter(taxonomyCode: "energy_supply")) == [solar.id])
        #expect(try await ids(CompanyFilter(taxonomyCode: "water")) == [water.id])
        #expect(try await ids(CompanyFilter(inYokohama: false)) == [water.id])
        #expect(try await ids(CompanyFilter(text: "minato")) == [water.id])
        #expect(try await ids(CompanyFilter(text: "グリーン")) == [solar.id])
        let error = await #expect(throws: CompaniesError.self) { try await ids(CompanyFilter(taxonomyCode: "warp_drive")) }
        #expect(error?.problem.status == 422)
    }

    @Test("yusa and country filters")
    func yusaAndCountry() async throws {
        let service = try await freshService()
        let member = try await service.createCompany(companyDraft(yusaSince: CalendarDate(year: 2020, month: 4, day: 1)!), by: admin)
        var draft = companyDraft(nameEn: "Minato Water Co., Ltd.", nameJa: nil)
        draft.countriesWithExperience = []
        let other = try await service.createCompany(draft, by: admin)
        _ = try await service.createTrackRecord(recordDraft(country: "TH", city: "Bangkok"), companyID: other.id, by: admin)
        func ids(_ filter: CompanyFilter) async throws -> [UUID] {
            try await service.companies(filter, page: PageRequest(), by: viewer).items.map(\.id)
        }
        #expect(try await ids(CompanyFilter(yusa: true)) == [member.id])
        #expect(try await ids(CompanyFilter(yusa: false)) == [other.id])
        #expect(try await ids(CompanyFilter(country: "TH")) == [other.id])
        #expect(try await ids(CompanyFilter(country: "VN")) == [member.id])
    }

    @Test("the showcase hides companies that did not opt in, archived ones, and non-public items")
    func showcase() async throws {
        let service = try await freshService()
        let shown = try await service.createCompany(companyDraft(showcase: true), by: admin)
        _ = try await service.createCompany(companyDraft(nameEn: "Quiet Co., Ltd.", nameJa: nil, showcase: false), by: admin)
        let archived = try await service.createCompany(companyDraft(nameEn: "Old Co., Ltd.", nameJa: nil, showcase: true), by: admin)
        _ = try await service.updateCompany(archived.id, ifVersion: 1, by: admin) { $0.archived = true }
        _ = try await service.createTechnology(technologyDraft(titleEn: "Public tech"), companyID: shown.id, by: admin)
        _ = try await service.createTechnology(technologyDraft(titleEn: "Partner tech", disclosure: .partners), companyID: shown.id, by: admin)
        _ = try await service.createTrackRecord(recordDraft(), companyID: shown.id, by: admin)
        _ = try await service.createTrackRecord(recordDraft(country: "PH", city: "Cebu", disclosure: .coordinators), companyID: shown.id, by: admin)

        let page = try await service.showcase(page: PageRequest())
        #expect(page.items.map(\.id) == [shown.id])
        #expect(page.items[0].technologies.map(\.titleEn) == ["Public tech"])
        #expect(page.items[0].trackRecords.map(\.country) == ["VN"])
        let json = String(decoding: try APIJSON.encode(page.items[0]), as: UTF8.self)
        #expect(!json.contains("address") && !json.contains("corporateNumber") && !json.contains("本町"))
    }
}
