import App
import DomainKit
import Foundation
import TestSupport
import Testing

@Suite("Request fields read as one value")
struct RequestFieldTests {
    /// Found probing the demo server: with two Authorization fields the first was used, so a proxy that checked
    /// the other would have let a request through on a token it never saw.
    @Test("Authorization, Content-Type, Idempotency-Key or If-Match sent twice is a 400 naming it, and nothing is written")
    func sentTwice() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let bearer = ("Authorization", "Bearer \(token)")
            let json = ("Content-Type", "application/json")
            let create = #"{"nameJa":"二重ヘッダ","size":"sme"}"#
            let cases: [(field: String, method: String, fields: [(String, String)], body: String)] = [
                ("Authorization", "GET", [bearer, bearer], ""),
                ("Authorization", "GET", [bearer, ("Authorization", "Bearer dmn_other")], ""),
                ("Content-Type", "POST", [bearer, json, ("Content-Type", "text/plain")], create),
                ("Idempotency-Key", "POST", [bearer, json, ("Idempotency-Key", "a"), ("Idempotency-Key", "b")], create),
                ("If-Match", "PATCH", [bearer, ("Content-Type", "application/merge-patch+json"), ("If-Match", #""1""#), ("If-Match", #""2""#)],
                 #"{"nameJa":"二重ヘッダ"}"#),
            ]
            let company = try await TestClient.request(port: port, "POST", "/v1/companies", fields: [bearer, json],
                                                       body: #"{"nameJa":"一社","size":"sme"}"#)
            #expect(company.status == 201, "\(company.text)")
            let id = try #require(company.text.firstMatch(of: /"id":"([0-9A-F-]+)"/)?.1)
            for item in cases {
                let path = item.method == "PATCH" ? "/v1/companies/\(id)" : item.method == "POST" ? "/v1/companies" : "/v1/companies?limit=1"
                let answer = try await TestClient.request(port: port, item.method, path, fields: item.fields, body: item.body)
                #expect(answer.status == 400, "\(item.field) \(item.method): \(answer.text)")
                #expect(answer.text.contains(#""field":"\#(item.field)""#), "\(answer.text)")
            }
            let listed = try await TestClient.request(port: port, "GET", "/v1/companies", fields: [bearer])
            #expect(listed.text.contains("一社") && !listed.text.contains("二重ヘッダ"), "\(listed.text)")
            #expect(listed.text.contains(#""version":1"#), "\(listed.text)")
        }
    }

    @Test("a JSON body declared in another charset, or as another JSON media type, is a 415; UTF-8 named in any spelling is read",
          arguments: [("application/json; charset=iso-8859-1", 415), ("application/json-patch+json", 415), ("application/jsonx", 415),
                      ("application/json; charset=UTF-8", 201), ("Application/JSON ; Charset=\"utf-8\"", 201), ("application/json", 201)])
    func charset(contentType: String, status: Int) async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let answer = try await TestClient.request(port: port, "POST", "/v1/companies",
                                                      fields: [("Authorization", "Bearer \(token)"), ("Content-Type", contentType)],
                                                      body: #"{"nameJa":"文字コード","size":"sme"}"#)
            #expect(answer.status == status, "\(contentType): \(answer.text)")
        }
    }
}
