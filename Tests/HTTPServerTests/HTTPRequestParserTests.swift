import TestSupport
import HTTPServer
import Testing

@Suite("Request line and headers (RFC 9112 §3, §5)")
struct HTTPRequestParserTests {
    @Test("a simple GET parses into method, path, query and headers")
    func simpleGet() throws {
        let requests = try parse("GET /v1/cities?limit=10&q=da+nang HTTP/1.1\r\nHost: example.com\r\nX-Trace: a\r\n\r\n")
        let request = try #require(requests.first)
        #expect(request.method == .get)
        #expect(request.path == "/v1/cities")
        #expect(request.query == "limit=10&q=da+nang")
        #expect(request.queryValue("q") == "da nang")
        #expect(request.version == .http1_1)
        #expect(request.headers["host"] == "example.com")
        #expect(request.headers["X-TRACE"] == "a")
        #expect(request.body.isEmpty)
    }

    @Test("query items are percent-decoded and keep their order")
    func queryDecoding() throws {
        let request = try #require(try parse("GET /s?b=%E6%A8%AA%E6%B5%9C&a=1&a=2&flag HTTP/1.1\r\nHost: h\r\n\r\n").first)
        #expect(request.queryItems.map(\.name) == ["b", "a", "a", "flag"])
        #expect(request.queryItems.map(\.value) == ["横浜", "1", "2", ""])
    }

    @Test("two requests in one buffer parse in order")
    func pipelined() throws {
        let requests = try parse("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(requests.map(\.path) == ["/a", "/b"])
    }

    @Test("empty lines before the request line are ignored")
    func leadingEmptyLines() throws {
        #expect(try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").count == 1)
    }

    @Test("header values are trimmed and may contain tabs and obs-text")
    func headerValues() throws {
        let request = try #require(try parse("GET / HTTP/1.1\r\nHost: h\r\nX-A: \t a\tb \t\r\nX-B:\r\n\r\n").first)
        #expect(request.headers["x-a"] == "a\tb")
        #expect(request.headers["x-b"] == "")
    }

    @Test("OPTIONS * is accepted")
    func optionsAsterisk() throws {
        #expect(try parse("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").first?.target == "*")
    }

    @Test("HTTP/1.0 without Host is accepted")
    func http10WithoutHost() throws {
        #expect(try parse("GET / HTTP/1.0\r\n\r\n").first?.version == .http1_0)
    }

    @Test("an extension method that is a token is accepted")
    func extensionMethod() throws {
        #expect(try parse("PROPFIND / HTTP/1.1\r\nHost: h\r\n\r\n").first?.method.rawValue == "PROPFIND")
    }

    @Test("request lines that break the grammar get 400", arguments: [
        "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.1 \r\nHost: h\r\n\r\n",
        "GET /\r\nHost: h\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTX/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.10\r\nHost: h\r\n\r\n",
        "GET /a\u{7F} HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET /caf\u{E9} HTTP/1.1\r\nHost: h\r\n\r\n",
        " GET / HTTP/1.1\r\nHost: h\r\n\r\n",
    ])
    func badRequestLine(text: String) {
        #expect(rejection(text) == 400)
    }

    @Test("authority-form targets, asterisk-form outside OPTIONS and malformed absolute-form targets get 400", arguments: [
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET http:/example.com/ HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET http:///path HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET http://user@example.com/ HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET http://example.com/#frag HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET ftp://example.com/ HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET http://example.com/ HTTP/1.1\r\n\r\n",
    ])
    func nonOriginForm(text: String) {
        #expect(rejection(text) == 400)
    }

    @Test("an absolute-form target is accepted, routed by its path, and its authority replaces Host (RFC 9112 §3.2.2)")
    func absoluteForm() throws {
        let request = try #require(try parse("GET http://api.example.jp:8080/v1/cities?limit=2 HTTP/1.1\r\nHost: other.example\r\n\r\n").first)
        #expect(request.path == "/v1/cities" && request.query == "limit=2")
        #expect(request.headers["host"] == "api.example.jp:8080" && request.headers.values(for: "host").count == 1)
        #expect(try parse("GET HTTPS://example.jp HTTP/1.1\r\nHost: example.jp\r\n\r\n").first?.target == "/")
        #expect(try parse("GET http://example.jp?q=1 HTTP/1.1\r\nHost: example.jp\r\n\r\n").first?.target == "/?q=1")
    }

    @Test("an Expect other than 100-continue gets 417 (RFC 9110 §10.1.1)", arguments: [
        "Expect: 100-continue, x-foo", "Expect: 200-ok", "Expect:", "Expect: 100-continue\r\nExpect: x-foo",
    ])
    func unmetExpectation(field: String) {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\n\(field)\r\nContent-Length: 1\r\n\r\nx") == 417)
        #expect(rejection("GET / HTTP/1.0\r\n\(field)\r\n\r\n") == 417)
    }

    @Test("HTTP versions other than 1.0 and 1.1 get 505", arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/3.0"])
    func unsupportedVersion(version: String) {
        #expect(rejection("GET / \(version)\r\nHost: h\r\n\r\n") == 505)
    }

    @Test("an HTTP/1.1 request without Host gets 400")
    func missingHost() {
        #expect(rejection("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") == 400)
    }

    @Test("a request with two Host headers gets 400")
    func twoHosts() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == 400)
    }

    @Test("a Host with a space or slash gets 400")
    func invalidHost() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n") == 400)
    }

    @Test("whitespace between a header name and the colon gets 400")
    func spaceBeforeColon() {
        #expect(rejection("GET / HTTP/1.1\r\nHost : h\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A\t: b\r\n\r\n") == 400)
    }

    @Test("obsolete line folding gets 400")
    func obsFold() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n two\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: one\r\n\ttwo\r\n\r\n") == 400)
    }

    @Test("a header line without a colon or with a non-token name gets 400")
    func malformedField() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nBad[Name]: v\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\n: v\r\n\r\n") == 400)
    }

    @Test("a control character in a header value gets 400")
    func controlInValue() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{01}b\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\u{00}b\r\n\r\n") == 400)
    }

    @Test("a bare CR anywhere gets 400")
    func bareCR() {
        #expect(rejection("GET / HTTP/1.1\rHost: h\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\n\r\r\n") == 400)
    }

    @Test("a bare LF as line terminator gets 400")
    func bareLF() {
        #expect(rejection("GET / HTTP/1.1\nHost: h\r\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\n\r\n") == 400)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\n\n") == 400)
    }

    @Test("a request line longer than the limit gets 414")
    func longRequestLine() {
        let limits = HTTPRequestParser.Limits(maxRequestLineBytes: 64)
        let path = "/" + String(repeating: "a", count: 100)
        #expect(rejection("GET \(path) HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits) == 414)
        #expect(rejection("GET \(path)", limits: limits) == 414)
        #expect(rejection("GET /short HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits) == nil)
    }

    @Test("a request line refused as too long names its method and path when the query is what ran over")
    func routableStartOfALongLine() {
        func start(_ text: String) -> (String, String)? {
            Array(text.utf8).withUnsafeBufferPointer { HTTPRequestParser.routableStart(of: $0, pathLimit: 16) }
                .map { ($0.method.rawValue, $0.path) }
        }
        let query = "?q=" + String(repeating: "a", count: 100)
        #expect(start("GET /companies\(query)") ?? ("", "") == ("GET", "/companies"))
        #expect(start("\r\nPOST /needs/new\(query)") ?? ("", "") == ("POST", "/needs/new"), "empty lines before a request are skipped")
        #expect(start("GET /\(String(repeating: "a", count: 100))") == nil, "the path ran over, not the query")
        #expect(start("GET /\(String(repeating: "a", count: 20))?q=1") == nil, "a path over the path limit")
        #expect(start("GET http://example.jp/companies\(query)") == nil, "absolute-form")
        #expect(start("GET /com panies\(query)") == nil)
        #expect(start("G\u{7F}T /companies\(query)") == nil)
    }

    @Test("a header section larger than the limit gets 431")
    func largeHeaderSection() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 256)
        let big = String(repeating: "v", count: 300)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(big)\r\n\r\n", limits: limits) == 431)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nX-Big: \(big)", limits: limits) == 431)
    }

    @Test("more header fields than the limit gets 431")
    func tooManyHeaders() {
        let limits = HTTPRequestParser.Limits(maxHeaderCount: 3)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits) == nil)
        #expect(rejection("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: limits) == 431)
    }

    // Found by Tests/fuzz/: each verdict must rest on the same bytes whether they arrive at once or one by
    // one (`rejection` parses both ways and records any disagreement).
    @Test("an overlong request line ending in a bare LF gets 414 however it arrives")
    func overlongRequestLineWithBareLF() {
        let limits = HTTPRequestParser.Limits(maxRequestLineBytes: 16)
        #expect(rejection("GET /aaaaaaaaaaaaaaaaaaaa HTTP/1.1\nHost: h\n\n", limits: limits) == 414)
        #expect(rejection("GET /aaaaaaaaaaaaaaaaaaaa HTTP/1.1\rX", limits: limits) == 414)
    }

    @Test("a request line of exactly the limit is accepted even when its CR arrives alone")
    func requestLineOfExactlyTheLimit() {
        let line = "GET /aaaaaaa HTTP/1.1"
        let limits = HTTPRequestParser.Limits(maxRequestLineBytes: line.utf8.count)
        #expect(rejection("\(line)\r\nHost: h\r\n\r\n", limits: limits) == nil)
    }

    @Test("a bare CR as the last byte the header limit allows gets 431 however it arrives")
    func bareCRAtTheHeaderLimit() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 32)
        let head = "GET / HTTP/1.1\r\nHost: hhhhhhhhh\rY: 1\r\n\r\n"
        #expect(Array(head.utf8)[31] == UInt8(ascii: "\r"))
        #expect(rejection(head, limits: limits) == 431)
    }

    @Test("endless empty lines before a request line get 431")
    func endlessEmptyLines() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 256)
        #expect(rejection(String(repeating: "\r\n", count: 200), limits: limits) == 431)
    }
}
