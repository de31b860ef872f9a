public import DomainKit
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

    public init(kind: String? = nil, amountYen: Int64? = nil, counterparty: String? = nil, receivedOn: String? = nil) {
        self.kind = kind
        self.amountYen = amountYen
        self.counterparty = counterparty
        self.receivedOn = receivedOn
    }
}

/// `POST /v1/revenue/{id}/reversal`.
public struct RevenueReversalDraft: Sendable, Codable {
    public var reason: String?

    public init(reason: String? = nil) {
        self.reason = reason
    }
}

public struct RevenueSummary: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let fiscalYearJa: String
    public let totalYen: Int64
    public let byKind: [String: Int64]
}

/// A revenue entry that passed validation: what the store inserts.
struct NewRevenueEntry: Sendable {
    let kind: RevenueKind
    let amountYen: Int64
    let counterparty: String
    let receivedOn: CalendarDate
}

extension RevenueEntryDraft {
    /// Every field's error at once (422), or the entry to insert. `today` is the programme clock's day in
    /// Japan: an entry cannot be received in the future.
    func validated(today: CalendarDate) throws(KPIError) -> NewRevenueEntry {
        var errors: [FieldError] = []
        let kind = self.kind.flatMap(RevenueKind.init(rawValue:))
        if kind == nil {
            errors.append(FieldError(field: "kind", message: "must be one of \(RevenueKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if amountYen.map({ (1...1_000_000_000_000).contains($0) }) != true {
            errors.append(FieldError(field: "amountYen", message: "must be a whole number of yen from 1 to 1000000000000"))
        }
        let counterparty = self.counterparty ?? ""
        if Validation.isBlank(counterparty) || counterparty.count > 300 {
            errors.append(FieldError(field: "counterparty", message: "is required, at most 300 characters"))
        } else if Validation.hasInvisibleControls(counterparty) {
            errors.append(FieldError(field: "counterparty", message: Validation.invisibleControlsMessage))
        }
        let day = receivedOn.flatMap(CalendarDate.init(_:)).flatMap { kpiFiscalYears.contains(FiscalYear(containing: $0).startYear) ? $0 : nil }
        if day == nil {
            errors.append(FieldError(field: "receivedOn", message: "must be a date YYYY-MM-DD in fiscal years 2000–2100"))
        } else if let day, day > today {
            errors.append(FieldError(field: "receivedOn", message: "must not be in the future (today in Japan is \(today))"))
        }
        guard errors.isEmpty, let kind, let amountYen, let day else { throw .invalid(errors) }
        return NewRevenueEntry(kind: kind, amountYen: amountYen, counterparty: counterparty, receivedOn: day)
    }
}

extension RevenueReversalDraft {
    func validatedReason() throws(KPIError) -> String {
        guard let reason, !Validation.isBlank(reason), reason.count <= 2000 else {
            throw .invalid([FieldError(field: "reason", message: "is required, at most 2000 characters")])
        }
        guard !Validation.hasInvisibleControls(reason) else { throw .invalid([FieldError(field: "reason", message: Validation.invisibleControlsMessage)]) }
        return reason
    }
}

extension RevenueEntryDraft: TrimmedText {}
extension RevenueReversalDraft: TrimmedText {}
