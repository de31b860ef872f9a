import DomainKit
import HTTPServer

/// Cross-origin access for a browser front end, from `CORS_ALLOWED_ORIGINS` (comma-separated exact
/// origins). Only listed origins are echoed; there is no wildcard, because requests carry bearer tokens.
struct CORSPolicy: Sendable {
    let allowedOrigins: Set<String>

    static let allowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE"
    static let allowedHeaders = "Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id"
    static let exposedHeaders = "ETag, Location, Retry-After, X-Request-Id"

    /// The answer to a CORS preflight (an OPTIONS with Access-Control-Request-Method), or nil.
    func preflight(_ request: HTTPRequest) -> APIResponse? {
        guard request.method == .options, request.headers["access-control-request-method"] != nil else { return nil }
        guard let origin = request.headers["origin"], allowedOrigins.contains(origin) else {
            return Problem.forbidden("This origin may not call the API.").response
        }
        var response = APIResponse.noContent
        response.headers["Access-Control-Allow-Methods"] = Self.allowedMethods
        response.headers["Access-Control-Allow-Headers"] = Self.allowedHeaders
        response.headers["Access-Control-Max-Age"] = "600"
        return response
    }

    func decorate(_ response: inout APIResponse, for request: HTTPRequest) {
        guard let origin = request.headers["origin"], allowedOrigins.contains(origin) else { return }
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = Self.exposedHeaders
        response.headers["Vary"] = "Origin"
    }
}
