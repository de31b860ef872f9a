import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

@testable import Console

/// sturdy28: hostile bodies sent to the console's forms (the API's are swept by schemathesis; these are not in
/// its contract). Each answer is a 4xx page in the reader's language that says what was wrong, the server stays
/// up, and nothing is written.
@Suite("Console: hostile form bodies")
struct ConsoleHostileFormTests {
    /// A part whose headers are followed at once by the next delimiter ("…name=\"a\"\r\n\r\n--b"): the reader
    /// sliced its value from after the blank line to before the delimiter, a range whose start passed its end,
    /// and the trap ended the process — for anyone, since the body is read before the session (sturdy28).
    static let headersOnlyPart = "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n--b--\r\n"

    @Test("a multipart part with headers and no value line is refused, not a crash")
    func headersOnlyPartIsRefused() {
        #expect(Multipart(Array(Self.headersOnlyPart.utf8), boundary: "b") == nil)
        // An empty value as browsers send it (a blank line, then the value's own CRLF) is still read.
        let empty = Multipart(Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--b--\r\n".utf8), boundary: "b")
        #expect(empty?.fields.map(\.value) == [""])
    }

    @Test("a console address whose query is over the server's limit is a 414 page in both languages; the API's stays problem+json")
    func queryTooLong() async throws {
        try await withTestServer { port, _ in
            let query = "?q=" + String(repeating: "a", count: 9 * 1024)
            for path in ["/companies", "/needs"] {
                let client = try await TestClient.connect(port: port)
                defer { client.close() }
                try await client.send("GET \(path)\(query) HTTP/1.1\r\nHost: localhost\r\nCookie: domino_lang=en\r\n\r\n")
                let page = try await client.readResponse()
                #expect(page.status == 414 && page.header("content-type")?.hasPrefix("text/html") == true, "\(path)")
                #expect(page.text.contains("ページを開けませんでした") && page.text.contains("<p lang=\"en\">The search words or filters"), "\(path)")
                #expect(page.text.contains("<a href=\"\(path)\">"), "the page without its query")
                #expect(page.header("content-security-policy") != nil)
            }
            let client = try await TestClient.connect(port: port)
            defer { client.close() }
            try await client.send("GET /v1/companies\(query) HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let problem = try await client.readResponse()
            #expect(problem.status == 414 && problem.header("content-type") == "application/problem+json")
            let health = try await TestClient.connect(port: port)
            defer { health.close() }
            try await health.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(try await health.readResponse().status == 200)
        }
    }

    @Test("a form body the console cannot read is a 400 page saying so, in the reader's language; the server stays up")
    func unreadableBodies() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            _ = try await browser.get("/needs/import")
            let csrf = try #require(browser.lastCSRF)
            let before = try await ConsoleImportTests.needCount(application, world)
            let cut = "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--b\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\ntitle_ja\r\n"
            let cases: [(path: String, signedIn: Bool, contentType: String, body: String)] = [
                ("/login", false, "multipart/form-data; boundary=b", Self.headersOnlyPart),
                ("/needs/import", true, "multipart/form-data; boundary=b", Self.headersOnlyPart),
                // An upload cut off before its closing delimiter: it was told "the form has expired".
                ("/needs/import", true, "multipart/form-data; boundary=b", cut),
                ("/needs/new", true, "text/plain", "_csrf=\(csrf)&title_ja=x"),
                ("/needs/new", true, "application/json", "{\"_csrf\": \"\(csrf)\"}"),
            ]
            for (path, signedIn, contentType, body) in cases {
                for (language, words) in [("ja", "フォームの内容を読み取れませんでした"), ("en", "contents could not be read")] {
                    var cookies = signedIn ? browser.cookies : [:]
                    cookies["domino_lang"] = language
                    let response = try await Self.post(port, path, cookies: cookies, contentType: contentType,
                                                       body: Array(body.utf8))
                    #expect(response.status == 400, "\(path) \(contentType) \(language): \(response.status)")
                    #expect(response.text.contains("<html lang=\"\(language)\">") && response.text.contains(words),
                            "\(path) \(contentType) \(language)")
                }
            }
            #expect(try await browser.get("/needs/import").status == 200)
            #expect(try await ConsoleImportTests.needCount(application, world) == before)
        }
    }

    @Test("a form whose fields are not UTF-8 (raw or percent-encoded) is a 400 page saying so, and saves nothing")
    func fieldsThatAreNotText() async throws {
        try await withTestServer { port, application in
            let world = try await ConsoleWorld(port: port, application: application)
            var browser = world.browsers[.coordinator]!
            let page = try await browser.get("/api-keys")
            let csrf = try #require(browser.lastCSRF)
            let scope = try #require(page.text.range(of: "name=\"scopes\" value=\"").map { page.text[$0.upperBound...].prefix { $0 != "\"" } })
            let keys = "SELECT count(*) AS n FROM auth_tokens WHERE kind = 'api_key'"
            let before: Int = try await application.pool.query(PostgresQuery(stringLiteral: keys))[0].decode("n")
            let urlencoded = "application/x-www-form-urlencoded"
            let cases: [(contentType: String, body: [UInt8])] = [
                // Before sturdy28 each of these saved a key named "��key".
                (urlencoded, Array("name=%FF%FEkey&scopes=\(scope)&_csrf=\(csrf)".utf8)),
                (urlencoded, Array("name=".utf8) + [0xFF, 0xFE] + Array("key&scopes=\(scope)&_csrf=\(csrf)".utf8)),
                ("multipart/form-data; boundary=b", Array("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n".utf8) + [0xFF, 0xFE]
                    + Array(("key\r\n--b\r\nContent-Disposition: form-data; name=\"scopes\"\r\n\r\n\(scope)\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--b--\r\n").utf8)),
            ]
            for (contentType, body) in cases {
                for (language, words) in [("ja", "文字として読めないデータ"), ("en", "characters that are not text")] {
                    var cookies = browser.cookies
                    cookies["domino_lang"] = language
                    let response = try await Self.post(port, "/api-keys", cookies: cookies, contentType: contentType, body: body)
                    #expect(response.status == 400, "\(contentType) \(language): \(response.status)")
                    #expect(response.text.contains("<html lang=\"\(language)\">") && response.text.contains(words), "\(contentType) \(language)")
                }
            }
            let after: Int = try await application.pool.query(PostgresQuery(stringLiteral: keys))[0].decode("n")
            #expect(after == before)
            // A key named in Japanese, percent-encoded as browsers send it, is text and is saved.
            let named = try await Self.post(port, "/api-keys", cookies: browser.cookies, contentType: urlencoded,
                                            body: Array("name=\(ConsoleBrowser.encode("連携キー"))&scopes=\(scope)&_csrf=\(csrf)".utf8))
            #expect(named.status == 200 && named.text.contains("連携キー"))
        }
    }

    static func post(_ port: Int, _ path: String, cookies: [String: String], contentType: String, body: [UInt8]) async throws -> TestClient.Response {
        let client = try await TestClient.connect(port: port)
        defer { client.close() }
        try await client.send(Array(("POST \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + "Cookie: \(cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))\r\n"
            + "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n").utf8) + body)
        return try await client.readResponse()
    }
}
