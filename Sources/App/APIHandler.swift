import Console
import DomainKit
import EventIO
import FoundationEssentials
import HTTPServer
import Postgres
import Synchronization

/// Every request passes here: request id, CORS, routing, authentication, the route's access rule, the
/// handler, and the mapping of any error to a problem response — in exactly one place — then one
/// access-log line and the metrics.
struct APIHandler: Sendable {
    typealias Authenticator = @Sendable (_ token: String, _ clientAddress: String) async throws -> Authentication?

    let router: Router
    let authenticate: Authenticator
    let cors: CORSPolicy
    let metrics: Metrics
    let log: Log
    let trustProxy: Bool
    let idempotency: IdempotencyKeys

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let started = Deadline.now
        let requestID = Self.requestID(from: request)
        var routeLabel = "unmatched"
        var response: APIResponse
        if let preflight = cors.preflight(request) {
            response = preflight
        } else {
            switch router.resolve(method: request.method, path: request.path) {
            case .notFound:
                response = Problem.notFound("No route matches \(request.method.rawValue) \(request.path).").response
            case .methodNotAllowed(let allowed):
                response = Problem(status: 405, title: "Method Not Allowed", detail: "\(request.path) does not accept \(request.method.rawValue).").response
                response.headers["Allow"] = allowed.map(\.rawValue).joined(separator: ", ")
            case .matched(let route, let parameters):
                routeLabel = route.template.description
                // Trigger-written audit rows name the request through this (DomainKit's AuditContext).
                response = await AuditContext.$requestID.withValue(requestID) {
                    await run(route, parameters: parameters, request: request, requestID: requestID)
                }
            }
        }
        response.headers["X-Request-Id"] = requestID
        cors.decorate(&response, for: request)
        let seconds = Double((Deadline.now.nanoseconds - started.nanoseconds)) / 1e9
        metrics.observe(method: request.method.rawValue, route: routeLabel, status: response.status.code, seconds: seconds)
        log(.info, "request", [
            "request.id": requestID, "http.method": request.method.rawValue, "http.route": routeLabel,
            "http.status": String(response.status.code), "duration_ms": String(Int(seconds * 1000)),
        ])
        return response.httpResponse
    }

    /// A console request: the same request id, client address, access log line and metrics as an API
    /// request, with the console answering instead of the route table.
    func respondWithConsole(_ console: Console, to request: HTTPRequest) async -> HTTPResponse {
        let started = Deadline.now
        let requestID = Self.requestID(from: request)
        var (response, page) = await console.respond(to: request, clientAddress: clientAddressOf(request), requestID: requestID)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
        let seconds = Double((Deadline.now.nanoseconds - started.nanoseconds)) / 1e9
        // Console pages are labelled by template like API routes; a path no page has is "unmatched".
        let routeLabel = page.map { "console " + $0 } ?? "unmatched"
        metrics.observe(method: request.method.rawValue, route: routeLabel, status: response.status.code, seconds: seconds)
        log(.info, "request", [
            "request.id": requestID, "http.method": request.method.rawValue, "http.route": routeLabel,
            "http.status": String(response.status.code), "duration_ms": String(Int(seconds * 1000)),
        ])
        return response
    }

    private func run(_ route: Route, parameters: [String: String], request: HTTPRequest, requestID: String) async -> APIResponse {
        do {
            try Self.refuseRepeatedFields(of: request)
            let clientAddress = clientAddressOf(request)
            let authentication = try await authorize(route.access, request: request, clientAddress: clientAddress)
            try Self.refuseUnknownQuery(of: request, route: route)
            let principal = authentication?.principal
            let context = RequestContext(
                request: request, parameters: parameters, principal: principal, requestID: requestID, clientAddress: clientAddress,
                account: authentication?.account)
            guard request.method == .post, let principal, let key = context.idempotencyKey else {
                return try await route.handler(context)
            }
            switch try await idempotency.claim(key: key, principal: principal, request: request) {
            case .replay(let stored):
                return stored
            case .run:
                do {
                    let response = try await route.handler(context)
                    await idempotency.finish(key: key, principal: principal, response: response, leavingOut: route.secretMembers)
                    return response
                } catch {
                    // The request failed: forget the key so that a corrected retry runs.
                    await idempotency.release(key: key, principal: principal)
                    throw error
                }
            }
        } catch {
            return problem(for: error, requestID: requestID, route: route).response
        }
    }

    /// A 400 for a query parameter the route does not read (`Route.query`), after authorization, so that a
    /// caller without access learns nothing of the route's parameters.
    static func refuseUnknownQuery(of request: HTTPRequest, route: Route) throws(Problem) {
        if let problem = RequestContext.namelessQueryProblem(request) { throw problem }
        guard let name = request.queryItems.first(where: { !route.query.contains($0.name) })?.name else { return }
        let shown = name.count > 64 ? String(name.prefix(64)) + "…" : name
        let known = route.query.isEmpty ? "none" : route.query.sorted().joined(separator: ", ")
        throw Problem.badQuery(shown, "is not one this operation reads (it reads: \(known))")
    }

    /// Request fields this API reads as one value (RFC 9110 §5.3: not lists). Sent twice, a proxy in front and
    /// this server could each act on a different one (whose token, which version), so the request is refused.
    static let singletonFields = ["Authorization", "Content-Type", "Idempotency-Key", "If-Match"]

    static func refuseRepeatedFields(of request: HTTPRequest) throws(Problem) {
        for name in singletonFields where request.headers.values(for: name).count > 1 {
            throw Problem.badRequest("The request carries more than one \(name) header.",
                                     errors: [FieldError(field: name, message: "must be sent once")])
        }
    }

    /// 401 when credentials are missing or invalid, 403 when the role or the key's scopes do not reach.
    private func authorize(_ access: Access, request: HTTPRequest, clientAddress: String) async throws -> Authentication? {
        guard case .roles(let roles, let scope) = access else { return nil }
        let context = RequestContext(request: request, parameters: [:], principal: nil, requestID: "")
        guard request.headers["authorization"] != nil else {
            throw Problem.unauthorized("This route needs Authorization: Bearer <token>.")
        }
        guard let token = context.bearerToken else {
            throw Problem.unauthorized("Authorization must be: Bearer <token>.")
        }
        guard let authentication = try await authenticate(token, clientAddress) else {
            throw Problem.unauthorized("The token is invalid, expired or revoked.")
        }
        let principal = authentication.principal
        guard roles.contains(principal.role) else {
            throw Problem.forbidden("The \(principal.role.rawValue) role may not do this.")
        }
        if let scope, !principal.allows(scope) {
            throw Problem.forbidden("This API key lacks the scope \(scope).")
        }
        return authentication
    }

    /// The one place where an error becomes an HTTP status. A 500 means a bug and is logged as such.
    func problem(for error: any Error, requestID: String, route: Route) -> Problem {
        if let convertible = error as? any ProblemConvertible { return convertible.problem }
        if let limit = TimeLimit.reached(by: error) {
            // A time limit, not a bug (harden12): the handler timeout's client already has its 503.
            log(.warning, "request stopped by a time limit", [
                "request.id": requestID, "http.route": route.template.description, "time_limit": limit.rawValue, "error": String(describing: error),
            ])
            return .stopped(by: limit)
        }
        if let database = error as? PostgresError, let problem = Problem(database: database) { return problem }
        log(.error, "unhandled error: a bug", [
            "request.id": requestID, "http.route": route.template.description, "error": String(describing: error),
        ])
        return Problem(status: 500, title: "Internal Server Error", detail: "An unexpected error occurred; quote request id \(requestID).")
    }

    /// The client's IP address. Behind a proxy that we trust (`TRUST_PROXY=1`), the last hop of
    /// X-Forwarded-For, which that proxy appended; otherwise the socket's peer. Login throttling keys on it.
    func clientAddressOf(_ request: HTTPRequest) -> String {
        if trustProxy, let forwarded = request.headers["x-forwarded-for"],
           let last = forwarded.split(separator: ",").last?.trimmingASCIISpaces, !last.isEmpty, last.utf8.count <= 64 {
            return last
        }
        let peer = request.remoteAddress
        // "host:port" or "[v6]:port": drop the port.
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") { return String(peer[peer.index(after: peer.startIndex)..<close]) }
        if let colon = peer.lastIndex(of: ":") { return String(peer[..<colon]) }
        return peer
    }

    /// Accepts the caller's `X-Request-Id` when it is short and plain, so ids can be followed through
    /// nginx and logs; otherwise makes one. Never echoes arbitrary bytes into headers or logs.
    static func requestID(from request: HTTPRequest) -> String {
        if let given = request.headers["x-request-id"], (1...64).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
               || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
               || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            return given
        }
        return newRequestID()
    }

    /// 128 bits in the 8-4-4-4-12 layout of a UUID: 64 random bits drawn once per process, then a
    /// per-request counter passed through SplitMix64's finalizer (a bijection, so ids never repeat
    /// within a process, and they do not give away how many requests were served). A request id
    /// names a request; it is not a secret, and drawing fresh random bits cost two `getrandom`
    /// system calls per request.
    static func newRequestID() -> String {
        let sequence = requestSequence.wrappingAdd(1, ordering: .relaxed).newValue
        var mixed = sequence ^ requestIDKey
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        let hexDigits = Array("0123456789abcdef".utf8)
        var id = [UInt8]()
        id.reserveCapacity(36)
        for (index, word) in [requestIDPrefix, mixed].enumerated() {
            for nibble in 0..<16 {
                let offset = index * 16 + nibble
                if offset == 8 || offset == 12 || offset == 16 || offset == 20 { id.append(UInt8(ascii: "-")) }
                id.append(hexDigits[Int(truncatingIfNeeded: word >> UInt64(60 - 4 * nibble)) & 0xF])
            }
        }
        return String(decoding: id, as: UTF8.self)
    }

    private static let requestIDPrefix = UInt64.random(in: .min ... .max)
    private static let requestIDKey = UInt64.random(in: .min ... .max)
    private static let requestSequence = Atomic<UInt64>(0)
}

extension Substring {
    var trimmingASCIISpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
