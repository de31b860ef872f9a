import App
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// Every PUT and PATCH of the API carries the row version (ARCHITECTURE.md, "HTTP API"): without If-Match a write
/// to a record that exists is a 428, with a stale one a 412, and docs/openapi.yaml says so with Problem428 and
/// Problem412 (harden14). The walk is over the route table and the spec, so a new PUT or PATCH must join it.
@Suite("Every PUT and PATCH needs If-Match")
struct IfMatchSweepTests {
    /// Writes whose precondition is not a row version: changing one's own password proves the current one, and a
    /// change made meanwhile makes that a 422 (there is no version of a password to read first).
    static let exempt: Set<String> = ["changePassword"]

    /// The lines of each operation of docs/openapi.yaml by operationId, read by indentation as `specOperations` reads them.
    static func specBlocks() throws -> [String: [String]] {
        let url = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [String: [String]] = [:]
        var current: [String] = []
        func close() {
            if let id = current.first(where: { $0.hasPrefix("      operationId: ") }) { blocks[String(id.dropFirst(19))] = current }
            current = []
        }
        var inPaths = false
        for line in lines {
            if !line.hasPrefix(" ") && !line.isEmpty { close(); inPaths = line == "paths:"; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /") || (line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":")) { close() }
            current.append(line)
        }
        close()
        return blocks
    }

    @Test("docs/openapi.yaml gives every PUT and PATCH an If-Match header and its 412 and 428 as Problem412 and Problem428")
    func specDocumentsIfMatch() throws {
        let blocks = try Self.specBlocks()
        let writes = try apiRoutes().filter { [.put, .patch].contains($0.method) && !Self.exempt.contains($0.operationID) }
        #expect(writes.count >= 20)
        for route in writes {
            let block = try #require(blocks[route.operationID], "\(route.operationID) is in the spec")
            #expect(block.contains("      - $ref: '#/components/parameters/IfMatch'") || block.contains("      - name: If-Match"),
                    "\(route.operationID) declares If-Match")
            for status in ["412", "428"] {
                let index = try #require(block.firstIndex(of: "        '\(status)':"), "\(route.operationID) documents \(status)")
                #expect(block[index + 1] == "          $ref: '#/components/responses/Problem\(status)'", "\(route.operationID): \(status) is Problem\(status)")
            }
        }
    }

    /// One caller's requests to one test server.
    struct Caller {
        let port: Int
        let token: String

        func send(_ method: String, _ path: String, _ body: String = "", ifMatch: String? = nil) async throws -> TestClient.Response {
            var headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
            headers["If-Match"] = ifMatch
            return try await TestClient.request(port: port, method, path, headers: headers, body: body)
        }

        /// The id of the record a POST made (or of `member` in its answer).
        func create(_ path: String, _ body: String, member: String? = nil) async throws -> String {
            let response = try await send("POST", path, body)
            #expect(response.status == 201, "\(path): \(response.text)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            let record = try member.map { try #require(object[$0] as? [String: Any]) } ?? object
            return try #require(record["id"] as? String, "\(path): \(response.text)")
        }
    }

    /// A PUT or PATCH of the sweep: its record's path and a body it would accept.
    typealias Write = (path: String, body: String)

    /// An administrator, and for each PUT and PATCH operation (by operationId) a record of its own, made at version 1
    /// on the test server, with a body the operation would accept (NullFieldSweepTests walks the same records).
    static func sweepRecords(port: Int, application: Application) async throws -> (admin: Caller, writes: [String: Write]) {
        let admin = Caller(port: port, token: try await application.token(for: .admin).token)
        let (coordinatorToken, coordinatorPrincipal) = try await application.token(for: .coordinator)
        let coordinatorUser = coordinatorPrincipal.userID.uuidString.lowercased()
        let city = try await admin.create("/v1/cities", #"{"nameJa":"ダナン","nameEn":"Da Nang","country":"VN","relationship":"mou_partner"}"#)
        let need = try await admin.create("/v1/needs", #"{"cityId":"\#(city)","titleEn":"Rooftop solar for schools","source":"inquiry"}"#)
        let company = try await admin.create("/v1/companies", #"{"nameEn":"Yokohama Green Energy","size":"sme"}"#)
        let coordinator = try await admin.create("/v1/coordinators", #"{"userId":"\#(coordinatorUser)","displayName":"山田 太郎","capacity":8}"#)
        let lead = try await admin.create("/v1/leads", #"{"title":"ダナン市 太陽光","cityId":"\#(city)","sourceChannel":"policy_dialogue","ownerCoordinatorId":"\#(coordinator)"}"#)
        let event = try await admin.create("/v1/events", #"""
            {"kind":"seminar","titleEn":"Solar seminar","startsAt":"2027-06-01T01:00:00Z","endsAt":"2027-06-01T03:00:00Z","format":"online","onlineCapacity":50}
            """#)
        let registered = try await admin.create("/v1/events/\(event)/registrations", #"""
            {"participant":{"nameJa":"佐藤 花子","email":"sweep.participant@example.jp","sector":"industry","role":"local_company"}}
            """#, member: "participant")
        let university = "/v1/universities/sweep_tech"
        let names = #"{"nameJa":"掃引工科大学","nameEn":"Sweep Tech"}"#
        let campus = #"{"nameJa":"本校","nameEn":"Main","municipality":"横浜市中区","inYokohama":true}"#
        let decision = #"{"decision":"pinned","reason":"実績あり"}"#
        let target = "/v1/kpi/targets/liaison_matches/2090"
        for (path, body) in [(university, names), ("\(university)/campuses/sweep_main", campus), ("/v1/needs/\(need)/decisions/\(company)", decision),
                             (target, #"{"target":40}"#)] {
            let created = try await admin.send("PUT", path, body)
            #expect(created.status == 201, "\(path): \(created.text)")
        }
        let user = try await admin.create("/v1/users", #"{"email":"sweep@example.jp","displayName":"Sato","role":"coordinator","password":"a long enough password"}"#)
        // Each operation with a record of its own and a body it would accept.
        let writes: [String: Write] = [
            "updateUser": ("/v1/users/\(user)", #"{"disabled":false}"#),
            "resetPassword": ("/v1/users/\(user)/password", #"{"password":"another long enough password"}"#),
            "updateCity": ("/v1/cities/\(city)", "{}"),
            "updatePolicyDialogue": ("/v1/policy-dialogues/\(try await admin.create("/v1/cities/\(city)/policy-dialogues", #"{"heldOn":"2024-02-01","participants":["City of Yokohama"],"topics":["waste-to-energy"]}"#))", "{}"),
            "updateLocalPartner": ("/v1/local-partners/\(try await admin.create("/v1/cities/\(city)/local-partners", #"{"name":"Da Nang Urban Environment Company","sector":"waste"}"#))", "{}"),
            "updateLiaisonBase": ("/v1/liaison-bases/\(try await admin.create("/v1/liaison-bases", #"{"name":"Yokohama Da Nang Desk","operatorName":"City of Yokohama","cityId":"\#(city)","kind":"yokohama_overseas_office"}"#))", "{}"),
            "updateNeed": ("/v1/needs/\(need)", "{}"),
            "updateCompany": ("/v1/companies/\(company)", "{}"),
            "updateCompanyTechnology": ("/v1/technologies/\(try await admin.create("/v1/companies/\(company)/technologies", #"{"titleJa":"屋根置き太陽光","taxonomyCodes":["solar_pv"],"maturity":"commercial","disclosure":"public"}"#))", "{}"),
            "updateCompanyTrackRecord": ("/v1/track-records/\(try await admin.create("/v1/companies/\(company)/track-records", #"{"country":"VN","city":"Da Nang","year":2023,"disclosure":"public"}"#))", "{}"),
            "updateCoordinator": ("/v1/coordinators/\(coordinator)", "{}"),
            "updateLead": ("/v1/leads/\(lead)", "{}"),
            "updateLeadActivity": ("/v1/activities/\(try await admin.create("/v1/leads/\(lead)/activities", #"{"kind":"site_visit","occurredOn":"2026-05-01","notes":"処分場を視察"}"#))", "{}"),
            "updateKnowledgeNote": ("/v1/knowledge-notes/\(try await Caller(port: port, token: coordinatorToken).create("/v1/knowledge-notes", #"{"titleJa":"ダナンのごみ質","bodyJa":"雨季は含水率が高い。","taxonomyCodes":["waste_to_energy"],"countries":["VN"]}"#))", "{}"),
            "putUniversity": (university, names),
            "putUniversityCampus": ("\(university)/campuses/sweep_main", campus),
            "updateEvent": ("/v1/events/\(event)", "{}"),
            "updateEventSession": ("/v1/sessions/\(try await admin.create("/v1/events/\(event)/sessions", #"{"type":"keynote","titleEn":"Opening","startsAt":"2027-06-01T01:00:00Z","endsAt":"2027-06-01T02:00:00Z"}"#))", "{}"),
            "updateParticipant": ("/v1/participants/\(registered)", "{}"),
            "updateNotificationEndpoint": ("/v1/notification-endpoints/\(try await admin.create("/v1/notification-endpoints", #"{"channel":"webhook","name":"crm","url":"https://crm.example.jp/hook","events":["lead_stage_changed"]}"#, member: "endpoint"))", "{}"),
            "putNeedDecision": ("/v1/needs/\(need)/decisions/\(company)", decision),
            "putKPITarget": (target, #"{"target":40}"#),
            "putKPISettings": ("/v1/kpi/settings", "{}"),
        ]
        return (admin, writes)
    }

    @Test("every PUT and PATCH route answers 428 without If-Match and 412 with a stale one, on a record that exists, and writes nothing")
    func routesRefuse() async throws {
        try await withTestServer { port, application in
            let (admin, writes) = try await Self.sweepRecords(port: port, application: application)
            let routes = try apiRoutes().filter { [.put, .patch].contains($0.method) && !Self.exempt.contains($0.operationID) }
            #expect(Set(routes.map(\.operationID)) == Set(writes.keys), "every PUT and PATCH is walked")
            let audited: () async throws -> Int = { try await application.pool.query("SELECT count(*)::int FROM audit_log")[0].decode(column: 0) }
            let before = try await audited()
            for route in routes {
                let write = try #require(writes[route.operationID])
                let method = route.method.rawValue
                let missing = try await admin.send(method, write.path, write.body)
                #expect(missing.status == 428, "\(route.operationID) without If-Match: \(missing.text)")
                let stale = try await admin.send(method, write.path, write.body, ifMatch: "\"999\"")
                #expect(stale.status == 412, "\(route.operationID) with a stale If-Match: \(stale.text)")
            }
            #expect(try await audited() == before, "no refused write is written")
        }
    }
}
