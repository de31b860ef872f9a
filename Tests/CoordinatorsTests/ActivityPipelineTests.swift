import Cities
import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// 2026-05-20 10:00 in Japan (01:00 UTC).
let may20 = Date(timeIntervalSince1970: 1_779_238_800)

@Suite("Activities, overdue actions, the pipeline and the knowledge base")
struct ActivityPipelineTests {
    @Test("overdue: open next actions due before today in Japan; a coordinator sees its own, an admin all or one coordinator's")
    func overdue() async throws {
        let world = try await World.make(now: may20)
        let (alice, aliceProfile) = try await world.coordinator(name: "Alice")
        let (bob, _) = try await world.coordinator(name: "Bob")
        let aliceLead = try await world.service.createLead(world.leadDraft(title: "Alice's lead"), by: alice)
        let bobLead = try await world.service.createLead(world.leadDraft(title: "Bob's lead"), by: bob)
        func activity(_ due: CalendarDate?, done: Bool = false) -> LeadActivityDraft {
            LeadActivityDraft(kind: .siteVisit, occurredOn: CalendarDate(year: 2026, month: 5, day: 1)!, participants: ["市環境局", "URENCO"],
                              notes: "現地視察", nextAction: due == nil ? nil : "見積書を送る", nextActionDueOn: due, nextActionDone: done)
        }
        let late = try await world.service.createActivity(activity(CalendarDate(year: 2026, month: 5, day: 10)), on: aliceLead.id, by: alice)
        let yesterday = try await world.service.createActivity(activity(CalendarDate(year: 2026, month: 5, day: 19)), on: aliceLead.id, by: alice)
        _ = try await world.service.createActivity(activity(CalendarDate(year: 2026, month: 5, day: 20)), on: aliceLead.id, by: alice)
        _ = try await world.service.createActivity(activity(CalendarDate(year: 2026, month: 5, day: 1), done: true), on: aliceLead.id, by: alice)
        _ = try await world.service.createActivity(activity(nil), on: aliceLead.id, by: alice)
        let bobs = try await world.service.createActivity(activity(CalendarDate(year: 2026, month: 4, day: 30)), on: bobLead.id, by: bob)

        let mine = try await world.service.overdueActions(coordinatorID: nil, limit: 50, by: alice)
        #expect(mine.map(\.activity.id) == [late.id, yesterday.id])
        #expect(mine.map(\.daysOverdue) == [10, 1])
        #expect(mine.first?.leadTitle == "Alice's lead")
        #expect(try await world.service.overdueActions(coordinatorID: nil, limit: 50, by: world.admin).map(\.activity.id)
                == [bobs.id, late.id, yesterday.id])
        #expect(try await world.service.overdueActions(coordinatorID: aliceProfile.id, limit: 50, by: world.admin).count == 2)
        let others = await #expect(throws: RecordError.self) {
            try await world.service.overdueActions(coordinatorID: UUID(), limit: 50, by: alice)
        }
        #expect(others?.problem.status == 403)

        let done = try await world.service.updateActivity(late.id, ifVersion: 1, by: alice) { $0.nextActionDone = true }
        #expect(done.version == 2)
        #expect(try await world.service.overdueActions(coordinatorID: nil, limit: 50, by: alice).map(\.activity.id) == [yesterday.id])
        let stale = await #expect(throws: RecordError.self) {
            try await world.service.updateActivity(late.id, ifVersion: 1, by: alice) { $0.notes = "late" }
        }
        #expect(stale?.problem.status == 412)
        let notOwner = await #expect(throws: RecordError.self) {
            try await world.service.createActivity(activity(nil), on: aliceLead.id, by: bob)
        }
        #expect(notOwner?.problem.status == 403)
    }

    @Test("pipeline: counts and value per stage, per coordinator and per fiscal year of the expected close date")
    func pipeline() async throws {
        let world = try await World.make()
        let (alice, aliceProfile) = try await world.coordinator(name: "Alice")
        let (bob, bobProfile) = try await world.coordinator(name: "Bob")
        // 2027-03-31 is still FY2026; 2027-04-01 starts FY2027.
        let a = try await world.service.createLead(world.leadDraft(value: 100, closeOn: CalendarDate(year: 2027, month: 3, day: 31)), by: alice)
        _ = try await world.service.createLead(world.leadDraft(value: 200, closeOn: CalendarDate(year: 2027, month: 4, day: 1)), by: alice)
        _ = try await world.service.createLead(world.leadDraft(value: nil, closeOn: nil), by: bob)
        _ = try await world.move(a, through: [.qualified, .proposal])
        let byStage = try await world.service.pipeline(by: .stage, principal: world.admin)
        #expect(byStage.groups == [PipelineGroup(key: "lead", count: 2, valueYen: 200), PipelineGroup(key: "proposal", count: 1, valueYen: 100)])
        let byCoordinator = try await world.service.pipeline(by: .coordinator, principal: world.admin).groups
        #expect(Set(byCoordinator) == [PipelineGroup(key: aliceProfile.id.uuidString.lowercased(), count: 2, valueYen: 300),
                                       PipelineGroup(key: bobProfile.id.uuidString.lowercased(), count: 1, valueYen: 0)])
        let byYear = try await world.service.pipeline(by: .fiscalYear, principal: world.admin)
        #expect(byYear.groups == [PipelineGroup(key: "FY2026", count: 1, valueYen: 100), PipelineGroup(key: "FY2027", count: 1, valueYen: 200),
                                  PipelineGroup(key: "none", count: 1, valueYen: 0)])
        let byCity = try await world.service.pipeline(by: .city, principal: world.admin)
        #expect(byCity.groups == [PipelineGroup(key: world.city.id.uuidString.lowercased(), count: 3, valueYen: 300)])
    }

    @Test("knowledge notes: 廃棄物発電 finds an English note tagged waste-to-energy; country and code filters narrow")
    func knowledge() async throws {
        let world = try await World.make()
        let (author, profile) = try await world.coordinator()
        let english = try await world.service.createKnowledgeNote(
            KnowledgeNoteDraft(titleEn: "Stoker furnaces in humid climates", bodyEn: "Wet refuse lowers the calorific value.",
                               taxonomyCodes: ["waste_to_energy"], countries: ["VN"]), by: author)
        let japanese = try await world.service.createKnowledgeNote(
            KnowledgeNoteDraft(titleJa: "フィリピンの漏水対策", bodyJa: "無収水率の測り方", taxonomyCodes: ["water_supply"], countries: ["PH"]),
            by: author)
        #expect(english.authorCoordinatorID == profile.id)
        func ids(_ filter: KnowledgeNoteFilter) async throws -> [UUID] {
            try await world.service.knowledgeNotes(filter, page: PageRequest(), by: world.admin).items.map(\.id)
        }
        #expect(try await ids(KnowledgeNoteFilter(text: "廃棄物発電")) == [english.id])
        #expect(try await ids(KnowledgeNoteFilter(text: "leak detection")) == [japanese.id])
        #expect(try await ids(KnowledgeNoteFilter(text: "calorific")) == [english.id])
        #expect(try await ids(KnowledgeNoteFilter(country: "PH")) == [japanese.id])
        #expect(try await ids(KnowledgeNoteFilter(taxonomyCode: "waste")) == [english.id])
        let (other, _) = try await world.coordinator(name: "Other")
        let edit = await #expect(throws: RecordError.self) {
            try await world.service.updateKnowledgeNote(english.id, ifVersion: 1, by: other) { $0.bodyEn = "mine" }
        }
        #expect(edit?.problem.status == 403)
        #expect(try await world.service.updateKnowledgeNote(english.id, ifVersion: 1, by: author) { $0.countries = ["VN", "TH"] }.version == 2)
    }
}
