/// Serialises a response head into the connection's reusable output buffer, so that a complete
/// response leaves in one `send`.
enum HTTPResponseEncoder {
    enum Framing {
        case length(Int)
        case chunked
        /// HTTP/1.0 peers do not know chunked coding: the body ends when the connection closes (RFC 9112 §6.3 rule 8).
        case untilClose
    }

    private static let crlf: [UInt8] = [HTTPSyntax.cr, HTTPSyntax.lf]
    static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// True for statuses whose responses never have content (RFC 9110 §6.4.1): 1xx, 204 and 304.
    static func forbidsBody(_ status: HTTPStatus) -> Bool {
        status.code < 200 || status.code == 204 || status.code == 304
    }

    static func appendHead(
        _ response: HTTPResponse,
        framing: Framing,
        keepAlive: Bool,
        version: HTTPVersion,
        date: [UInt8],
        into output: inout [UInt8]
    ) {
        // RFC 9110 §6.2: a server sends its highest conformant version, whatever the request's was.
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status.code, to: &output)
        output.append(HTTPSyntax.space)
        output.append(contentsOf: response.status.reasonPhrase.utf8)
        output.append(contentsOf: crlf)
        var hasDate = false
        for field in response.headers {
            if HTTPHeaders.namesMatch(field.name, "content-length") || HTTPHeaders.namesMatch(field.name, "transfer-encoding")
                || HTTPHeaders.namesMatch(field.name, "connection") {
                continue
            }
            // A name or value with CR, LF or NUL would let handler data split the response (RFC 9110 §5.5);
            // such a field is dropped rather than sent.
            guard isSafeName(field.name), isSafeValue(field.value) else { continue }
            if !hasDate, HTTPHeaders.namesMatch(field.name, "date") { hasDate = true }
            output.append(contentsOf: field.name.utf8)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: crlf)
        }
        if !hasDate { output.append(contentsOf: date) }
        switch framing {
        case .length(let length):
            // RFC 9110 §8.6: no Content-Length in 1xx and 204 responses.
            if response.status.code >= 200, response.status.code != 204 {
                output.append(contentsOf: "Content-Length: ".utf8)
                appendDecimal(length, to: &output)
                output.append(contentsOf: crlf)
            }
        case .chunked:
            output.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        case .untilClose:
            break
        }
        if !keepAlive {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http1_0 {
            // RFC 9112 §9.3: an HTTP/1.0 peer only keeps the connection when told so.
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        output.append(contentsOf: crlf)
    }

    /// One chunk of a chunked body: size in hex, CRLF, data, CRLF (RFC 9112 §7.1).
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        var framed: [UInt8] = []
        framed.reserveCapacity(bytes.count + 12)
        framed.append(contentsOf: String(bytes.count, radix: 16).utf8)
        framed.append(contentsOf: crlf)
        framed.append(contentsOf: bytes)
        framed.append(contentsOf: crlf)
        return framed
    }

    static let lastChunk = Array("0\r\n\r\n".utf8)

    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &output) }
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(HTTPSyntax.isToken)
    }

    private static func isSafeValue(_ value: String) -> Bool {
        value.utf8.allSatisfy(HTTPSyntax.isFieldValueByte)
    }
}
