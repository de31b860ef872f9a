public import DomainKit
public import FoundationEssentials

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
