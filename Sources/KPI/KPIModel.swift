public import DomainKit
public import FoundationEssentials

/// One KPI in one fiscal year, as the council reads it.
public struct KPIFigure: Sendable, Equatable, Codable {
    public let code: String
    public let number: Int
    public let nameJa: String
    public let nameEn: String
    public let unit: String
    /// The stored count of the last recount (nil before the first one).
    public let count: Int
    public let recountedAt: Date?
    public let target: Int?
    /// The target prorated by the days elapsed when the year is under way; the whole target once it ended.
    public let planToDate: Double?
    /// Counts and targets summed from the programme's first fiscal year to this one.
    public let cumulative: Int
    public let cumulativeTarget: Int?
    /// ★1–★5; nil without a target or before the year starts.
    public let rating: Int?
    /// From the second quarter of a year under way: the year-end count at the run rate, and its rating.
    public let forecast: KPIForecast?
}

public struct KPIForecast: Sendable, Equatable, Codable {
    public let count: Double
    public let rating: Int?
}

public struct KPIOverview: Sendable, Equatable, Codable {
    public let fiscalYear: Int
    /// FY2024 = 令和6年度.
    public let fiscalYearJa: String
    public let kpis: [KPIFigure]
}

/// A record behind a number: a lead, a match, or a person at an event (no personal data).
public struct KPIRecord: Sendable, Equatable, Codable {
    public let recordId: String
    public let label: String?
    public let occurredAt: Date
}

public struct KPIRecordPage: Sendable, Equatable, Codable {
    public let code: String
    public let fiscalYear: Int
    public let items: [KPIRecord]
    public let nextCursor: String?
}

/// The September report in the plan's layout: per KPI, yearly increments and the cumulative figure,
/// target beside actual.
public struct KPIReport: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public let number: Int
        public let nameJa: String
        public let nameEn: String
        public let unit: String
        public let targets: [Int?]
        public let actuals: [Int]
        public let cumulativeTarget: Int?
        public let cumulativeActual: Int
        public let rating: Int?
    }
    public let fiscalYear: Int
    public let fiscalYearJa: String
    /// The columns: each fiscal year from the programme's start to `fiscalYear`.
    public let years: [Int]
    public let rows: [Row]
}

public struct KPITargetUpdate: Sendable, Codable {
    public let target: Int
}

public struct KPITarget: Sendable, Equatable, Codable {
    public let code: String
    public let fiscalYear: Int
    public let target: Int
    public let version: Int
}

/// The ★ thresholds on r = count ÷ plan to date (settings, `kpi_settings`).
public struct KPIThresholds: Sendable, Equatable {
    public let abovePlan: Double
    public let onPlan: Double
    public let belowPlan: Double

    public init(abovePlan: Double = 1.10, onPlan: Double = 0.90, belowPlan: Double = 0.70) {
        self.abovePlan = abovePlan
        self.onPlan = onPlan
        self.belowPlan = belowPlan
    }

    /// ★5 when the year's target is reached; otherwise by r = count ÷ plan to date: ★4 r ≥ 1.10,
    /// ★3 r ≥ 0.90, ★2 r ≥ 0.70, ★1 below (as in Japanese prefectural evaluations).
    public func rating(count: Double, target: Int?, planToDate: Double?) -> Int? {
        guard let target, let planToDate else { return nil }
        if count >= Double(target) { return 5 }
        guard planToDate > 0 else { return nil }
        let ratio = count / planToDate
        if ratio >= abovePlan { return 4 }
        if ratio >= onPlan { return 3 }
        if ratio >= belowPlan { return 2 }
        return 1
    }
}

public enum KPIError: Error, ProblemConvertible, Sendable {
    case unknownKPI(String)
    case invalid([FieldError])
    case staleVersion(current: Int)
    case forbidden(String)

    public var problem: Problem {
        switch self {
        case .unknownKPI(let code): .notFound("No KPI \(code); the KPIs are commercializations, liaison_matches, convention_participants and yokohama_students.")
        case .invalid(let errors): .invalid(errors)
        case .staleVersion(let current): .staleVersion(current: current)
        case .forbidden(let detail): .forbidden(detail)
        }
    }
}
