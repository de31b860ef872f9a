import DomainKit
import KPI

/// Charts as SVG drawn on the server from the report's numbers (CONSOLE.md): no script, no image
/// requests, readable when printed. Each has a title for screen readers; the numbers are also in the
/// table beside it. Colour is never the only signal: targets are dashed lines, actuals are bars.
enum KPICharts {
    static let width = 360.0
    static let height = 200.0
    static let left = 40.0
    static let bottom = 28.0
    static let top = 12.0

    /// Yearly actual (bars) against the year's target (a dashed mark across each bar's slot).
    static func yearly(_ request: ConsoleRequest, _ row: KPIReportRow, title: String) -> HTML {
        let values = row.years.map { (actual: Double($0.actual ?? 0), target: $0.target.map(Double.init)) }
        return chart(request, row, title: title, series: values)
    }

    /// Cumulative actual (bars) against the cumulative plan line.
    static func cumulative(_ request: ConsoleRequest, _ row: KPIReportRow, title: String) -> HTML {
        let values = row.years.map { (actual: Double($0.cumulativeActual ?? 0), target: $0.cumulativeTarget.map(Double.init)) }
        return chart(request, row, title: title, series: values, planLine: true)
    }

    private static func chart(
        _ request: ConsoleRequest, _ row: KPIReportRow, title: String, series: [(actual: Double, target: Double?)], planLine: Bool = false
    ) -> HTML {
        let t = request.language
        let maximum = max(1, series.map { max($0.actual, $0.target ?? 0) }.max() ?? 1)
        let plotWidth = width - left - 8
        let plotHeight = height - top - bottom
        let slot = plotWidth / Double(max(series.count, 1))
        func y(_ value: Double) -> Double { top + plotHeight * (1 - value / maximum) }
        var shapes: [HTML] = [
            el("title", [], title),
            .void("line", [attr("class", "axis"), attr("x1", n(left)), attr("y1", n(top + plotHeight)), attr("x2", n(width - 8)), attr("y2", n(top + plotHeight))]),
            el("text", [attr("x", n(left - 4)), attr("y", n(top + 10)), attr("text-anchor", "end")], t.number(Int(maximum))),
            el("text", [attr("x", n(left - 4)), attr("y", n(top + plotHeight)), attr("text-anchor", "end")], "0"),
        ]
        var planPoints: [String] = []
        for (index, value) in series.enumerated() {
            let x = left + slot * Double(index)
            let barHeight = plotHeight * value.actual / maximum
            shapes.append(.void("rect", [attr("class", "actual"), attr("x", n(x + slot * 0.2)), attr("y", n(top + plotHeight - barHeight)),
                                         attr("width", n(slot * 0.6)), attr("height", n(barHeight))]))
            if let target = value.target {
                if planLine {
                    planPoints.append("\(n(x + slot / 2)),\(n(y(target)))")
                } else {
                    shapes.append(.void("line", [attr("class", "target"), attr("x1", n(x + slot * 0.1)), attr("y1", n(y(target))),
                                                 attr("x2", n(x + slot * 0.9)), attr("y2", n(y(target)))]))
                }
            }
            let year = row.years[index].fiscalYear
            shapes.append(el("text", [attr("x", n(x + slot / 2)), attr("y", n(height - 8)), attr("text-anchor", "middle")], "FY\(year % 100)"))
        }
        if planPoints.count > 1 {
            shapes.append(.void("polyline", [attr("class", "target"), attr("points", planPoints.joined(separator: " "))]))
        }
        return el("figure", [], [
            el("svg", [attr("class", "chart"), attr("viewBox", "0 0 \(n(width)) \(n(height))"), attr("role", "img"),
                       attr("aria-label", title), attr("xmlns", "http://www.w3.org/2000/svg")], shapes),
            el("figcaption", [attr("class", "explain")], t(planLine ? .chartLegendCumulative : .chartLegendYearly)),
        ])
    }

    /// ★ rating as stars with the number in words beside them, so it does not rely on the glyphs.
    static func stars(_ request: ConsoleRequest, _ rating: Int?) -> HTML {
        guard let rating else { return .text("—") }
        let filled = max(0, min(5, rating))
        return .fragment([
            el("span", [attr("class", "stars"), attr("aria-hidden", "true")], String(repeating: "★", count: filled) + String(repeating: "☆", count: 5 - filled)),
            el("span", [attr("class", "rating-text")], " " + request.language(.ratingOutOfFive, String(filled))),
        ])
    }

    /// One decimal place is plenty for a 360-unit drawing.
    private static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
