import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("CSV reading and writing")
struct CSVTests {
    @Test("quoted fields keep commas, doubled quotes and line breaks, and records know their line")
    func parsing() throws {
        let text = "name,notes\r\n\"Yokohama Green, Ltd.\",\"said \"\"hello\"\"\"\r\n横浜,\"two\nlines\"\n\nlast,row"
        let records = try CSVReader.parse(text)
        #expect(records.map(\.fields) == [
            ["name", "notes"], ["Yokohama Green, Ltd.", "said \"hello\""], ["横浜", "two\nlines"], ["last", "row"],
        ])
        #expect(records.map(\.line) == [1, 2, 3, 6])
    }

    @Test("a row of bare delimiters, as Excel saves a row whose cells were cleared, is skipped like a blank line")
    func clearedRows() throws {
        let text = "name,size\r\nBay Solar,sme\r\n,\r\n , \r\n\"\",\"\"\r\nHarbour Heat,large\r\n,"
        let records = try CSVReader.parse(text)
        #expect(records.map(\.fields) == [["name", "size"], ["Bay Solar", "sme"], ["Harbour Heat", "large"]])
        #expect(records.map(\.line) == [1, 2, 6])
        #expect(try CSVReader.parse("a\tb\n\t\nc\td", delimiter: "\t").map(\.line) == [1, 3])
    }

    @Test("a row whose cells hold only characters drawn as nothing (zero-width space, Braille pattern blank, Hangul filler) is skipped like a blank line")
    func invisibleRows() throws {
        let text = "name,size\r\nBay Solar,sme\r\n\u{200B},\u{2800}\r\n\u{3164}, \u{FEFF}\r\nHarbour Heat,large"
        #expect(try CSVReader.parse(text).map(\.line) == [1, 2, 5])
    }

    @Test("an imported cell drops exactly the apostrophe the writer puts before a formula-like value")
    func cellValueUndoesTheGuard() throws {
        let values = ["-Minus Robotics", "=SUM(A1)", "+81 45", "@handle", "＝横浜", "'quoted'", "'123", "-500000", "横浜"]
        var writer = CSVWriter(withByteOrderMark: false)
        writer.appendRow(values)
        let fields = try CSVReader.parse(String(decoding: writer.bytes, as: UTF8.self))[0].fields
        #expect(fields[0] == "'-Minus Robotics")
        #expect(fields.map(CSVReader.cellValue) == values)
        #expect(CSVReader.cellValue(" '=1 ") == "=1")
    }

    @Test("UTF-16 with a byte order mark and tab-separated fields, as Teams writes its reports, decode and split")
    func utf16Tabs() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 1)
        let text = "Name\tEmail\r\n横浜 花子\thanako@example.jp\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let (decoded, encoding) = try await pool.withConnection { try await CSVReader.decode(bytes, using: $0) }
        #expect(encoding == .utf16LittleEndian)
        #expect(try CSVReader.parse(decoded, delimiter: "\t").map(\.fields) == [["Name", "Email"], ["横浜 花子", "hanako@example.jp"]])
        pool.close()
    }

    @Test("a header with an unknown, a repeated and a missing required column reports all three at once")
    func header() throws {
        #expect(try CSVHeader.positions(["email", " role ", "id"], known: ["email", "role"], required: ["email"], ignored: ["id"])
                == ["email": 0, "role": 1])
        let problem = #expect(throws: Problem.self) {
            try CSVHeader.positions(["role", "role", "colour"], known: ["email", "role"], required: ["email"])
        }
        #expect(problem?.status == 422)
        #expect(problem?.errors?.map(\.message) == ["column \"role\" appears twice", "unknown column \"colour\"", "column \"email\" is required"])
    }

    @Test("empty names after the header's last column, as Excel saves a used range, are not columns; a value under them still overflows")
    func trailingEmptyHeaderNames() throws {
        let header = CSVHeader(["email", "role", "", " "], known: ["email", "role"], required: ["email"])
        #expect(header.problems.isEmpty)
        #expect(header.headerWidth == 2)
        #expect(header.overflow(of: CSVRecord(line: 2, fields: ["a@example.jp", "speaker", "", ""])) == nil)
        #expect(header.overflow(of: CSVRecord(line: 3, fields: ["a@example.jp", "speaker", "", "stray"]))?.messageKey == "valuesBeyondHeader")
        let padded = CSVHeader(["email", "", "colour", ""] + Array(repeating: "", count: 5_000) + ["role"], known: ["email", "role"])
        #expect(padded.problems.map(\.message) == ["unknown column \"\"", "unknown column \"colour\""])
    }

    @Test("an unterminated quote is a 422 naming the line it starts on")
    func unterminated() {
        let problem = #expect(throws: Problem.self) { try CSVReader.parse("a,b\n1,\"never closed\n2,3") }
        #expect(problem?.status == 422)
        #expect(problem?.detail.contains("line 2") == true)
    }

    @Test("UTF-8 with and without a byte order mark, and CP932 as Excel writes it, all decode")
    func encodings() async throws {
        let pool = try await TestDatabase.fresh(maximumConnections: 1)
        try await pool.withConnection { connection in
            let text = "会社名,所在地\r\n株式会社横浜グリーン①,横浜市中区\r\n"
            let utf8 = try await CSVReader.decode(Array(text.utf8), using: connection)
            #expect(utf8.text == text)
            #expect(utf8.encoding == .utf8)
            let withMark = try await CSVReader.decode(CSVWriter.byteOrderMark + Array(text.utf8), using: connection)
            #expect(withMark.text == text)
            #expect(withMark.encoding == .utf8WithByteOrderMark)
            // A mark added again by a tool that did not see the first: the header still starts with its name.
            let twice = try await CSVReader.decode(CSVWriter.byteOrderMark + CSVWriter.byteOrderMark + Array(text.utf8), using: connection)
            #expect(twice.text == text)
            let littleEndian = [UInt8]([0xFF, 0xFE, 0xFF, 0xFE]) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            #expect(try await CSVReader.decode(littleEndian, using: connection).text == text)
            // The same text as CP932 bytes, as Python's codecs (Microsoft's table) produce them;
            // ① (0x8740) is an NEC extension that plain Shift_JIS lacks.
            let cp932: [UInt8] = [
                0x89, 0xEF, 0x8E, 0xD0, 0x96, 0xBC, 0x2C, 0x8F, 0x8A, 0x8D, 0xDD, 0x92, 0x6E, 0x0D, 0x0A,
                0x8A, 0x94, 0x8E, 0xAE, 0x89, 0xEF, 0x8E, 0xD0, 0x89, 0xA1, 0x95, 0x6C, 0x83, 0x4F, 0x83, 0x8A,
                0x81, 0x5B, 0x83, 0x93, 0x87, 0x40, 0x2C, 0x89, 0xA1, 0x95, 0x6C, 0x8E, 0x73, 0x92, 0x86, 0x8B,
                0xE6, 0x0D, 0x0A,
            ]
            let shiftJIS = try await CSVReader.decode(cp932, using: connection)
            #expect(shiftJIS.text == text)
            #expect(shiftJIS.encoding == .shiftJIS)
            let garbage = await #expect(throws: Problem.self) { try await CSVReader.decode([0x82, 0xFF, 0xFF, 0x00], using: connection) }
            #expect(garbage?.status == 422)
        }
    }

    @Test("exports start with a byte order mark, quote where needed, and never carry a formula; a plain negative number stays a number")
    func writing() throws {
        var writer = CSVWriter()
        writer.appendRow(["name", "note"])
        writer.appendRow(["Yokohama, Inc.", "=HYPERLINK(\"http://x\")"])
        writer.appendRow(["横浜", "-1+1"])
        writer.appendRow(["-500000", "-A1"])
        #expect(Array(writer.bytes.prefix(3)) == CSVWriter.byteOrderMark)
        let text = String(decoding: writer.bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "name,note\r\n\"Yokohama, Inc.\",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n横浜,'-1+1\r\n-500000,'-A1\r\n")
        let back = try CSVReader.parse(text)
        #expect(back[1].fields == ["Yokohama, Inc.", "'=HYPERLINK(\"http://x\")"])
    }

    @Test("full-width ＝ ＋ － ＠ at the start of a cell are neutralised like their ASCII forms")
    func fullWidthFormulas() {
        var writer = CSVWriter(withByteOrderMark: false)
        writer.appendRow(["＝SUM(A1:A2)", "＋81", "－1", "＠cmd", "横浜＝Yokohama"])
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == "'＝SUM(A1:A2),'＋81,'－1,'＠cmd,横浜＝Yokohama\r\n")
    }
}

@Suite("A refused file's problems, read back from the API's words")
struct CSVFileProblemTests {
    @Test("every problem reads back as itself, awkward column names included; other errors are not file problems")
    func roundTrip() {
        let problems: [CSVFileProblem] = [
            .unknownColumn("title"), .unknownColumn("列 \"引用\" appears twice"), .repeatedColumn("cityId"), .missingColumn("source"),
            .missingColumn(""), .noHeaderRow, .tooManyRows(20_000), .unknownEncoding,
        ]
        for problem in problems {
            #expect(CSVFileProblem(problem.fieldError) == problem, "\(problem)")
        }
        #expect(CSVFileProblem(FieldError(field: "header", message: "something else")) == nil)
        #expect(CSVFileProblem(FieldError(field: "titleJa", message: "is required")) == nil)
        #expect(CSVFileProblem(FieldError(field: "file", message: "has more than many rows")) == nil)
        let header = CSVHeader(["title", "cityId", "cityId"], known: ["cityId", "source"], required: ["cityId", "source"])
        #expect(header.problems.compactMap(CSVFileProblem.init) == [.unknownColumn("title"), .repeatedColumn("cityId"), .missingColumn("source")])
    }
}
