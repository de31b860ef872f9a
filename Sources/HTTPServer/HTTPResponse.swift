/// A response to one request. The server adds `Date`, `Content-Length` (for complete bodies) or
/// `Transfer-Encoding: chunked` (for streamed ones) and `Connection` itself; values the handler puts
/// in those fields are replaced, because framing is the server's job (RFC 9112 §6).
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        /// The whole content, sent with a Content-Length.
        case bytes([UInt8])
        /// Content produced while it is sent, with chunked transfer coding (RFC 9112 §7.1): for exports
        /// too large to hold in memory. The closure writes pieces through the writer and returns when
        /// done; throwing ends the connection without the final chunk, so the client sees the
        /// response as incomplete rather than silently truncated.
        case stream(@Sendable (inout HTTPBodyWriter) async throws -> Void)
    }

    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: Body

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], stream: @escaping @Sendable (inout HTTPBodyWriter) async throws -> Void) {
        self.status = status
        self.headers = headers
        self.body = .stream(stream)
    }

    /// A response with a text body; `contentType` defaults to UTF-8 plain text.
    public init(status: HTTPStatus = .ok, text: String, contentType: String = "text/plain; charset=utf-8") {
        self.init(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }
}

extension HTTPResponse {
    /// An RFC 9457 problem document. Every error response the server writes itself goes through here.
    public static func problem(_ status: HTTPStatus, detail: String) -> HTTPResponse {
        var json = "{\"type\":\"about:blank\",\"title\":"
        appendJSONString(status.reasonPhrase, to: &json)
        json += ",\"status\":\(status.code),\"detail\":"
        appendJSONString(detail, to: &json)
        json += "}"
        return HTTPResponse(status: status, headers: ["Content-Type": "application/problem+json"], body: Array(json.utf8))
    }

    /// Escapes a string as a JSON string literal (RFC 8259 §7), so the server needs no JSON encoder.
    static func appendJSONString(_ string: String, to json: inout String) {
        json += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }
}
