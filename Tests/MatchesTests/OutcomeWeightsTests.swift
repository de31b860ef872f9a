import Cities
import Companies
import Foundation
@testable import Matches
import Postgres
import TestSupport
import Testing

/// Won and declined business matches move the four part weights, within bounds, and every ranking says how
/// (issue 16 item 6; docs/matching.md, "Outcomes move the weights").
@Suite("Decided matches move the weights within bounds, visibly")
struct OutcomeWeightsTests {
    static let none = ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0)

    static func sum(_ parts: ScoreParts) -> Double { parts.taxonomy + parts.text + parts.trackRecord + parts.readiness }

    @Test("fewer than the minimum of won or declined records move nothing")
    func belowMinimum() {
        let standard = MatchWeights.standard
        let outcomes = DecidedOutcomes(won: standard.outcomeMinimum, declined: standard.outcomeMinimum - 1,
                                       wonParts: ScoreParts(taxonomy: 0, text: 1, trackRecord: 0, readiness: 0), declinedParts: Self.none)
        let (weights, adjustment) = standard.adjusted(by: outcomes)
        #expect(weights == standard)
        #expect(!adjustment.applied)
        #expect(adjustment.shifts == Self.none)
        #expect(adjustment.noteEn.contains("Standard weights"))
        // Japanese takes the full-width colon, as the console's other labels (「実績：」).
        #expect(adjustment.noteJa.hasPrefix("標準の重み：これまで成約"))
    }

    @Test("a part on which won records scored higher weighs more, no weight moves beyond the limit, and they still sum to 1")
    func bounded() {
        let standard = MatchWeights.standard
        // Won records all text, declined ones all the rest: the largest difference there can be.
        let outcomes = DecidedOutcomes(won: 5, declined: 4,
                                       wonParts: ScoreParts(taxonomy: 0, text: 1, trackRecord: 0, readiness: 0),
                                       declinedParts: ScoreParts(taxonomy: 1, text: 0, trackRecord: 1, readiness: 1))
        let (weights, adjustment) = standard.adjusted(by: outcomes)
        #expect(adjustment.applied)
        #expect(weights.text > standard.text)
        #expect(weights.taxonomy < standard.taxonomy && weights.trackRecord < standard.trackRecord && weights.readiness < standard.readiness)
        for (moved, base) in [(weights.taxonomy, standard.taxonomy), (weights.text, standard.text),
                              (weights.trackRecord, standard.trackRecord), (weights.readiness, standard.readiness)] {
            #expect(abs(moved - base) <= standard.outcomeShiftLimit + 1e-9)
        }
        #expect(abs(Self.sum(adjustment.weights) - 1) < 1e-9)
        #expect(abs(Self.sum(adjustment.shifts)) < 1e-9)
        #expect(adjustment.noteEn.contains("5 won and 4 declined") && adjustment.noteEn.contains("words 0.550 → "))
        // The parts named as the console's score line names them (分野・文章・実績・成熟度; fields, words, record, readiness).
        #expect(adjustment.noteJa.hasPrefix("成約5件・見送り4件の結果で重みを調整：分野 ") && adjustment.noteJa.contains("、文章 0.550 → ") && adjustment.noteJa.contains("、成熟度 "))
        // Other weights are not the outcomes' to move.
        var rest = weights
        (rest.taxonomy, rest.text, rest.trackRecord, rest.readiness) = (standard.taxonomy, standard.text, standard.trackRecord, standard.readiness)
        #expect(rest == standard)
        // The same outcomes the other way round move the weights the other way.
        let (reversed, _) = standard.adjusted(by: DecidedOutcomes(won: 4, declined: 5, wonParts: outcomes.declinedParts, declinedParts: outcomes.wonParts))
        #expect(reversed.text < standard.text)
    }

    @Test("a ranking uses the weights moved by won and declined suggestions of this method, says so, and has a version of its own")
    func rankingShowsOutcomes() async throws {
        let world = try await MatchWorld.fresh()
        let city = try await world.city()
        let need = try await world.need(in: city, titleEn: "Solar panels for schools", codes: ["solar_pv"])
        let sun = try await world.company("Sun", titleEn: "Rooftop solar panels for schools", codes: ["solar_pv"])
        let before = try await world.ranking(need)
        #expect(!before.weights.applied)
        #expect(before.weights.weights == ScoreParts(taxonomy: 0.20, text: 0.55, trackRecord: 0.15, readiness: 0.10))

        // Won records scored high on text, declined ones high on track record; withdrawn ones and records of the
        // first method say nothing.
        let won = #"{"algorithmVersion": "matching-2.2-test", "score": 0.5, "parts": {"taxonomy": 0.2, "text": 0.9, "trackRecord": 0, "readiness": 0.5}}"#
        let declined = #"{"algorithmVersion": "matching-2.2-test", "score": 0.5, "parts": {"taxonomy": 0.2, "text": 0.1, "trackRecord": 1, "readiness": 0.5}}"#
        let rows: [(String, String, String)] = [("won", "matching-2.2-test", won), ("commercialized", "matching-2.2-test", won),
            ("won", "matching-2.2-test", won), ("declined", "matching-2.2-test", declined), ("declined", "matching-2.2-test", declined),
            ("declined", "matching-2.2-test", declined), ("withdrawn", "matching-2.2-test", won), ("won", "matching-1.0", declined)]
        // Each on a need of its own: a company has one live record per need (migration 0105).
        for (index, (status, version, parts)) in rows.enumerated() {
            let other = try await world.need(in: city, titleEn: "Solar panels for hospitals \(index)", codes: ["solar_pv"])
            _ = try await world.pool.withConnection { db in
                try await db.execute("""
                    INSERT INTO matches (company_id, need_id, channel, status, algorithm_version, score_parts)
                    VALUES (\(sun.id), \(other.id), 'coordinator', \(status), \(version), \(parts)::jsonb)
                    """)
            }
        }
        let after = try await world.ranking(need)
        #expect(after.weights.applied)
        #expect(after.weights.won == 3 && after.weights.declined == 3)
        #expect(after.weights.weights.text > 0.55 && after.weights.weights.trackRecord < 0.15)
        #expect(after.weights.noteEn.hasPrefix("Weights moved by 3 won and 3 declined matches"))
        #expect(after.algorithmVersion != before.algorithmVersion)
        // The score is the parts weighed by the weights the list names.
        let item = try #require(after.item(sun))
        let w = after.weights.weights
        let total = w.taxonomy * item.parts.taxonomy + w.text * item.parts.text + w.trackRecord * item.parts.trackRecord
            + w.readiness * item.parts.readiness
        #expect(abs(item.score - total) < 1e-5)
        #expect(item.score != before.item(sun)?.score)
        // A record made from this suggestion keeps the moved version and score.
        let match = try await world.matching.createMatch(
            BusinessMatchDraft(companyId: sun.id, needId: need.id, channel: .coordinator, fromSuggestion: true), by: coordinator)
        #expect(match.suggestion == SuggestionSnapshot(algorithmVersion: after.algorithmVersion, score: item.score, parts: item.parts))
    }
}
