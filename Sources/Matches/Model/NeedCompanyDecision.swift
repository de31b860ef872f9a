public import FoundationEssentials
public import DomainKit

/// A coordinator's pin or exclusion of one company for one need.
public enum DecisionKind: String, Sendable, Codable, CaseIterable {
    case pinned, excluded
}

/// The body of `PUT /v1/needs/{id}/decisions/{companyId}`.
public struct NeedCompanyDecisionDraft: Sendable, Equatable, Codable {
    public static let reasonLimit = 2_000
    public var decision: DecisionKind
    public var reason: String

    public init(decision: DecisionKind, reason: String) {
        self.decision = decision
        self.reason = reason
    }
}

/// A decision's draft is its decision and reason: a PUT of both as stored writes nothing (DomainKit `Versioned.saving`).
public struct NeedCompanyDecision: Sendable, Equatable, Codable, Versioned {
    public var needId: UUID
    public var companyId: UUID
    public var decision: DecisionKind
    public var reason: String
    public var decidedBy: UUID?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public var draft: NeedCompanyDecisionDraft { NeedCompanyDecisionDraft(decision: decision, reason: reason) }
}

extension NeedCompanyDecisionDraft: TrimmedText {}
