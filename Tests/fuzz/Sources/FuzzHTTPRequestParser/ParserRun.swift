import HTTPServer

/// What a parser made of a byte stream: the requests it completed, then either the status it
/// refused the stream with or how many bytes it still held waiting for more. An incremental parser
/// must reach the same outcome however reads split the stream (docs/http-server.md, Design).
struct ParseOutcome: Equatable {
    struct Request: Equatable {
        var method: String
        var target: String
        var headerCount: Int
        var body: [UInt8]
    }

    var requests: [Request] = []
    var refusedWith: Int?
    var bytesHeld = 0
}

/// Drives one `HTTPRequestParser` the way `HTTPConnection` does — parse, drop what was consumed,
/// set the route's body limit after each head — and traps on any broken invariant, which libFuzzer
/// reports as a crash and saves the input for.
struct ParserRun {
    /// Small limits, so that inputs of a few hundred bytes reach every limit check; the code paths
    /// are the same as with the production defaults.
    static let limits = HTTPRequestParser.Limits(
        maxRequestLineBytes: 128,
        maxHeaderBytes: 512,
        maxHeaderCount: 8,
        maxBodyBytes: 1024
    )
    /// A per-route limit below the default, as `Configuration.bodyLimit` sets for small payloads.
    static let routeBodyLimit = 256

    private var parser = HTTPRequestParser(limits: Self.limits)
    private var buffer: [UInt8] = []
    private var head: HTTPRequest?
    private(set) var outcome = ParseOutcome()

    /// Adds bytes and parses until the parser needs more or refuses the stream.
    mutating func feed(_ bytes: UnsafeRawBufferPointer.SubSequence) {
        guard outcome.refusedWith == nil else { return }
        buffer.append(contentsOf: bytes)
        do {
            while try step() {}
        } catch {
            outcome.refusedWith = error.status.code
            expect((400...599).contains(error.status.code), "a refusal carries a 4xx or 5xx status, got \(error)")
        }
        outcome.bytesHeld = outcome.refusedWith == nil ? buffer.count : 0
    }

    /// One call to `parse(_:)`; false when it produced no event, so more input is needed.
    private mutating func step() throws(HTTPParseError) -> Bool {
        let (event, consumed) = try buffer.withUnsafeBufferPointer { (input) throws(HTTPParseError) in
            try parser.parse(input)
        }
        expect(consumed >= 0 && consumed <= buffer.count, "consumed \(consumed) of \(buffer.count) bytes")
        buffer.removeFirst(consumed)
        switch event {
        case .head(let request)?:
            expect(head == nil, "a second head arrived before the first request's body")
            expect(consumed > 0, "a head was returned without consuming its bytes")
            head = request
            try parser.setBodyLimit(Self.routeBodyLimit)
            return true
        case .body(let body)?:
            guard let request = head else { fatalError("a body arrived without a head") }
            check(body, of: request)
            outcome.requests.append(.init(
                method: request.method.rawValue, target: request.target,
                headerCount: request.headers.count, body: body
            ))
            head = nil
            return true
        case nil:
            return false
        }
    }

    /// The body fits the route's limit and, when the head declared a Content-Length (and so no
    /// Transfer-Encoding, which the parser refuses alongside it), has exactly that length.
    private func check(_ body: [UInt8], of request: HTTPRequest) {
        expect(body.count <= Self.routeBodyLimit, "a body of \(body.count) bytes passed a limit of \(Self.routeBodyLimit)")
        guard let declared = request.headers["content-length"] else { return }
        // Identical repeated values ("5, 5") are accepted as one (RFC 9110 §8.6), and empty list
        // elements are ignored (RFC 9110 §5.6.1), so the first non-empty element suffices.
        let elements = declared.split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" } }
        guard let length = elements.first(where: { !$0.isEmpty }).flatMap({ Int($0) }) else { fatalError("a head with Content-Length \(declared.debugDescription) was accepted") }
        expect(body.count == length, "Content-Length \(length) but a body of \(body.count) bytes")
    }
}

/// A broken invariant is a bug, so it traps, and libFuzzer keeps the input that caused it.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}
