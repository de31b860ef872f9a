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
}
