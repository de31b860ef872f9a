import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// harden12's console side: a lead started from a need stored with another city's base, a liaison base's edit
/// form that keeps the city, and list filters the API refuses.
@Suite("Console: harden12's API leftovers")
struct ConsoleHarden12Tests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    @Test("a lead started from a need stored with another city's base starts with no base instead of a generic 422 page")
    func leadFromNeedWithAnotherCitysBase() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            // Stored before the rule, as older data may be: need A names city B's base.
            _ = try await application.pool.execute("UPDATE city_needs SET source_liaison_base_id = \(places.baseB) WHERE id = \(world.needA)")
            var browser = world.browsers[.coordinator]!
            let need = "/needs/\(Self.id(world.needA))"
            #expect(try await browser.get(need).status == 200)
            let started = try await browser.post("\(need)/leads", form: [("title", "旧データのニーズから")])
            #expect(started.status == 303, "\(started.text)")
            let location = try #require(started.header("Location"))
            let leadID = try #require(UUID(uuidString: String(location.dropFirst("/leads/".count).prefix(36))))
            let service = CoordinatorService(
                pool: application.pool, cities: CityService(pool: application.pool, clock: application.clock),
                companies: CompanyService(pool: application.pool, clock: application.clock), clock: application.clock)
            let lead = try await service.lead(leadID, by: places.admin)
            #expect(lead.sourceChannel == .liaisonBase && lead.sourceLiaisonBaseId == nil && lead.needIds == [world.needA])

            // A need whose base is its city's still gives the lead that base.
            let fromB = try await browser.post("/needs/\(Self.id(world.needB))/leads", form: [("title", "バンコクのニーズから")])
            let locationB = try #require(fromB.header("Location"))
            let leadB = try #require(UUID(uuidString: String(locationB.dropFirst("/leads/".count).prefix(36))))
            #expect(try await service.lead(leadB, by: places.admin).sourceLiaisonBaseId == places.baseB)
        }
    }

    @Test("a liaison base's edit form shows its city without a field, and a city sent anyway is not taken")
    func baseKeepsItsCity() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let places = try await ConsoleCityTests.Places(application, world)
            var browser = world.browsers[.admin]!
            let edit = "/liaison-bases/\(Self.id(places.baseA))/edit"
            let form = try await browser.get(edit)
            #expect(form.status == 200 && !form.text.contains("name=\"cityId\"") && form.text.contains("拠点の都市は変更できません"))
            let fields = [("version", "1"), ("name", "Da Nang desk"), ("operatorName", "Yokohama engineering"), ("companyId", ""),
                          ("cityId", Self.id(places.cityB)), ("kind", "company_liaison_office"), ("activeFrom", ""), ("activeUntil", ""),
                          ("contactName", ""), ("contactEmail", ""), ("contactPhone", ""), ("notes", "")]
            let saved = try await browser.post(edit, form: fields)
            #expect(saved.status == 303, "\(saved.text)")
            let base = try await CityService(pool: application.pool, clock: application.clock).liaisonBase(places.baseA, by: places.admin)
            #expect(base.name == "Da Nang desk" && base.cityId == places.cityA)
            browser.cookies["domino_lang"] = "en"
            #expect(try await browser.get(edit).text.contains("A base keeps its city"))
        }
    }

    @Test("a list filter the API refuses (given twice, over 200 characters, a NUL) is a 400 page naming it, never a wider list")
    func refusedFilters() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let one = try await browser.get("/cities?country=VN")
            #expect(one.status == 200 && one.text.contains("ダナン") && !one.text.contains("バンコク"))
            let twice = try await browser.get("/cities?country=VN&country=TH")
            #expect(twice.status == 400 && twice.text.contains("条件「country」が2回以上指定されている") && !twice.text.contains("ダナン"))
            #expect(twice.text.contains("href=\"/cities\""), "the page offers the list without filters")
            let long = try await browser.get("/needs?q=" + String(repeating: "a", count: 201))
            #expect(long.status == 400 && long.text.contains("条件「q」が200文字を超えています") && !long.text.contains("廃棄物発電"))
            #expect(try await browser.get("/needs?q=" + String(repeating: "a", count: 200)).status == 200)
            let nul = try await browser.get("/needs?q=%00")
            #expect(nul.status == 400 && nul.text.contains("条件「q」に検索できない文字"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get("/cities?country=VN&country=TH")
            #expect(english.status == 400 && english.text.contains("The filter “country” is given more than once"))
        }
    }

    @Test("a list filter without a name (?=VN, ?=1&=2) is a 400 page saying so in the page's language; empty pairs (?&&) are ignored (harden14)")
    func namelessFilter() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            for path in ["/cities?=VN", "/cities?=1&=2", "/needs?q=a&="] {
                let refused = try await browser.get(path)
                #expect(refused.status == 400 && refused.text.contains("名前のない条件") && !refused.text.contains("ダナン"), "\(path): \(refused.text)")
            }
            let ignored = try await browser.get("/cities?&&")
            #expect(ignored.status == 200 && ignored.text.contains("ダナン"))
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.get("/cities?=VN")
            #expect(english.status == 400 && english.text.contains("A filter has no name"))
        }
    }
}
