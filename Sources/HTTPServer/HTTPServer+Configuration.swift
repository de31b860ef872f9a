public import EventIO

extension HTTPServer {
    /// Everything that can be tuned, with defaults suited to a JSON API behind a load balancer.
    public struct Configuration: Sendable {
        /// Numeric IPv4 or IPv6 address (or `localhost`); nothing is resolved through DNS.
        public var host: String = "127.0.0.1"
        /// 0 picks a free port; `waitUntilListening()` returns the one bound.
        public var port: Int = 8080
        public var backlog: Int32 = 1024
        /// Request line, header and default body limits (414, 431, 413).
        public var limits = HTTPRequestParser.Limits()
        /// Body limit per request, asked once the head is parsed (the request's body is still empty),
        /// so that e.g. a CSV import route can allow 20 MiB. Nil uses `limits.maxBodyBytes`.
        public var bodyLimit: (@Sendable (HTTPRequest) -> Int)?
        /// The application's own answer, with this status, to a request refused after its head was read
        /// (a body over its limit or late: its body is then empty) or whose handler ran out of time (503),
        /// e.g. a page in the reader's language for a browser; nil, or no closure, answers with the
        /// problem+json.
        public var refusal: (@Sendable (HTTPRequest, HTTPStatus) -> HTTPResponse?)?
        /// Time for a request's head to arrive once it has begun, and for a new connection's first
        /// request; a partial head then gets 408 (slowloris defence).
        public var headerTimeout: Duration = .seconds(10)
        /// Time for a request's body to arrive after its head; then 408.
        public var bodyTimeout: Duration = .seconds(30)
        /// A keep-alive connection with no request for this long is closed without a response.
        public var idleTimeout: Duration = .seconds(60)
        /// A handler that runs longer is cancelled and the client gets 503. Nil: no limit.
        public var handlerTimeout: Duration? = .seconds(30)
        /// Time for the peer to accept each response write before the connection is dropped.
        public var writeTimeout: Duration = .seconds(30)
        /// Connections beyond this are answered 503 and closed at once.
        public var maxConnections: Int = 10_000
        /// Connections are spread over these loops; the listener stays on the first.
        public var eventLoops: EventLoopGroup = .shared
        /// Seconds since the epoch for the `Date` header: the application passes its one injected clock,
        /// so the server never reads the wall clock itself. Nil: responses carry no `Date` (RFC 9110
        /// §6.6.1 lets a server without a clock leave it out).
        public var clock: (@Sendable () -> Int)?

        public init(host: String = "127.0.0.1", port: Int = 8080) {
            self.host = host
            self.port = port
        }
    }
}
