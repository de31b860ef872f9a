import DomainKit
import Foundation
import KPI
import Testing

@Suite("★ ratings as the prefecture practice defines them")
struct KPIRatingTests {
    let thresholds = KPIThresholds()

    @Test("r at each threshold edge: 1.10 is ★4, just under is ★3; 0.90 is ★3, just under ★2; 0.70 is ★2, just under ★1",
          arguments: [(110, 4), (109, 3), (90, 3), (89, 2), (70, 2), (69, 1), (0, 1)])
    func edges(cumulative: Int, stars: Int) {
        #expect(thresholds.rating(cumulative: cumulative, planToDate: 100, finalTarget: 1_000) == stars)
    }

    @Test("★5 only once the plan's final target is reached, however far ahead of plan a year is")
    func fiveStars() {
        #expect(thresholds.rating(cumulative: 60, planToDate: 30, finalTarget: 60) == 5)
        #expect(thresholds.rating(cumulative: 59, planToDate: 30, finalTarget: 60) == 4)
    }

    @Test("no plan to date yet is ★3; no target anywhere is no rating")
    func degenerate() {
        #expect(thresholds.rating(cumulative: 0, planToDate: 0, finalTarget: 60) == 3)
        #expect(thresholds.rating(cumulative: 5, planToDate: nil, finalTarget: nil) == nil)
    }
}
