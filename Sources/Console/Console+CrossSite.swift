import HTTPServer

/// Where a POST says it was sent from, by Fetch Metadata (`Sec-Fetch-Site`) or, from a browser too old to
/// send it, the `Origin` header (RFC 6454). Every console form posts only to this origin (CSP
/// `form-action 'self'`), so a form from anywhere else is forged: the console refuses it with a 403 page
/// before any handler runs, as one more layer over the session's CSRF token and the public forms'
/// SameSite double-submit cookie (docs/console.md, "Forms from other sites").
enum PostOrigin: Equatable {
    /// `Sec-Fetch-Site: same-origin`, or an `Origin` naming this host: one of our pages.
    case ourPage
    /// `Sec-Fetch-Site: none`: the person started the request themselves (the browser's own UI); a typed
    /// address or bookmark cannot POST, but a browser that re-sends a form on reload may say so.
    case person
    /// Neither header: a browser older than both, or a program that is no browser (curl, a test). Nothing
    /// says it is foreign, and the CSRF token still has to match.
    case unsaid
    /// `cross-site`, `same-site`, a value the specification does not define, or an `Origin` of another
    /// host (`null` included: an opaque origin, such as a sandboxed frame, cannot be shown to be ours).
    /// `same-site` is refused too: a sibling host under the same registrable domain (another city
    /// service, a staging server) is a different application, and none of our forms lives there.
    case otherSite

    init(_ request: HTTPRequest) {
        if let site = request.headers["sec-fetch-site"] {
            self = switch site.lowercased() {
            case "same-origin": .ourPage
            case "none": .person
            default: .otherSite
            }
            return
        }
        guard let origin = request.headers["origin"] else {
            self = .unsaid
            return
        }
        guard let host = request.headers["host"].map(Self.hostName), !host.isEmpty else {
            self = .otherSite
            return
        }
        let lowered = origin.lowercased()
        let scheme = ["https://", "http://"].first { lowered.hasPrefix($0) }
        self = scheme.map { Self.hostName(String(lowered.dropFirst($0.count))) == host } == true ? .ourPage : .otherSite
    }

    /// A `Host` or an origin's authority without its port, lower-cased. The port is left out because the
    /// proxy in front (deploy/nginx, `proxy_set_header Host $host`) passes the host name without it, while
    /// the browser's `Origin` keeps a port that is not the scheme's default.
    static func hostName(_ authority: String) -> String {
        let lowered = authority.lowercased()
        if lowered.hasPrefix("["), let close = lowered.firstIndex(of: "]") { return String(lowered[...close]) }
        return String(lowered.prefix { $0 != ":" && $0 != "/" })
    }
}
