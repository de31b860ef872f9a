import Accounts
import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Adding a company from the console: every field, the landing on its page with likely duplicates
/// listed, refused input explained and nothing written, and the roles `createCompany` refuses.
@Suite("Console: adding a company")
struct ConsoleCompanyCreateTests {
    static func count(_ application: Application, _ principal: Principal) async throws -> Int {
        try await CompanyService(pool: application.pool, clock: application.clock).companies(
            CompanyFilter(includeArchived: true), page: try PageRequest.parse(limit: 100, cursor: nil), by: principal).items.count
    }

    @Test("a coordinator adds a company with every field and lands on its page, where a likely duplicate is listed")
    func add() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let existing = try await CompanyService(pool: application.pool, clock: application.clock).createCompany(
                CompanyDraft(nameJa: "株式会社ハマ環境テック", corporateNumber: "3020001012345", size: .sme), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            #expect(try await browser.get("/").text.contains("href=\"/companies/new\""))
            let form = try await browser.get("/companies/new")
            #expect(form.status == 200 && form.text.contains("id=\"corporateNumber\"") && form.text.contains("id=\"yusaMemberSince\""))
            let created = try await browser.post("/companies/new", form: [
                ("nameJa", "ハマ環境テック株式会社"), ("nameEn", "Hama Environment Tech"), ("corporateNumber", "4010-0010-12345"),
                ("address", "横浜市中区本町6-50-10"), ("municipality", "横浜市"), ("inYokohama", "true"), ("size", "large"),
                ("website", "https://hama-env.example.jp"), ("languages", "ja, en"), ("countriesWithExperience", "vn th"),
                ("yusaMemberSince", "2024-04-01"), ("yusaTier", "正会員"), ("showcaseOptIn", "true"),
            ])
            #expect(created.status == 303)
            let location = try #require(created.header("Location"))
            let id = try #require(UUID(uuidString: String(location.dropFirst("/companies/".count).prefix { $0 != "?" })))
            let company = try await CompanyService(pool: application.pool, clock: application.clock).company(id, by: world.coordinator)
            #expect(company.nameEn == "Hama Environment Tech" && company.corporateNumber == "4010001012345" && company.inYokohama && company.size == .large)
            #expect(company.languages == ["ja", "en"] && company.countriesWithExperience == ["VN", "TH"] && company.showcaseOptIn)
            #expect(company.yusaMemberSince?.description == "2024-04-01" && company.yusaTier == "正会員" && company.address == "横浜市中区本町6-50-10")
            let taken = try await browser.post("/companies/new", form: [
                ("nameEn", "Another name"), ("corporateNumber", "3020001012345"), ("inYokohama", "false"), ("size", "sme"), ("showcaseOptIn", "false"),
            ])
            #expect(taken.status == 409 && taken.text.contains("この法人番号の企業はすでに登録されています") && taken.text.contains("value=\"Another name\""))
            let page = try await browser.get(location)
            #expect(page.status == 200 && page.text.contains("企業を登録しました"))
            #expect(page.text.contains("重複している可能性があります") && page.text.contains("href=\"/companies/\(existing.id.uuidString.lowercased())\""))
            #expect(page.text.contains("/technologies/new"), "the page offers to add its technologies")
        }
    }

    @Test("refused input is explained beside its field in either language, kept, and nothing is written")
    func refused() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let before = try await Self.count(application, world.coordinator)
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/companies/new")
            let fields: [(String, String)] = [
                ("nameJa", " "), ("corporateNumber", "1234567890123"), ("inYokohama", "false"), ("size", "sme"), ("countriesWithExperience", "VN Vietnam"),
                ("yusaTier", "正会員"), ("showcaseOptIn", "false"), ("address", "横浜市西区みなとみらい"),
            ]
            let refused = try await browser.post("/companies/new", form: fields)
            #expect(refused.status == 422)
            for expected in ["企業名を日本語か英語で入力してください", "チェックデジットが正しい13桁", "「VIETNAM」は国コードではありません", "加盟日も入力してください"] {
                #expect(refused.text.contains(expected), "\(expected)")
            }
            #expect(refused.text.contains("value=\"横浜市西区みなとみらい\"") && refused.text.contains("value=\"VN Vietnam\""))
            let badDate = try await browser.post("/companies/new", form: [("nameEn", "Dated"), ("inYokohama", "false"), ("size", "sme"), ("showcaseOptIn", "false"),
                                                                           ("yusaMemberSince", "0024-04-01")])
            #expect(badDate.status == 422 && badDate.text.contains("「YUSA 加盟日」の入力内容を確認してください"))
            // Not a date at all: the message says how to write one.
            let notADate = try await browser.post("/companies/new", form: [("nameEn", "Dated"), ("inYokohama", "false"), ("size", "sme"),
                                                                             ("showcaseOptIn", "false"), ("yusaMemberSince", "April 2024")])
            #expect(notADate.status == 422 && notADate.text.contains("「YUSA 加盟日」は日付で入力してください（例：2026-04-01）"), "\(notADate.text)")
            browser.cookies["domino_lang"] = "en"
            _ = try await browser.get("/companies/new")
            let english = try await browser.post("/companies/new", form: [("nameEn", ""), ("inYokohama", "false"), ("size", "sme"), ("showcaseOptIn", "false")])
            #expect(english.status == 422 && english.text.contains("Enter the company&#39;s name in Japanese or English"))
            // A date the form reads and the service refuses: an English reader is told the service's rule, not only to check.
            let early = try await browser.post("/companies/new", form: [("nameEn", "Dated"), ("inYokohama", "false"), ("size", "sme"),
                                                                          ("showcaseOptIn", "false"), ("yusaMemberSince", "0024-04-01")])
            #expect(early.status == 422 && early.text.contains("“YUSA member since” must ") && !early.text.contains("Check the field “YUSA member since”"),
                    "\(early.text)")
            #expect(try await Self.count(application, world.coordinator) == before, "nothing was written")
        }
    }
}
