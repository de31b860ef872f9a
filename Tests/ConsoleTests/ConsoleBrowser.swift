import Accounts
import App
import DomainKit
import Foundation
import TestSupport

/// A minimal browser for HTTP tests: keeps cookies, follows nothing on its own, and reads the CSRF
/// token from the last page, as a person's browser would submit it.
struct ConsoleBrowser {
    let port: Int
    var cookies: [String: String] = [:]
    var lastCSRF: String?

    init(port: Int) { self.port = port }

    static let password = "console test passphrase 2026"

    /// A user of `role` with a known password; returns its email.
    static func user(
        _ application: Application, _ role: Role, companyID: UUID? = nil, liaisonBaseID: UUID? = nil
    ) async throws -> (email: String, user: User) {
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@console.test.domino.example"
        let user = try await application.accounts.createUser(
            NewUser(email: email, displayName: "Console \(role.rawValue)", role: role, companyID: companyID, liaisonBaseID: liaisonBaseID,
                    password: password),
            actor: nil)
        return (email, user)
    }

    mutating func get(_ path: String, headers: [String: String] = [:]) async throws -> TestClient.Response {
        try await send("GET", path, headers: headers, body: "")
    }

    /// A form POST; `submission` is the form's one-time id (`submission(in:action:)`), which pages
    /// written before ids existed do not send.
    mutating func post(
        _ path: String, form: [(String, String)], csrf: String? = nil, submission: String? = nil, headers: [String: String] = [:]
    ) async throws -> TestClient.Response {
        var fields = form
        if let token = csrf ?? lastCSRF { fields.append(("_csrf", token)) }
        if let submission { fields.append(("_submission", submission)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send("POST", path, headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 }, body: body)
    }

    /// A `multipart/form-data` POST, as a file upload form sends it; the CSRF token is added as a field.
    mutating func postMultipart(_ path: String, fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8])?) async throws -> TestClient.Response {
        let boundary = "----DominoConsoleTest\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        var all = fields
        if let token = lastCSRF { all.append(("_csrf", token)) }
        for (name, value) in all {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send("POST", path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], bytes: body)
    }

    /// Signs in through the login form (which sets the double-submit cookie first).
    mutating func signIn(_ email: String, password: String = Self.password) async throws -> TestClient.Response {
        _ = try await get("/login")
        return try await post("/login", form: [("email", email), ("password", password)])
    }

    private mutating func send(_ method: String, _ path: String, headers: [String: String], body: String) async throws -> TestClient.Response {
        try await send(method, path, headers: headers, bytes: Array(body.utf8))
    }

    private mutating func send(_ method: String, _ path: String, headers: [String: String], bytes: [UInt8]) async throws -> TestClient.Response {
        var headers = headers
        if !cookies.isEmpty { headers["Cookie"] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let client = try await TestClient.connect(port: port)
        defer { client.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if !bytes.isEmpty { head += "Content-Length: \(bytes.count)\r\n" }
        try await client.send(Array((head + "\r\n").utf8) + bytes)
        let response = try await client.readResponse(bodyless: method == "HEAD")
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let cookieName = String(pair[..<equals]), cookieValue = String(pair[pair.index(after: equals)...])
            if cookieValue.isEmpty || value.contains("Max-Age=0") { cookies[cookieName] = nil } else { cookies[cookieName] = cookieValue }
        }
        if let token = Self.csrf(in: response.text) { lastCSRF = token }
        return response
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The submission id of the form on `html` that posts to `action`.
    static func submission(in html: String, action: String) -> String? {
        guard let form = html.range(of: "action=\"\(action)\""),
              let field = html[form.upperBound...].range(of: "name=\"_submission\" value=\"") else { return nil }
        let rest = html[field.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
