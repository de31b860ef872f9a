import App
import Cities
import Companies
@testable import Console
import DomainKit
import Foundation
import TestSupport
import Testing

/// A liaison base's operating company in the console (gaps11), on the real server: chosen from the
/// directory by those who may edit the base, shown (linked) on the base's page, refused when it is not
/// a company of the directory, and a choice saved meanwhile by someone else shown, not overwritten.
@Suite("Console liaison base's operating company")
struct ConsoleBaseCompanyTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    @Test("a base is added with its operating company, a company the directory lacks is refused beside the field, a stale choice is explained")
    func operatingCompany() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            let companies = CompanyService(pool: application.pool, clock: application.clock)
            let minato = try await companies.createCompany(CompanyDraft(nameJa: "みなとエンジニアリング", nameEn: "Minato Engineering", size: .sme), by: world.coordinator)
            let tsurumi = try await companies.createCompany(CompanyDraft(nameJa: "鶴見重工", nameEn: "Tsurumi Heavy", size: .large), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let form = try await browser.get("/liaison-bases/new")
            #expect(form.text.contains("<option value=\"\(Self.id(minato.id))\">みなとエンジニアリング</option>"))
            let fields = [("name", "Bangkok desk"), ("operatorName", "みなとエンジニアリング"), ("companyId", Self.id(UUID())),
                          ("cityId", Self.id(places.cityB)), ("kind", "company_liaison_office"), ("activeFrom", ""), ("activeUntil", ""),
                          ("contactName", ""), ("contactEmail", ""), ("contactPhone", ""), ("notes", "")]
            let unknown = try await browser.post("/liaison-bases/new", form: fields)
            #expect(unknown.status == 422 && unknown.text.contains("運営企業は一覧から選んでください") && unknown.text.contains("value=\"Bangkok desk\""))
            let malformed = try await browser.post("/liaison-bases/new", form: fields.map { $0.0 == "companyId" ? ($0.0, "not-a-company") : $0 })
            #expect(malformed.status == 422 && malformed.text.contains("運営企業は一覧から選んでください"))
            let bases = CityService(pool: application.pool, clock: application.clock)
            #expect(try await bases.liaisonBases(LiaisonBaseFilter(cityID: places.cityB), page: PageRequest(limit: 10), by: places.admin).items.count == 1)

            let good = fields.map { $0.0 == "companyId" ? ($0.0, Self.id(minato.id)) : $0 }
            let saved = try await browser.post("/liaison-bases/new", form: good)
            #expect(saved.status == 303)
            let location = try #require(saved.header("Location"))
            let page = try await browser.get(location)
            #expect(page.text.contains("<dt>運営企業</dt>") && page.text.contains("<a href=\"/companies/\(Self.id(minato.id))\">みなとエンジニアリング</a>"))
            let baseID = try #require(UUID(uuidString: String(location.dropFirst("/liaison-bases/".count).prefix(36))))
            #expect(try await bases.liaisonBase(baseID, by: places.admin).companyId == minato.id)

            // Someone else names another company meanwhile: the form comes back with theirs, nothing written.
            let edit = "/liaison-bases/\(Self.id(baseID))/edit"
            let editForm = try await browser.get(edit)
            #expect(editForm.text.contains("<option value=\"\(Self.id(minato.id))\" selected>みなとエンジニアリング</option>"))
            _ = try await bases.updateLiaisonBase(baseID, ifVersion: 1, by: places.admin) { $0.companyId = tsurumi.id }
            let cleared = good.map { $0.0 == "companyId" ? ($0.0, "") : $0 }
            let stale = try await browser.post(edit, form: [("version", "1")] + cleared)
            #expect(stale.status == 409 && stale.text.contains("他の人がこの拠点を変更しました") && stale.text.contains("<dd>鶴見重工</dd>"))
            #expect(try await bases.liaisonBase(baseID, by: places.admin).companyId == tsurumi.id)
            // Cleared on purpose from the current version: the base has no operating company of the directory.
            let none = try await browser.post(edit, form: [("version", "2")] + cleared)
            let stored = try await bases.liaisonBase(baseID, by: places.admin)
            #expect(none.status == 303 && stored.companyId == nil)
            let without = try await browser.get(location)
            #expect(!without.text.contains("<dt>運営企業</dt>"))

            // The liaison officer of city A's base reads its own base's company; the form is not theirs.
            _ = try await bases.updateLiaisonBase(places.baseA, ifVersion: 1, by: places.admin) { $0.companyId = tsurumi.id }
            var liaison = world.browsers[.liaison]!
            #expect(try await liaison.get("/liaison-bases/\(Self.id(places.baseA))").text.contains(">鶴見重工</a>"))
            #expect(try await liaison.get("/liaison-bases/\(Self.id(places.baseA))/edit").status == 403)
            browser.cookies["domino_lang"] = "en"
            #expect(try await browser.get(location).status == 200)
            let english = try await browser.post("/liaison-bases/new", form: fields.map { $0.0 == "name" ? ($0.0, "Another desk") : $0 })
            #expect(english.status == 422 && english.text.contains("Choose the operating company from the list"))
        }
    }
}
