import HTTPServer

/// Headers on every console response. The policy allows only this origin's stylesheet, script and
/// images, and the check-in desk's requests to this origin (`connect-src`): no inline script or style
/// (so an injected `<script>` or `style=` would not run even if escaping failed), no framing
/// (clickjacking), forms that post only here.
enum SecurityHeaders {
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'", "form-action 'self'",
        "frame-ancestors 'none'", "base-uri 'none'",
    ].joined(separator: "; ")

    static func apply(to headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        // Pages show personal and unpublished data: no shared or back-button cache keeps them.
        if !headers.contains("Cache-Control") { headers.replaceOrAdd(name: "Cache-Control", value: "no-store") }
    }
}
