public import Postgres

/// The day a change happened, as people enter it (a lead's stage change, a business match's status):
/// today by default, never in the future, and never inside a fiscal year whose KPI figures were
/// already reported to the council (those are corrected by a restatement). Who entered it and when
/// stays in the history beside it.
public enum EffectiveDay {
    /// The reason `day` cannot be used for a change entered today, as a field error, or nil.
    public static func problem(
        with day: CalendarDate, today: CalendarDate, field: String, on db: PostgresConnection
    ) async throws -> FieldError? {
        if day > today { return FieldError(field: field, message: "must not be in the future (today in Japan is \(today))") }
        let year = FiscalYear(containing: day)
        // kpi_fiscal_year_closed is the KPI module's published function (migration 0022).
        let closed: Bool = try await db.query("SELECT kpi_fiscal_year_closed(\(year.startYear)::int) AS closed")[0].decode("closed")
        return closed ? FieldError(field: field, message: "falls in \(year) (\(year.japaneseName)), which is closed; ask an admin for a restatement") : nil
    }
}
