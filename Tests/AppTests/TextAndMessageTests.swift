import App
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// Text people type is stored without the white space around it, through the API as through the console (harden16:
/// a university's name and a need decision's reason kept their spaces, and so did every API text); a bad enum value
/// and a bad cursor say plainly what was wrong.
@Suite("Stored text and the messages of bad values")
struct TextAndMessageTests {
    struct Client {
        let port: Int
        let token: String

        func send(_ method: String, _ path: String, _ body: String? = nil, ifMatch: String? = nil) async throws -> TestClient.Response {
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            headers["If-Match"] = ifMatch
            return try await TestClient.request(port: port, method, path, headers: headers, body: body ?? "")
        }
    }

    static func object(_ response: TestClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], Comment(rawValue: response.text))
    }

    @Test("a university's and a campus's names, a need decision's reason and a company's names are stored without surrounding white space")
    func textIsTrimmed() async throws {
        try await withTestServer { port, application in
            let admin = Client(port: port, token: try await application.token(for: .admin).token)
            let university = try await admin.send("PUT", "/v1/universities/trim_tech", #"{"nameJa":"\u3000港湾工科大学 ","nameEn":" Minato Tech\n"}"#)
            #expect(university.status == 201, Comment(rawValue: university.text))
            #expect(try Self.object(university)["nameJa"] as? String == "港湾工科大学")
            #expect(try Self.object(university)["nameEn"] as? String == "Minato Tech")
            let campus = try await admin.send("PUT", "/v1/universities/trim_tech/campuses/trim_main",
                                              #"{"nameJa":" 本校 ","nameEn":"Main ","municipality":" 横浜市中区","inYokohama":true}"#)
            #expect(campus.status == 201, Comment(rawValue: campus.text))
            #expect(try Self.object(campus)["municipality"] as? String == "横浜市中区")

            let company = try await admin.send("POST", "/v1/companies", #"{"nameJa":"  空白商事  ","size":"sme"}"#)
            #expect(company.status == 201, Comment(rawValue: company.text))
            let companyID = try #require(try Self.object(company)["id"] as? String)
            #expect(try Self.object(company)["nameJa"] as? String == "空白商事")
            let renamed = try await admin.send("PATCH", "/v1/companies/\(companyID)", #"{"nameEn":" Blank Trading "}"#, ifMatch: "\"1\"")
            #expect(renamed.status == 200, Comment(rawValue: renamed.text))
            #expect(try Self.object(renamed)["nameEn"] as? String == "Blank Trading")

            let city = try await admin.send("POST", "/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
            let cityID = try #require(try Self.object(city)["id"] as? String)
            let need = try await admin.send("POST", "/v1/needs", #"{"cityId":"\#(cityID)","titleEn":"Waste to energy","source":"policy_dialogue"}"#)
            let needID = try #require(try Self.object(need)["id"] as? String, Comment(rawValue: need.text))
            let decision = try await admin.send("PUT", "/v1/needs/\(needID)/decisions/\(companyID)", #"{"decision":"pinned","reason":"  実績あり  "}"#)
            #expect(decision.status == 201 || decision.status == 200, Comment(rawValue: decision.text))
            #expect(try Self.object(decision)["reason"] as? String == "実績あり")
            let stored: [String] = try await application.pool.query(
                "SELECT reason FROM need_company_decisions WHERE company_id = \(UUID(uuidString: companyID))").map { try $0.decode("reason") }
            #expect(stored == ["実績あり"])
        }
    }

    @Test("a value an enum field does not take is a 422 naming the field, the value sent and the values it takes")
    func enumValueMessage() async throws {
        try await withTestServer { port, application in
            let admin = Client(port: port, token: try await application.token(for: .admin).token)
            let company = try await admin.send("POST", "/v1/companies", #"{"nameEn":"Enum Co.","size":"small"}"#)
            #expect(company.status == 422)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(company.body))
            #expect(problem.errors == [FieldError(field: "size", message: #"is "small"; it must be one of sme, large"#)], Comment(rawValue: company.text))
            let decision = try await admin.send("PUT", "/v1/needs/\(UUID())/decisions/\(UUID())", #"{"decision":"pin","reason":"実績あり"}"#)
            #expect(try JSONDecoder().decode(Problem.self, from: Data(decision.body)).errors
                    == [FieldError(field: "decision", message: #"is "pin"; it must be one of pinned, excluded"#)], Comment(rawValue: decision.text))
        }
    }

    @Test("a cursor changed by hand is a 400 saying it is not valid for this list and to start from the first page")
    func badCursorMessage() async throws {
        try await withTestServer { port, application in
            let admin = Client(port: port, token: try await application.token(for: .admin).token)
            for path in ["/v1/companies?cursor=bm90LWEtY3Vyc29y", "/v1/jobs?cursor=x"] {
                let answer = try await admin.send("GET", path)
                #expect(answer.status == 400)
                let problem = try JSONDecoder().decode(Problem.self, from: Data(answer.body))
                #expect(problem.detail == "The cursor is not valid for this list; start again from the first page (leave cursor out).", Comment(rawValue: path))
                #expect(problem.errors?.map(\.field) == ["cursor"])
            }
        }
    }
}
