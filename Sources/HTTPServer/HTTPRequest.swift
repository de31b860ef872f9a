/// One parsed request. `path` and `query` are the raw (still percent-encoded) parts of the
/// origin-form target (RFC 9112 §3.2.1): routing decides how to decode path segments, while
/// `queryItems` decodes the query on demand so requests that never look at it pay nothing.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target as received: `/path?query`, or `*` for `OPTIONS *`.
    public var target: String
    public var path: String
    /// The text after the first `?`, nil when the target has none.
    public var query: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// `host:port` of the peer, empty for requests that did not come from a socket.
    public var remoteAddress: String

    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        if let question = target.utf8.firstIndex(of: HTTPSyntax.question) {
            path = String(target[..<question])
            query = String(target[target.utf8.index(after: question)...])
        } else {
            path = target
            query = nil
        }
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3): HTTP/1.1
    /// persists unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        var close = false
        var keepAlive = false
        for value in headers.values(for: "connection") {
            for option in value.split(separator: ",") {
                let token = option.trimmingWhitespace()
                if token.lowercasedASCII == "close" { close = true }
                if token.lowercasedASCII == "keep-alive" { keepAlive = true }
            }
        }
        if close { return false }
        return version == .http1_1 || keepAlive
    }

    /// `Expect: 100-continue` (RFC 9110 §10.1.1); only meaningful from HTTP/1.1 clients.
    public var expectsContinue: Bool {
        guard version == .http1_1, let expect = headers["expect"] else { return false }
        return Substring(expect).trimmingWhitespace().lowercasedASCII == "100-continue"
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.utf8.first, HTTPSyntax.isWhitespace(first) { result = result.dropFirst() }
        while let last = result.utf8.last, HTTPSyntax.isWhitespace(last) { result = result.dropLast() }
        return result
    }

    var lowercasedASCII: String {
        String(decoding: utf8.map(HTTPSyntax.lowercased), as: UTF8.self)
    }
}
