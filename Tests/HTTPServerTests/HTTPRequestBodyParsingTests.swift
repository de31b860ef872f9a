import TestSupport
import HTTPServer
import Testing

@Suite("Message body framing (RFC 9112 §6, §7)")
struct HTTPRequestBodyParsingTests {
    @Test("a Content-Length body is read exactly")
    func contentLength() throws {
        let requests = try parse("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(requests.map(\.path) == ["/a", "/b"])
        #expect(requests.first?.body == Array("hello".utf8))
    }

    @Test("repeated identical Content-Length values are accepted as one")
    func identicalContentLengths() throws {
        #expect(try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok").first?.body == Array("ok".utf8))
        #expect(try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nok").first?.body == Array("ok".utf8))
    }

    @Test("conflicting Content-Length values get 400")
    func conflictingContentLengths() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok!") == 400)
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 3\r\n\r\nok!") == 400)
    }

    @Test("an empty Content-Length field gets 400 even beside a valid one")
    func emptyContentLengthBesideValidOne() {
        #expect(rejection("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length:\r\nContent-Length: 5\r\n\r\nhello") == 400)
        #expect(rejection("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: ,\r\n\r\nhello") == 400)
    }

    @Test("an empty element in a Transfer-Encoding or Content-Length list gets 400, as llhttp does (RFC 9110 §5.6.1, RFC 9112 §11.2)", arguments: [
        "Transfer-Encoding: chunked,\r\n",
        "Transfer-Encoding: ,chunked\r\n",
        "Transfer-Encoding: gzip,,chunked\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: \r\n",
        "Transfer-Encoding: \r\nTransfer-Encoding: chunked\r\n",
        "Content-Length: ,5\r\n",
        "Content-Length: 5,\r\n",
        "Content-Length: 5, ,5\r\n",
    ])
    func emptyFramingListElements(fields: String) {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\n\(fields)\r\n5\r\nhello\r\n0\r\n\r\n") == 400)
    }

    @Test("an invalid Content-Length gets 400", arguments: ["-1", "+5", "0x10", "1 2", "abc", "", "99999999999999999999999", "5;"])
    func invalidContentLength(value: String) {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\nhello") == 400)
    }

    @Test("a request with both Content-Length and Transfer-Encoding gets 400")
    func bothFramings() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 400)
    }

    @Test("a chunked body is decoded, extensions ignored and trailers discarded")
    func chunked() throws {
        let text = "POST /u HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n6;name=value;flag\r\n world\r\nA \r\n0123456789\r\n0\r\nX-Checksum: abc\r\n\r\n"
            + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n"
        let requests = try parse(text)
        #expect(requests.map(\.path) == ["/u", "/next"])
        #expect(requests.first?.body == Array("hello world0123456789".utf8))
        #expect(requests.first?.headers["x-checksum"] == nil)
    }

    @Test("transfer-coding names compare case-insensitively")
    func chunkedCaseInsensitive() throws {
        #expect(try parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n").first?.body == Array("ok".utf8))
    }

    @Test("an unknown transfer coding before chunked gets 501")
    func unknownCoding() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n") == 501)
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 501)
    }

    @Test("a transfer coding list that does not end in chunked gets 400", arguments: ["chunked, gzip", "gzip", "identity", "chunked, chunked", ","])
    func chunkedNotLast(value: String) {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: \(value)\r\n\r\n0\r\n\r\n") == 400)
    }

    @Test("Transfer-Encoding in an HTTP/1.0 request gets 400")
    func transferEncodingInHTTP10() {
        #expect(rejection("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == 400)
    }

    @Test("bad chunk sizes get 400", arguments: ["-5", "+5", "0x5", "g", "", " 5", "FFFFFFFFFFFFFFFFFF", "5 x"])
    func badChunkSize(size: String) {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nhello\r\n0\r\n\r\n") == 400)
    }

    @Test("chunk data not followed by CRLF gets 400")
    func chunkWithoutCRLF() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokX\r\n0\r\n\r\n") == 400)
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\n0\r\n\r\n") == 400)
    }

    @Test("a chunk-size line ending in a bare LF gets 400")
    func chunkSizeBareLF() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\nok\r\n0\r\n\r\n") == 400)
    }

    @Test("a malformed trailer field gets 400")
    func badTrailer() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: x\r\n\r\n") == 400)
    }

    @Test("a Content-Length over the body limit gets 413 before the body arrives")
    func contentLengthOverLimit() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", bodyLimit: 10) == 413)
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", bodyLimit: 10) == nil)
    }

    @Test("a chunked body that grows over the body limit gets 413")
    func chunkedOverLimit() {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n6\r\n678901\r\n0\r\n\r\n"
        #expect(rejection(text, bodyLimit: 10) == 413)
        #expect(rejection(text, bodyLimit: 12) == nil)
    }

    @Test("the default body limit applies when none is set")
    func defaultBodyLimit() {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 4)
        #expect(rejection("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", limits: limits) == 413)
    }

    @Test("a per-request body limit can be larger than the default")
    func largerRouteLimit() throws {
        let limits = HTTPRequestParser.Limits(maxBodyBytes: 4)
        #expect(try parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", limits: limits, bodyLimit: 5).first?.body.count == 5)
    }

    @Test("Expect: 100-continue and Connection options are visible on the request")
    func expectAndConnection() throws {
        let request = try #require(try parse("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nConnection: Close\r\nContent-Length: 1\r\n\r\nx").first)
        #expect(request.expectsContinue)
        #expect(!request.wantsKeepAlive)
        let old = try #require(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").first)
        #expect(old.wantsKeepAlive)
        #expect(try parse("GET / HTTP/1.0\r\n\r\n").first?.wantsKeepAlive == false)
    }
}
