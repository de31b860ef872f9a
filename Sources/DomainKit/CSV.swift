import FoundationEssentials
public import Postgres

/// One record of a CSV file and the line it starts on (1-based), for error reports that a person can
/// find in Excel.
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// The text encodings Japanese users' CSV files arrive in.
public enum CSVEncoding: String, Sendable, Equatable, Codable {
    case utf8
    case utf8WithByteOrderMark
    /// Shift_JIS as Excel writes it on Japanese Windows: Microsoft's code page 932 (NEC and IBM
    /// extensions such as ① and ㈱ included).
    case shiftJIS
    /// UTF-16 little-endian with a byte order mark: what Microsoft Teams writes its attendance reports in, and
    /// Excel its "Unicode text" (Unicode テキスト, tab-separated).
    case utf16LittleEndian
    /// UTF-16 big-endian with a byte order mark: what an editor's "UTF-16 BE" and a Mac's "Unicode (UTF-16 Big-Endian)"
    /// save; the same text in the other byte order, so it is read, not refused as an unknown encoding.
    case utf16BigEndian
}

/// Reads CSV files: RFC 4180 fields (quotes, doubled quotes, CRLF or LF, line breaks inside quoted
/// fields), in UTF-8 with or without a byte order mark, UTF-16 of either byte order with one, or in CP932.
public enum CSVReader {
    /// Largest file accepted; imports are all-or-nothing in one transaction, so they stay bounded.
    public static let maximumBytes = 32 * 1024 * 1024

    /// An uploaded file as records: `decode`, then `parse` on Swift's cooperative pool, because request
    /// handlers run on the event-loop thread and parsing thousands of rows would hold up every other
    /// connection on it (`runOnCooperativePool`). `delimiter` may look at the text (Teams writes tabs).
    public static func read(
        _ bytes: [UInt8], using connection: PostgresConnection, delimiter: (String) -> Unicode.Scalar = delimiter(ofHeaderIn:)
    ) async throws -> (records: [CSVRecord], encoding: CSVEncoding) {
        let (text, encoding) = try await decode(bytes, using: connection)
        let separator = delimiter(text)
        let records = try await runOnCooperativePool { () throws(Problem) in try parse(text, delimiter: separator) }
        return (records, encoding)
    }

    /// A comma, or a tab when the first line holds tabs and no comma: Excel's "Unicode text" (Unicode テキスト,
    /// UTF-16 with tabs), which Japanese users choose so that no character is lost to Shift_JIS, is read as
    /// the same columns as its CSV.
    public static func delimiter(ofHeaderIn text: String) -> Unicode.Scalar {
        let header = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        return header.contains("\t") && !header.contains(",") ? "\t" : ","
    }

    /// Decodes the bytes to text. UTF-8 is tried first (Excel's "CSV UTF-8" adds a BOM, other tools
    /// do not); anything that is not valid UTF-8 is decoded as CP932 by PostgreSQL, whose `SJIS`
    /// conversion follows Microsoft's table, so Excel's files decode as Excel shows them.
    public static func decode(_ bytes: [UInt8], using connection: PostgresConnection) async throws -> (text: String, encoding: CSVEncoding) {
        guard bytes.count <= maximumBytes else {
            throw Problem(status: 413, title: "Content Too Large", detail: "A CSV file may be at most \(maximumBytes / 1_048_576) MiB.")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw notText }
            return (withoutByteOrderMarks(text), .utf8WithByteOrderMark)
        }
        // UTF-16's byte order mark says which byte of each unit comes first (Unicode §23.8); the mark itself is not text.
        for (mark, encoding) in [([UInt8]([0xFF, 0xFE]), CSVEncoding.utf16LittleEndian), ([0xFE, 0xFF], .utf16BigEndian)] where bytes.starts(with: mark) {
            guard bytes.count % 2 == 0 else { throw notText }
            let (low, high) = encoding == .utf16LittleEndian ? (0, 1) : (1, 0)
            let units = stride(from: 2, to: bytes.count, by: 2).map { UInt16(bytes[$0 + low]) | UInt16(bytes[$0 + high]) << 8 }
            guard let text = String(validating: units, as: UTF16.self) else { throw notText }
            return (withoutByteOrderMarks(text), encoding)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        let rows: PostgresRows
        do {
            rows = try await connection.query("SELECT convert_from(\(Data(bytes)), 'SJIS') AS text")
        } catch {
            // 22021: invalid byte sequence. Anything else (a lost connection) is not the file's fault.
            guard error.kind == .server else { throw error }
            throw notText
        }
        return (try rows[0].decode("text", as: String.self), .shiftJIS)
    }

    /// The text after its byte order mark, without the further marks a tool that adds one to a file that
    /// had one leaves behind: an invisible U+FEFF would otherwise open the first column's name, which the
    /// import then calls unknown while showing the name it expects.
    static func withoutByteOrderMarks(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.first == "\u{FEFF}" else { return text }
        return String(String.UnicodeScalarView(scalars.drop { $0 == "\u{FEFF}" }))
    }

    /// A cell's value as a person meant it: trimmed, without invisible marks (`invisibleMarks`), and without the
    /// apostrophe that `CSVWriter` puts before a formula-like value. Excel opening our CSV shows that apostrophe as
    /// part of the text and saves it back, so an exported file imported again would otherwise store `'- bullet` for
    /// `- bullet`. Every import reads its cells through it, the online attendance reports too.
    public static func cellValue(_ field: String) -> String {
        let text = withoutInvisibleMarks(field).trimmed
        let scalars = text.unicodeScalars
        guard scalars.first == "'", let next = scalars.dropFirst().first, CSVWriter.formulaStarts.contains(next) else { return text }
        return String(text.dropFirst()).trimmed
    }

    /// Marks that show nothing and mean nothing inside a word, pasted from Word, a web page or a chat: a soft hyphen
    /// (U+00AD, a hint where a line may break), a zero-width space (U+200B), a word joiner (U+2060) and a byte order
    /// mark inside the text (U+FEFF, the old word joiner). Stored, "太陽\u{AD}光" or "太陽\u{200B}光" was not found by a
    /// search for 太陽光 nor matched as its words, and an email with one was another address. Not the zero-width
    /// joiner (U+200D): it joins emoji (👩‍💻) and shapes letters of some scripts, and dropping it changes the text.
    static let invisibleMarks: Set<Unicode.Scalar> = ["\u{AD}", "\u{200B}", "\u{2060}", "\u{FEFF}"]

    static func withoutInvisibleMarks(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: invisibleMarks.contains) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !invisibleMarks.contains($0) }))
    }

    static let notText = Problem.unprocessable(
        "The file is neither UTF-8, UTF-16 with a byte order mark nor Shift_JIS (CP932) text; save it as \"CSV UTF-8\" in Excel.",
        errors: [CSVFileProblem.unknownEncoding.fieldError])

    /// A record with no value in any cell is skipped rather than imported as an empty record: a blank
    /// line, and also a line of bare delimiters (`,,,,`), which is how Excel saves a row whose cells were
    /// cleared in the middle of the data. A cell is blank by the one rule of every text (`Validation.isBlank`,
    /// as `CSVImport.value` reads a cell): a row of zero-width or Braille-blank cells holds no value either.
    static func isBlank(_ fields: [String]) -> Bool {
        fields.allSatisfy(Validation.isBlank)
    }

    /// Splits text into records. An unterminated quoted field is a 422 naming the line it starts on.
    /// Blank records (`isBlank`) are skipped. `delimiter` is a tab for the tab-separated files some tools call CSV.
    public static func parse(_ text: String, delimiter: Unicode.Scalar = ",") throws(Problem) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteOpenedOn = 0
        var scalars = Array(text.unicodeScalars)[...]
        while true {
            guard let scalar = scalars.popFirst() else {
                // End of input: the last record may lack a line break.
                if quoted || (field.isEmpty && fields.isEmpty) { break }
                fields.append(field)
                field = ""
                if !isBlank(fields) { records.append(CSVRecord(line: recordLine, fields: fields)) }
                fields = []
                break
            }
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
                quoteOpenedOn = line
            case delimiter:
                fields.append(field)
                field = ""
            case "\r" where scalars.first == "\n":
                break
            case "\n", "\r":
                fields.append(field)
                field = ""
                if !isBlank(fields) { records.append(CSVRecord(line: recordLine, fields: fields)) }
                fields = []
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted {
            throw Problem.unprocessable("A quoted field that starts on line \(quoteOpenedOn) never ends.",
                                        errors: [CSVFileProblem.unterminatedQuote(line: quoteOpenedOn).fieldError])
        }
        return records
    }
}

/// Writes CSV that Excel opens cleanly: UTF-8 with a byte order mark (without it Japanese Excel reads
/// the bytes as CP932), CRLF line ends, quotes where needed, and no formulas.
public struct CSVWriter: Sendable {
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public private(set) var bytes: [UInt8]

    public init(withByteOrderMark: Bool = true) {
        bytes = withByteOrderMark ? Self.byteOrderMark : []
    }

    public mutating func appendRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: Self.escaped(field).utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// Takes what was written so far, for streaming a large export in chunks.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// A cell starting with `=`, `+`, `-`, `@`, tab or CR is a formula to Excel (CSV injection, OWASP);
    /// a leading apostrophe makes it text. Japanese Excel also reads the full-width forms
    /// `＝ ＋ － ＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20) as their ASCII operators when a cell is typed or
    /// imported with IME conversion, so they are neutralised too. Then RFC 4180 quoting where a
    /// delimiter, quote or line break occurs.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    static func escaped(_ field: String) -> String {
        var value = field
        if let first = value.unicodeScalars.first, formulaStarts.contains(first), !isNegativeNumber(value) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A plain negative whole number ("-500000", a ledger's counter-entry) is a number to Excel, not a
    /// formula: nothing after the sign can call a function or reach another cell, so it stays a number.
    static func isNegativeNumber(_ value: String) -> Bool {
        let digits = value.utf8.dropFirst()
        return value.utf8.first == UInt8(ascii: "-") && !digits.isEmpty && digits.count <= 19
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
