import Glibc
import TestSupport
import HTTPServer
import Testing

@Suite("Serving requests over real sockets")
struct HTTPServerTests {
    static let echo: HTTPServer.Handler = { request in
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("\(request.method) \(request.path) ".utf8) + request.body)
    }

    @Test("a keep-alive connection serves two requests, dated by the configured clock")
    func keepAlive() async throws {
        try await withServer({ $0.clock = { 784_111_777 } }, handler: Self.echo) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
            let first = try await client.readResponse()
            try await client.send("GET /two HTTP/1.1\r\nHost: t\r\n\r\n")
            let second = try await client.readResponse()
            #expect(first.status == 200 && first.text == "GET /one ")
            #expect(second.status == 200 && second.text == "GET /two ")
            // RFC 9110 §5.6.7's own example instant.
            #expect(first.header("date") == "Sun, 06 Nov 1994 08:49:37 GMT")
            #expect(first.header("content-length") == "9")
        }
    }

    @Test("a server given no clock sends no Date header (RFC 9110 §6.6.1), rather than reading the wall clock")
    func noClockNoDate() async throws {
        try await withServer(handler: Self.echo) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("date") == nil)
        }
    }

    @Test("pipelined requests are answered in request order even when the first is slowest")
    func pipelining() async throws {
        let gate = TestEvent()
        let log = RequestLog()
        try await withServer(handler: { request in
            log.append(request.path)
            if request.path == "/slow" { await gate.wait() }
            return HTTPResponse(text: request.path)
        }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\nGET /c HTTP/1.1\r\nHost: t\r\n\r\n")
            gate.fire()
            let bodies = [try await client.readResponse().text, try await client.readResponse().text, try await client.readResponse().text]
            #expect(bodies == ["/slow", "/b", "/c"])
            #expect(log.all == ["/slow", "/b", "/c"])
        }
    }

    @Test("HEAD gets the GET headers, Content-Length included, and no body")
    func head() async throws {
        try await withServer(handler: { _ in HTTPResponse(text: "twelve bytes") }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(bodyless: true)
            #expect(head.status == 200)
            #expect(head.header("content-length") == "12")
            // Had the body been sent, it would be read here as the next status line.
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().text == "twelve bytes")
        }
    }

    @Test("Expect: 100-continue gets 100 Continue before the body is sent")
    func expectContinue() async throws {
        try await withServer(handler: Self.echo) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            #expect(try await client.readResponse().status == 100)
            try await client.send("hello")
            #expect(try await client.readResponse().text == "POST /up hello")
        }
    }

    @Test("Expect: 100-continue with a body over the limit gets 413 at once and a close")
    func expectContinueTooLarge() async throws {
        try await withServer({ $0.limits.maxBodyBytes = 10 }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("POST /up HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("connection") == "close")
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a chunked request body reaches the handler de-chunked")
    func chunkedRequest() async throws {
        try await withServer(handler: Self.echo) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
            try await client.send("4;ext=1\r\ndefg\r\n0\r\n\r\n")
            #expect(try await client.readResponse().text == "POST /c abcdefg")
        }
    }

    @Test("a streamed response is sent with chunked transfer coding")
    func streamedResponse() async throws {
        try await withServer(handler: { _ in
            HTTPResponse(headers: ["Content-Type": "text/csv"]) { writer in
                try await writer.write("id,name\n")
                for row in 1...3 { try await writer.write("\(row),row \(row)\n") }
            }
        }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET /export.csv HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("transfer-encoding") == "chunked")
            #expect(response.header("content-length") == nil)
            #expect(response.text == "id,name\n1,row 1\n2,row 2\n3,row 3\n")
            try await client.send("GET /again HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
    }

    @Test("a request line over the limit gets 414 and a close")
    func uriTooLong() async throws {
        try await withServer({ $0.limits.maxRequestLineBytes = 100 }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET /\(String(repeating: "a", count: 200)) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 414)
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a header section over the limit gets 431 and a close")
    func headersTooLarge() async throws {
        try await withServer({ $0.limits.maxHeaderBytes = 1024 }) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "b", count: 4000))\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 431)
            #expect(response.header("content-type") == "application/problem+json")
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a body over the route's limit gets 413, while a larger route limit admits it")
    func bodyLimitPerRoute() async throws {
        try await withServer({ configuration in
            configuration.limits.maxBodyBytes = 8
            configuration.bodyLimit = { $0.path == "/import" ? 64 : 8 }
        }, handler: Self.echo) { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("POST /import HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\n01234567890123456789")
            #expect(try await client.readResponse().status == 200)
            try await client.send("POST /other HTTP/1.1\r\nHost: t\r\nContent-Length: 20\r\n\r\n01234567890123456789")
            #expect(try await client.readResponse().status == 413)
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a malformed request gets a 400 problem document and a close")
    func badRequest() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("connection") == "close")
            #expect(response.text.contains("\"status\":400"))
            #expect(response.text.contains("\"type\":\"about:blank\""))
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("an HTTP/1.0 request without keep-alive is answered and closed")
    func http10Closes() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.0\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("Connection: close is honoured after the response")
    func connectionClose() async throws {
        try await withServer { _, port in
            let client = try await TestClient.connect(port: port)
            try await client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("connection") == "close")
            #expect(try await client.isClosedByServer())
        }
    }

    @Test("a port another server holds: run() fails with EADDRINUSE, and a later waitUntilListening() says the same, in words")
    func portTaken() async throws {
        try await withServer { _, port in
            let second = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: port)) { _ in HTTPResponse(text: "ok") }
            let taken = HTTPServerError.systemCall("bind", errno: EADDRINUSE)
            await #expect(throws: taken) { try await second.run() }
            await #expect(throws: taken) { _ = try await second.waitUntilListening() }
            #expect("\(taken)" == "bind: Address already in use")
        }
    }
}
