public import Postgres

/// The day a change happened, as people enter it (a lead's stage change, a business match's status):
/// today by default, never in the future nor before FY2000, and never inside a fiscal year whose KPI figures were
/// already reported to the council (those are corrected by a restatement). Who entered it and when
/// stays in the history beside it.
public enum EffectiveDay {
    /// The first fiscal year a change may be dated in.
    static let earliestYear = FiscalYear(2000)

    /// The reason `day` cannot be used for a change entered today, as a field error, or nil.
    public static func problem(
        with day: CalendarDate, today: CalendarDate, field: String, on db: PostgresConnection
    ) async throws -> FieldError? {
        if day > today { return FieldError(field: field, message: "must not be in the future (today in Japan is \(today))") }
        let year = FiscalYear(containing: day)
        // KPIs count fiscal years 2000 to 2100 (events and revenue take no other); a day before would count in a
        // year no report shows. A browser's date field reads a year typed with two digits as 00xx.
        if year < earliestYear {
            return FieldError(field: field, message: "must be on or after \(earliestYear.firstDay) (fiscal year 2000); was the year typed in full?")
        }
        // kpi_fiscal_year_closed is the KPI module's published function (migration 0022).
        let closed: Bool = try await db.query("SELECT kpi_fiscal_year_closed(\(year.startYear)::int) AS closed")[0].decode("closed")
        return closed ? FieldError(field: field, message: "falls in \(year) (\(year.japaneseName)), which is closed; ask an admin for a restatement") : nil
    }
}
