import FoundationEssentials
import Postgres

/// One number per KPI and fiscal year, the same wherever it appears (`GET /v1/kpi`, the report, the
/// drill-down header): the live recount for an open year; for a closed year the figure frozen at the
/// close, or its latest restatement.
struct YearFigures {
    let counts: [String: [Int: (Int, Date)]]
    let closed: ClosedFigures

    func figure(_ code: String, _ year: Int) -> Int {
        if closed.closed.contains(year) {
            return closed.restated[code]?[year]?.0 ?? closed.reported[code]?[year] ?? 0
        }
        return counts[code]?[year]?.0 ?? 0
    }
}
