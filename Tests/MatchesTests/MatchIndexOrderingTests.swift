import Companies
import DomainKit
import Foundation
@testable import Matches
import Postgres
import TestSupport
import Testing

@Suite("The matching index's ordering guarantee")
struct MatchIndexOrderingTests {
    /// Holds a build after the chunk it has just read, once armed, until released: events are ordered by
    /// the test, not by timing.
    actor BuildGate {
        private var armed = false
        private var held: CheckedContinuation<Void, Never>?
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func arm() { armed = true }

        /// Called by the build after each chunk.
        func pass() async {
            guard armed else { return }
            armed = false
            await withCheckedContinuation { continuation in
                held = continuation
                for waiter in waiting { waiter.resume() }
                waiting = []
            }
        }

        func untilHeld() async {
            if held != nil { return }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            held?.resume()
            held = nil
        }
    }

    @Test("a refresh that joins a rebuild begun before a committed change still returns that change (issue 17)")
    func refreshJoiningOlderBuild() async throws {
        let world = try await MatchWorld.fresh()
        let company = try await world.company("Late bloomer", titleEn: "Mangrove planting", codes: ["blue_carbon"])
        let gate = BuildGate()
        let index = MatchIndex(pool: world.pool, afterChunk: { await gate.pass() })
        try await index.build()

        // More changes than are applied one by one (as a bulk import writes them): the next look rebuilds.
        try await world.pool.execute("""
            INSERT INTO matching_company_changes (company_id)
            SELECT \(company.id) FROM generate_series(1, \(MatchSourceStore.maximumChangesApplied + 1))
            """)
        await gate.arm()
        let first = Task { try await index.current() }
        // The rebuild has read the directory and is held there; then the company gains a technology.
        await gate.untilHeld()
        _ = try await world.companies.createTechnology(
            CompanyTechnologyDraft(titleEn: "Lithium-ion BESS", taxonomyCodes: ["battery_storage"], maturity: .pilot, disclosure: .public),
            companyID: company.id, by: admin)

        // A call made after that commit finds the rebuild under way and joins it.
        let second = Task { try await index.current() }
        while await index.joinedBuilds == 0 { await Task.yield() }
        await gate.release()
        _ = try await first.value
        let state = try await second.value

        let battery = try #require(state.vocabulary.index["battery_storage"])
        let slot = try #require(state.slotOf[company.id])
        #expect(state.company(at: slot).codes.contains(battery))
        #expect(state.company(at: slot).technologies.count == 2)
    }
}
