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

    public init(_ fields: [String], known: [String], ignored: Set<String> = [], required: [String] = []) {
        var positions: [String: Int] = [:]
        var problems: [FieldError] = []
        for (index, name) in fields.enumerated() {
            let column = name.trimmed
            if ignored.contains(column) { continue }
            if !known.contains(column) {
                problems.append(FieldError(field: "header", message: "unknown column \"\(column)\""))
            } else if positions[column] != nil {
                problems.append(FieldError(field: "header", message: "column \"\(column)\" appears twice"))
            }
            positions[column] = index
        }
        for column in required where positions[column] == nil {
            problems.append(FieldError(field: "header", message: "column \"\(column)\" is required"))
        }
        self.positions = positions
        self.problems = problems
    }

    /// The positions of the known columns, or every header problem at once as a 422.
    public static func positions(
        _ header: [String], known: [String], required: [String], ignored: Set<String> = []
    ) throws(Problem) -> [String: Int] {
        let parsed = CSVHeader(header, known: known, ignored: ignored, required: required)
        if !parsed.problems.isEmpty { throw Problem.invalid(parsed.problems) }
        return parsed.positions
    }

    /// The value of `column` in `record`, trimmed; nil when the column is absent or the cell blank.
    public func value(_ column: String, in record: CSVRecord) -> String? {
        guard let index = positions[column], index < record.fields.count else { return nil }
        let text = record.fields[index].trimmed
        return text.isEmpty ? nil : text
    }

    /// A `|`-separated list cell (taxonomy codes, languages, countries) as its trimmed, non-empty items.
    public func list(_ column: String, in record: CSVRecord) -> [String]? {
        value(column, in: record).map { $0.split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty } }
    }
}
