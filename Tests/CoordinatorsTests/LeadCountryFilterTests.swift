import App
import Cities
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Leads by the country of their city (gaps11): the service's filter, and the query parameter's check.
@Suite("Leads by country")
struct LeadCountryFilterTests {
    @Test("a country filter lists the leads in that country's cities, alone or with the other filters")
    func byCountry() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let danang = try await world.service.createLead(world.leadDraft(title: "ダナン 案件"), by: owner)
        var cebuDraft = world.leadDraft(title: "Cebu lead", needs: [world.otherCityNeed.id])
        cebuDraft.cityId = world.otherCity.id
        let cebu = try await world.service.createLead(cebuDraft, by: owner)
        func ids(_ filter: LeadFilter) async throws -> [UUID] {
            try await world.service.leads(filter, page: PageRequest(), by: world.admin).items.map(\.id)
        }
        #expect(try await ids(LeadFilter(country: "VN")) == [danang.id])
        #expect(try await ids(LeadFilter(country: "PH")) == [cebu.id])
        #expect(try await ids(LeadFilter(text: "案件", country: "PH")) == [])
        #expect(try await ids(LeadFilter(country: "TH")) == [])
    }

    @Test("over HTTP a country code that is no assigned country is a 400 naming the parameter; a good one is answered")
    func refusedCode() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .coordinator)
            for code in ["UK", "vn", "VNM"] {
                let response = try await TestClient.request(port: port, "GET", "/v1/leads?country=\(code)", headers: ["Authorization": "Bearer \(token)"])
                #expect(response.status == 400, "\(code)")
                #expect(try JSONDecoder().decode(Problem.self, from: Data(response.body)).errors?.map(\.field) == ["country"], "\(code)")
            }
            #expect(try await TestClient.request(port: port, "GET", "/v1/leads?country=VN", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        }
    }
}
