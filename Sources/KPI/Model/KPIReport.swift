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
