/// Where a lead (案件) stands. The main line runs `lead → qualified → proposal → negotiation → won →
/// commercialized`; `lost` and `on_hold` leave it, each with a reason.
public enum LeadStage: String, Sendable, Codable, CaseIterable {
    case lead
    case qualified
    case proposal
    case negotiation
    case won
    case commercialized
    case lost
    case onHold = "on_hold"

    /// THE transition table: every allowed move, in one place (docs/leads.md draws it). Any stage
    /// before commercialisation may be lost or put on hold. A lead on hold resumes at any open stage
    /// up to negotiation (the coordinator knows where the talks stand). A lost lead reopens only as
    /// `lead`, so it is qualified again rather than jumping back into a stale negotiation.
    /// `commercialized` is final: KPI ① counts it, and an unwound project is a new lead.
    public static let allowedNext: [LeadStage: [LeadStage]] = [
        .lead: [.qualified, .lost, .onHold],
        .qualified: [.proposal, .lost, .onHold],
        .proposal: [.negotiation, .lost, .onHold],
        .negotiation: [.won, .lost, .onHold],
        .won: [.commercialized, .lost, .onHold],
        .commercialized: [],
        .lost: [.lead],
        .onHold: [.lead, .qualified, .proposal, .negotiation, .won, .lost],
    ]

    public var allowedNext: [LeadStage] { Self.allowedNext[self] ?? [] }

    public func canMove(to next: LeadStage) -> Bool { allowedNext.contains(next) }

    /// Stages that need a reason (why it was lost, why it waits).
    public var needsReason: Bool { self == .lost || self == .onHold }

    /// Active leads count against the owner's capacity: everything still being worked.
    public var isActive: Bool {
        switch self {
        case .lead, .qualified, .proposal, .negotiation, .won: true
        case .commercialized, .lost, .onHold: false
        }
    }

    public static var activeStages: [LeadStage] { allCases.filter(\.isActive) }
}
