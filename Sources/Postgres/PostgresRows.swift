import CLibPQ

/// Owns one libpq `PGresult` and clears it when the last row referring to it is gone.
///
/// Unchecked Sendable, and safe: a PGresult is immutable once libpq hands it over, and libpq documents that
/// such results may be read from any thread; nothing here mutates it.
final class ResultStorage: @unchecked Sendable {
    let result: OpaquePointer
    let layout: ColumnLayout
    var columnIndex: [String: Int32] { layout.columnIndex }
    var columnTypes: [PostgresType] { layout.columnTypes }

    init(_ result: OpaquePointer, layout: ColumnLayout) {
        self.result = result
        self.layout = layout
    }

    deinit { PQclear(result) }
}

/// Column names and types of a result. A prepared statement's results all have the same (PostgreSQL
/// refuses to run it once its result type changes), so the connection keeps one per statement.
final class ColumnLayout: Sendable {
    let columnIndex: [String: Int32]
    let columnTypes: [PostgresType]

    init(_ result: OpaquePointer) {
        let count = PQnfields(result)
        var index: [String: Int32] = [:]
        var types: [PostgresType] = []
        index.reserveCapacity(Int(count))
        for column in 0..<count {
            // The first of two same-named columns wins, as in PQfnumber.
            let name = String(cString: PQfname(result, column))
            if index[name] == nil { index[name] = column }
            types.append(PostgresType(oid: PQftype(result, column)))
        }
        columnIndex = index
        columnTypes = types
    }
}

/// The rows of one statement's result, read lazily from libpq's result without copying.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let storage: ResultStorage?
    /// Rows touched by INSERT, UPDATE, DELETE, MERGE, or the number returned by SELECT.
    public let affectedRows: Int

    init(storage: ResultStorage?) {
        self.storage = storage
        if let result = storage?.result {
            affectedRows = Int(String(cString: PQcmdTuples(result))) ?? Int(PQntuples(result))
        } else {
            affectedRows = 0
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.map { Int(PQntuples($0.result)) } ?? 0 }

    public subscript(position: Int) -> PostgresRow {
        PostgresRow(storage: storage!, row: Int32(position))
    }

    public var columnNames: [String] {
        guard let storage else { return [] }
        return (0..<PQnfields(storage.result)).map { String(cString: PQfname(storage.result, $0)) }
    }
}

public struct PostgresRow: Sendable {
    let storage: ResultStorage
    let row: Int32

    /// Reads a column by name. A missing column, a NULL where the type is not Optional, and text that
    /// is not of the requested type are all errors that name the column.
    public func decode<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws(PostgresError) -> Value {
        guard let index = storage.columnIndex[column] else {
            throw PostgresError(.decoding, "the result has no column \"\(column)\"", column: column)
        }
        return try decode(at: index, name: column)
    }

    /// Reads a column by position, for results whose columns are unnamed (`SELECT count(*)`).
    public func decode<Value: PostgresDecodable>(column index: Int, as type: Value.Type = Value.self) throws(PostgresError) -> Value {
        guard index >= 0, index < storage.columnTypes.count else {
            throw PostgresError(.decoding, "the result has no column at position \(index)")
        }
        return try decode(at: Int32(index), name: "#\(index)")
    }

    public func isNull(_ column: String) -> Bool {
        guard let index = storage.columnIndex[column] else { return true }
        return PQgetisnull(storage.result, row, index) == 1
    }

    private func decode<Value: PostgresDecodable>(at index: Int32, name: String) throws(PostgresError) -> Value {
        let result = storage.result
        if PQgetisnull(result, row, index) == 1 {
            if let none = Value.valueForNull { return none }
            throw PostgresError(.decoding, "column \"\(name)\" is NULL, which \(Value.self) cannot hold", column: name)
        }
        let length = Int(PQgetlength(result, row, index))
        // libpq returns NULL only for a row or column out of range: the row comes from the result's own
        // count and the column was looked up or range-checked by the caller (a NULL value is an empty
        // string, not a null pointer).
        let bytes = UnsafeRawPointer(PQgetvalue(result, row, index)!).assumingMemoryBound(to: UInt8.self)
        do {
            return try Value.decode(UnsafeBufferPointer(start: bytes, count: length), type: storage.columnTypes[Int(index)])
        } catch {
            throw PostgresError(.decoding, "column \"\(name)\": \(error.message)", column: name)
        }
    }
}
