import CLibPQ

extension PostgresConnection {
    /// Bulk-loads rows with `COPY … FROM STDIN` (text format), the fastest way into PostgreSQL. The
    /// statement is trusted SQL from code (COPY takes no parameters); the rows are data, escaped by
    /// `CopyInWriter`. Returns the number of rows the server stored. Runs inside the caller's
    /// transaction if there is one, so an import is all-or-nothing.
    @discardableResult
    public func copyIn(_ statement: PostgresQuery, rows: (inout CopyInWriter) async throws -> Void) async throws -> Int {
        guard statement.bindCount == 0 else { throw PostgresError(.encoding, "COPY takes no parameters") }
        guard PQsendQuery(connection, statement.sql) == 1 else { throw connectionError() }
        try await flush()
        let started = try await readResults()
        defer { started.forEach { PQclear($0) } }
        guard let first = started.last, PQresultStatus(first) == PGRES_COPY_IN else {
            for result in started { try check(result) }
            throw PostgresError(.protocolViolation, "the statement did not start COPY FROM STDIN")
        }
        var writer = CopyInWriter()
        do {
            try await rows(&writer)
            try await send(writer.takeBuffer())
            guard PQputCopyEnd(connection, nil) == 1 else { throw connectionError() }
        } catch {
            // Abort the COPY so the session stays usable, then report the caller's error.
            _ = PQputCopyEnd(connection, "aborted by the client")
            try? await flush()
            let results = try? await readResults()
            results?.forEach { PQclear($0) }
            throw error
        }
        try await flush()
        let finished = try await readResults()
        defer { finished.forEach { PQclear($0) } }
        for result in finished { try check(result) }
        return finished.last.map { Int(String(cString: PQcmdTuples($0))) ?? 0 } ?? 0
    }

    func send(copyData bytes: [UInt8]) async throws(PostgresError) {
        try await send(bytes)
    }

    private func send(_ bytes: [UInt8]) async throws(PostgresError) {
        guard !bytes.isEmpty else { return }
        while true {
            let queued = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
            }
            switch queued {
            case 1:
                try await flush()
                return
            case 0:
                try await flush()
            default:
                throw connectionError()
            }
        }
    }
}

/// Builds COPY text-format rows: tab-separated, `\N` for NULL, and backslash escapes for the bytes
/// that would end a field or a row (PostgreSQL manual, COPY, "Text Format").
public struct CopyInWriter: Sendable {
    private var buffer: [UInt8] = []
    /// Rows are sent in chunks of about this size, so memory stays flat however many rows there are.
    static let chunkSize = 256 * 1024

    init() {
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    public mutating func appendRow(_ values: [(any PostgresEncodable)?]) throws(PostgresError) {
        var field: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let value else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            guard !type(of: value).isBinary else {
                throw PostgresError(.encoding, "COPY text format cannot carry binary values (bytea)")
            }
            field.removeAll(keepingCapacity: true)
            try value.encode(into: &field)
            for byte in field {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    var isChunkFull: Bool { buffer.count >= Self.chunkSize }

    mutating func takeBuffer() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }
}

extension PostgresConnection {
    /// Sends the writer's rows once they fill a chunk; call it inside the `rows` closure of `copyIn`
    /// when loading many rows, so memory stays bounded.
    public func flushIfFull(_ writer: inout CopyInWriter) async throws(PostgresError) {
        guard writer.isChunkFull else { return }
        try await send(copyData: writer.takeBuffer())
    }
}
