import EventIO

/// Serves one accepted connection, request after request, as one child task of the server's task
/// group. Requests are handled strictly one at a time: a pipelined request waits in the receive buffer
/// until the previous response is written, which is what keeps responses in request order (RFC 9112 §9.3.2).
struct HTTPConnection {
    let socket: TCPConnection
    let id: UInt64
    let registry: ConnectionRegistry
    let configuration: HTTPServer.Configuration
    let handler: HTTPServer.Handler
    var parser: HTTPRequestParser
    var input = ReceiveBuffer()
    var output: [UInt8] = []
    var dates: HTTPDateCache

    init(socket: TCPConnection, id: UInt64, registry: ConnectionRegistry, configuration: HTTPServer.Configuration, handler: @escaping HTTPServer.Handler) {
        self.socket = socket
        self.id = id
        self.registry = registry
        self.configuration = configuration
        self.handler = handler
        self.parser = HTTPRequestParser(limits: configuration.limits)
        self.dates = HTTPDateCache(clock: configuration.clock)
        output.reserveCapacity(4096)
    }

    /// What ends a connection, and so how it is closed.
    enum Ending {
        /// The peer closed, vanished or stayed idle: close at once, nothing to say.
        case silently
        /// We answered and chose to close (Connection: close, errors): close without losing the answer.
        case afterResponse
    }

    mutating func run() async {
        let ending = await serve()
        registry.remove(id)
        switch ending {
        case .silently: socket.close()
        case .afterResponse: await socket.closeGracefully()
        }
    }

    private mutating func serve() async -> Ending {
        var firstRequest = true
        while true {
            let head: HTTPRequest
            switch await readHead(firstRequest: firstRequest) {
            case .request(let request): head = request
            case .ended(let ending): return ending
            }
            firstRequest = false
            guard var request = await readBody(of: head) else { return .afterResponse }
            request.remoteAddress = socket.remoteAddress
            let keepAlive = request.wantsKeepAlive
            let (response, handlerTimedOut) = await respond(to: request)
            let closeAfter = !keepAlive || handlerTimedOut || registry.isDraining || Self.asksToClose(response)
            guard await write(response, to: request, keepAlive: !closeAfter) else { return .silently }
            if closeAfter { return .afterResponse }
        }
    }

    private enum HeadOutcome {
        case request(HTTPRequest)
        case ended(Ending)
    }

    /// Reads until a request head is complete. With nothing buffered the connection is idle (closed
    /// silently after the idle timeout; a new connection gets the header timeout); once bytes of a
    /// head have arrived, the head must complete within the header timeout or get 408.
    private mutating func readHead(firstRequest: Bool) async -> HeadOutcome {
        var headDeadline: Deadline?
        while true {
            do {
                let (event, consumed) = try input.withReadable { (bytes) throws(HTTPParseError) in try parser.parse(bytes) }
                input.consume(consumed)
                if case .head(let request)? = event { return .request(request) }
            } catch {
                // A query too long to read still names its page: the application may answer on the page's behalf.
                let start = error.status == .uriTooLong ? input.withReadable { HTTPRequestParser.routableStart(of: $0) } : nil
                await fail(error, refusing: start)
                return .ended(.afterResponse)
            }
            let outcome: TCPConnection.FillOutcome
            if input.isEmpty, headDeadline == nil {
                outcome = await waitForRequest(firstRequest: firstRequest)
                if case .timedOut = outcome { return .ended(.silently) }
            } else {
                let deadline = headDeadline ?? .after(configuration.headerTimeout)
                headDeadline = deadline
                outcome = await socket.fill(&input, until: deadline)
                if case .timedOut = outcome {
                    await fail(HTTPParseError(.requestTimeout, "The request head did not arrive within \(configuration.headerTimeout)."))
                    return .ended(.afterResponse)
                }
            }
            if case .closed = outcome { return .ended(.silently) }
            if headDeadline == nil { headDeadline = .after(configuration.headerTimeout) }
        }
    }

    /// Waits between requests. The connection is marked idle only around the wait, so that shutdown
    /// closes exactly the connections that have no request in flight.
    private mutating func waitForRequest(firstRequest: Bool) async -> TCPConnection.FillOutcome {
        let timeout = firstRequest ? configuration.headerTimeout : configuration.idleTimeout
        guard registry.markIdle(id) else { return .closed }
        let outcome = await socket.fill(&input, until: .after(timeout))
        registry.markBusy(id)
        return outcome
    }

    /// Applies the route's body limit, answers `Expect: 100-continue`, and reads the body.
    private mutating func readBody(of head: HTTPRequest) async -> HTTPRequest? {
        var request = head
        do {
            try parser.setBodyLimit(configuration.bodyLimit?(head) ?? configuration.limits.maxBodyBytes)
        } catch {
            // RFC 9110 §10.1.1: a server that will refuse the content answers with the final status
            // instead of 100 Continue; the client then need not send it.
            await fail(error, refusing: head)
            return nil
        }
        if request.expectsContinue, parser.expectsBody, input.isEmpty {
            guard await socket.write(HTTPResponseEncoder.continueLine, until: .after(configuration.writeTimeout)) else { return nil }
        }
        let deadline = Deadline.after(configuration.bodyTimeout)
        while true {
            do {
                let (event, consumed) = try input.withReadable { (bytes) throws(HTTPParseError) in try parser.parse(bytes) }
                input.consume(consumed)
                if case .body(let body)? = event {
                    request.body = body
                    return request
                }
            } catch {
                await fail(error, refusing: head)
                return nil
            }
            switch await socket.fill(&input, until: deadline) {
            case .data: continue
            case .closed: return nil
            case .timedOut:
                await fail(HTTPParseError(.requestTimeout, "The request body did not arrive within \(configuration.bodyTimeout)."))
                return nil
            }
        }
    }

    /// Sends the problem response for a request we cannot read (or the application's own answer to a
    /// request whose head was read, `Configuration.refusal`); the caller then closes, since the stream
    /// can no longer be trusted to be at a request boundary (RFC 9112 §11.2).
    private mutating func fail(_ error: HTTPParseError, refusing head: HTTPRequest? = nil) async {
        let response = head.flatMap { configuration.refusal?($0, error.status) } ?? HTTPResponse.problem(error.status, detail: error.detail)
        _ = await write(response, to: nil, keepAlive: false)
    }

    static func asksToClose(_ response: HTTPResponse) -> Bool {
        guard let connection = response.headers["connection"] else { return false }
        return connection.split(separator: ",").contains { $0.trimmingWhitespace().lowercasedASCII == "close" }
    }
}
