import Coordinators
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The transition table as docs/leads.md states it, written out here independently of the code.
let documentedTransitions: [LeadStage: Set<LeadStage>] = [
    .lead: [.qualified, .lost, .onHold],
    .qualified: [.proposal, .lost, .onHold],
    .proposal: [.negotiation, .lost, .onHold],
    .negotiation: [.won, .lost, .onHold],
    .won: [.commercialized, .lost, .onHold],
    .commercialized: [],
    .lost: [.lead],
    .onHold: [.lead, .qualified, .proposal, .negotiation, .won, .lost],
]

/// A path from a new lead to each stage.
let pathTo: [LeadStage: [LeadStage]] = [
    .lead: [],
    .qualified: [.qualified],
    .proposal: [.qualified, .proposal],
    .negotiation: [.qualified, .proposal, .negotiation],
    .won: [.qualified, .proposal, .negotiation, .won],
    .commercialized: [.qualified, .proposal, .negotiation, .won, .commercialized],
    .lost: [.lost],
    .onHold: [.onHold],
]

@Suite("Lead stages and history")
struct LeadTransitionTests {
    @Test("every stage pair: the documented transitions succeed and every other one is a 422 listing the allowed stages")
    func everyPair() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator(capacity: 1000)
        for from in LeadStage.allCases {
            for to in LeadStage.allCases {
                let start = try await world.move(try await world.service.createLead(world.leadDraft(), by: owner), through: pathTo[from]!)
                #expect(start.stage == from)
                let move = LeadTransition(to: to, reason: to.needsReason ? "budget frozen" : nil)
                if documentedTransitions[from]!.contains(to) {
                    let moved = try await world.service.transition(start.id, move, ifVersion: start.version, by: owner)
                    #expect(moved.stage == to, "\(from) → \(to)")
                    #expect(moved.version == start.version + 1)
                } else {
                    let error = await #expect(throws: CoordinatorsError.self, "\(from) → \(to)") {
                        try await world.service.transition(start.id, move, ifVersion: start.version, by: owner)
                    }
                    #expect(error?.problem.status == 422)
                    let allowed = documentedTransitions[from]!.map(\.rawValue)
                    #expect(allowed.allSatisfy { error?.problem.detail.contains($0) ?? false }, "\(from) → \(to): \(error?.problem.detail ?? "")")
                    #expect(error?.problem.errors?.first?.field == "to")
                    #expect(try await world.service.lead(start.id, by: owner).stage == from)
                }
            }
        }
    }

    @Test("history keeps who, when, from, to, reason and note, starting with the creation; the commercialisation time is derivable")
    func history() async throws {
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let world = try await World.make(now: at)
        let (owner, _) = try await world.coordinator()
        var lead = try await world.service.createLead(world.leadDraft(), by: owner)
        lead = try await world.service.transition(lead.id, LeadTransition(to: .qualified, note: "市長と面談"), ifVersion: 1, by: owner)
        lead = try await world.move(lead, through: [.proposal, .negotiation, .won, .commercialized], by: owner)
        let history = try await world.service.history(of: lead.id, by: world.admin)
        #expect(history.map(\.from) == [nil, .lead, .qualified, .proposal, .negotiation, .won])
        #expect(history.map(\.to) == [.lead, .qualified, .proposal, .negotiation, .won, .commercialized])
        #expect(history[1].note == "市長と面談")
        #expect(history.allSatisfy { $0.changedBy == owner.userID && $0.changedAt == at })
        let rows = try await world.pool.query("""
            SELECT max(changed_at) AS at FROM lead_stage_history WHERE lead_id = \(lead.id) AND to_stage = 'commercialized'
            """)
        #expect(try rows[0].decode("at", as: Date.self) == at)
        #expect(lead.stageChangedAt == at)
    }

    @Test("lost and on_hold need a reason, which the lead shows until it moves on")
    func reasons() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        let missing = await #expect(throws: RecordError.self) {
            try await world.service.transition(lead.id, LeadTransition(to: .lost), ifVersion: 1, by: owner)
        }
        #expect(missing?.problem.errors?.first?.field == "reason")
        let lost = try await world.service.transition(lead.id, LeadTransition(to: .lost, reason: "予算不成立"), ifVersion: 1, by: owner)
        #expect(lost.stageReason == "予算不成立")
        let reopened = try await world.service.transition(lead.id, LeadTransition(to: .lead, note: "new budget year"), ifVersion: 2, by: owner)
        #expect(reopened.stageReason == nil)
        #expect(try await world.service.history(of: lead.id, by: owner).last?.note == "new budget year")
    }

    @Test("a stale If-Match on a transition or an edit is a 412 and changes nothing")
    func stale() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator()
        let lead = try await world.service.createLead(world.leadDraft(), by: owner)
        _ = try await world.service.updateLead(lead.id, ifVersion: 1, by: owner) { $0.estimatedValueYen = 5 }
        let transition = await #expect(throws: RecordError.self) {
            try await world.service.transition(lead.id, LeadTransition(to: .qualified), ifVersion: 1, by: owner)
        }
        #expect(transition?.problem.status == 412)
        let edit = await #expect(throws: RecordError.self) {
            try await world.service.updateLead(lead.id, ifVersion: 1, by: owner) { $0.title = "late" }
        }
        #expect(edit?.problem.status == 412)
        let current = try await world.service.lead(lead.id, by: owner)
        #expect(current.stage == .lead && current.title == lead.title && current.version == 2)
        #expect(try await world.service.history(of: lead.id, by: owner).count == 1)
    }

    @Test("an owner at capacity gets a 422 for a new lead and for reopening one; a closed lead frees room")
    func capacity() async throws {
        let world = try await World.make()
        let (owner, _) = try await world.coordinator(capacity: 1)
        let first = try await world.service.createLead(world.leadDraft(), by: owner)
        let full = await #expect(throws: CoordinatorsError.self) {
            try await world.service.createLead(world.leadDraft(title: "second"), by: owner)
        }
        #expect(full?.problem.status == 422)
        #expect(full?.problem.errors?.first?.field == "ownerCoordinatorId")
        _ = try await world.move(first, through: [.onHold], by: owner)
        let second = try await world.service.createLead(world.leadDraft(title: "second"), by: owner)
        #expect(second.stage == .lead)
        let held = try await world.service.lead(first.id, by: owner)
        let resume = await #expect(throws: CoordinatorsError.self) {
            try await world.service.transition(first.id, LeadTransition(to: .qualified), ifVersion: held.version, by: owner)
        }
        #expect(resume?.problem.status == 422)
        #expect(resume?.problem.errors?.first?.field == "to")
    }
}
