public import FoundationEssentials
public import Postgres

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
    /// The label in English: each part's English name, its Japanese one where it has none (a lead's one title).
    public let labelEn: String?
    /// The day it counts for (Japan): the effective day of a stage or status change, the day attended.
    public let occurredOn: CalendarDate?
    /// When it was entered.
    public let recordedAt: Date?

    /// Where a record without a day sorts in the records' order (first): the view types the day as
    /// nullable, though every rule gives one.
    static let undated = CalendarDate(knownValidYear: 1, month: 1, day: 1)
}
