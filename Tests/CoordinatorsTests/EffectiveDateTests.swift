import Coordinators
import DomainKit
import Foundation
import Postgres
import Testing
import TestSupport

@Suite("Stage changes on the day they happened")
struct EffectiveDateTests {
    /// 2025-04-02 10:00 JST: the second day of FY2025.
    static let secondOfApril = CalendarDate("2025-04-02")!.startInJapan.addingTimeInterval(10 * 3600)

    @Test("a commercialisation entered on 2 April for a contract signed on 28 March counts in the fiscal year that ended; who and when stay in the history")
    func backdated() async throws {
        let world = try await World.make(now: Self.secondOfApril)
        let (owner, _) = try await world.coordinator()
        var lead = try await world.service.createLead(world.leadDraft(), by: owner)
        lead = try await world.move(lead, through: [.qualified, .proposal, .negotiation, .won], by: owner)
        lead = try await world.service.transition(
            lead.id, LeadTransition(to: .commercialized, occurredOn: CalendarDate("2025-03-28")), ifVersion: lead.version, by: owner)
        let last = try #require(try await world.service.history(of: lead.id, by: world.admin).last)
        #expect(last.occurredOn == CalendarDate("2025-03-28") && last.changedAt == Self.secondOfApril && last.changedBy == owner.userID)
        // KPI ①'s records (the KPI module's published view) put it in FY2024.
        let year: Int = try await world.pool.query("""
            SELECT fiscal_year FROM kpi_records WHERE code = 'commercializations' AND record_id = \(lead.id.uuidString.lowercased())
            """)[0].decode(column: 0)
        #expect(year == 2024)
    }

    @Test("the day of a change is never in the future (Japan time) nor inside a closed fiscal year: 422 naming occurredOn, nothing changes",
          arguments: ["2025-04-03", "2024-12-01"])
    func refused(day: String) async throws {
        let world = try await World.make(now: Self.secondOfApril)
        try await world.pool.execute("INSERT INTO kpi_closes (fiscal_year) VALUES (2024)")
        let (owner, _) = try await world.coordinator()
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        let error = await #expect(throws: RecordError.self) {
            try await world.service.transition(lead.id, LeadTransition(to: .qualified, occurredOn: CalendarDate(day)), ifVersion: 1, by: owner)
        }
        #expect(error?.problem.status == 422 && error?.problem.errors?.first?.field == "occurredOn")
        #expect(try await world.service.lead(lead.id, by: owner).stage == .lead)
        // The last minute of FY2024 is closed; the first minute of FY2025 is open.
        let open = try await world.service.transition(lead.id, LeadTransition(to: .qualified, occurredOn: CalendarDate("2025-04-01")), ifVersion: 1, by: owner)
        #expect(open.stage == .qualified)
    }

    /// Found probing dates (2026-12-04): a commercialisation dated 0001-01-01 was stored and counted for KPI ① in
    /// "FY0", a year no report shows, so the lead fell out of every figure. A browser's date field reads a year typed
    /// with two digits as 00xx, so "0025-04-01" is a slip of the keyboard, not a date of the programme.
    @Test("a day before fiscal year 2000 (a year typed as 0025) is a 422 naming occurredOn; KPI ① never counts a year no report shows",
          arguments: ["0025-04-01", "0001-01-01", "2000-03-31"])
    func farPast(day: String) async throws {
        let world = try await World.make(now: Self.secondOfApril)
        let (owner, _) = try await world.coordinator()
        var lead = try await world.service.createLead(world.leadDraft(), by: owner)
        lead = try await world.move(lead, through: [.qualified, .proposal, .negotiation, .won], by: owner)
        let error = await #expect(throws: RecordError.self) {
            try await world.service.transition(lead.id, LeadTransition(to: .commercialized, occurredOn: CalendarDate(day)), ifVersion: lead.version, by: owner)
        }
        #expect(error?.problem.status == 422 && error?.problem.errors?.first?.field == "occurredOn", "\(String(describing: error?.problem))")
        let counted: Int = try await world.pool.query("SELECT count(*)::int FROM kpi_records WHERE code = 'commercializations'")[0].decode(column: 0)
        #expect(counted == 0)
        let first = try await world.service.transition(
            lead.id, LeadTransition(to: .commercialized, occurredOn: CalendarDate("2000-04-01")), ifVersion: lead.version, by: owner)
        #expect(first.stage == .commercialized)
    }

    /// Found probing dates (2026-12-04): an activity, a next action's due date or a lead's expected close typed as
    /// 0026-… was stored, and the overdue list showed the action as late by two thousand years.
    @Test("a day a person types into a lead or activity outside 1900–2100 (a year typed as 0026) is a 422 naming it; nothing is written")
    func typedYears() async throws {
        let world = try await World.make(now: Self.secondOfApril)
        let (owner, _) = try await world.coordinator()
        let slip = try #require(CalendarDate("0026-05-01"))
        let leadError = await #expect(throws: RecordError.self) {
            try await world.service.createLead(world.leadDraft(closeOn: slip), by: owner)
        }
        #expect(leadError?.problem.errors?.map(\.field) == ["expectedCloseOn"], "\(String(describing: leadError?.problem))")
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        for (draft, field) in [
            (LeadActivityDraft(kind: .call, occurredOn: slip, notes: "Call"), "occurredOn"),
            (LeadActivityDraft(kind: .call, occurredOn: try #require(CalendarDate("2025-04-01")), nextAction: "Send the proposal",
                               nextActionDueOn: CalendarDate("2101-01-01")), "nextActionDueOn"),
        ] {
            let error = await #expect(throws: RecordError.self) { try await world.service.createActivity(draft, on: lead.id, by: owner) }
            #expect(error?.problem.status == 422 && error?.problem.errors?.map(\.field) == [field], "\(String(describing: error?.problem))")
        }
        #expect(try await world.service.activities(of: lead.id, page: PageRequest(), by: owner).items.isEmpty)
        // The bounds themselves are days of the programme's records.
        let kept = try await world.service.createActivity(
            LeadActivityDraft(kind: .call, occurredOn: try #require(CalendarDate("1900-01-01")), nextAction: "Call back",
                              nextActionDueOn: CalendarDate("2100-12-31")), on: lead.id, by: owner)
        #expect(kept.occurredOn == CalendarDate("1900-01-01"))
    }
}
