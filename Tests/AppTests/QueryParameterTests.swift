import App
import DomainKit
import Foundation
import TestSupport
import Testing

@Suite("Query parameters every list reads")
struct QueryParameterTests {
    /// A NUL reaches PostgreSQL as an error about storing text; the caller typed a search, so the answer
    /// names the parameter instead (found by probing the demo server with hostile input).
    @Test("a search text with a NUL, or longer than the limit, is a 400 naming q on every searchable list")
    func searchText() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            for path in ["/v1/companies", "/v1/needs", "/v1/leads", "/v1/users"] {
                let nul = try await TestClient.request(port: port, "GET", path + "?q=a%00b", headers: auth)
                #expect(nul.status == 400, "\(path): \(nul.text)")
                #expect(nul.text.contains(#""field":"q""#), "\(path)")
                let long = try await TestClient.request(port: port, "GET", path + "?q=" + String(repeating: "a", count: 201), headers: auth)
                #expect(long.status == 400, "\(path): \(long.text)")
                let plain = try await TestClient.request(port: port, "GET", path + "?q=%E6%A8%AA%E6%B5%9C", headers: auth)
                #expect(plain.status == 200, "\(path): \(plain.text)")
            }
        }
    }

    /// `?limit=1&limit=100` used to take the first; a cache or proxy in front may take the last, so the two would
    /// disagree on what was asked. And `%FF` used to become U+FFFD and search for a character nobody typed.
    @Test("a parameter given twice, or not UTF-8 once decoded, is a 400 naming it; the same parameter given once is answered")
    func repeatedOrNotUTF8() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            for (path, parameter) in [("/v1/companies?limit=1&limit=100", "limit"), ("/v1/needs?q=a&q=b", "q"),
                                      ("/v1/leads?q=%FF%FE", "q"), ("/v1/users?q=%E6%A8", "q"), ("/v1/companies?q=a&limit=2&q", "q")] {
                let answer = try await TestClient.request(port: port, "GET", path, headers: auth)
                #expect(answer.status == 400, "\(path): \(answer.text)")
                #expect(answer.text.contains(#""field":"\#(parameter)""#), "\(path): \(answer.text)")
            }
            for path in ["/v1/companies?limit=1", "/v1/needs?q=a&limit=2", "/v1/leads?q=%E6%A8%AA"] {
                let answer = try await TestClient.request(port: port, "GET", path, headers: auth)
                #expect(answer.status == 200, "\(path): \(answer.text)")
            }
        }
    }

    /// `?=1&=2` used to be refused as an unknown parameter named "" (`Query parameter  is not one…`), and `?=` on a
    /// route reading no query alike; the console ignored `?=` and called `?=1&=2` a filter "" given twice (harden14).
    @Test("a query parameter without a name (?=, ?=1, ?=1&=2) is a 400 that says so in words; empty pairs (?&&) are ignored")
    func namelessParameter() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let auth = ["Authorization": "Bearer \(token)"]
            for path in ["/v1/companies?=1&=2", "/v1/companies?limit=2&=", "/v1/kpi/settings?=1", "/v1/needs?="] {
                let answer = try await TestClient.request(port: port, "GET", path, headers: auth)
                #expect(answer.status == 400 && answer.text.contains("has no name") && answer.text.contains(#""field":"query""#), "\(path): \(answer.text)")
            }
            for path in ["/v1/companies?&&", "/v1/companies?limit=2&&", "/v1/kpi/settings?&", "/v1/needs?"] {
                let answer = try await TestClient.request(port: port, "GET", path, headers: auth)
                #expect(answer.status == 200, "\(path): \(answer.text)")
            }
        }
    }
}
