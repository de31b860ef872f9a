/// An incremental HTTP/1.1 request parser over bytes, with no socket in sight (RFC 9112).
///
/// The caller owns the buffer. `parse(_:)` looks at the unconsumed bytes, returns at most one event
/// and how many bytes it consumed; the caller drops those bytes and calls again, reading more from
/// the peer when no event came. A request produces `.head` (body empty), then — after the caller has
/// had the chance to set a per-route body limit and send `100 Continue` — `.body` with the content.
public struct HTTPRequestParser: Sendable {
    /// Size limits, each answered with the status RFC 9110 assigns to it.
    public struct Limits: Sendable, Equatable {
        /// Longest request line; longer gets 414 (RFC 9112 §3, RFC 9110 §15.5.15).
        public var maxRequestLineBytes: Int
        /// Largest header section (request line included); larger gets 431 (RFC 6585 §5).
        public var maxHeaderBytes: Int
        /// Most header fields; more gets 431.
        public var maxHeaderCount: Int
        /// Body limit used until the caller sets one for the request; larger gets 413.
        public var maxBodyBytes: Int

        public init(
            maxRequestLineBytes: Int = 8 * 1024,
            maxHeaderBytes: Int = 32 * 1024,
            maxHeaderCount: Int = 100,
            maxBodyBytes: Int = 1024 * 1024
        ) {
            self.maxRequestLineBytes = maxRequestLineBytes
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
        }
    }

    public enum Event: Sendable {
        /// The request line and headers; `body` is still empty.
        case head(HTTPRequest)
        /// The complete, de-chunked content (empty when the request has none).
        case body([UInt8])
    }

    /// How the body's length is known (RFC 9112 §6.3).
    enum Framing: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    enum State: Sendable {
        case head
        case body
    }

    enum BodyState: Sendable {
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(bytesSeen: Int)
        case done
    }

    public let limits: Limits
    var state = State.head
    var bodyState = BodyState.done
    var framing = Framing.none
    var bodyLimit: Int
    var body: [UInt8] = []
    var scan = HeadScan()

    public init(limits: Limits = Limits()) {
        self.limits = limits
        self.bodyLimit = limits.maxBodyBytes
    }

    /// True between `.head` and `.body` when the request carries content to read.
    public var expectsBody: Bool {
        state == .body && framing != .none
    }

    /// True when the parser sits between requests with nothing buffered: an idle keep-alive point.
    public var isAtRequestBoundary: Bool {
        state == .head && scan.scanned == 0
    }

    /// Sets the body limit for the request whose head was just returned. Throws 413 at once when a
    /// declared Content-Length exceeds it, so the server can refuse before reading (or before sending
    /// `100 Continue`, RFC 9110 §10.1.1).
    public mutating func setBodyLimit(_ limit: Int) throws(HTTPParseError) {
        bodyLimit = limit
        if case .length(let length) = framing, length > limit {
            throw Self.tooLarge(limit)
        }
    }

    public mutating func parse(_ input: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (event: Event?, consumed: Int) {
        switch state {
        case .head:
            guard let (request, consumed) = try parseHead(input) else { return (nil, 0) }
            state = .body
            switch framing {
            case .none: bodyState = .done
            case .length(let length): bodyState = .fixed(remaining: length)
            case .chunked: bodyState = .chunkSize
            }
            return (.head(request), consumed)
        case .body:
            let consumed = try parseBody(input)
            guard case .done = bodyState else { return (nil, consumed) }
            let content = body
            resetForNextRequest()
            return (.body(content), consumed)
        }
    }

    private mutating func resetForNextRequest() {
        state = .head
        framing = .none
        body = []
        bodyLimit = limits.maxBodyBytes
        scan = HeadScan()
    }

    static func tooLarge(_ limit: Int) -> HTTPParseError {
        HTTPParseError(.contentTooLarge, "The request body exceeds the limit of \(limit) bytes for this route.")
    }
}
