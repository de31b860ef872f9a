import Accounts
import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The company directory in the browser (console13), on the real server: the list with its filters and
/// pages, the export, editing a company's record (refused, stale, company staff), the CSV import's dry
/// run and confirm, and a merge through its confirmation page.
@Suite("Console: the company directory")
struct ConsoleCompanyDirectoryTests {
    static func service(_ application: Application) -> CompanyService { CompanyService(pool: application.pool, clock: application.clock) }

    static func id(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    static func count(_ application: Application, _ principal: Principal) async throws -> Int {
        try await service(application).companies(CompanyFilter(includeArchived: true), page: PageRequest(limit: 200), by: principal).items.count
    }

    @Test("the list searches across languages and filters by country and Yokohama; pages of 100 link to the next; the export carries the filters")
    func list() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = Self.service(application)
            let english = try await companies.createCompany(
                CompanyDraft(nameEn: "Harbour Incineration Works", inYokohama: true, size: .large, countriesWithExperience: ["VN"]), by: world.coordinator)
            _ = try await companies.createTechnology(
                CompanyTechnologyDraft(titleEn: "Stoker furnace", taxonomyCodes: ["waste_to_energy"], maturity: .commercial, disclosure: .public),
                companyID: english.id, by: world.coordinator)
            let japanese = try await companies.createCompany(
                CompanyDraft(nameJa: "みなと太陽光株式会社", municipality: "横浜市中区", inYokohama: false, size: .sme, countriesWithExperience: ["TH"]),
                by: world.coordinator)
            var browser = world.browsers[.company]!
            let home = try await browser.get("/")
            #expect(home.text.contains("href=\"/companies\"") && home.text.contains("href=\"/companies/\(Self.id(world.companyA))\""),
                    "company staff get the directory and keep their own company in the menu")
            // 廃棄物発電 finds the English-only company through its tagged technology (the API's bilingual bridge).
            let found = try await browser.get("/companies?q=%E5%BB%83%E6%A3%84%E7%89%A9%E7%99%BA%E9%9B%BB")
            #expect(found.status == 200 && found.text.contains("href=\"/companies/\(Self.id(english.id))\"") && !found.text.contains("みなと太陽光"))
            let thai = try await browser.get("/companies?country=th&inYokohama=false")
            #expect(thai.text.contains("みなと太陽光株式会社") && thai.text.contains("横浜市中区") && !thai.text.contains("Harbour Incineration"))
            #expect(thai.text.contains("href=\"/companies/export.csv?country=TH&amp;inYokohama=false\""), "the export link carries the filters")
            let badCountry = try await browser.get("/companies?country=Vietnam")
            #expect(badCountry.status == 422 && badCountry.text.contains("国は VN のような2文字のコードで入力してください") && badCountry.text.contains("value=\"VIETNAM\""))

            let csv = try await browser.get("/companies/export.csv?country=TH")
            #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(Array(csv.body.prefix(3)) == [0xEF, 0xBB, 0xBF], "a BOM, so Excel reads UTF-8")
            #expect(csv.text.contains("\r\n") && csv.text.contains(Self.id(japanese.id)) && !csv.text.contains(Self.id(english.id)))
            var viewer = world.browsers[.viewer]!
            #expect(try await viewer.get("/companies/export.csv").status == 403)
            #expect(!(try await viewer.get("/").text.contains("href=\"/companies\"")), "the council has no directory")

            for index in 0...100 {
                _ = try await companies.createCompany(CompanyDraft(nameEn: "Paged Company \(index)", size: .sme), by: world.coordinator)
            }
            let first = try await browser.get("/companies?q=paged")
            #expect(first.text.contains("<caption>100社以上</caption>") && first.text.contains("次の100件"), "a count that says more follow")
            let next = try #require(first.text.components(separatedBy: "href=\"/companies?q=paged&amp;cursor=").dropFirst().first?.prefix { $0 != "\"" })
            let second = try await browser.get("/companies?q=paged&cursor=" + next.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(second.status == 200 && second.text.contains("<caption>1社（このページ）</caption>") && !second.text.contains("次の100件"), "a later page counts its own rows (ux19)")
            // polish24: a continued page, the list's last, links back to the list's first page with its filters.
            #expect(second.text.contains("<p class=\"pager\"><a href=\"/companies?q=paged\">最初のページへ</a></p>"))
            #expect(!first.text.contains("最初のページへ"), "the first page has no link to itself")
            let unnumbered = try await browser.get("/companies?q=paged&cursor=" + (next.components(separatedBy: "&amp;").first ?? ""))
            #expect(unnumbered.text.contains("<caption>1社（このページ）</caption>"), "a page that does not say its number counts no rows before it")
        }
    }

    @Test("a coordinator edits every field; refused input is kept and nothing written; a stale edit lists what changed and keeps the input")
    func edit() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = Self.service(application)
            let company = try await companies.createCompany(CompanyDraft(nameJa: "株式会社ハマ環境", size: .sme), by: world.coordinator)
            let path = "/companies/\(Self.id(company.id))"
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get(path)
            #expect(page.text.contains("href=\"\(path)/edit\"") && page.text.contains("href=\"\(path)/duplicates\""))
            let form = try await browser.get(path + "/edit")
            #expect(form.status == 200 && form.text.contains("value=\"株式会社ハマ環境\"") && form.text.contains("name=\"version\" value=\"1\""))
            #expect(form.text.contains("id=\"yusaMemberSince\"") && form.text.contains("id=\"archived\""))
            var fields: [(String, String)] = [
                ("nameJa", "株式会社ハマ環境"), ("nameEn", "Hama Environment"), ("corporateNumber", "4010-0010-12345"), ("address", "横浜市中区本町6-50-10"),
                ("municipality", "横浜市"), ("inYokohama", "true"), ("size", "large"), ("website", "https://hama.example.jp"), ("languages", "ja en"),
                ("countriesWithExperience", "vn, ph"), ("yusaMemberSince", "2024-04-01"), ("yusaTier", "正会員"), ("showcaseOptIn", "true"),
                ("archived", "false"), ("version", "1"),
            ]
            let refused = try await browser.post(path + "/edit", form: fields.map { $0.0 == "corporateNumber" ? ($0.0, "1234567890123") : $0 })
            #expect(refused.status == 422 && refused.text.contains("チェックデジットが正しい13桁") && refused.text.contains("value=\"横浜市中区本町6-50-10\""))
            #expect(try await companies.company(company.id, by: world.coordinator).version == 1, "nothing written")
            let saved = try await browser.post(path + "/edit", form: fields)
            #expect(saved.status == 303 && saved.header("Location") == path + "?companySaved=1")
            let stored = try await companies.company(company.id, by: world.coordinator)
            #expect(stored.nameEn == "Hama Environment" && stored.corporateNumber == "4010001012345" && stored.inYokohama && stored.size == .large)
            #expect(stored.languages == ["ja", "en"] && stored.countriesWithExperience == ["VN", "PH"] && stored.showcaseOptIn && stored.yusaTier == "正会員")
            #expect(try await browser.get(path + "?companySaved=1").text.contains("企業情報を保存しました"))

            // Someone else saves meanwhile: the form sent from version 2 writes nothing and comes back with the input and the new version.
            _ = try await companies.updateCompany(company.id, ifVersion: 2, by: world.coordinator) { $0.municipality = "横浜市西区" }
            browser.cookies["domino_lang"] = "en"
            _ = try await browser.get(path + "/edit")
            fields = fields.map { $0.0 == "version" ? ("version", "2") : $0.0 == "address" ? ("address", "Minato Mirai 1-1") : $0 }
            let stale = try await browser.post(path + "/edit", form: fields)
            #expect(stale.status == 409 && stale.text.contains("Someone changed this company") && stale.text.contains("value=\"Minato Mirai 1-1\""))
            #expect(stale.text.contains("<dd>横浜市西区</dd>") && stale.text.contains("name=\"version\" value=\"3\""))
            let after = try await companies.company(company.id, by: world.coordinator)
            #expect(after.version == 3 && after.address == "横浜市中区本町6-50-10", "nothing written")
            let again = try await browser.post(path + "/edit", form: fields.map { $0.0 == "version" ? ("version", "3") : $0 })
            let saved2 = try await companies.company(company.id, by: world.coordinator)
            #expect(again.status == 303 && saved2.address == "Minato Mirai 1-1")
        }
    }

    @Test("company staff edit their own company without the programme's fields, which stay as recorded; another company's form is a 404 page")
    func companyStaff() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = Self.service(application)
            let own = try await companies.company(world.companyA, by: world.coordinator)
            _ = try await companies.updateCompany(own.id, ifVersion: own.version, by: world.coordinator) {
                $0.yusaMemberSince = CalendarDate("2023-04-01")
                $0.yusaTier = "賛助会員"
            }
            let other = try await companies.createCompany(CompanyDraft(nameEn: "Someone Else", size: .sme), by: world.coordinator)
            var browser = world.browsers[.company]!
            let path = "/companies/\(Self.id(own.id))"
            #expect(try await browser.get(path).text.contains("href=\"\(path)/edit\""))
            let form = try await browser.get(path + "/edit")
            #expect(form.status == 200 && !form.text.contains("id=\"yusaMemberSince\"") && !form.text.contains("id=\"archived\""))
            #expect(form.text.contains("YUSA 会員情報とアーカイブは事業側"))
            let saved = try await browser.post(path + "/edit", form: [
                ("nameEn", "Our Own Name"), ("inYokohama", "true"), ("size", "sme"), ("showcaseOptIn", "true"), ("version", String(own.version + 1)),
            ])
            #expect(saved.status == 303)
            let stored = try await companies.company(own.id, by: world.coordinator)
            #expect(stored.nameEn == "Our Own Name" && stored.showcaseOptIn && stored.yusaTier == "賛助会員" && stored.yusaMemberSince?.description == "2023-04-01")
            let otherPath = "/companies/\(Self.id(other.id))"
            #expect(!(try await browser.get(otherPath).text.contains("href=\"\(otherPath)/edit\"")))
            #expect(try await browser.get(otherPath + "/edit").status == 404)
            _ = try await browser.get("/")
            let post = try await browser.post(otherPath + "/edit", form: [("nameEn", "Taken over"), ("inYokohama", "false"), ("size", "sme"),
                                                                          ("showcaseOptIn", "false"), ("version", "1")])
            let untouched = try await companies.company(other.id, by: world.coordinator)
            #expect(post.status == 404 && untouched.nameEn == "Someone Else")
        }
    }

    @Test("an import's dry run lists bad rows in the reader's language and writes nothing; a clean CP932 file shows likely duplicates, then the confirm imports it")
    func importCompanies() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let before = try await Self.count(application, world.coordinator)
            let existing = try await Self.service(application).createCompany(CompanyDraft(nameJa: "株式会社みなと水道", size: .sme), by: world.coordinator)
            var browser = world.browsers[.coordinator]!
            #expect(try await browser.get("/companies").text.contains("href=\"/companies/import\""))
            let importPage = try await browser.get("/companies/import")
            #expect(importPage.status == 200)
            #expect(importPage.text.contains("size（必須：sme＝中小企業 / large＝大企業）") && importPage.text.contains("pilot＝実証"),
                    "the coded columns say what each code is (ux37)")
            let bad = Array(("nameEn,size,countriesWithExperience,technologyTitleEn,technologyTaxonomyCodes,technologyMaturity,technologyDisclosure\r\n"
                + "Good Co,sme,VN,,,,\r\n"
                + ",huge,VN,,,,\r\n"
                + "Coded Co,sme,TH,Boiler,no_such_code,pilot,public\r\n").utf8)
            let refused = try await browser.postMultipart("/companies/import", fields: [], file: ("file", "companies.csv", bad))
            #expect(refused.status == 422 && refused.text.contains("このファイルは登録できません"))
            #expect(refused.text.contains("次のいずれかを入力してください：sme＝中小企業、large＝大企業") && refused.text.contains("分類コードが見つかりません：no_such_code"))
            #expect(!refused.text.contains("name=\"content\""), "a file with bad rows offers no confirm")
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.postMultipart("/companies/import", fields: [], file: ("file", "companies.csv", bad))
            #expect(english.status == 422 && english.text.contains("Enter one of: sme = SME, large = Large company"))
            browser.cookies["domino_lang"] = "ja"
            #expect(try await Self.count(application, world.coordinator) == before + 1, "the dry run wrote nothing")

            // みなと水道株式会社 and ハマ水道 in CP932, as Excel saves a CSV on a Japanese Windows.
            let minato: [UInt8] = [130, 221, 130, 200, 130, 198, 144, 133, 147, 185, 138, 148, 142, 174, 137, 239, 142, 208]
            let hama: [UInt8] = [131, 110, 131, 125, 144, 133, 147, 185]
            let clean = Array("nameJa,size,inYokohama,technologyTitleEn,technologyTaxonomyCodes,technologyMaturity,technologyDisclosure\r\n".utf8)
                + minato + Array(",sme,true,,,,\r\n".utf8) + hama + Array(",large,false,Water meter,,commercial,public\r\n".utf8)
            let checked = try await browser.postMultipart("/companies/import", fields: [], file: ("file", "companies.csv", clean))
            #expect(checked.status == 200 && checked.text.contains("Shift_JIS（CP932）") && checked.text.contains("2社を取り込む"))
            #expect(checked.text.contains("<dt>新しく登録する企業</dt><dd>2</dd>") && checked.text.contains("<dt>技術の行</dt><dd>1</dd>"))
            #expect(checked.text.contains("href=\"/companies/\(Self.id(existing.id))\""), "the likely duplicate is listed with a link")
            #expect(try await Self.count(application, world.coordinator) == before + 1)
            let done = try await browser.postMultipart("/companies/import/confirm", fields: [("content", try ConsoleRegistrationImportTests.content(checked))], file: nil)
            #expect(done.status == 303 && done.header("Location") == "/companies?imported=2&updated=0&technologies=1")
            #expect(try await browser.get(try #require(done.header("Location"))).text.contains("新しい企業2社、更新した企業0社、技術1件"))
            let stored = try await Self.service(application).companies(CompanyFilter(text: "ハマ水道"), page: PageRequest(limit: 10), by: world.coordinator).items
            #expect(stored.count == 1 && stored.first?.size == .large)
            var company = world.browsers[.company]!
            #expect(try await company.get("/companies/import").status == 403)
        }
    }

    @Test("an admin merges a duplicate only through the confirmation page; a stale one is shown again and nothing merged; coordinators see duplicates but cannot merge")
    func merge() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            let companies = Self.service(application)
            let kept = try await companies.createCompany(CompanyDraft(nameEn: "Minato Water Co., Ltd.", size: .sme), by: world.coordinator)
            let copy = try await companies.createCompany(
                CompanyDraft(nameEn: "MINATO WATER Inc.", municipality: "横浜市中区", size: .sme, countriesWithExperience: ["VN"]), by: world.coordinator)
            _ = try await companies.createTechnology(
                CompanyTechnologyDraft(titleEn: "Leak detection", maturity: .commercial, disclosure: .public), companyID: copy.id, by: world.coordinator)
            let path = "/companies/\(Self.id(kept.id))"
            let confirm = "\(path)/merge?absorb=\(Self.id(copy.id))"

            var coordinator = world.browsers[.coordinator]!
            let listed = try await coordinator.get(path + "/duplicates")
            #expect(listed.status == 200 && listed.text.contains("MINATO WATER Inc.") && listed.text.contains("英語の名前が似ている"))
            #expect(!listed.text.contains("/merge?absorb="), "only admins are offered a merge")
            #expect(try await coordinator.get(confirm).status == 403)

            var admin = world.browsers[.admin]!
            let duplicates = try await admin.get(path + "/duplicates")
            #expect(duplicates.text.contains("href=\"\(confirm)\""))
            let page = try await admin.get(confirm)
            #expect(page.status == 200 && page.text.contains("元に戻せません") && page.text.contains("技術1件と海外実績0件"))
            #expect(page.text.contains("<dd>横浜市中区</dd>"), "the fields the kept company takes are listed")
            #expect(page.text.contains("name=\"version\" value=\"1\""))
            _ = try await companies.updateCompany(kept.id, ifVersion: 1, by: world.coordinator) { $0.website = "https://minato-water.example.jp" }
            let stale = try await admin.post(path + "/merge", form: [("absorb", Self.id(copy.id)), ("version", "1")])
            #expect(stale.status == 409 && stale.text.contains("何も統合していません") && stale.text.contains("name=\"version\" value=\"2\""))
            #expect(try await companies.company(copy.id, by: world.coordinator).id == copy.id, "nothing merged")
            let merged = try await admin.post(path + "/merge", form: [("absorb", Self.id(copy.id)), ("version", "2")])
            #expect(merged.status == 200 && merged.text.contains("MINATO WATER Inc.をMinato Water Co., Ltd.に統合しました"))
            #expect(merged.text.contains("<td>技術</td>"))
            let after = try await companies.company(kept.id, by: world.coordinator)
            #expect(after.municipality == "横浜市中区" && after.countriesWithExperience == ["VN"])
            #expect(try await companies.technologies(of: kept.id, page: PageRequest(limit: 10), by: world.coordinator).items.map(\.titleEn) == ["Leak detection"])
            #expect(try await admin.get("/companies/\(Self.id(copy.id))").status == 404)
            // The absorbed company is gone: an old link says the merge happened and leads on (harden11: it was the bare 404 page).
            let gone = try await admin.get(confirm)
            #expect(gone.status == 404 && gone.text.contains("統合済みです") && gone.text.contains("href=\"\(path)\""))
        }
    }
}
