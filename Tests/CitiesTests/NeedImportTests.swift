import App
import Cities
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("City need CSV import")
struct NeedImportTests {
    let admin = Principal(userID: UUID(), role: .admin)

    private func count(_ service: CityService) async throws -> Int {
        try await service.needs(CityNeedFilter(), page: PageRequest(limit: 100), by: admin).items.count
    }

    @Test("a dry run reports every bad row with its line and column and writes nothing")
    func dryRun() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let csv = """
            cityId,titleJa,titleEn,source,taxonomyCodes,budgetMinYen
            \(city.id),廃棄物発電の導入,,inquiry,waste_to_energy,1000000
            \(UUID()),,Unknown city,inquiry,,
            \(city.id),,Bad code,inquiry,not_a_code,
            \(city.id),,Bad money,telepathy,,lots

            """
        let report = try await service.importNeeds(csv: Array(csv.utf8), dryRun: true, by: admin)
        #expect(report.rows == 4)
        #expect(report.imported == 0)
        #expect(Set(report.errors.map(\.line)) == [3, 4, 5])
        #expect(report.errors.contains { $0.line == 5 && $0.column == "source" })
        #expect(report.errors.contains { $0.line == 5 && $0.column == "budgetMinYen" })
        #expect(report.errors.contains { $0.line == 3 && $0.column == "cityId" })
        #expect(try await count(service) == 0)
        // Each problem carries its key and the values its sentence needs, for readers of other languages.
        let keys = report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-"):\(($0.messageArguments ?? []).joined(separator: "|"))" }
        #expect(keys.contains("3:cityId:unknownCity:"))
        #expect(keys.contains("4:taxonomyCodes:unknownTaxonomyCodes:not_a_code"))
        #expect(keys.contains("5:source:oneOf:\(NeedSource.allCases.map(\.rawValue).joined(separator: ", "))"))
        #expect(keys.contains("5:budgetMinYen:wholeYen:"))
    }

    @Test("a city named as its record writes it is found whatever Latin capitals (İzmir's dotted İ too), Unicode form, width or run of spaces it is written in; a name holding NUL is a row error, not a refused file")
    func citiesByName() async throws {
        let service = try await freshService()
        _ = try await service.createCity(cityDraft(nameEn: "İzmir", nameJa: "イズミル", country: "TR"), by: admin)
        _ = try await service.createCity(cityDraft(nameEn: "Łódź", nameJa: "ウッチ", country: "PL"), by: admin)
        _ = try await service.createCity(cityDraft(), by: admin)
        // The last row names ダナン decomposed (タ + U+3099), as some tools write it; the record holds it composed.
        let csv = "cityId,titleEn,source\n\"İzmir\",Port solar,inquiry\nİZMİR,Port solar,inquiry\nŁÓDŹ,Tram depot,inquiry\nŁódź\u{0},Tram depot,inquiry\n"
            + "\u{30BF}\u{3099}ナン,Rooftop solar,inquiry\n"
            // Full-width letters as a Japanese keyboard types them, a no-break space, a zero-width space pasted along.
            + "Ｄａ Ｎａｎｇ,Rooftop solar,inquiry\nDa\u{00A0}Nang,Rooftop solar,inquiry\nDa Nang\u{200B},Rooftop solar,inquiry\n"
            // Two spaces, or an ideographic space beside a plain one: one space, as every search folds them (polish25).
            + "Da  Nang,Rooftop solar,inquiry\nDa \u{3000}Nang,Rooftop solar,inquiry\n"
        let report = try await service.importNeeds(csv: Array(csv.utf8), dryRun: true, by: admin)
        let keys = report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-")" }
        #expect(keys == ["5:cityId:unknownCity"], "\(report.errors)")
        #expect(report.rows == 10)
    }

    @Test("a cell of zero-width characters alone is an empty cell: a row whose titles are such is titleRequired, not tooLong")
    func zeroWidthCellIsEmpty() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let csv = "cityId,titleJa,titleEn,source\n\(city.id),\u{200B},\u{2060}\u{FEFF},inquiry\n"
        let report = try await service.importNeeds(csv: Array(csv.utf8), dryRun: true, by: admin)
        let keys = report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-")" }
        #expect(Set(keys) == ["2:titleJa:titleRequired", "2:titleEn:titleRequired"], "\(report.errors)")
    }

    @Test("a row with more values than the header is refused with its key, not read shifted; empty cells beyond the header pass")
    func valuesBeyondHeader() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let csv = """
            cityId,titleEn,source
            \(city.id),Solar, rooftops,inquiry
            \(city.id),Rooftop solar,inquiry,,

            """
        let report = try await service.importNeeds(csv: Array(csv.utf8), dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-"):\(($0.messageArguments ?? []).joined(separator: "|"))" }
                == ["2:row:valuesBeyondHeader:4|3"])
        let controls = try await service.importNeeds(
            csv: Array("cityId,titleEn,source\n\(city.id),Solar\u{7},inquiry\n".utf8), dryRun: true, by: admin)
        #expect(controls.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-")" } == ["2:titleEn:controlCharacters"])
        let refused = await #expect(throws: CitiesError.self) {
            try await service.importNeeds(csv: Array(csv.utf8), dryRun: false, by: admin)
        }
        #expect(refused?.problem.status == 422)
        #expect(try await count(service) == 0)
    }

    @Test("a row without a title or with a too long one gets the key that says which")
    func messageKeys() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let long = String(repeating: "長", count: 301)
        let csv = "cityId,titleJa,titleEn,source\n\(city.id),,,inquiry\n\(city.id),\(long),,inquiry\n"
        let report = try await service.importNeeds(csv: Array(csv.utf8), dryRun: true, by: admin)
        #expect(report.errors.filter { $0.line == 2 }.allSatisfy { $0.messageKey == "titleRequired" } && report.errors.contains { $0.line == 2 })
        #expect(report.errors.contains { $0.line == 3 && $0.column == "titleJa" && $0.messageKey == "tooLong" && $0.messageArguments == ["300"] })
    }

    @Test("a liaison user's import may name only its base's city, checked for the whole file at once")
    func liaisonCityOnly() async throws {
        let service = try await freshService()
        let own = try await service.createCity(cityDraft(), by: admin)
        let other = try await service.createCity(cityDraft(nameEn: "Cebu City", nameJa: "セブ", country: "PH"), by: admin)
        let base = try await service.createLiaisonBase(baseDraft(city: own), by: admin)
        let csv = "cityId,titleEn,source,taxonomyCodes\n\(own.id),Ours,inquiry,solar_pv\n\(other.id),Theirs,inquiry,not_a_code\n"
        let report = try await service.importNeeds(csv: Array(csv.utf8), dryRun: true, by: liaisonUser(of: base))
        #expect(report.errors.map { "\($0.line):\($0.column)" } == ["3:taxonomyCodes"])
        let fixed = "cityId,titleEn,source\n\(own.id),Ours,inquiry\n\(other.id),Theirs,inquiry\n"
        let second = try await service.importNeeds(csv: Array(fixed.utf8), dryRun: true, by: liaisonUser(of: base))
        #expect(second.errors.map { "\($0.line):\($0.column):\($0.message)" } == ["3:cityId:must be the city of your liaison base"])
    }

    @Test("a real run with one bad row writes nothing; a clean file is written whole")
    func allOrNothing() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        let bad = "cityId,titleEn,source\n\(city.id),Good row,inquiry\n\(city.id),,inquiry\n"
        let error = await #expect(throws: CitiesError.self) {
            try await service.importNeeds(csv: Array(bad.utf8), dryRun: false, by: admin)
        }
        #expect(error?.problem.status == 422)
        #expect(try await count(service) == 0)
        let good = "cityId,titleEn,source,taxonomyCodes\n\(city.id),First,inquiry,solar_pv|battery_storage\n\(city.id),\"Second, with comma\",convention,\n"
        let report = try await service.importNeeds(csv: Array(good.utf8), dryRun: false, by: admin)
        #expect(report.imported == 2)
        let stored = try await service.needs(CityNeedFilter(), page: PageRequest(limit: 10), by: admin).items
        #expect(Set(stored.map(\.titleEn)) == ["First", "Second, with comma"])
    }

    @Test("a Shift_JIS (CP932) file from Excel imports its Japanese text intact")
    func shiftJIS() async throws {
        let service = try await freshService()
        let city = try await service.createCity(cityDraft(), by: admin)
        // "cityId,titleJa,source\r\n<id>,横浜の廃棄物発電①,inquiry\r\n" with the title in CP932 bytes
        // (横浜の廃棄物発電① as Python's cp932 codec encodes it).
        let title: [UInt8] = [0x89, 0xA1, 0x95, 0x6C, 0x82, 0xCC, 0x94, 0x70, 0x8A, 0xFC, 0x95, 0xA8, 0x94, 0xAD, 0x93, 0x64, 0x87, 0x40]
        let bytes = Array("cityId,titleJa,source\r\n\(city.id),".utf8) + title + Array(",inquiry\r\n".utf8)
        let report = try await service.importNeeds(csv: bytes, dryRun: false, by: admin)
        #expect(report.encoding == .shiftJIS)
        #expect(report.imported == 1)
        let stored = try await service.needs(CityNeedFilter(), page: PageRequest(limit: 10), by: admin).items
        #expect(stored.first?.titleJa == "横浜の廃棄物発電①")
    }

    @Test("an unknown or missing column is refused before any row is read")
    func header() async throws {
        let service = try await freshService()
        let error = await #expect(throws: CitiesError.self) {
            try await service.importNeeds(csv: Array("title,source\nx,inquiry\n".utf8), dryRun: true, by: admin)
        }
        #expect(error?.problem.errors?.contains { $0.message.contains("\"title\"") } == true)
        #expect(error?.problem.errors?.contains { $0.message.contains("\"cityId\" is required") } == true)
    }
}

@Suite("City need CSV export over HTTP")
struct NeedExportHTTPTests {
    @Test("the export is UTF-8 with a byte order mark, Excel-safe, and imports again unchanged")
    func exportRoundTrip() async throws {
        try await withTestServer { port, application in
            let (token, admin) = try await application.token(for: .admin)
            let service = CityService(pool: application.pool, clock: application.clock)
            let city = try await service.createCity(cityDraft(), by: admin)
            _ = try await service.createNeed(
                CityNeedDraft(cityId: city.id, titleJa: "港湾の脱炭素, 第一期", titleEn: "=cmd|' /C calc'!A0", taxonomyCodes: ["solar_pv"], source: .inquiry),
                by: admin)
            let response = try await TestClient.request(port: port, "GET", "/v1/needs/export", headers: ["Authorization": "Bearer \(token)"])
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(Array(response.body.prefix(3)) == CSVWriter.byteOrderMark)
            let records = try CSVReader.parse(String(decoding: response.body.dropFirst(3), as: UTF8.self))
            #expect(records.count == 2)
            #expect(records[1].fields.contains("港湾の脱炭素, 第一期"))
            #expect(records[1].fields.contains("'=cmd|' /C calc'!A0"))
            let report = try await service.importNeeds(csv: Array(response.body), dryRun: true, by: admin)
            #expect(report.errors.isEmpty)
            #expect(report.rows == 1)
        }
    }
}

/// What spreadsheets and editors leave in a file that a person cannot see (harden17): the file is read as they see it.
@Suite("City need CSV import of invisible marks and byte orders over HTTP")
struct NeedImportInvisiblesHTTPTests {
    struct Setting {
        let port: Int
        let token: String
        let city: UUID

        func post(_ bytes: [UInt8]) async throws -> TestClient.Response {
            try await TestClient.request(port: port, "POST", "/v1/needs/import",
                                         headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"], bytes: bytes)
        }

        func titles(_ application: Application) async throws -> [String] {
            try await application.pool.query("SELECT coalesce(title_ja, '') || '/' || coalesce(title_en, '') AS titles FROM city_needs ORDER BY created_at")
                .map { try $0.decode("titles") }
        }
    }

    static func setting(_ port: Int, _ application: Application) async throws -> Setting {
        let (token, admin) = try await application.token(for: .admin)
        let city = try await CityService(pool: application.pool, clock: application.clock).createCity(cityDraft(), by: admin)
        return Setting(port: port, token: token, city: city.id)
    }

    static func object(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], Comment(rawValue: response.text))
    }

    @Test("a header with a zero-width space or a word joiner after the BOM, or around a name, names its columns: the file imports")
    func invisibleMarksAroundHeaderNames() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port, application)
            let text = "\u{FEFF}\u{200B}cityId,titleJa\u{2060},\u{2060}titleEn\u{200B} ,source\r\n\(world.city),屋根置き太陽光,Rooftop solar,inquiry\r\n"
            let response = try await world.post(Array(text.utf8))
            #expect(response.status == 201, Comment(rawValue: response.text))
            #expect(try Self.object(response)["imported"] as? Int == 1)
            #expect(try await world.titles(application) == ["屋根置き太陽光/Rooftop solar"])
        }
    }

    @Test("a soft hyphen inside a cell is not stored: the title is found as it reads")
    func softHyphenIsDropped() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port, application)
            let text = "cityId,titleJa,titleEn,source\n\(world.city),太陽\u{AD}光発電,Roof\u{AD}top solar\u{AD},inquiry\n"
            let response = try await world.post(Array(text.utf8))
            #expect(response.status == 201, Comment(rawValue: response.text))
            #expect(try await world.titles(application) == ["太陽光発電/Rooftop solar"])
        }
    }

    @Test("UTF-16 with its byte order mark, little-endian (Excel's Unicode text) or big-endian, tab-separated, imports as its CSV does")
    func utf16EitherByteOrder() async throws {
        try await withTestServer { port, application in
            let world = try await Self.setting(port, application)
            func text(_ phase: Int) -> String {
                "cityId\ttitleJa\ttitleEn\tsource\r\n\(world.city)\t廃棄物発電㈱案件\tWaste to energy, phase \(phase)\tinquiry\r\n"
            }
            let little: [UInt8] = [0xFF, 0xFE] + text(1).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let big: [UInt8] = [0xFE, 0xFF] + text(2).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            for (bytes, encoding) in [(little, "utf16LittleEndian"), (big, "utf16BigEndian")] {
                let response = try await world.post(bytes)
                #expect(response.status == 201, Comment(rawValue: response.text))
                #expect(try Self.object(response)["encoding"] as? String == encoding)
            }
            #expect(try await world.titles(application) == ["廃棄物発電㈱案件/Waste to energy, phase 1", "廃棄物発電㈱案件/Waste to energy, phase 2"])
            let odd = try await world.post([0xFE, 0xFF, 0x00, 0x63, 0x00])
            #expect(odd.status == 422 && odd.text.contains("unknown encoding"), Comment(rawValue: odd.text))
        }
    }
}
