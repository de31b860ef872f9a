import App
import Companies
@testable import Console
import DomainKit
import Foundation
import TestSupport
import Testing

/// The leads list by country and the company directory by municipality and size (gaps11), on the real
/// server: each filter narrows the list as the API does, carries on to the next page and the export,
/// and a value the API would refuse is named beside its field on a 422 page.
@Suite("Console list filters: leads by country, companies by municipality and size")
struct ConsoleListFilterTests {
    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    @Test("the leads list filters by the country of the lead's city; a code that is no country is a 422 beside the field")
    func leadsByCountry() async throws {
        try await withTestServer { port, application in
            var world = try await ConsoleWorld(port: port, application: application)
            var coordinator = world.browsers[.coordinator]!
            let all = try await coordinator.get("/leads")
            #expect(all.text.contains("<option value=\"TH\">タイ</option>") && all.text.contains("<option value=\"VN\">ベトナム</option>"))
            let thai = try await coordinator.get("/leads?country=TH")
            #expect(thai.status == 200 && thai.text.contains("/leads/\(Self.id(world.leadB))") && !thai.text.contains("href=\"/leads/\(Self.id(world.leadA))\""))
            #expect(thai.text.contains("<option value=\"TH\" selected>タイ</option>"))
            let lower = try await coordinator.get("/leads?country=vn")
            #expect(lower.text.contains("href=\"/leads/\(Self.id(world.leadA))\"") && !lower.text.contains("href=\"/leads/\(Self.id(world.leadB))\""))
            let refused = try await coordinator.get("/leads?country=UK")
            #expect(refused.status == 422 && refused.text.contains("国は VN のような2文字のコードで入力してください") && refused.text.contains("value=\"UK\""))
            #expect(!refused.text.contains("href=\"/leads/\(Self.id(world.leadA))\""))
            coordinator.cookies["domino_lang"] = "en"
            #expect(try await coordinator.get("/leads").text.contains("Any country"))
            // A liaison officer's list is its base's leads, in any country filter.
            let liaison = try await world.browsers[.liaison]!.get("/leads?country=TH")
            #expect(liaison.status == 200 && !liaison.text.contains("href=\"/leads/\(Self.id(world.leadB))\""))
        }
    }

    @Test("the directory filters by municipality and size, the export link carries both, and a size that is none is a 422")
    func companiesByMunicipalityAndSize() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let writer = world.coordinator
            let service = CompanyService(pool: application.pool, clock: application.clock)
            _ = try await service.createCompany(
                CompanyDraft(nameEn: "Tsurumi Heavy Industries", municipality: "横浜市鶴見区", inYokohama: true, size: .large), by: writer)
            _ = try await service.createCompany(CompanyDraft(nameEn: "Naka Water Co.", municipality: "横浜市中区", inYokohama: true, size: .sme), by: writer)
            var browser = world.browsers[.organizer]!
            let form = try await browser.get("/companies")
            #expect(form.text.contains("name=\"municipality\"") && form.text.contains("<option value=\"large\">大企業</option>"))
            let large = try await browser.get("/companies?size=large&municipality=%E6%A8%AA%E6%B5%9C%E5%B8%82")
            #expect(large.status == 200 && large.text.contains("Tsurumi Heavy Industries") && !large.text.contains("Naka Water Co."))
            #expect(large.text.contains("href=\"/companies/export.csv?municipality=%E6%A8%AA%E6%B5%9C%E5%B8%82&amp;size=large\""))
            #expect(large.text.contains("<option value=\"large\" selected>大企業</option>") && large.text.contains("value=\"横浜市\""))
            let ward = try await browser.get("/companies?municipality=%E4%B8%AD%E5%8C%BA")
            #expect(ward.text.contains("Naka Water Co.") && !ward.text.contains("Tsurumi Heavy Industries"))
            let csv = try await browser.get("/companies/export.csv?municipality=%E6%A8%AA%E6%B5%9C%E5%B8%82&size=large")
            #expect(csv.status == 200 && csv.text.contains("Tsurumi Heavy Industries") && !csv.text.contains("Naka Water Co."))
            let refused = try await browser.get("/companies?size=huge")
            #expect(refused.status == 422 && refused.text.contains("規模は一覧から選んでください") && !refused.text.contains("export.csv"))
            #expect(try await browser.get("/companies/export.csv?size=huge").status == 400)
        }
    }
}
