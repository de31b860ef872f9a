import FoundationEssentials
public import HTTPServer

/// What a route handler returns: JSON (with an ETag when the resource has a version), no content, or a
/// streamed body. App adds the request id, CORS and logging.
public struct APIResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: HTTPResponse.Body

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: HTTPResponse.Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `version` becomes a strong ETag `"N"`, which clients send back as `If-Match`.
    public static func json<Value: Encodable>(_ value: Value, status: HTTPStatus = .ok, version: Int? = nil) throws -> APIResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let version { headers["ETag"] = "\"\(version)\"" }
        return APIResponse(status: status, headers: headers, body: .bytes(try ResponseJSONEncoder.encode(value)))
    }

    public static var noContent: APIResponse {
        APIResponse(status: HTTPStatus(code: 204), body: .bytes([]))
    }

    public var httpResponse: HTTPResponse {
        var response = HTTPResponse(status: status, headers: headers, body: [])
        response.body = body
        return response
    }
}

extension Problem {
    /// The problem as an `application/problem+json` response (RFC 9457).
    public var response: APIResponse {
        let body = (try? ResponseJSONEncoder.encode(self)) ?? Array(#"{"title":"Internal Server Error","status":500}"#.utf8)
        var headers: HTTPHeaders = ["Content-Type": "application/problem+json"]
        if let retryAfterSeconds { headers["Retry-After"] = String(retryAfterSeconds) }
        return APIResponse(status: HTTPStatus(code: status), headers: headers, body: .bytes(body))
    }
}
