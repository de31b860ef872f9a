import Accounts
import App
import Cities
import Companies
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// Handing a leaving coordinator's active leads to another in one step (`/leads/reassign`, `POST /v1/leads/reassign`).
@Suite("Console lead handover")
struct ConsoleLeadHandOverTests {
    /// Lead A and B (active) and a lost lead C, all 山田 太郎's; 佐藤 花子, a second coordinator with `capacity`.
    struct Setting {
        let world: ConsoleWorld
        let service: CoordinatorService
        let admin: Principal
        let from: Coordinator
        let to: Coordinator
        let lost: UUID

        init(port: Int, application: Application, capacity: Int = 10) async throws {
            world = try await ConsoleWorld(port: port, application: application)
            service = ConsoleLeadEditTests.service(application)
            admin = Principal(userID: try await ConsoleBrowser.user(application, .admin).user.id, role: .admin)
            from = try #require(try await service.profile(ofUser: world.coordinator.userID, by: admin))
            let second = try await ConsoleBrowser.user(application, .coordinator).user
            to = try await service.createCoordinator(CoordinatorDraft(userId: second.id, displayName: "佐藤 花子", capacity: capacity), by: admin)
            let a = try await service.lead(world.leadA, by: admin)
            let closed = try await service.createLead(LeadDraft(title: "失注した案件", cityId: a.cityId, sourceChannel: .inquiry), by: world.coordinator)
            _ = try await service.transition(closed.id, LeadTransition(to: .lost, reason: "予算がつかなかった"), ifVersion: closed.version, by: world.coordinator)
            lost = closed.id
        }

        var path: String { "/leads/reassign?from=\(from.id.uuidString.lowercased())" }
        var confirm: String { "/leads/reassign/confirm?from=\(from.id.uuidString.lowercased())&to=\(to.id.uuidString.lowercased())" }

        func owner(_ lead: UUID) async throws -> UUID { try await service.lead(lead, by: admin).ownerCoordinatorId }
    }

    /// The confirmation form's fields, as a browser sends them.
    static func form(_ html: String) -> [(String, String)] {
        let inputs = html.components(separatedBy: "action=\"/leads/reassign\"").dropFirst().first ?? ""
        return ["from", "to", "lead"].flatMap { name in
            inputs.components(separatedBy: "name=\"\(name)\" value=\"").dropFirst().map { (name, String($0.prefix { $0 != "\"" })) }
        }
    }

    static func ownerAudits(_ lead: UUID, _ application: Application) async throws -> Int {
        try await application.pool.query("""
            SELECT count(*)::int AS n FROM audit_log
            WHERE entity = 'leads' AND entity_id = \(lead.uuidString.lowercased()) AND changes ? 'owner_coordinator_id'
            """)[0].decode("n")
    }

    @Test("an administrator hands a coordinator's active leads to another: chosen, confirmed, each moved with its audit entry; closed leads keep their owner")
    func roundTrip() async throws {
        try await withTestServer { port, application in
            let setting = try await Setting(port: port, application: application)
            var world = setting.world
            var admin = world.browsers[.admin]!
            let fromID = setting.from.id.uuidString.lowercased(), toID = setting.to.id.uuidString.lowercased()
            let list = try await admin.get("/leads?owner=\(fromID)")
            #expect(list.text.contains("href=\"\(setting.path)\">担当をまとめて引き継ぐ</a>"))
            var coordinator = world.browsers[.coordinator]!
            #expect(!(try await coordinator.get("/leads?owner=\(fromID)")).text.contains("/leads/reassign"))
            #expect(try await coordinator.get(setting.path).status == 403, "only an administrator hands leads over")

            // The user page of a disabled coordinator who still owns leads points to the handover.
            let user = try await application.accounts.user(id: setting.world.coordinator.userID, actor: setting.admin)
            _ = try await application.accounts.setDisabled(true, userID: user.id, expectedVersion: user.version, actor: setting.admin)
            #expect(try await admin.get("/users/\(user.id.uuidString.lowercased())").text.contains("href=\"\(setting.path)\""))

            let choice = try await admin.get(setting.path)
            #expect(choice.status == 200 && choice.text.contains("山田 太郎が担当している進行中の案件は2件です。"))
            #expect(choice.text.contains("<option value=\"\(toID)\">佐藤 花子（0／10件）</option>"))
            #expect(!choice.text.contains("<option value=\"\(fromID)\""), "not the leaving coordinator itself")
            let unchosen = try await admin.get("/leads/reassign/confirm?from=\(fromID)&to=")
            #expect(unchosen.status == 422 && unchosen.text.contains("新しい担当コーディネーターを選んでください"))

            let confirm = try await admin.get(setting.confirm)
            #expect(confirm.status == 200 && confirm.text.contains("進行中の案件2件の担当を、山田 太郎から佐藤 花子に変更します。"))
            #expect(confirm.text.contains(">案件 0<") && confirm.text.contains(">案件 1<") && !confirm.text.contains("失注した案件"))
            let before = try await Self.ownerAudits(world.leadA, application)
            let done = try await admin.post("/leads/reassign", form: Self.form(confirm.text),
                                            submission: ConsoleBrowser.submission(in: confirm.text, action: "/leads/reassign"))
            #expect(done.status == 303 && done.header("Location") == "/leads?owner=\(toID)&handedOver=2")
            let after = try await admin.get("/leads?owner=\(toID)&handedOver=2")
            #expect(after.text.contains("2件の案件を佐藤 花子に引き継ぎました。") && after.text.contains(">案件 0<") && after.text.contains(">案件 1<"))
            #expect(try await setting.owner(world.leadA) == setting.to.id)
            #expect(try await setting.owner(world.leadB) == setting.to.id)
            #expect(try await setting.owner(setting.lost) == setting.from.id, "a lost lead keeps its owner as history")
            #expect(try await Self.ownerAudits(world.leadA, application) == before + 1)
            #expect(try await Self.ownerAudits(world.leadB, application) == before + 1)
            let left = try await admin.get("/leads?owner=\(fromID)").text.components(separatedBy: "id=\"overdue\"")[0]
            #expect(!left.contains(">案件 0<") && !left.contains(">案件 1<") && left.contains("失注した案件"))
            #expect(try await admin.get(setting.path).text.contains("引き継ぐ進行中の案件はありません。"))
            world.browsers[.admin] = admin
        }
    }

    @Test("a lead changed since the confirmation refuses the whole step (409, nothing moved); a new owner without room, inactive or disabled is refused; over 200 is refused")
    func refusals() async throws {
        try await withTestServer { port, application in
            let setting = try await Setting(port: port, application: application, capacity: 1)
            var admin = setting.world.browsers[.admin]!
            let (world, service) = (setting.world, setting.service)
            // No room: 佐藤 花子 may own one active lead, and two would move.
            let full = try await admin.get(setting.confirm)
            #expect(full.status == 422 && full.text.contains("佐藤 花子が担当できる進行中の案件はあと1件（上限1件）ですが、引き継ぐ案件は2件です。"))
            let a = try await service.lead(world.leadA, by: setting.admin), b = try await service.lead(world.leadB, by: setting.admin)
            let both = LeadReassignment(fromCoordinatorId: setting.from.id, toCoordinatorId: setting.to.id,
                                        leads: [LeadVersion(id: a.id, version: a.version), LeadVersion(id: b.id, version: b.version)])
            await #expect(throws: CoordinatorsError.overCapacity(capacity: 1, field: "toCoordinatorId")) {
                _ = try await service.reassignLeads(both, by: setting.admin)
            }
            _ = try await service.updateCoordinator(setting.to.id, ifVersion: setting.to.version, by: setting.admin) { $0.capacity = 10 }

            // Stale: lead A is edited after the confirmation was read.
            let confirm = try await admin.get(setting.confirm)
            #expect(confirm.status == 200)
            _ = try await service.updateLead(world.leadA, ifVersion: a.version, by: world.coordinator) { $0.title = "案件 0（改）" }
            let stale = try await admin.post("/leads/reassign", form: Self.form(confirm.text),
                                             submission: ConsoleBrowser.submission(in: confirm.text, action: "/leads/reassign"))
            #expect(stale.status == 409 && stale.text.contains("このページを開いた後に変わった案件があったため、引き継ぎませんでした"))
            #expect(stale.text.contains("案件 0（改）"), "the list is read afresh")
            #expect(try await setting.owner(world.leadA) == setting.from.id, "nothing moved")
            #expect(try await setting.owner(world.leadB) == setting.from.id, "nothing moved")
            // A lead moved to another stage, or no longer the old owner's, since: the same.
            do {
                _ = try await service.reassignLeads(both, by: setting.admin)
                Issue.record("a stale version was accepted")
            } catch RecordError.conflict(_, let field) {
                #expect(field?.hasPrefix("leads.") == true)
            }
            #expect(try await setting.owner(world.leadB) == setting.from.id)

            // An inactive profile, and the profile of a disabled user, own no leads.
            let fresh = [LeadVersion(id: a.id, version: a.version + 1), LeadVersion(id: b.id, version: b.version)]
            let current = try await service.coordinator(setting.to.id, by: setting.admin)
            _ = try await service.updateCoordinator(current.id, ifVersion: current.version, by: setting.admin) { $0.active = false }
            await #expect(throws: RecordError.self) {
                _ = try await service.reassignLeads(LeadReassignment(fromCoordinatorId: setting.from.id, toCoordinatorId: setting.to.id, leads: fresh), by: setting.admin)
            }
            let inactive = try await service.coordinator(setting.to.id, by: setting.admin)
            _ = try await service.updateCoordinator(inactive.id, ifVersion: inactive.version, by: setting.admin) { $0.active = true }
            let user = try await application.accounts.user(id: setting.to.userId, actor: setting.admin)
            _ = try await application.accounts.setDisabled(true, userID: user.id, expectedVersion: user.version, actor: setting.admin)
            do {
                _ = try await service.reassignLeads(LeadReassignment(fromCoordinatorId: setting.from.id, toCoordinatorId: setting.to.id, leads: fresh), by: setting.admin)
                Issue.record("a disabled user's profile was given leads")
            } catch RecordError.invalid(let problems) {
                #expect(problems.map(\.field) == ["toCoordinatorId"])
            }
            let unoffered = try await admin.get(setting.path)
            #expect(unoffered.status == 200 && !unoffered.text.contains("<option value=\"\(setting.to.id.uuidString.lowercased())\""),
                    "a disabled user's profile is not offered")
            #expect(try await setting.owner(world.leadA) == setting.from.id)
            #expect(try await setting.owner(world.leadB) == setting.from.id)

            // The API: a coordinator is refused, more than 200 leads are refused, the administrator's step moves them.
            let body = { (leads: [LeadVersion]) in
                String(decoding: try JSONEncoder().encode(LeadReassignment(fromCoordinatorId: setting.from.id, toCoordinatorId: setting.to.id, leads: leads)), as: UTF8.self)
            }
            let (coordinatorToken, _) = try await application.token(for: .coordinator)
            let (adminToken, _) = try await application.token(for: .admin)
            func post(_ token: String, _ json: String) async throws -> TestClient.Response {
                try await TestClient.request(port: port, "POST", "/v1/leads/reassign",
                                             headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"], body: json)
            }
            #expect(try await post(coordinatorToken, try body(fresh)).status == 403)
            let many = (0...LeadReassignment.most).map { _ in LeadVersion(id: UUID(), version: 1) }
            let tooMany = try await post(adminToken, try body(many))
            #expect(tooMany.status == 422 && tooMany.text.contains("at most 200"))
            let disabled = try await application.accounts.user(id: user.id, actor: setting.admin)
            _ = try await application.accounts.setDisabled(false, userID: user.id, expectedVersion: disabled.version, actor: setting.admin)
            let moved = try await post(adminToken, try body(fresh))
            #expect(moved.status == 200 && moved.text.lowercased().contains(a.id.uuidString.lowercased()))
            #expect(try await setting.owner(world.leadA) == setting.to.id)
            #expect(try await setting.owner(world.leadB) == setting.to.id)
        }
    }
}
