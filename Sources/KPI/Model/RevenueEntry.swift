import DomainKit
public import FoundationEssentials
public import Postgres

public enum RevenueKind: String, Sendable, Codable, CaseIterable {
    case yusaMembershipFee = "yusa_membership_fee", successFee = "success_fee", consultingFee = "consulting_fee"
    case sponsorship, exhibitorFee = "exhibitor_fee"
}

/// One line of the revenue ledger. A counter-entry has a negative amount, `reversesId` and a `reason`;
/// the entry it reverses shows `reversedById`.
public struct RevenueEntry: Sendable, Codable, Equatable {
    public let id: UUID
    public let fiscalYear: Int
    public let kind: RevenueKind
    public let amountYen: Int64
    public let counterparty: String
    public let receivedOn: CalendarDate
    public let reversesId: UUID?
    public let reversedById: UUID?
    public let reason: String?
    public let recordedAt: Date
}

public struct RevenueEntryDraft: Sendable, Codable {
    public var kind: String?
    public var amountYen: Int64?
    public var counterparty: String?
    /// A Japan date, YYYY-MM-DD; the fiscal year is the one containing it.
    public var receivedOn: String?
}

/// `POST /v1/revenue/{id}/reversal`.
public struct RevenueReversalDraft: Sendable, Codable {
    public var reason: String?
}

public struct RevenueSummary: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let fiscalYearJa: String
    public let totalYen: Int64
    public let byKind: [String: Int64]
}
