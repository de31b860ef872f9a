public import DomainKit

/// How KPI ② counts a match that was introduced and later declined or withdrawn (PROGRAMME.md leaves it open).
public enum LiaisonMatchesRule: String, Sendable, Codable, CaseIterable {
    /// Counted once introduced, whatever happens later (the default: an introduction is the base's work).
    case introduced
    /// Left out once declined or withdrawn.
    case introducedStillLive = "introduced_still_live"
}

/// How KPI ④ counts a student who attends several events.
public enum StudentsRule: String, Sendable, Codable, CaseIterable {
    /// Once per event attended (the default: each event is a chance to meet Yokohama employers).
    case perEvent = "per_event"
    /// Once per fiscal year, however many events.
    case perFiscalYear = "per_fiscal_year"
}

/// The KPI settings (one row, `kpi_settings`): rating thresholds and the plan's open counting choices.
public struct KPISettings: Sendable, Codable, Equatable {
    public let fourStars: Double
    public let threeStars: Double
    public let twoStars: Double
    public let liaisonMatchesRule: LiaisonMatchesRule
    public let studentsRule: StudentsRule
    public let version: Int

    public var thresholds: KPIThresholds { KPIThresholds(fourStars: fourStars, threeStars: threeStars, twoStars: twoStars) }

    /// The choices in force, as the report prints them.
    public var notes: [KPIReportNote] {
        let matches = switch liaisonMatchesRule {
        case .introduced: ("紹介後に辞退・取下げとなったマッチングも計上する。", "A match counts once introduced, even if later declined or withdrawn.")
        case .introducedStillLive: ("紹介後に辞退・取下げとなったマッチングは計上しない。", "A match introduced and later declined or withdrawn does not count.")
        }
        let students = switch studentsRule {
        case .perEvent: ("学生は参加したイベントごとに1人として計上する。", "A student counts once per event attended.")
        case .perFiscalYear: ("学生は年度内の実人数で計上する（複数イベント参加も1人）。", "A student counts once per fiscal year, however many events.")
        }
        let rating = ("★5は計画の最終目標の達成。それ以外は累計実績÷累計計画（当日まで）で判定: ★4 ≥ \(fourStars)、★3 ≥ \(threeStars)、★2 ≥ \(twoStars)、★1 それ未満。",
                      "★5: the plan's final target reached. Otherwise cumulative actual ÷ cumulative plan to date: ★4 ≥ \(fourStars), ★3 ≥ \(threeStars), ★2 ≥ \(twoStars), ★1 below.")
        return [
            KPIReportNote(code: KPICode.liaisonMatches.rawValue, setting: "liaisonMatchesRule", value: liaisonMatchesRule.rawValue, noteJa: matches.0, noteEn: matches.1),
            KPIReportNote(code: KPICode.yokohamaStudents.rawValue, setting: "studentsRule", value: studentsRule.rawValue, noteJa: students.0, noteEn: students.1),
            KPIReportNote(code: "all", setting: "ratingThresholds", value: "\(fourStars)/\(threeStars)/\(twoStars)", noteJa: rating.0, noteEn: rating.1),
        ]
    }
}

/// `PUT /v1/kpi/settings`: every field optional; what is left out keeps its value.
public struct KPISettingsDraft: Sendable, Codable {
    public var fourStars: Double?
    public var threeStars: Double?
    public var twoStars: Double?
    public var liaisonMatchesRule: String?
    public var studentsRule: String?

    /// Every field: none can be cleared, so a `null` is refused rather than kept.
    static let fields = ["fourStars", "threeStars", "twoStars", "liaisonMatchesRule", "studentsRule"]

    public init(fourStars: Double? = nil, threeStars: Double? = nil, twoStars: Double? = nil, liaisonMatchesRule: String? = nil, studentsRule: String? = nil) {
        self.fourStars = fourStars
        self.threeStars = threeStars
        self.twoStars = twoStars
        self.liaisonMatchesRule = liaisonMatchesRule
        self.studentsRule = studentsRule
    }

    /// The settings' choices after this edit, or the fields that make it impossible.
    func applied(to current: KPISettings) throws(KPIError) -> KPISettings.Choices {
        var errors: [FieldError] = []
        let four = fourStars ?? current.fourStars, three = threeStars ?? current.threeStars, two = twoStars ?? current.twoStars
        for (value, field) in [(four, "fourStars"), (three, "threeStars"), (two, "twoStars")] where !(value > 0 && value <= 100) || value.isNaN {
            errors.append(FieldError(field: field, message: "must be a ratio above 0 and at most 100"))
        }
        if errors.isEmpty && !(four > three && three > two) {
            errors.append(FieldError(field: "threeStars", message: "thresholds must fall: fourStars > threeStars > twoStars"))
        }
        let matches = liaisonMatchesRule.map(LiaisonMatchesRule.init(rawValue:)) ?? current.liaisonMatchesRule
        if matches == nil {
            errors.append(FieldError(field: "liaisonMatchesRule", message: "must be one of \(LiaisonMatchesRule.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let students = studentsRule.map(StudentsRule.init(rawValue:)) ?? current.studentsRule
        if students == nil {
            errors.append(FieldError(field: "studentsRule", message: "must be one of \(StudentsRule.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        guard errors.isEmpty, let matches, let students else { throw KPIError.invalid(errors) }
        return KPISettings.Choices(fourStars: four, threeStars: three, twoStars: two, liaisonMatchesRule: matches, studentsRule: students)
    }
}

extension KPISettings: Versioned {
    /// What `PUT /v1/kpi/settings` writes: the settings without their version. A PUT of the choices in force
    /// writes nothing (DomainKit `Versioned.saving`).
    public struct Choices: Sendable, Equatable, Encodable {
        public let fourStars: Double
        public let threeStars: Double
        public let twoStars: Double
        public let liaisonMatchesRule: LiaisonMatchesRule
        public let studentsRule: StudentsRule
    }

    public var draft: Choices {
        Choices(fourStars: fourStars, threeStars: threeStars, twoStars: twoStars, liaisonMatchesRule: liaisonMatchesRule, studentsRule: studentsRule)
    }
}

extension KPISettingsDraft: TrimmedText {}
