/// SQL whose interpolations become `$n` parameters, so a value can never become SQL text:
///
///     let rows = try await pool.query("SELECT name FROM companies WHERE id = \(id)")
///
/// Text written in the program (column lists, shared clauses) is spliced as a typed `SQLFragment`, which
/// only string literals can build. The one way to splice a `String` is `\(unescaped: ...)`, named so it
/// can be found by grep; it is for identifiers chosen from a closed enum in code, never for input, and
/// each use says why.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String
    var values: [[UInt8]?] = []
    var types: [UInt32] = []
    var binary: [Bool] = []

    public init(stringLiteral value: String) {
        sql = value
    }

    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.query
    }

    /// Appends another fragment, renumbering its parameters after this query's own. This is how
    /// optional filters are added to a statement without building SQL from input.
    public mutating func append(_ other: PostgresQuery) {
        sql += other.renumbered(startingAt: values.count)
        values += other.values
        types += other.types
        binary += other.binary
    }

    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    public var bindCount: Int { values.count }

    /// The statement only; bound values are never part of a description, so logging a query is safe.
    public var description: String { sql }

    mutating func bind<Value: PostgresEncodable>(_ value: Value?) throws(PostgresError) {
        if let value {
            var bytes: [UInt8] = []
            try value.encode(into: &bytes)
            values.append(bytes)
        } else {
            values.append(nil)
        }
        types.append(Value.postgresType.oid)
        binary.append(Value.isBinary)
        sql += "$\(values.count)"
    }

    private func renumbered(startingAt offset: Int) -> String {
        guard offset > 0, !values.isEmpty else { return sql }
        var result = ""
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            index = sql.index(after: index)
            guard character == "$" else {
                result.append(character)
                continue
            }
            var digits = ""
            while index < sql.endIndex, let digit = sql[index].wholeNumberValue {
                digits.append(String(digit))
                index = sql.index(after: index)
            }
            if let number = Int(digits) { result += "$\(number + offset)" } else { result += "$" + digits }
        }
        return result
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var query = PostgresQuery(stringLiteral: "")
        /// Encoding errors surface when the query runs, with the parameter's position.
        var failure: PostgresError?

        public init(literalCapacity: Int, interpolationCount: Int) {
            query.sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            query.sql += literal
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            appendInterpolation(Optional(value))
        }

        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            do {
                try query.bind(value)
            } catch {
                query.encodingFailure = query.encodingFailure ?? error
                query.sql += "$\(query.values.count + 1)"
                query.values.append(nil)
                query.types.append(0)
                query.binary.append(false)
            }
        }

        /// Splices trusted SQL text. Only for identifiers from a closed set in code, never for input.
        public mutating func appendInterpolation(unescaped text: String) {
            query.sql += text
        }

        /// Splices a fragment of SQL written in the program (see `SQLFragment`); never a bind.
        public mutating func appendInterpolation(_ fragment: SQLFragment) {
            query.sql += fragment.sql
        }
    }

    var encodingFailure: PostgresError?
}
