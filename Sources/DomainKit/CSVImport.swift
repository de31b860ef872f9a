/// One problem of an imported CSV file, where a person fixes it in Excel: the line the record starts on
/// (the header is line 1) and the column's header name.
public struct CSVRowError: Sendable, Codable, Equatable {
    public let line: Int
    public let column: String
    /// The problem in English, as the API has always written it.
    public let message: String
    /// Which problem it is, for a reader in another language (the console's catalogue key), and the
    /// values the sentence needs (a length limit, the allowed values). Nil where an import has no key.
    public let messageKey: String?
    public let messageArguments: [String]?

    public init(line: Int, column: String, message: String, messageKey: String? = nil, messageArguments: [String]? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.messageKey = messageKey
        self.messageArguments = messageArguments
    }
}

/// The header row of an import: where each known column is. Columns may come in any order; unknown or
/// repeated columns and missing required ones are all collected in `problems` (field `header`), for
/// the module to throw as its own 422. `ignored` columns (an export's ids and timestamps) are skipped,
/// so an exported file can be edited and imported again.
public struct CSVHeader: Sendable {
    public let positions: [String: Int]
    public let problems: [FieldError]
    /// How many columns the header names, ignored ones included, up to its last non-empty name.
    public let headerWidth: Int
    /// Each known column's header as the file writes it (`メールアドレス` for `email`), to name the column of a row's
    /// problem where the person sees it.
    public let written: [String: String]

    /// `aliases` gives known columns other header names (an import's Japanese headers: `email` also as `メールアドレス`);
    /// with any, a header cell is compared in Unicode NFKC (`氏名（ローマ字表記）` is `氏名(ローマ字表記)`, `ＩＤ` is `ID`),
    /// and two cells naming one column in different words is one problem naming both.
    public init(_ fields: [String], known: [String], ignored: Set<String> = [], required: [String] = [], aliases: [String: [String]] = [:]) {
        var positions: [String: Int] = [:]
        var written: [String: String] = [:]
        var problems: [FieldError] = []
        var unknown: Set<String> = []
        let alias = Dictionary(aliases.flatMap { column, names in names.map { (nfkc($0), column) } }, uniquingKeysWith: { first, _ in first })
        // Excel saves the sheet's used range, so a column formatted or filled further right than the last
        // header name gives the header empty names at its end (`email,role,,`). They name nothing and are
        // not columns; a value under them is still refused as the row's `overflow`.
        let named = fields.lastIndex { !Self.columnName($0).isEmpty }.map { fields[...$0] } ?? []
        for (index, name) in named.enumerated() {
            let cell = Self.columnName(name)
            let column = alias.isEmpty ? cell : alias[nfkc(cell)] ?? nfkc(cell)
            if ignored.contains(column) { continue }
            if !known.contains(column) {
                // Once per name: a header of thousands of empty cells is one problem, not thousands.
                if unknown.insert(cell).inserted { problems.append(CSVFileProblem.unknownColumn(cell).fieldError) }
            } else if let first = written[column] {
                problems.append((first == cell ? CSVFileProblem.repeatedColumn(column) : .sameColumnTwice(first, cell)).fieldError)
            } else {
                written[column] = cell
            }
            positions[column] = index
        }
        for column in required where positions[column] == nil {
            problems.append(CSVFileProblem.missingColumn(column).fieldError)
        }
        self.positions = positions
        self.problems = problems
        self.written = written
        headerWidth = named.count
    }

    /// A header cell's name without what shows nothing around it: white space, and default-ignorable code points
    /// (`Validation.showsNothing`). A zero-width space or word joiner after a spreadsheet's byte order mark, or
    /// pasted with a column name, made `nameEn` an unknown column while the message showed `nameEn`.
    public static func columnName(_ cell: String) -> String {
        Validation.withoutNothingAround(cell)
    }

    /// The positions of the known columns, or every header problem at once as a 422.
    public static func positions(
        _ header: [String], known: [String], required: [String], ignored: Set<String> = []
    ) throws(Problem) -> [String: Int] {
        let parsed = CSVHeader(header, known: known, ignored: ignored, required: required)
        if !parsed.problems.isEmpty { throw Problem.invalid(parsed.problems) }
        return parsed.positions
    }

    /// The value of `column` in `record` (`CSVReader.cellValue`); nil when the column is absent or the cell blank,
    /// zero-width characters alone included (`Validation.isBlank`, as the console's `formText`): such a cell was read
    /// as a value, and a needs row of two such titles was told its title was too long (probe12).
    public func value(_ column: String, in record: CSVRecord) -> String? {
        guard let index = positions[column], index < record.fields.count else { return nil }
        let text = CSVReader.cellValue(record.fields[index])
        return Validation.isBlank(text) ? nil : text
    }

    /// The record's problem when it has values beyond the header's last column (`CSVRecord.overflow`).
    public func overflow(of record: CSVRecord) -> CSVRowError? {
        record.overflow(beyond: headerWidth)
    }

    /// A `|`-separated list cell (taxonomy codes, languages, countries) as its trimmed, non-empty items.
    public func list(_ column: String, in record: CSVRecord) -> [String]? {
        value(column, in: record).map { $0.split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty } }
    }
}

/// What can be wrong with an imported file as a whole, as the API has always worded it (English, in a
/// `FieldError` on `header` or `file`). `init?(_:)` reads such an error back, so that the console words
/// it in the reader's language from the same definitions rather than a second copy of the sentences.
public enum CSVFileProblem: Sendable, Equatable {
    case unknownColumn(String)
    case repeatedColumn(String)
    /// Two header cells in different words (`email` and `メールアドレス`) name one column.
    case sameColumnTwice(String, String)
    case missingColumn(String)
    case noHeaderRow
    case tooManyRows(Int)
    case unknownEncoding
    /// A quoted value that opens on this line and never closes (every later line would be read into it).
    case unterminatedQuote(line: Int)

    public var fieldError: FieldError {
        switch self {
        case .unknownColumn(let column): FieldError(field: "header", message: "unknown column \"\(column)\"")
        case .repeatedColumn(let column): FieldError(field: "header", message: "column \"\(column)\" appears twice")
        case .sameColumnTwice(let first, let second):
            FieldError(field: "header", message: "columns \"\(first)\" and \"\(second)\" are the same column; keep one")
        case .missingColumn(let column): FieldError(field: "header", message: "column \"\(column)\" is required")
        case .noHeaderRow: FieldError(field: "file", message: "has no header row")
        case .tooManyRows(let limit): FieldError(field: "file", message: "has more than \(limit) rows")
        case .unknownEncoding: FieldError(field: "file", message: "has an unknown encoding")
        case .unterminatedQuote(let line): FieldError(field: "line \(line)", message: "unterminated quoted field")
        }
    }

    public init?(_ error: FieldError) {
        let message = error.message
        func quoted(_ prefix: String, _ suffix: String) -> String? {
            guard message.hasPrefix(prefix), message.hasSuffix(suffix), message.count >= prefix.count + suffix.count else { return nil }
            return String(message.dropFirst(prefix.count).dropLast(suffix.count))
        }
        switch error.field {
        case "header":
            if let column = quoted("unknown column \"", "\"") {
                self = .unknownColumn(column)
            } else if let column = quoted("column \"", "\" appears twice") {
                self = .repeatedColumn(column)
            } else if let pair = quoted("columns \"", "\" are the same column; keep one"), let split = pair.firstRange(of: "\" and \"") {
                self = .sameColumnTwice(String(pair[..<split.lowerBound]), String(pair[split.upperBound...]))
            } else if let column = quoted("column \"", "\" is required") {
                self = .missingColumn(column)
            } else {
                return nil
            }
        case "file":
            if message == "has no header row" {
                self = .noHeaderRow
            } else if message == "has an unknown encoding" {
                self = .unknownEncoding
            } else if let limit = quoted("has more than ", " rows").flatMap({ Int($0) }) {
                self = .tooManyRows(limit)
            } else {
                return nil
            }
        default:
            guard error.message == "unterminated quoted field", error.field.hasPrefix("line "), let line = Int(error.field.dropFirst(5)) else { return nil }
            self = .unterminatedQuote(line: line)
        }
    }
}

extension CSVRecord {
    /// The record's problem when it has values beyond a header of `headerWidth` columns. A comma in an
    /// unquoted cell ("Yokohama, Japan") shifts every later value one column right; reading the row
    /// anyway would store values in the wrong columns and drop the last, so the row is refused. Empty
    /// cells beyond the header (a spreadsheet's stray formatted column) lose nothing and pass.
    public func overflow(beyond headerWidth: Int) -> CSVRowError? {
        guard fields.count > headerWidth, fields[headerWidth...].contains(where: { !$0.trimmed.isEmpty }) else { return nil }
        return CSVRowError(
            line: line, column: "row",
            message: "has \(fields.count) values but the header has \(headerWidth) columns; quote a value that contains a comma",
            messageKey: "valuesBeyondHeader", messageArguments: [String(fields.count), String(headerWidth)])
    }
}
