import Accounts
import App
import Cities
import Companies
import DomainKit
import Foundation
import TestSupport
import Testing

/// What probing last session's changes from outside found (probe13), each through the real server.
@Suite("Console: probe13's fixes")
struct ConsoleProbe13Tests {
    @Test("a need met through its text alone says on its ranking what met what, in each side's words, in Japanese and English")
    func conceptsMetAreNamed() async throws {
        try await withTestServer { port, application in
            // No field tagged and no word shared: ごみ処理施設 meets "waste to energy" as a concept only.
            var (browser, path) = try await rankedNeedPage(
                application, port: port, titleJa: "ごみ処理施設の更新",
                technology: CompanyTechnologyDraft(titleEn: "Waste to energy plant engineering", taxonomyCodes: ["waste_to_energy"],
                                                   maturity: .commercial, disclosure: .public))
            let japanese = try await browser.get(path)
            #expect(japanese.status == 200)
            #expect(japanese.text.contains("一致した概念：廃棄物発電（ごみ処理施設 ↔ waste to energy）"), "the reason names both sides' words")
            _ = try await browser.get("/language?to=en&back=%2F")
            let english = try await browser.get(path)
            #expect(english.text.contains("Matching concepts: Waste-to-energy incineration (ごみ処理施設 ↔ waste to energy)"))
        }
    }
}

/// A coordinator signed in, and the path of an untagged need in Japanese ranked against one company with one technology.
func rankedNeedPage(
    _ application: Application, port: Int, titleJa: String, technology: CompanyTechnologyDraft
) async throws -> (browser: ConsoleBrowser, path: String) {
    let (email, coordinator) = try await ConsoleBrowser.user(application, .coordinator)
    let admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
    let cities = CityService(pool: application.pool, clock: application.clock)
    let city = try await cities.createCity(CityDraft(nameJa: "ダナン", nameEn: "Da Nang", country: "VN", relationship: .mouPartner), by: admin)
    let need = try await cities.createNeed(
        CityNeedDraft(cityId: city.id, titleJa: titleJa, source: .policyDialogue), by: Principal(userID: coordinator.id, role: .coordinator))
    let company = try await DirectoryPlaceholders.company(in: application.pool)
    _ = try await CompanyService(pool: application.pool, clock: application.clock).createTechnology(technology, companyID: company, by: admin)
    var browser = ConsoleBrowser(port: port)
    _ = try await browser.signIn(email)
    return (browser, "/needs/\(need.id.uuidString.lowercased())")
}

/// What probing last session's changes from outside found (probe14), each through the real server.
@Suite("Console: probe14's fixes")
struct ConsoleProbe14Tests {
    @Test("a search box of blank text (a Braille pattern blank, a zero-width space) searches nothing: the list is whole and no 'nothing matches' hint names the blank")
    func blankSearchWordsSearchNothing() async throws {
        try await withTestServer { port, application in
            let (email, _) = try await ConsoleBrowser.user(application, .admin)
            _ = try await DirectoryPlaceholders.company(in: application.pool)
            var browser = ConsoleBrowser(port: port)
            _ = try await browser.signIn(email)
            let plain = try await browser.get("/users")
            for blank in ["%E2%A0%80", "%E2%80%8B"] {
                let form = try await browser.get("/users/new?findCompany=\(blank)")
                #expect(form.status == 200)
                #expect(!form.text.contains("に当てはまる企業はディレクトリにありません"), "a blank search named as words")
                let users = try await browser.get("/users?q=\(blank)")
                #expect(users.status == 200 && users.text.contains(email), "the list is whole, as with no search")
            }
            #expect(plain.text.contains(email))
        }
    }
}
