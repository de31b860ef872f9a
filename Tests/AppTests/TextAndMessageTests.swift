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

    @Test("the bodies that kept their spaces (a registration's participant, revenue and its reversal, a webhook, a match's and a lead's move) store text trimmed too")
    func everyBodyIsTrimmed() async throws {
        try await withTestServer { port, application in
            let admin = Client(port: port, token: try await application.token(for: .admin).token)
            let day = application.clock.today().adding(days: 30)
            let event = try await admin.send("POST", "/v1/events", #"""
                {"kind":"seminar","titleEn":"Trim seminar","startsAt":"\#(day)T01:00:00Z","endsAt":"\#(day)T03:00:00Z","format":"online","onlineCapacity":50}
                """#)
            let eventID = try #require(try Self.object(event)["id"] as? String, Comment(rawValue: event.text))
            let registration = try await admin.send("POST", "/v1/events/\(eventID)/registrations", #"""
                {"participant":{"nameJa":" 山田 花子\u3000","nameEn":"Hanako Yamada ","email":"hanako@example.jp","organisation":"\n横浜商事 ","sector":"industry","role":"local_company"}}
                """#)
            #expect(registration.status == 201, Comment(rawValue: registration.text))
            let participant = try #require(try Self.object(registration)["participant"] as? [String: Any])
            #expect(participant["nameJa"] as? String == "山田 花子")
            #expect(participant["nameEn"] as? String == "Hanako Yamada")
            #expect(participant["organisation"] as? String == "横浜商事")

            let revenue = try await admin.send("POST", "/v1/revenue", #"{"kind":"sponsorship","amountYen":1000,"counterparty":"  横浜商事 ","receivedOn":"\#(application.clock.today())"}"#)
            #expect(revenue.status == 201, Comment(rawValue: revenue.text))
            #expect(try Self.object(revenue)["counterparty"] as? String == "横浜商事")
            let revenueID = try #require(try Self.object(revenue)["id"] as? String)
            let reversal = try await admin.send("POST", "/v1/revenue/\(revenueID)/reversal", #"{"reason":" 二重計上\t"}"#)
            #expect(reversal.status == 201, Comment(rawValue: reversal.text))
            #expect(try Self.object(reversal)["reason"] as? String == "二重計上")

            let endpoint = try await admin.send("POST", "/v1/notification-endpoints",
                                                #"{"channel":"webhook","name":"  crm ","url":"https://crm.example.jp/hook","events":["lead_stage_changed"]}"#)
            #expect(endpoint.status == 201, Comment(rawValue: endpoint.text))
            let stored = try #require(try Self.object(endpoint)["endpoint"] as? [String: Any])
            #expect(stored["name"] as? String == "crm")
            let renamed = try await admin.send("PATCH", "/v1/notification-endpoints/\(try #require(stored["id"] as? String))", #"{"name":" CRM 2 "}"#, ifMatch: "\"1\"")
            #expect(renamed.status == 200, Comment(rawValue: renamed.text))
            #expect(try Self.object(renamed)["name"] as? String == "CRM 2")

            let city = try #require(try Self.object(try await admin.send("POST", "/v1/cities",
                #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#))["id"] as? String)
            let need = try #require(try Self.object(try await admin.send("POST", "/v1/needs", #"{"cityId":"\#(city)","titleEn":"Waste to energy","source":"inquiry"}"#))["id"] as? String)
            let company = try #require(try Self.object(try await admin.send("POST", "/v1/companies", #"{"nameEn":"Trim Co.","size":"sme"}"#))["id"] as? String)
            let match = try #require(try Self.object(try await admin.send("POST", "/v1/matches",
                #"{"companyId":"\#(company)","needId":"\#(need)","channel":"coordinator"}"#))["id"] as? String)
            let moved = try await admin.send("POST", "/v1/matches/\(match)/transitions", #"{"to":"introduced","note":"  紹介済み "}"#, ifMatch: "\"1\"")
            #expect(moved.status == 200, Comment(rawValue: moved.text))
            let notes: [String?] = try await application.pool.query(
                "SELECT note FROM match_status_history WHERE match_id = \(UUID(uuidString: match)) AND to_status = 'introduced'").map { try $0.decode("note") }
            #expect(notes == ["紹介済み"])

            let (_, coordinatorPrincipal) = try await application.token(for: .coordinator)
            let coordinator = try #require(try Self.object(try await admin.send("POST", "/v1/coordinators",
                #"{"userId":"\#(coordinatorPrincipal.userID.uuidString.lowercased())","displayName":"山田 太郎","capacity":8}"#))["id"] as? String)
            let lead = try #require(try Self.object(try await admin.send("POST", "/v1/leads",
                #"{"title":"ダナン市 太陽光","cityId":"\#(city)","sourceChannel":"policy_dialogue","ownerCoordinatorId":"\#(coordinator)"}"#))["id"] as? String)
            let held = try await admin.send("POST", "/v1/leads/\(lead)/transitions", #"{"to":"on_hold","reason":"\u3000予算待ち "}"#, ifMatch: "\"1\"")
            #expect(held.status == 200, Comment(rawValue: held.text))
            #expect(try Self.object(held)["stageReason"] as? String == "予算待ち")
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
