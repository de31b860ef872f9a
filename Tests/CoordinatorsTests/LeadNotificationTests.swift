import Coordinators
import DomainKit
import Foundation
import Notifications
import Postgres
import TestSupport
import Testing

@Suite("Lead stage changes as notifications")
struct LeadNotificationTests {
    @Test("a stage change queues one delivery per endpoint that chose lead_stage_changed, in the same transaction; a refused move queues none")
    func stageChangePublishes() async throws {
        let world = try await World.make()
        let notifications = NotificationService(pool: world.pool, secretsKey: "a test key of at least thirty-two characters")
        _ = try await notifications.createEndpoint(EndpointDraft(
            channel: .teams, name: "Coordinators' channel", url: "https://example.webhook.office.com/webhookb2/abc",
            events: [.leadStageChanged], enabled: true), by: world.admin)
        _ = try await notifications.createEndpoint(EndpointDraft(
            channel: .slack, name: "KPI only", url: "https://hooks.slack.com/services/T0/B0/xyz", events: [.kpiAtRisk], enabled: true), by: world.admin)
        let (owner, _) = try await world.coordinator(capacity: 10)
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        let moved = try await world.service.transition(lead.id, LeadTransition(to: .qualified), ifVersion: lead.version, by: owner)
        _ = await #expect(throws: CoordinatorsError.self) {
            try await world.service.transition(lead.id, LeadTransition(to: .won), ifVersion: moved.version, by: owner)
        }
        let rows = try await world.pool.query("SELECT event, body FROM notification_deliveries ORDER BY id")
        #expect(rows.count == 1)
        #expect(try rows.first?.decode("event", as: String.self) == "lead_stage_changed")
        #expect(try rows.first?.decode("body", as: String.self).contains("lead → qualified") == true)
    }
}
