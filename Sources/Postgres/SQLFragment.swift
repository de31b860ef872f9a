/// SQL text written in the program — a column list, a locking clause, a shared `SELECT … FROM … JOIN` —
/// that a `PostgresQuery` splices as text rather than binding:
///
///     static let columns: SQLFragment = "id, name_ja, name_en, version, created_at, updated_at"
///     db.query("SELECT \(Self.columns) FROM overseas_cities WHERE id = \(id)")
///
/// It can only be built from string literals (`StaticString`), from other fragments interpolated into a
/// literal, and by qualifying a fragment's columns with a literal alias, so it cannot carry a value
/// that arrived at run time: there is no initialiser from `String`. Runtime text in a query is a bind;
/// the rare identifier that must vary (a sort column) goes through `\(unescaped:)`, picked from a closed
/// enum, with a comment at the call saying why.
public struct SQLFragment: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String

    public init(stringLiteral value: StaticString) {
        sql = value.description
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
    }

    public var description: String { sql }

    /// Each column of a comma-separated column list prefixed with `alias.`, for statements that join
    /// the table under an alias. Expressions (anything that is not a bare column name) are refused by
    /// a precondition: they cannot be qualified by prefixing.
    public func qualified(by alias: StaticString) -> SQLFragment {
        var result = SQLFragment(stringLiteral: "")
        result.sql = sql.split(separator: ",").map { column in
            let name = column.filter { !$0.isWhitespace }
            precondition(name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }, "qualified(by:) takes bare column names only")
            return "\(alias.description).\(name)"
        }.joined(separator: ", ")
        return result
    }

    /// Interpolation accepts literal text and other fragments only, so a composed fragment is still
    /// made of text written in the program.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 32)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            sql += literal.description
        }

        public mutating func appendInterpolation(_ fragment: SQLFragment) {
            sql += fragment.sql
        }
    }
}
