import App
import Cities
@testable import Console
import DomainKit
import Foundation
import TestSupport
import Testing

/// A liaison officer's CSV upload: the dry run's per-row errors in a table (nothing written), then
/// a clean file (CP932 as Excel writes it) confirmed and imported.
@Suite("Console needs CSV import")
struct ConsoleImportTests {
    static func needCount(_ application: Application, _ world: ConsoleWorld) async throws -> Int {
        try await CityService(pool: application.pool, clock: application.clock).needs(CityNeedFilter(), page: PageRequest(limit: 100), by: world.coordinator).items.count
    }

    @Test("a file with bad rows lists each row's problem and writes nothing; another city's row is one of them")
    func dryRunErrors() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            let form = try await browser.get("/needs/import")
            #expect(form.status == 200 && form.text.contains("enctype=\"multipart/form-data\""))
            let cities = CityService(pool: application.pool, clock: application.clock)
            let cityA = try await cities.need(world.needA, by: world.coordinator).cityId, cityB = try await cities.need(world.needB, by: world.coordinator).cityId
            #expect(form.text.contains(cityA.uuidString.lowercased()) && !form.text.contains(cityB.uuidString.lowercased()), "only my city's id")
            let before = try await Self.needCount(application, world)
            let csv = "cityId,titleJa,source,taxonomyCodes\n\(cityA),<b>焼却炉</b>,liaison_base,waste_to_energy\n\(cityA),,liaison_base,no_such_code\n\(cityB),他都市,inquiry,\n"
            let checked = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", Array(csv.utf8)))
            #expect(checked.status == 422)
            #expect(checked.text.contains("このファイルは登録できません") && checked.text.contains("何も登録していません"))
            #expect(checked.text.contains("<td class=\"num\" data-label=\"行\">3</td>") && checked.text.contains("<td class=\"num\" data-label=\"行\">4</td>"), "rows 3 and 4 are named")
            #expect(!checked.text.contains("<td class=\"num\" data-label=\"行\">2</td>"), "row 2 is fine")
            #expect(checked.text.contains("件名を日本語か英語で入力してください") && checked.text.contains("あなたの連絡拠点の都市（IDか都市名）を入力してください"),
                    "each row's problem in Japanese, from the service's message key")
            #expect(!checked.text.contains("is required") && !checked.text.contains("must be the city of your liaison base"))
            #expect(!checked.text.contains("name=\"content\""), "no confirm form for a bad file")
            #expect(try await Self.needCount(application, world) == before)

            _ = try await browser.get("/language?to=en&back=%2Fneeds%2Fimport")
            _ = try await browser.get("/needs/import")
            let english = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", Array(csv.utf8)))
            #expect(english.text.contains("Enter a title in Japanese or English") && english.text.contains("Enter your liaison base&#39;s city (its name or id)"))
            _ = try await browser.get("/language?to=ja&back=%2Fneeds%2Fimport")
            _ = try await browser.get("/needs/import")
            let missing = try await browser.postMultipart("/needs/import", fields: [], file: nil)
            #expect(missing.status == 422 && missing.text.contains("CSVファイルを選んでください"))
            let noHeader = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "x.csv", Array("title\nx\n".utf8)))
            #expect(noHeader.status == 422 && noHeader.text.contains("ファイルを読めませんでした"))
            #expect(noHeader.text.contains("「title」はこの取り込みにない列名です") && noHeader.text.contains("列「cityId」が必要です")
                    && noHeader.text.contains("見出し行"), "the header's problems in Japanese")
            #expect(!noHeader.text.contains("unknown column") && !noHeader.text.contains("is required"))
            // Without the session's CSRF token the upload is refused before anything is read.
            browser.lastCSRF = "forged"
            #expect(try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", Array(csv.utf8))).status == 403)
        }
    }

    @Test("a confirmed file whose rows the real run refuses names each line in the reader's language, as the other imports do")
    func confirmRefusedRows() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            _ = try await browser.get("/needs/import")
            let cityA = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            // What the confirm form carries back, turned bad since it was checked (the form keeps the bytes, not the verdict).
            let content = Data("cityId,titleJa,source\n\(cityA),取り消された行,no_such_source\n".utf8).base64EncodedString()
            let before = try await Self.needCount(application, world)
            let refused = try await browser.postMultipart("/needs/import/confirm", fields: [("content", content)], file: nil)
            #expect(refused.status == 422)
            #expect(refused.text.contains("このファイルは登録できません") && refused.text.contains("<code>source</code>"))
            #expect(!refused.text.contains("line 2"), "the place is not the API's English key")
            // The row's typed reason, worded as the check words it (harden11: it was the API's English).
            #expect(refused.text.contains("次のいずれかを入力してください：") && !refused.text.contains("must be one of"))
            #expect(try await Self.needCount(application, world) == before)
            browser.cookies["domino_lang"] = "en"
            let english = try await browser.postMultipart("/needs/import/confirm", fields: [("content", content)], file: nil)
            #expect(english.status == 422 && english.text.contains("Enter one of: ") && english.text.contains("This file cannot be imported"))
        }
    }

    @Test("the coded columns (source, status) are named with what the need form calls each code, on the page and in a refused row, in Japanese and English (ux37)")
    func codesWithLabels() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            let cityA = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            let csv = Array("cityId,titleJa,source,status\n\(cityA),経路違い,base,open\n\(cityA),状況違い,inquiry,done\n".utf8)
            let before = try await Self.needCount(application, world)
            for (language, source, status) in [
                ("ja", "liaison_base＝現地拠点、policy_dialogue＝政策対話、convention＝イベント、inquiry＝問い合わせ", "open＝受付中、in_progress＝対応中、closed＝終了"),
                ("en", "liaison_base = Liaison base, policy_dialogue = Policy dialogue, convention = Convention, inquiry = Inquiry",
                 "open = Open, in_progress = In progress, closed = Closed"),
            ] {
                browser.cookies["domino_lang"] = language
                let page = try await browser.get("/needs/import")
                #expect(page.text.contains(source.replacingOccurrences(of: language == "ja" ? "、" : ", ", with: " / ")), "\(language): the columns say what each source code is")
                #expect(page.text.contains(status.replacingOccurrences(of: language == "ja" ? "、" : ", ", with: " / ")), "\(language): and each status code")
                // The free-text columns say so, with an example (ux37: sector and timeframe said nothing).
                let freeText = language == "ja" ? ["sector（分野を自由に記入：例 廃棄物）", "timeframe（時期を自由に記入：例 2027年度中）"]
                    : ["sector (the field, in your own words: e.g. waste)", "timeframe (when, in your own words: e.g. during FY2027)"]
                #expect(freeText.allSatisfy { page.text.contains($0) }, "\(language): the free-text columns")
                let checked = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs.csv", csv))
                #expect(checked.status == 422)
                let oneOf = language == "ja" ? "次のいずれかを入力してください：" : "Enter one of: "
                #expect(checked.text.contains(oneOf + source) && checked.text.contains(oneOf + status), "\(language): each refused row names the codes with their labels")
            }
            #expect(try await Self.needCount(application, world) == before)
        }
    }

    @Test("a CP932 file checks clean, then the confirm imports it with its Japanese intact")
    func confirmShiftJIS() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.liaison]!
            _ = try await browser.get("/needs/import")
            let cityA = try await CityService(pool: application.pool, clock: application.clock).need(world.needA, by: world.coordinator).cityId
            // 横浜の廃棄物発電① in CP932, as Python's cp932 codec encodes it.
            let title: [UInt8] = [0x89, 0xA1, 0x95, 0x6C, 0x82, 0xCC, 0x94, 0x70, 0x8A, 0xFC, 0x95, 0xA8, 0x94, 0xAD, 0x93, 0x64, 0x87, 0x40]
            let bytes = Array("cityId,titleJa,source\r\n\(cityA),".utf8) + title + Array(",liaison_base\r\n".utf8)
            let checked = try await browser.postMultipart("/needs/import", fields: [], file: ("file", "needs-sjis.csv", bytes))
            #expect(checked.status == 200)
            #expect(checked.text.contains("Shift_JIS（CP932）") && checked.text.contains("1件のニーズを登録する"))
            let before = try await Self.needCount(application, world)
            let content = String(checked.text[try #require(checked.text.range(of: "name=\"content\" value=\"")).upperBound...].prefix { $0 != "\"" })
            #expect(Data(base64Encoded: content).map(Array.init) == bytes)
            let confirmed = try await browser.postMultipart("/needs/import/confirm", fields: [("content", content)], file: nil)
            #expect(confirmed.status == 303 && confirmed.header("Location") == "/needs?imported=1")
            #expect(try await Self.needCount(application, world) == before + 1)
            let list = try await browser.get("/needs?imported=1")
            #expect(list.text.contains("1件のニーズを登録しました") && list.text.contains("横浜の廃棄物発電①"))
        }
    }

    @Test("an upload over the limit is a 413 page in the reader's language, not the API's problem+json; the API's stays JSON")
    func uploadTooLarge() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/needs/import")
            // An import's file gets the import's own words and the way back to its form (harden11: it was the
            // generic page); any other form over the limit keeps the generic page.
            let cases: [(path: String, language: String, words: [String])] = [
                ("/needs/import", "ja", ["ファイルが大きすぎます（2 MBまで）。分けて登録してください", "href=\"/needs/import\"", "小さいファイルを選び直す"]),
                ("/needs/import", "en", ["The file is too large (2 MB at most); split it", "href=\"/needs/import\"", "Choose a smaller file"]),
                ("/companies/import/confirm", "en", ["The file is too large (2 MB at most)", "href=\"/companies/import\""]),
                ("/needs/new", "ja", ["一度に送信できるのは 1 MB までです"]),
                ("/needs/new", "en", ["at most 1 MB at once. Shorten what you entered"]),
            ]
            for (path, language, words) in cases {
                let cookies = browser.cookies.merging(["domino_lang": language]) { _, new in new }
                let client = try await TestClient.connect(port: port)
                defer { client.close() }
                // Expect: 100-continue, so the server refuses from the head without reading the 5 MB.
                try await client.send("POST \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Cookie: \(cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))\r\n"
                    + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 413, "\(path) \(language)")
                #expect(response.header("content-type") == "text/html; charset=utf-8")
                #expect(response.text.contains("<html lang=\"\(language)\">"), "\(path) \(language)")
                for word in words { #expect(response.text.contains(word), "\(path) \(language): \(word)") }
            }
            let api = try await TestClient.connect(port: port)
            defer { api.close() }
            try await api.send("POST /v1/needs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n")
            let problem = try await api.readResponse()
            #expect(problem.status == 413 && problem.header("content-type") == "application/problem+json")
        }
    }

    @Test("the multipart reader takes what browsers send and refuses anything else")
    func multipart() {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n\r\n--XyZ--\r\n".utf8)
        #expect(Multipart.boundary(of: "multipart/form-data; boundary=XyZ") == "XyZ")
        #expect(Multipart.boundary(of: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
        #expect(Multipart.boundary(of: "application/x-www-form-urlencoded") == nil)
        let parsed = Multipart(body, boundary: "XyZ")
        #expect(parsed?.fields.map(\.value) == ["abc"])
        #expect(parsed?.file("file").map { String(decoding: $0.bytes, as: UTF8.self) } == "a,b\r\n1,2\r\n")
        #expect(Multipart(Array(body.dropLast(9)), boundary: "XyZ") == nil, "no closing delimiter")
        #expect(Multipart(Array("--XyZ\r\nname=x\r\n\r\nv\r\n--XyZ--\r\n".utf8), boundary: "XyZ") == nil, "no Content-Disposition")
        #expect(Multipart(Array("garbage".utf8), boundary: "XyZ") == nil)
    }
}
