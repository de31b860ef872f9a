public import HTTPServer

/// Finds the route for a method and path, telling "no such path" (404) from "no such method on this
/// path" (405 with the methods that exist, RFC 9110 §15.5.6). HEAD is served by the GET route.
public struct Router: Sendable {
    public enum Resolution: Sendable {
        case matched(Route, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public let routes: [Route]

    /// Refuses two routes with the same method and template, a programming error caught at start-up.
    public init(routes: [Route]) {
        var seen = Set<String>()
        for route in routes {
            let key = "\(route.method.rawValue) \(route.template)"
            precondition(seen.insert(key).inserted, "two routes for \(key)")
        }
        self.routes = routes
    }

    public func resolve(method: HTTPMethod, path: String) -> Resolution {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        // "/v1/x/" is not "/v1/x": a trailing slash yields an empty last segment, which matches nothing.
        let parts = Array(segments)
        let wanted = method == .head ? HTTPMethod.get : method
        // A literal segment beats a parameter: `/v1/needs/import` is not a need called "import". Only
        // the matching templates with the fewest parameters take part.
        var candidates: [(route: Route, parameters: [String: String])] = []
        for route in routes {
            if let parameters = route.template.match(parts) { candidates.append((route, parameters)) }
        }
        let fewest = candidates.map(\.parameters.count).min() ?? 0
        var allowed: [HTTPMethod] = []
        for candidate in candidates where candidate.parameters.count == fewest {
            if candidate.route.method == wanted { return .matched(candidate.route, parameters: candidate.parameters) }
            allowed.append(candidate.route.method)
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) { allowed.append(.head) }
        return .methodNotAllowed(allowed: allowed)
    }
}
