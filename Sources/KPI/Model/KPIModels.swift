public import DomainKit
public import FoundationEssentials
public import Postgres

/// The four programme KPIs (PROGRAMME.md, issue 7). The raw values are the codes in `kpi_definitions`.
public enum KPICode: String, Sendable, Codable, CaseIterable {
    case commercializations, liaisonMatches = "liaison_matches", conventionParticipants = "convention_participants"
    case yokohamaStudents = "yokohama_students"
}

/// The first fiscal year of the programme (2023-04-01); "cumulative" sums from here.
public let kpiProgrammeStart = FiscalYear(2023)
/// The last fiscal year with a target in the plan (FY2025); later targets are data an administrator sets.
public let kpiPlanLastYear = FiscalYear(2025)
/// Fiscal years the API accepts.
public let kpiFiscalYears = 2000...2100

/// One KPI for one fiscal year, as `GET /v1/kpi` shows it.
public struct KPIFigure: Sendable, Codable, Equatable {
    public let code: String
    public let number: Int
    public let nameJa: String
    public let nameEn: String
    public let unit: String
    /// The year's figure: the live recount, or for a closed year the figure reported at the close
    /// (its latest restatement where there is one). Every other number here is built from it.
    public let count: Int
    /// The fiscal year's target (yearly increment); nil where none is set.
    public let target: Int?
    /// The target prorated by elapsed days for the current FY; the whole target for a past FY.
    public let planToDate: Double?
    /// Sum of the counts from the programme start through this fiscal year.
    public let cumulative: Int
    public let cumulativeTarget: Int?
    /// The plan's cumulative target to date: earlier years' targets plus this year's prorated.
    public let cumulativePlanToDate: Double?
    /// The plan's final target: the cumulative target through the last fiscal year that has one.
    public let finalTarget: Int?
    /// ★1–★5 (docs/kpi.md, Ratings), nil where no target is set at all.
    public let rating: Int?
    /// Year-end projection from the run rate, from the second quarter of the current FY on.
    public let forecast: Int?
    public let forecastRating: Int?
    public let recountedAt: Date?
    /// Whether the fiscal year is closed; then `reportedCount` is the figure frozen at the close and
    /// `restatedCount`/`restatementReason` the latest restatement, if any.
    public let closed: Bool
    public let reportedCount: Int?
    public let restatedCount: Int?
    public let restatementReason: String?
}

public struct KPIOverview: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let fiscalYearJa: String
    public let kpis: [KPIFigure]
}

/// One record behind a number (a lead, a match, a person at an event).
public struct KPIRecord: Sendable, Codable, Equatable {
    public let recordId: String
    public let recordKind: String
    public let label: String?
    /// The day it counts for (Japan): the effective day of a stage or status change, the day attended.
    public let occurredOn: CalendarDate?
    /// When it was entered.
    public let recordedAt: Date?
}

/// One year of one KPI in the plan's layout.
public struct KPIReportYear: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let fiscalYearJa: String
    public let target: Int?
    public let actual: Int?
    public let cumulativeTarget: Int?
    public let cumulativeActual: Int?
    /// For a closed FY: `actual` is the figure reported at the close; a restatement is shown beside it
    /// and the cumulative sums use it.
    public let closed: Bool
    public let restated: Int?
    public let restatementReason: String?
}

public struct KPIReportRow: Sendable, Codable, Equatable {
    public let code: String
    public let number: Int
    public let nameJa: String
    public let nameEn: String
    public let unit: String
    public let years: [KPIReportYear]
}

public struct KPIReport: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let fiscalYearJa: String
    public let kpis: [KPIReportRow]
    /// The counting choices in force, in words the council reads (docs/kpi.md, Settings).
    public let notes: [KPIReportNote]
}

public struct KPIReportNote: Sendable, Codable, Equatable {
    public let code: String
    public let setting: String
    public let value: String
    public let noteJa: String
    public let noteEn: String
}

public struct KPITarget: Sendable, Codable, Equatable {
    public let code: String
    public let fiscalYear: Int
    public let target: Int
    public let version: Int
}

public struct KPIClose: Sendable, Codable, Equatable {
    public let fiscalYear: Int
    public let reported: [String: Int]
}

public struct KPIRestatementDraft: Sendable, Codable {
    public var code: String?
    public var fiscalYear: Int?
    public var count: Int?
    public var reason: String?
}

public struct KPIRestatement: Sendable, Codable, Equatable {
    public let code: String
    public let fiscalYear: Int
    public let count: Int
    public let reason: String
}

public struct KPITargetDraft: Sendable, Codable {
    public var target: Int?
}

/// Rating thresholds (table `kpi_settings`): ★4 r ≥ fourStars, ★3 r ≥ threeStars, ★2 r ≥ twoStars.
public struct KPIThresholds: Sendable, Equatable {
    public let fourStars: Double
    public let threeStars: Double
    public let twoStars: Double

    public init(fourStars: Double = 1.10, threeStars: Double = 0.90, twoStars: Double = 0.70) {
        self.fourStars = fourStars
        self.threeStars = threeStars
        self.twoStars = twoStars
    }

    /// The prefectural evaluation practice: ★5 目標を達成 once the plan's final target is reached;
    /// otherwise r = cumulative actual ÷ cumulative plan to date decides ★4 計画を上回る, ★3 ほぼ計画どおり,
    /// ★2 計画を下回る or ★1 計画から大幅に遅れ. Nil without a final target; a plan to date of 0 is ★3.
    public func rating(cumulative: Int, planToDate: Double?, finalTarget: Int?) -> Int? {
        guard let finalTarget, let planToDate else { return nil }
        if cumulative >= finalTarget && finalTarget > 0 { return 5 }
        guard planToDate > 0 else { return 3 }
        let r = Double(cumulative) / planToDate
        if r >= fourStars { return 4 }
        if r >= threeStars { return 3 }
        if r >= twoStars { return 2 }
        return 1
    }
}

/// Where `now` stands in a fiscal year: the share of its days elapsed (0 before, 1 after).
public func kpiElapsedShare(of year: FiscalYear, at now: Date) -> Double {
    if now <= year.start { return 0 }
    if now >= year.end { return 1 }
    return now.timeIntervalSince(year.start) / year.end.timeIntervalSince(year.start)
}
