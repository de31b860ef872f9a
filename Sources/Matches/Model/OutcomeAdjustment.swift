/// How decided business matches moved the four part weights of a ranking (issue 16 item 6; docs/matching.md,
/// "Outcomes move the weights"). Records made from a suggestion keep the parts the company scored then; when
/// won records scored higher on a part than declined ones, that part weighs a little more, and the other way
/// round, within `MatchWeights.outcomeShiftLimit` of the standard weights, which still sum to 1.
public struct OutcomeAdjustment: Sendable, Equatable, Codable {
    /// Won (or commercialised) and declined records made from a suggestion of this method (`matching-2.…`).
    public var won: Int
    public var declined: Int
    /// Whether there were enough of both (`MatchWeights.outcomeMinimum` each) to move the weights.
    public var applied: Bool
    /// The four weights the scores were made with.
    public var weights: ScoreParts
    /// How far each moved from the standard weight (all 0 when not applied).
    public var shifts: ScoreParts
    /// The same in words, for a coordinator.
    public var noteEn: String
    public var noteJa: String
}

/// The mean parts of the decided records of each kind (`BusinessMatchStore.outcomes`).
struct DecidedOutcomes: Sendable, Equatable {
    var won = 0
    var declined = 0
    var wonParts = ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0)
    var declinedParts = ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0)
}

extension MatchWeights {
    /// These weights moved by decided outcomes: for each part, `outcomeRate` × (mean over won − mean over
    /// declined), each shift held to ±`outcomeShiftLimit` / 2, then centred so the four still sum to 1 (so
    /// no weight moves more than `outcomeShiftLimit`). Nothing moves with fewer than `outcomeMinimum` of each.
    func adjusted(by outcomes: DecidedOutcomes) -> (MatchWeights, OutcomeAdjustment) {
        let applied = outcomes.won >= outcomeMinimum && outcomes.declined >= outcomeMinimum
        let standardParts = ScoreParts(taxonomy: taxonomy, text: text, trackRecord: trackRecord, readiness: readiness)
        var adjusted = self
        var shifts = ScoreParts(taxonomy: 0, text: 0, trackRecord: 0, readiness: 0)
        if applied {
            let half = outcomeShiftLimit / 2
            func raw(_ part: KeyPath<ScoreParts, Double>) -> Double {
                min(half, max(-half, outcomeRate * (outcomes.wonParts[keyPath: part] - outcomes.declinedParts[keyPath: part])))
            }
            let raws = [raw(\.taxonomy), raw(\.text), raw(\.trackRecord), raw(\.readiness)]
            let mean = raws.reduce(0, +) / 4
            let centred = raws.map { (($0 - mean) * 1_000_000).rounded() / 1_000_000 }
            shifts = ScoreParts(taxonomy: centred[0], text: centred[1], trackRecord: centred[2], readiness: -(centred[0] + centred[1] + centred[2]))
            adjusted.taxonomy += shifts.taxonomy
            adjusted.text += shifts.text
            adjusted.trackRecord += shifts.trackRecord
            adjusted.readiness += shifts.readiness
        }
        let weights = ScoreParts(taxonomy: adjusted.taxonomy, text: adjusted.text, trackRecord: adjusted.trackRecord, readiness: adjusted.readiness)
        let noteEn: String
        let noteJa: String
        if applied {
            func listed(_ format: (String, Double, Double) -> String) -> String {
                [("fields", standardParts.taxonomy, weights.taxonomy), ("words", standardParts.text, weights.text),
                 ("track record", standardParts.trackRecord, weights.trackRecord), ("readiness", standardParts.readiness, weights.readiness)]
                    .map { format($0.0, $0.1, $0.2) }.joined(separator: ", ")
            }
            noteEn = "Weights moved by \(outcomes.won) won and \(outcomes.declined) declined matches: "
                + listed { "\($0) \(Self.figure($1)) → \(Self.figure($2))" }
            noteJa = "成約\(outcomes.won)件・見送り\(outcomes.declined)件の結果で重みを調整："
                + [("分野", standardParts.taxonomy, weights.taxonomy), ("文章", standardParts.text, weights.text),
                   ("実績", standardParts.trackRecord, weights.trackRecord), ("成熟度", standardParts.readiness, weights.readiness)]
                    .map { "\($0.0) \(Self.figure($0.1)) → \(Self.figure($0.2))" }.joined(separator: "、")
        } else {
            noteEn = "Standard weights: \(outcomes.won) won and \(outcomes.declined) declined matches so far; "
                + "at least \(outcomeMinimum) of each move them."
            noteJa = "標準の重み：これまで成約\(outcomes.won)件・見送り\(outcomes.declined)件。それぞれ\(outcomeMinimum)件以上で調整します。"
        }
        return (adjusted, OutcomeAdjustment(won: outcomes.won, declined: outcomes.declined, applied: applied, weights: weights,
                                            shifts: shifts, noteEn: noteEn, noteJa: noteJa))
    }

    private static func figure(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let digits = String(abs(thousandths) % 1000)
        return (thousandths < 0 ? "-" : "") + "\(abs(thousandths) / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
