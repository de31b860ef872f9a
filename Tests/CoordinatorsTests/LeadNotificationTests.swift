import Coordinators
import DomainKit
import Foundation
import Jobs
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

@Suite("Overdue digest")
struct OverdueDigestTests {
    @Test("the daily digest job publishes one overdue_digest naming each owner's count of open, past-due next actions")
    func digest() async throws {
        let world = try await World.make()
        let notifications = NotificationService(pool: world.pool, secretsKey: "a test key of at least thirty-two characters")
        _ = try await notifications.createEndpoint(EndpointDraft(
            channel: .slack, name: "Digest", url: "https://hooks.slack.com/services/T0/B0/xyz", events: [.overdueDigest], enabled: true), by: world.admin)
        let (alice, _) = try await world.coordinator(name: "Alice")
        let lead = try await world.service.createLead(world.leadDraft(title: "Alice's lead"), by: alice)
        func activity(_ due: CalendarDate, done: Bool = false) -> LeadActivityDraft {
            LeadActivityDraft(kind: .call, occurredOn: CalendarDate(year: 2025, month: 5, day: 1)!, participants: ["URENCO"],
                              notes: "電話", nextAction: "見積書を送る", nextActionDueOn: due, nextActionDone: done)
        }
        _ = try await world.service.createActivity(activity(CalendarDate(year: 2025, month: 5, day: 10)!), on: lead.id, by: alice)
        _ = try await world.service.createActivity(activity(CalendarDate(year: 2025, month: 5, day: 11)!, done: true), on: lead.id, by: alice)
        _ = try await world.service.createActivity(activity(CalendarDate(year: 2099, month: 1, day: 1)!), on: lead.id, by: alice)

        let job = try #require(try await JobQueue.enqueue(NewJob(kind: OverdueDigest.kind), in: world.pool))
        var handlers = JobHandlers()
        OverdueDigest.register(into: &handlers, clock: .test)
        let worker = JobWorker(pool: world.pool, configuration: WorkerConfiguration(id: "digest-test"), handlers: handlers, clock: .test)
        let ran = try await worker.runOnce()
        let state = try await world.pool.query("SELECT state FROM jobs WHERE id = \(job)")[0].decode("state", as: String.self)
        #expect(state == "completed", "ran \(ran)")

        let rows = try await world.pool.query("SELECT event, body FROM notification_deliveries")
        #expect(rows.count == 1)
        #expect(try rows.first?.decode("event", as: String.self) == "overdue_digest")
        #expect(try rows.first?.decode("body", as: String.self).contains("Alice: 1 (oldest") == true)
    }
}
