import HTTPServer

/// Cookies read from the request and written with the attributes the console relies on (RFC 6265).
enum Cookies {
    static let session = "domino_session"
    /// Double-submit token of the login form, which has no session yet to hold a CSRF secret.
    static let loginCSRF = "domino_login_csrf"

    /// The value of cookie `name`; the first one when a browser sends several.
    static func value(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values(for: "cookie") {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals] == name else { continue }
                let value = trimmed[trimmed.index(after: equals)...]
                return value.isEmpty || value.utf8.count > 512 ? nil : String(value)
            }
        }
        return nil
    }

    /// HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it, RFC 6265bis
    /// §8.8), Path=/; Secure when the request came over TLS. No Max-Age: the server decides expiry.
    static func set(_ name: String, _ value: String, secure: Bool, httpOnly: Bool = true, maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; SameSite=Strict"
        if httpOnly { cookie += "; HttpOnly" }
        if secure { cookie += "; Secure" }
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        return cookie
    }

    static func clear(_ name: String, secure: Bool) -> String {
        set(name, "", secure: secure, maxAge: 0)
    }
}
