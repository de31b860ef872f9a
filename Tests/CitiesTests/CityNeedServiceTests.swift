import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("City needs at the service layer")
struct CityNeedServiceTests {
    @Test("a coordinator creates, reads and updates a need; Japanese text round-trips")
    func lifecycle() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let draft = needDraft(city: city, titleEn: nil, titleJa: "公立学校の屋根置き太陽光 ☀️")
        let need = try await service.createNeed(draft, by: coordinator)
        #expect(need.titleJa == "公立学校の屋根置き太陽光 ☀️")
        #expect(need.reportedBy == coordinator.userID)
        #expect(need.status == .open)
        #expect(try await service.need(need.id, by: companyUser) == need)

        let updated = try await service.updateNeed(need.id, ifVersion: 1, by: coordinator) {
            $0.status = .inProgress
            $0.budgetMinYen = 10_000_000
            $0.budgetMaxYen = 50_000_000
        }
        #expect(updated.version == 2)
        #expect(updated.status == .inProgress)
        let error = await #expect(throws: CitiesError.self) {
            try await service.updateNeed(need.id, ifVersion: 1, by: coordinator) { $0.status = .closed }
        }
        #expect(error?.problem.status == 412)
    }

    @Test("the JSON of a need is camelCase with its status and codes")
    func json() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let need = try await service.createNeed(needDraft(city: city), by: admin)
        let object = try #require(try JSONSerialization.jsonObject(with: APIJSON.encode(need)) as? [String: Any])
        #expect(object["status"] as? String == "open")
        #expect(object["taxonomyCodes"] as? [String] == ["solar_pv"])
        #expect(object["cityId"] != nil && object["titleEn"] != nil && object["version"] as? Int == 1)
    }

    @Test("unknown taxonomy codes are a 422 that names them")
    func unknownCodes() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let error = await #expect(throws: CitiesError.self) {
            try await service.createNeed(needDraft(city: city, codes: ["solar_pv", "cold_fusion", "warp_drive"]), by: admin)
        }
        #expect(error == .unknownTaxonomyCodes(["cold_fusion", "warp_drive"]))
        #expect(error?.problem.status == 422)
        #expect(error?.problem.errors?.first?.field == "taxonomyCodes")
    }

    @Test("every bad field of a need is reported at once")
    func validation() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        var draft = needDraft(city: city, titleEn: nil, codes: Array(repeating: "solar_pv", count: 51))
        draft.descriptionJa = String(repeating: "長", count: 20_001)
        draft.budgetMinYen = 5
        draft.budgetMaxYen = 1
        let error = await #expect(throws: CitiesError.self) { try await service.createNeed(draft, by: admin) }
        let fields = Set(error?.problem.errors?.map(\.field) ?? [])
        #expect(fields.isSuperset(of: ["titleJa", "titleEn", "descriptionJa", "taxonomyCodes", "budgetMaxYen"]))
    }

    @Test("廃棄物発電 finds an English-only need tagged waste_to_energy, through the taxonomy's Japanese name")
    func synonymSearch() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let wasteToEnergy = try await service.createNeed(
            needDraft(city: city, titleEn: "Waste-to-energy plant for the Khanh Son landfill", codes: ["waste_to_energy"]), by: admin)
        let untaggedEnglish = try await service.createNeed(
            needDraft(city: city, titleEn: "Feasibility study: waste-to-energy", codes: []), by: admin)
        _ = try await service.createNeed(needDraft(city: city), by: admin)
        func ids(_ text: String) async throws -> Set<UUID> {
            Set(try await service.needs(CityNeedFilter(text: text), page: PageRequest(), by: companyUser).items.map(\.id))
        }
        #expect(try await ids("廃棄物発電") == [wasteToEnergy.id])
        // English words find both: the tagged one by its code, the untagged one by its own text.
        #expect(try await ids("waste-to-energy") == [wasteToEnergy.id, untaggedEnglish.id])
        // A synonym (ごみ発電) and a parent's name (廃棄物, waste) reach the tag too.
        #expect(try await ids("ごみ発電") == [wasteToEnergy.id])
        #expect(try await ids("廃棄物").contains(wasteToEnergy.id))
    }

    @Test("a parent taxonomy code includes its children; filters combine")
    func parentCode() async throws {
        let service = try await freshService()
        let danang = try await service.createCity(cityDraft(), by: admin)
        let cebu = try await service.createCity(cityDraft(nameEn: "Cebu City", nameJa: "セブ市", country: "PH"), by: admin)
        let solar = try await service.createNeed(needDraft(city: danang, codes: ["solar_pv"]), by: admin)
        let wind = try await service.createNeed(needDraft(city: cebu, titleEn: "Wind", codes: ["wind_power"]), by: admin)
        _ = try await service.createNeed(needDraft(city: cebu, titleEn: "Sewage", codes: ["sewage_treatment"]), by: admin)
        func ids(_ filter: CityNeedFilter) async throws -> [UUID] {
            try await service.needs(filter, page: PageRequest(), by: viewer).items.map(\.id)
        }
        #expect(try await ids(CityNeedFilter(taxonomyCode: "energy_supply")) == [solar.id, wind.id])
        #expect(try await ids(CityNeedFilter(country: "PH", taxonomyCode: "energy_supply")) == [wind.id])
        #expect(try await ids(CityNeedFilter(cityID: danang.id)) == [solar.id])
        #expect(try await ids(CityNeedFilter(status: .closed)) == [])
        await #expect(throws: CitiesError.unknownTaxonomyCodes(["nope"])) {
            try await service.needs(CityNeedFilter(taxonomyCode: "nope"), page: PageRequest(), by: viewer)
        }
    }

    @Test("need paging is stable: no row twice, none lost, with inserts between pages")
    func paging() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        var created: [UUID] = []
        for index in 0..<7 { created.append(try await service.createNeed(needDraft(city: city, titleEn: "Need \(index)"), by: admin).id) }
        var seen: [UUID] = []
        var cursor: PageCursor?
        repeat {
            let page = try await service.needs(CityNeedFilter(), page: PageRequest(limit: 3, after: cursor), by: viewer)
            seen += page.items.map(\.id)
            cursor = page.nextCursor.flatMap(PageCursor.init(encoded:))
            if seen.count == 3 { created.append(try await service.createNeed(needDraft(city: city, titleEn: "Late"), by: admin).id) }
        } while cursor != nil
        #expect(seen == created)
    }
}

@Suite("Liaison users, bases and local partners at the service layer")
struct LiaisonServiceTests {
    @Test("a liaison user reports needs only in its base's city; another city's need is a 404")
    func objectLevel() async throws {
        let service = try await freshService()
        let danang = try await service.createCity(cityDraft(), by: admin)
        let cebu = try await service.createCity(cityDraft(nameEn: "Cebu City", nameJa: "セブ市", country: "PH"), by: admin)
        let base = try await service.createLiaisonBase(baseDraft(city: danang), by: admin)
        let liaison = liaisonUser(of: base)

        let own = try await service.createNeed(needDraft(city: danang), by: liaison)
        #expect(own.source == .liaisonBase)
        #expect(own.sourceLiaisonBaseId == base.id)
        let elsewhere = try await service.createNeed(needDraft(city: cebu), by: coordinator)

        await #expect(throws: CitiesError.notFound("city need")) { try await service.need(elsewhere.id, by: liaison) }
        await #expect(throws: CitiesError.notFound("city need")) {
            try await service.updateNeed(elsewhere.id, ifVersion: 1, by: liaison) { $0.status = .closed }
        }
        // Same answer as for an id that does not exist: nothing confirms the need is there.
        await #expect(throws: CitiesError.notFound("city need")) { try await service.need(UUID(), by: liaison) }
        let error = await #expect(throws: CitiesError.self) { try await service.createNeed(needDraft(city: cebu), by: liaison) }
        #expect(error?.problem.errors?.map(\.field) == ["cityId"])
        // Nor can it move its own need into another city.
        await #expect(throws: CitiesError.self) {
            try await service.updateNeed(own.id, ifVersion: 1, by: liaison) { $0.cityId = cebu.id }
        }
        let listed = try await service.needs(CityNeedFilter(), page: PageRequest(), by: liaison)
        #expect(listed.items.map(\.id) == [own.id])
        #expect(try await service.updateNeed(own.id, ifVersion: 1, by: liaison) { $0.timeframe = "FY2025" }.version == 2)
    }

    @Test("a liaison user cannot re-credit its need to another base or source: 422 naming the field, nothing changes")
    func sourceIsStaffOnly() async throws {
        let service = try await freshService()
        let danang = try await service.createCity(cityDraft(), by: admin)
        let base = try await service.createLiaisonBase(baseDraft(city: danang), by: admin)
        let other = try await service.createLiaisonBase(baseDraft(city: danang, name: "Da Nang second office"), by: admin)
        let liaison = liaisonUser(of: base)
        let own = try await service.createNeed(needDraft(city: danang), by: liaison)

        let rebased = await #expect(throws: CitiesError.self) {
            try await service.updateNeed(own.id, ifVersion: 1, by: liaison) { $0.sourceLiaisonBaseId = other.id }
        }
        #expect(rebased?.problem.status == 422 && rebased?.problem.errors?.map(\.field) == ["sourceLiaisonBaseId"])
        let resourced = await #expect(throws: CitiesError.self) {
            try await service.updateNeed(own.id, ifVersion: 1, by: liaison) { $0.source = .inquiry; $0.sourceLiaisonBaseId = nil }
        }
        #expect(Set(resourced?.problem.errors?.map(\.field) ?? []) == ["source", "sourceLiaisonBaseId"])
        #expect(try await service.need(own.id, by: admin) == own)

        let recredited = try await service.updateNeed(own.id, ifVersion: 1, by: coordinator) { $0.sourceLiaisonBaseId = other.id }
        #expect(recredited.sourceLiaisonBaseId == other.id && recredited.version == 2)
    }

    @Test("a liaison user sees only its own base; managers create, read and update bases")
    func bases() async throws {
        let service = try await freshService()
        let danang = try await service.createCity(cityDraft(), by: admin)
        let bangkok = try await service.createCity(cityDraft(nameEn: "Bangkok", nameJa: "バンコク", country: "TH"), by: admin)
        let own = try await service.createLiaisonBase(baseDraft(city: danang), by: coordinator)
        #expect(own.country == "VN")
        var draft = baseDraft(city: bangkok, name: "Yokohama Bangkok Office")
        draft.kind = .yokohamaOverseasOffice
        draft.contactEmail = "bangkok@example.org"
        let other = try await service.createLiaisonBase(draft, by: coordinator)
        let liaison = liaisonUser(of: own)

        #expect(try await service.liaisonBases(LiaisonBaseFilter(), page: PageRequest(), by: liaison).items.map(\.id) == [own.id])
        #expect(try await service.liaisonBase(own.id, by: liaison) == own)
        await #expect(throws: CitiesError.notFound("liaison base")) { try await service.liaisonBase(other.id, by: liaison) }

        let filtered = try await service.liaisonBases(LiaisonBaseFilter(kind: .yokohamaOverseasOffice), page: PageRequest(), by: admin)
        #expect(filtered.items.map(\.id) == [other.id])
        // A base keeps its city (harden12; LiaisonBaseCityTests); its other fields change.
        let dated = try await service.updateLiaisonBase(own.id, ifVersion: 1, by: admin) {
            $0.activeFrom = CalendarDate(year: 2024, month: 4, day: 1)
        }
        #expect(dated.country == "VN" && dated.activeFrom == CalendarDate(year: 2024, month: 4, day: 1))
        #expect(dated.version == 2)

        var bad = baseDraft(city: danang, name: " ")
        bad.contactEmail = "not-an-address"
        bad.activeFrom = CalendarDate(year: 2025, month: 1, day: 1)
        bad.activeUntil = CalendarDate(year: 2024, month: 1, day: 1)
        let error = await #expect(throws: CitiesError.self) { try await service.createLiaisonBase(bad, by: admin) }
        #expect(Set(error?.problem.errors?.map(\.field) ?? []) == ["name", "contactEmail", "activeUntil"])
    }

    @Test("local partners: a liaison user adds and edits them in its city only")
    func localPartners() async throws {
        let service = try await freshService()
        let danang = try await service.createCity(cityDraft(), by: admin)
        let cebu = try await service.createCity(cityDraft(nameEn: "Cebu City", nameJa: "セブ市", country: "PH"), by: admin)
        let base = try await service.createLiaisonBase(baseDraft(city: danang), by: admin)
        let liaison = liaisonUser(of: base)

        let partner = try await service.createLocalPartner(
            LocalPartnerDraft(name: "Công ty Môi trường Đô thị Đà Nẵng", sector: "waste"), cityID: danang.id, by: liaison)
        #expect(partner.name == "Công ty Môi trường Đô thị Đà Nẵng")
        #expect(partner.reportedByLiaisonBaseID == base.id)
        let updated = try await service.updateLocalPartner(partner.id, ifVersion: 1, by: liaison) { $0.contact = "info@example.vn" }
        #expect(updated.version == 2)

        let cebuPartner = try await service.createLocalPartner(LocalPartnerDraft(name: "Cebu Utilities"), cityID: cebu.id, by: coordinator)
        await #expect(throws: CitiesError.notFound("city")) {
            try await service.createLocalPartner(LocalPartnerDraft(name: "x"), cityID: cebu.id, by: liaison)
        }
        await #expect(throws: CitiesError.notFound("city")) { try await service.localPartners(of: cebu.id, page: PageRequest(), by: liaison) }
        await #expect(throws: CitiesError.notFound("local partner company")) {
            try await service.updateLocalPartner(cebuPartner.id, ifVersion: 1, by: liaison) { $0.notes = "x" }
        }
        #expect(try await service.localPartners(of: danang.id, page: PageRequest(), by: liaison).items == [updated])
    }

    @Test("the taxonomy is a two-level tree with names and synonyms")
    func taxonomy() async throws {
        let service = try await freshService()
        let tree = try await service.taxonomy(by: viewer)
        let waste = try #require(tree.first { $0.code == "waste" })
        let wte = try #require(waste.children.first { $0.code == "waste_to_energy" })
        #expect(wte.nameJa == "廃棄物発電")
        #expect(wte.synonyms.contains("ごみ発電"))
        #expect(tree.allSatisfy { $0.children.allSatisfy(\.children.isEmpty) })
    }
}
