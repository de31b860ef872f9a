import Accounts
import App
import Cities
import Companies
import DomainKit
import Foundation
import TestSupport
import Testing

/// A company's word for a neighbouring concept is shown with that concept's name (issue 16): 汚泥 under a need about
/// water supply read as the company's word for water supply.
@Suite("Console: an explanation names the company's own concept")
struct ConsoleConceptExplanationTests {
    @Test("a sibling concept's words are shown with its name, in Japanese and English")
    func siblingNamed() async throws {
        try await withTestServer { port, application in
            let (email, coordinator) = try await ConsoleBrowser.user(application, .coordinator)
            let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            let cities = CityService(pool: application.pool, clock: application.clock)
            let city = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
            let need = try await cities.createNeed(
                CityNeedDraft(cityId: city.id, titleJa: "配水管の漏水対策", source: .policyDialogue),
                by: Principal(userID: coordinator.id, role: .coordinator))
            let company = try await DirectoryPlaceholders.company(in: application.pool)
            _ = try await CompanyService(pool: application.pool).createTechnology(
                CompanyTechnologyDraft(titleJa: "汚泥の燃料化", maturity: .commercial, disclosure: .public), companyID: company, by: admin)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let path = "/needs/\(need.id.uuidString.lowercased())"
            let japanese = try await browser.get(path)
            #expect(japanese.status == 200)
            #expect(japanese.text.contains("上水道・無収水対策（漏水, 配水 ↔ 下水汚泥エネルギー化：汚泥）"), "\(japanese.text)")
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.get(path)
            #expect(english.text.contains("Water supply, leakage and non-revenue water (漏水, 配水 ↔ Sewage sludge to energy and fuel: 汚泥)"))
        }
    }
}
