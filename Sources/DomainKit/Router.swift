public import HTTPServer

/// Finds the route for a method and path, telling "no such path" (404) from "no such method on this
/// path" (405 with the methods that exist, RFC 9110 §15.5.6). HEAD is served by the GET route.
///
/// Every request passes here, so the routes are indexed once: templates without parameters by their
/// path, the others by their number of segments. A request then looks at a handful of templates
/// instead of copying and matching all of them (that scan was a fifth of `/v1/me`'s CPU time).
public struct Router: Sendable {
    public enum Resolution: Sendable {
        case matched(Route, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public let routes: [Route]
    /// Positions in `routes` of the parameterless templates, by path.
    private let literalRoutes: [String: [Int]]
    /// Positions in `routes` of the templates with parameters, by segment count, fewest parameters first.
    private let parameterizedRoutes: [Int: [Int]]

    /// Refuses two routes with the same method and template, a programming error caught at start-up.
    public init(routes: [Route]) {
        var seen = Set<String>()
        var literalRoutes: [String: [Int]] = [:]
        var parameterizedRoutes: [Int: [Int]] = [:]
        for (position, route) in routes.enumerated() {
            let key = "\(route.method.rawValue) \(route.template)"
            precondition(seen.insert(key).inserted, "two routes for \(key)")
            if route.template.parameterCount == 0 {
                literalRoutes["/" + route.template.literalPath, default: []].append(position)
            } else {
                parameterizedRoutes[route.template.segments.count, default: []].append(position)
            }
        }
        self.routes = routes
        self.literalRoutes = literalRoutes
        self.parameterizedRoutes = parameterizedRoutes.mapValues { positions in
            positions.sorted { routes[$0].template.parameterCount < routes[$1].template.parameterCount }
        }
    }

    public func resolve(method: HTTPMethod, path: String) -> Resolution {
        let wanted = method == .head ? HTTPMethod.get : method
        // A literal segment beats a parameter: `/v1/needs/import` is not a need called "import". So a
        // parameterless template that matches wins outright, and otherwise only the matching templates
        // with the fewest parameters take part.
        if let positions = literalRoutes[path] {
            return decide(positions.map { (position: $0, parameters: [:]) }, wanted: wanted)
        }
        // "/v1/x/" is not "/v1/x": a trailing slash yields an empty last segment, which matches nothing.
        let parts = Array(path.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
        var candidates: [(position: Int, parameters: [String: String])] = []
        for position in parameterizedRoutes[parts.count] ?? [] {
            if let first = candidates.first, routes[position].template.parameterCount > routes[first.position].template.parameterCount {
                break
            }
            if let parameters = routes[position].template.match(parts) { candidates.append((position, parameters)) }
        }
        return decide(candidates, wanted: wanted)
    }

    /// Among templates that match equally well: the one for the method, or 405 listing the others.
    private func decide(_ candidates: [(position: Int, parameters: [String: String])], wanted: HTTPMethod) -> Resolution {
        var allowed: [HTTPMethod] = []
        for candidate in candidates {
            let method = routes[candidate.position].method
            if method == wanted { return .matched(routes[candidate.position], parameters: candidate.parameters) }
            allowed.append(method)
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) { allowed.append(.head) }
        return .methodNotAllowed(allowed: allowed)
    }
}
