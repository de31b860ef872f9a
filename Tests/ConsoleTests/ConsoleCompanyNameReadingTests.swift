import App
import Companies
import DomainKit
import Foundation
import TestSupport
import Testing

/// A company's name reading (フリガナ, dir35) in the console: asked on the company form, refused beside its field with
/// the input kept, shown on the company's page, found by kana in the directory, which offers 五十音順.
@Suite("Console: a company's name reading")
struct ConsoleCompanyNameReadingTests {
    @Test("a reading that is not kana is refused beside its field with the input kept; a kana one is shown, found by にっき and sorted 五十音順")
    func editFindSort() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let nikki = try await service.createCompany(CompanyDraft(nameJa: "日揮株式会社", size: .large), by: world.coordinator)
            _ = try await service.createCompany(CompanyDraft(nameJa: "旭化成株式会社", size: .large, nameReading: "アサヒカセイ"), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            let path = "/companies/\(nikki.id.uuidString.lowercased())"
            let form = try await browser.get(path + "/edit")
            #expect(form.status == 200 && form.text.contains("name=\"nameReading\"") && form.text.contains("企業名フリガナ（任意）"))

            let fields = [("nameJa", "日揮株式会社"), ("inYokohama", "false"), ("size", "large"), ("showcaseOptIn", "false"), ("version", "1")]
            let refused = try await browser.post(path + "/edit", form: fields + [("nameReading", "Nikki")])
            #expect(refused.status == 422 && refused.text.contains("value=\"Nikki\""))
            #expect(refused.text.contains("企業名フリガナはひらがなかカタカナで入力してください"))
            #expect(try await service.company(nikki.id, by: world.coordinator).nameReading == nil)

            _ = try await browser.get(path + "/edit")
            let saved = try await browser.post(path + "/edit", form: fields + [("nameReading", "ﾆｯｷ")])
            #expect(saved.status == 303)
            #expect(try await browser.get(path).text.contains("ニッキ"))

            let found = try await browser.get("/companies?q=%E3%81%AB%E3%81%A3%E3%81%8D")  // にっき
            #expect(found.text.contains("日揮株式会社") && !found.text.contains("旭化成株式会社"))
            let entered = try await browser.get("/companies").text
            let sorted = try await browser.get("/companies?order=reading").text
            #expect(sorted.contains("五十音順"))
            // Entered 日揮 first; in 五十音順 アサヒカセイ comes before ニッキ.
            let nikkiFirst = { (page: String) in
                (page.range(of: "日揮株式会社")?.lowerBound).flatMap { at in page.range(of: "旭化成株式会社").map { at < $0.lowerBound } }
            }
            #expect(nikkiFirst(entered) == true)
            #expect(nikkiFirst(sorted) == false)
        }
    }
}
