/// Writes the pieces of a streamed response body, each as one chunk (RFC 9112 §7.1). Given to a
/// `HTTPResponse.Body.stream` closure by the connection; writing waits while the peer is slow to
/// read, so a large export never sits in memory whole.
public struct HTTPBodyWriter: ~Copyable {
    let sink: @Sendable ([UInt8]) async throws -> Void
    /// Bytes written so far, for logs and metrics.
    public private(set) var bytesWritten = 0

    init(sink: @escaping @Sendable ([UInt8]) async throws -> Void) {
        self.sink = sink
    }

    /// Sends the bytes as one chunk. Empty input is ignored: a zero-size chunk would end the body.
    public mutating func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await sink(bytes)
        bytesWritten += bytes.count
    }

    public mutating func write(_ string: String) async throws {
        try await write(Array(string.utf8))
    }
}
