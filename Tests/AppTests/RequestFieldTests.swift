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

@Suite("Body values the decoder refuses are named")
struct BodyValueTests {
    /// Found probing the demo server: Foundation reports 5.5 or 1e20 for an integer field as "not valid JSON"
    /// with no field, an enumeration's unknown value in Swift's words, and an array body as "Dictionary<String, Any>".
    @Test("a fraction or a too large number for an integer field, an unknown enum value and a non-object body are 422s naming the field")
    func refusedValuesNamed() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let json = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            let city = try await TestClient.request(port: port, "POST", "/v1/cities", headers: json,
                                                    body: #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","region":"Southeast Asia","relationship":"mou_partner"}"#)
            #expect(city.status == 201, "\(city.text)")
            let cityID = try #require(city.text.firstMatch(of: /"id":"([0-9A-F-]+)"/)?.1)
            let need = #"{"cityId":"\#(cityID)","titleEn":"Rooftop solar","source":"inquiry""#
            for (extra, field, words) in [(#","budgetMinYen":5.5}"#, "budgetMinYen", "whole number"),
                                          (#","budgetMinYen":1e20}"#, "budgetMinYen", "whole number"),
                                          (#","status":"won"}"#, "status", #"is \"won\"; it must be one of open, in_progress, closed"#),
                                          (#","sourceLiaisonBaseId":"base-7"}"#, "sourceLiaisonBaseId", "must be a UUID")] {
                let answer = try await TestClient.request(port: port, "POST", "/v1/needs", headers: json, body: need + extra)
                #expect(answer.status == 422, "\(extra): \(answer.text)")
                #expect(answer.text.contains(#""field":"\#(field)""#) && answer.text.contains(words), "\(answer.text)")
                #expect(!answer.text.contains("Cannot initialize") && !answer.text.contains("Attempted to decode"), "\(answer.text)")
            }
            let array = try await TestClient.request(port: port, "POST", "/v1/needs", headers: json, body: "[]")
            #expect(array.status == 422 && array.text.contains(#""field":"body""#) && array.text.contains("an object"), "\(array.text)")
            let created = try await TestClient.request(port: port, "POST", "/v1/needs", headers: json, body: need + "}")
            #expect(created.status == 201, "\(created.text)")
            let needID = try #require(created.text.firstMatch(of: /"id":"([0-9A-F-]+)"/)?.1)
            let patch = ["Authorization": "Bearer \(token)", "Content-Type": "application/merge-patch+json", "If-Match": #""1""#]
            let patched = try await TestClient.request(port: port, "PATCH", "/v1/needs/\(needID)", headers: patch, body: #"{"budgetMaxYen":2.5}"#)
            #expect(patched.status == 422 && patched.text.contains(#""field":"budgetMaxYen""#), "\(patched.text)")
            let malformed = try await TestClient.request(port: port, "POST", "/v1/needs", headers: json, body: need)
            #expect(malformed.status == 400 && malformed.text.contains("not valid JSON"), "\(malformed.text)")
            let listed = try await TestClient.request(port: port, "GET", "/v1/needs", headers: json)
            #expect(listed.text.components(separatedBy: "Rooftop solar").count == 2, "one need only: \(listed.text)")
        }
    }
}
