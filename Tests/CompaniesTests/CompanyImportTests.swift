import App
import Companies
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The import's CSV: a header and rows, joined with CRLF as Excel writes them.
func csv(_ lines: [String]) -> [UInt8] {
    Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
}

let technologyHeader = "corporateNumber,nameJa,nameEn,size,technologyTitleJa,technologyTitleEn,technologyTaxonomyCodes,technologyMaturity,technologyDisclosure"

@Suite("Company CSV import")
struct CompanyImportTests {
    @Test("a Shift_JIS (CP932) file from Excel imports its Japanese names intact")
    func shiftJIS() async throws {
        let service = try await freshService()
        // 横浜エコ㈱ and 廃棄物発電 as Python's cp932 codec encodes them.
        let name: [UInt8] = [0x89, 0xA1, 0x95, 0x6C, 0x83, 0x47, 0x83, 0x52, 0x87, 0x8A]
        let title: [UInt8] = [0x94, 0x70, 0x8A, 0xFC, 0x95, 0xA8, 0x94, 0xAD, 0x93, 0x64]
        let bytes = Array("\(technologyHeader)\r\n\(validCorporateNumbers[0]),".utf8) + name + Array(",,sme,".utf8) + title
            + Array(",,waste_to_energy,commercial,public\r\n".utf8)
        let report = try await service.importCompanies(csv: bytes, dryRun: false, by: admin)
        #expect(report.encoding == .shiftJIS)
        #expect(report.errors.isEmpty && report.created == 1 && report.technologies == 1)
        let stored = try await service.companies(CompanyFilter(), page: PageRequest(), by: admin).items
        #expect(stored.map(\.nameJa) == ["横浜エコ㈱"])
        let technologies = try await service.technologies(of: stored[0].id, page: PageRequest(), by: admin).items
        #expect(technologies.map(\.titleJa) == ["廃棄物発電"])
        // The imported technology is searchable in the other language straight away.
        #expect(try await service.companies(CompanyFilter(text: "waste-to-energy"), page: PageRequest(), by: viewer).items.count == 1)
    }

    @Test("a dry run reports every bad row by line and column, and writes nothing")
    func dryRunReport() async throws {
        let service = try await freshService()
        let report = try await service.importCompanies(csv: csv([
            technologyHeader,
            "\(validCorporateNumbers[0]),横浜グリーン,,sme,太陽光,,solar_pv,commercial,public",
            "3020001012346,間違い番号,,sme,,,,,",
            "\(validCorporateNumbers[1]),港北環境,,huge,,,,,",
            "\(validCorporateNumbers[2]),みなと水道,,large,漏水検知,,warp_drive,pilot,partners",
            "\(validCorporateNumbers[0]),横浜グリーン,,sme,蓄電池,,battery_storage,sometime,",
            ",,,sme,,,,,",
        ]), dryRun: true, by: admin)
        #expect(report.dryRun)
        #expect(report.rows == 6)
        #expect(report.errors.map { "\($0.line):\($0.column)" } == [
            "3:corporateNumber", "4:size", "5:technologyTaxonomyCodes", "6:technologyDisclosure", "6:technologyMaturity",
            "7:nameEn", "7:nameJa",
        ])
        #expect(report.errors.first { $0.line == 5 }?.message == "unknown codes: warp_drive")
        let count = try await service.companies(CompanyFilter(includeArchived: true), page: PageRequest(), by: admin).items.count
        #expect(count == 0)
    }

    @Test("a row with more values than the header (an unquoted comma) is refused, not read shifted; empty cells beyond the header pass")
    func valuesBeyondHeader() async throws {
        let service = try await freshService()
        let report = try await service.importCompanies(csv: csv([
            "corporateNumber,nameJa,nameEn,size",
            "\(validCorporateNumbers[0]),横浜グリーン,Yokohama Green, Inc.,sme",
            "\(validCorporateNumbers[1]),港北環境,Kohoku Environment,sme,,",
        ]), dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column):\($0.messageKey ?? "-"):\(($0.messageArguments ?? []).joined(separator: "|"))" }
                == ["2:row:valuesBeyondHeader:5|4"])
        #expect(report.created == 1)
        let refused = await #expect(throws: CompaniesError.self) {
            try await service.importCompanies(csv: csv(["corporateNumber,nameJa,nameEn,size", ",横浜グリーン,Yokohama Green, Inc.,sme"]), dryRun: false, by: admin)
        }
        #expect(refused?.problem.status == 422 && refused?.problem.errors?.map(\.field) == ["line 2: row"])
        #expect(try await service.companies(CompanyFilter(includeArchived: true), page: PageRequest(), by: admin).items.isEmpty)
    }

    @Test("one bad row makes the real run a 422 and nothing at all is written")
    func allOrNothing() async throws {
        let service = try await freshService()
        let existing = try await service.createCompany(companyDraft(corporateNumber: validCorporateNumbers[0]), by: admin)
        let refused = await #expect(throws: CompaniesError.self) {
            try await service.importCompanies(csv: csv([
                technologyHeader,
                "\(validCorporateNumbers[0]),横浜グリーン改,,sme,太陽光,,solar_pv,commercial,public",
                "\(validCorporateNumbers[1]),港北環境,,sme,,,,,",
                "\(validCorporateNumbers[2]),みなと水道,,large,漏水検知,,water_supply,pilot,secret",
            ]), dryRun: false, by: admin)
        }
        #expect(refused?.problem.status == 422)
        #expect(refused?.problem.errors?.map(\.field) == ["line 4: technologyDisclosure"])
        let all = try await service.companies(CompanyFilter(includeArchived: true), page: PageRequest(), by: admin).items
        #expect(all.map(\.id) == [existing.id])
        #expect(all.first?.version == 1 && all.first?.nameJa == existing.nameJa)
        #expect(try await service.technologies(of: existing.id, page: PageRequest(), by: admin).items.isEmpty)
    }

    @Test("a dry run previews and reports likely duplicates; the real run upserts companies by corporate number and technologies by title")
    func upsertByCorporateNumber() async throws {
        let service = try await freshService()
        let existing = try await service.createCompany(
            companyDraft(nameEn: "Harbor Thermal Co., Ltd.", nameJa: nil, corporateNumber: validCorporateNumbers[0]), by: admin)
        let stoker = try await service.createTechnology(
            technologyDraft(titleEn: "Stoker furnace", codes: ["waste_to_energy"]), companyID: existing.id, by: admin)
        let file = [
            technologyHeader,
            "\(validCorporateNumbers[0]),港湾熱工業,\"Harbor Thermal Co., Ltd.\",large,,Stoker furnace,waste_to_energy|biogas,commercial,partners",
            "\(validCorporateNumbers[0]),港湾熱工業,\"Harbor Thermal Co., Ltd.\",large,,Digester retrofit,biogas,pilot,public",
            ",,Harbor Thermal Inc.,sme,,,,,",
        ]
        let preview = try await service.importCompanies(csv: csv(file), dryRun: true, by: admin)
        #expect(preview.created == 1 && preview.updated == 1 && preview.technologies == 2)
        #expect(preview.possibleDuplicates.map(\.line) == [4])
        #expect(preview.possibleDuplicates.first?.duplicates.map(\.id) == [existing.id])
        let report = try await service.importCompanies(csv: csv(file), dryRun: false, by: admin)
        #expect(report.errors.isEmpty)
        #expect(report.created == 1 && report.updated == 1 && report.technologies == 2)

        let updated = try await service.company(existing.id, by: admin)
        #expect(updated.version == 2 && updated.nameJa == "港湾熱工業" && updated.size == .large)
        let technologies = try await service.technologies(of: existing.id, page: PageRequest(), by: admin).items
        #expect(technologies.count == 2)
        let sameStoker = try #require(technologies.first { $0.id == stoker.id })
        #expect(sameStoker.version == 2 && sameStoker.taxonomyCodes == ["waste_to_energy", "biogas"] && sameStoker.disclosure == .partners)
        #expect(technologies.contains { $0.titleEn == "Digester retrofit" })
        let all = try await service.companies(CompanyFilter(), page: PageRequest(), by: admin).items
        #expect(all.count == 2)

        // The same file again changes no company count: it is an upsert, not an append.
        let again = try await service.importCompanies(csv: csv([
            technologyHeader,
            "\(validCorporateNumbers[0]),港湾熱工業,\"Harbor Thermal Co., Ltd.\",large,,Stoker furnace,waste_to_energy|biogas,commercial,partners",
        ]), dryRun: false, by: admin)
        #expect(again.created == 0 && again.updated == 1)
        #expect(try await service.technologies(of: existing.id, page: PageRequest(), by: admin).items.count == 2)
    }

    @Test("rows of one company must agree on its columns and not repeat a technology title")
    func inconsistentRows() async throws {
        let service = try await freshService()
        let report = try await service.importCompanies(csv: csv([
            technologyHeader,
            "\(validCorporateNumbers[0]),港湾熱工業,,sme,,Stoker furnace,,commercial,public",
            "\(validCorporateNumbers[0]),港湾熱工業,,large,,Digester,,commercial,public",
            "\(validCorporateNumbers[1]),みなと水道,,sme,,Leak detection,,commercial,public",
            "\(validCorporateNumbers[1]),みなと水道,,sme,,Leak detection,,pilot,public",
        ]), dryRun: true, by: admin)
        #expect(report.errors.map { "\($0.line):\($0.column)" } == ["3:corporateNumber", "5:technologyTitleEn"])
        #expect(report.created == 0)
    }

    @Test("Excel's \"Unicode text\" (UTF-16 with a byte order mark, tab-separated) imports as its CSV does; a comma in a cell is text")
    func unicodeText() async throws {
        let service = try await freshService()
        let text = "corporateNumber\tnameJa\tnameEn\tsize\r\n\(validCorporateNumbers[0])\t横浜エコ㈱\tYokohama Eco, Inc.\tsme\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let report = try await service.importCompanies(csv: bytes, dryRun: false, by: admin)
        #expect(report.encoding == .utf16LittleEndian)
        #expect(report.errors.isEmpty && report.created == 1, "\(report.errors)")
        let stored = try await service.companies(CompanyFilter(), page: PageRequest(), by: admin).items
        #expect(stored.map(\.nameJa) == ["横浜エコ㈱"] && stored.map(\.nameEn) == ["Yokohama Eco, Inc."])
    }

    @Test("a file whose header and rows end in empty cells, as Excel saves a used range, imports")
    func trailingEmptyColumns() async throws {
        let service = try await freshService()
        let report = try await service.importCompanies(csv: csv([
            "corporateNumber,nameEn,size,,", "\(validCorporateNumbers[0]),Bay Solar Inc.,sme,,", ",,,,", ",Harbour Heat,large,,",
        ]), dryRun: false, by: admin)
        #expect(report.errors.isEmpty)
        #expect(report.rows == 2 && report.created == 2)
    }
}

@Suite("Company CSV export and import over HTTP")
struct CompanyCSVHTTPTests {
    @Test("the export is UTF-8 with BOM, shows only what the caller may see, and a dry-run import of it has no errors")
    func exportRoundTrip() async throws {
        try await withTestServer { port, application in
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let company = try await service.createCompany(
                companyDraft(nameEn: "=HYPERLINK(\"http://x\")", nameJa: "港湾熱工業, 横浜", corporateNumber: validCorporateNumbers[0]), by: admin)
            _ = try await service.createTechnology(technologyDraft(titleEn: "Stoker furnace", codes: ["waste_to_energy"]), companyID: company.id, by: admin)
            _ = try await service.createTechnology(
                technologyDraft(titleEn: "Secret recipe", codes: [], disclosure: .coordinators), companyID: company.id, by: admin)
            _ = try await service.createCompany(companyDraft(nameEn: "Bare Co.", nameJa: nil), by: admin)
            let (organizerToken, _) = try await application.token(for: .organizer)
            let (adminToken, _) = try await application.token(for: .admin)

            let response = try await TestClient.request(port: port, "GET", "/v1/companies/export", headers: ["Authorization": "Bearer \(organizerToken)"])
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(Array(response.body.prefix(3)) == CSVWriter.byteOrderMark)
            let records = try CSVReader.parse(String(decoding: response.body.dropFirst(3), as: UTF8.self))
            #expect(records.count == 3)
            #expect(records[1].fields.contains("港湾熱工業, 横浜"))
            #expect(records[1].fields.contains("'=HYPERLINK(\"http://x\")"))
            #expect(!response.text.contains("Secret recipe"))
            #expect(records[2].fields.contains("Bare Co."))

            let headers = ["Authorization": "Bearer \(adminToken)", "Content-Type": "text/csv"]
            let dryRun = try await TestClient.request(
                port: port, "POST", "/v1/companies/import?dryRun=true", headers: headers, body: String(decoding: response.body, as: UTF8.self))
            #expect(dryRun.status == 200)
            let report = try JSONDecoder().decode(CompanyImportReport.self, from: Data(dryRun.body))
            #expect(report.errors.isEmpty)
            #expect(report.rows == 2 && report.updated == 1 && report.created == 1)
            // Without a 法人番号 a company cannot be matched, so the dry run flags the copy it would make.
            #expect(report.possibleDuplicates.map(\.nameEn) == ["Bare Co."])
            #expect(report.possibleDuplicates.first?.duplicates.first?.similarity == 1)
        }
    }

    @Test("an export imported again stores formula-like values as they were, without the export's apostrophe")
    func exportReimportKeepsValues() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let headers = ["Authorization": "Bearer \(adminToken)", "Content-Type": "text/csv"]
            let original = String(decoding: csv([
                "corporateNumber,nameJa,nameEn,size,technologyTitleEn,technologyDescriptionEn,technologyTaxonomyCodes,technologyMaturity,technologyDisclosure",
                "\(validCorporateNumbers[0]),＝横浜センサー,-Minus Robotics,sme,+Plus sensor,\"- reads heat\n- reads flow\",waste_to_energy,commercial,public",
            ]), as: UTF8.self)
            #expect(try await TestClient.request(port: port, "POST", "/v1/companies/import", headers: headers, body: original).status == 201)
            let export = try await TestClient.request(port: port, "GET", "/v1/companies/export", headers: headers)
            #expect(export.text.contains("'-Minus Robotics"))

            let reimport = try await TestClient.request(
                port: port, "POST", "/v1/companies/import", headers: headers, body: String(decoding: export.body, as: UTF8.self))
            #expect(reimport.status == 201)
            let service = CompanyService(pool: application.pool, clock: application.clock)
            let stored = try await service.companies(CompanyFilter(), page: PageRequest(), by: admin).items
            #expect(stored.map(\.nameEn) == ["-Minus Robotics"] && stored.map(\.nameJa) == ["＝横浜センサー"])
            let technology = try await service.technologies(of: try #require(stored.first).id, page: PageRequest(), by: admin).items
            #expect(technology.map(\.titleEn) == ["+Plus sensor"])
            #expect(technology.map(\.descriptionEn) == ["- reads heat\n- reads flow"])
        }
    }

    @Test("the import is for managers only, needs text/csv, and a bad dryRun is a 400")
    func importRefusals() async throws {
        try await withTestServer { port, application in
            let (companyToken, _) = try await application.token(for: .company)
            let (adminToken, _) = try await application.token(for: .admin)
            let body = "corporateNumber,nameEn,size\r\n,Bay Solar Inc.,sme\r\n"
            func post(_ token: String, _ query: String, contentType: String = "text/csv") async throws -> Int {
                try await TestClient.request(
                    port: port, "POST", "/v1/companies/import\(query)",
                    headers: ["Authorization": "Bearer \(token)", "Content-Type": contentType], body: body).status
            }
            #expect(try await post(companyToken, "?dryRun=true") == 403)
            #expect(try await post(adminToken, "?dryRun=true", contentType: "application/json") == 415)
            #expect(try await post(adminToken, "?dryRun=maybe") == 400)
            #expect(try await post(adminToken, "") == 201)
        }
    }
}

@Suite("Company CSV import of invisible marks over HTTP")
struct CompanyImportInvisiblesHTTPTests {
    @Test("a header with a zero-width space or a word joiner after the BOM names its columns, and a soft hyphen in a cell is not stored")
    func invisibleMarks() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let body = "\u{FEFF}\u{2060}corporateNumber,\u{200B}nameJa,nameEn,size\r\n\(validCorporateNumbers[0]),港湾\u{AD}熱工業,Harbour Heat\u{AD},sme\r\n"
            let response = try await TestClient.request(port: port, "POST", "/v1/companies/import",
                                                        headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "text/csv"], body: body)
            #expect(response.status == 201, Comment(rawValue: response.text))
            let stored = try await CompanyService(pool: application.pool, clock: application.clock).companies(CompanyFilter(), page: PageRequest(), by: admin).items
            #expect(stored.map(\.nameJa) == ["港湾熱工業"] && stored.map(\.nameEn) == ["Harbour Heat"])
        }
    }

    @Test("a zero-width space, a word joiner or a byte order mark inside a cell is not stored; a zero-width joiner, which joins emoji, is")
    func invisibleMarksInsideCells() async throws {
        try await withTestServer { port, application in
            let (adminToken, _) = try await application.token(for: .admin)
            let body = "corporateNumber,nameJa,nameEn,size\r\n"
                + "\(validCorporateNumbers[0]),港湾\u{200B}熱\u{2060}工業,Harbour\u{FEFF} Heat 👩\u{200D}🔬,sme\r\n"
            let response = try await TestClient.request(port: port, "POST", "/v1/companies/import",
                                                        headers: ["Authorization": "Bearer \(adminToken)", "Content-Type": "text/csv"], body: body)
            #expect(response.status == 201, Comment(rawValue: response.text))
            let stored = try await CompanyService(pool: application.pool, clock: application.clock).companies(CompanyFilter(), page: PageRequest(), by: admin).items
            #expect(stored.map(\.nameJa) == ["港湾熱工業"])
            #expect(stored.map(\.nameEn) == ["Harbour Heat 👩\u{200D}🔬"])
        }
    }
}
