import DomainKit
import FoundationEssentials
import Postgres

/// Everything the overview and the report are computed from: definitions, stored counts, targets,
/// closed years with their frozen and restated figures, and the settings.
struct KPIInputs: Sendable {
    let definitions: [KPIStore.Definition]
    let figures: YearFigures
    /// Every year's targets (the final target sums all of them).
    let targets: [KPITarget]
    let settings: KPISettings
}

extension KPIStore {
    /// The inputs of the overview and the report in one statement: one round trip and one snapshot,
    /// where reading them table by table took eight round trips inside a transaction, and on a busy
    /// machine each round trip, not the tiny tables, was what cost the time (docs/console.md,
    /// "Benchmark"). Counts and closed figures for `years`; targets for every year.
    func inputs(years: ClosedRange<Int>, on db: PostgresConnection) async throws -> KPIInputs {
        let (first, last) = (years.lowerBound, years.upperBound)
        let rows = try await db.query("""
            SELECT 'definition'::text AS kind, code, number::int AS year, NULL::int AS n, NULL::int AS v, name_ja AS a, name_en AS b,
                   unit AS c, NULL::timestamptz AS at, NULL::float8 AS f1, NULL::float8 AS f2, NULL::float8 AS f3
            FROM kpi_definitions
            UNION ALL
            SELECT 'count', code, fiscal_year, count, NULL, NULL, NULL, NULL, recounted_at, NULL, NULL, NULL
            FROM kpi_counts WHERE fiscal_year BETWEEN \(first) AND \(last)
            UNION ALL
            SELECT 'target', code, fiscal_year, target, version, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM kpi_targets
            UNION ALL
            SELECT 'closed', NULL, fiscal_year, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM kpi_closes WHERE fiscal_year BETWEEN \(first) AND \(last)
            UNION ALL
            SELECT 'reported', code, fiscal_year, count, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM kpi_reported WHERE fiscal_year BETWEEN \(first) AND \(last)
            UNION ALL
            (SELECT DISTINCT ON (code, fiscal_year) 'restated', code, fiscal_year, count, NULL, reason, NULL, NULL, NULL, NULL, NULL, NULL
             FROM kpi_restatements WHERE fiscal_year BETWEEN \(first) AND \(last) ORDER BY code, fiscal_year, id DESC)
            UNION ALL
            SELECT 'settings', NULL, NULL, NULL, version, liaison_matches_rule, students_rule, NULL, NULL,
                   four_stars::float8, three_stars::float8, two_stars::float8
            FROM kpi_settings
            """)
        var definitions: [Definition] = [], targets: [KPITarget] = [], settings: KPISettings?
        var counts: [String: [Int: (Int, Date)]] = [:]
        var closed = ClosedFigures()
        for row in rows {
            switch try row.decode("kind", as: String.self) {
            case "definition":
                definitions.append(Definition(code: try row.decode("code"), number: try row.decode("year"), nameJa: try row.decode("a"),
                                              nameEn: try row.decode("b"), unit: try row.decode("c")))
            case "count": counts[try row.decode("code"), default: [:]][try row.decode("year")] = (try row.decode("n"), try row.decode("at"))
            case "target":
                targets.append(KPITarget(code: try row.decode("code"), fiscalYear: try row.decode("year"), target: try row.decode("n"),
                                         version: try row.decode("v")))
            case "closed": closed.closed.insert(try row.decode("year"))
            case "reported": closed.reported[try row.decode("code"), default: [:]][try row.decode("year")] = try row.decode("n")
            case "restated": closed.restated[try row.decode("code"), default: [:]][try row.decode("year")] = (try row.decode("n"), try row.decode("a"))
            default:
                settings = try Self.settings(
                    fourStars: try row.decode("f1"), threeStars: try row.decode("f2"), twoStars: try row.decode("f3"),
                    matches: try row.decode("a"), students: try row.decode("b"), version: try row.decode("v"))
            }
        }
        guard let settings else { throw PostgresError(.protocolViolation, "kpi_settings has no row") }
        return KPIInputs(
            definitions: definitions.sorted { $0.number < $1.number }, figures: YearFigures(counts: counts, closed: closed),
            targets: targets.sorted { ($0.code, $0.fiscalYear) < ($1.code, $1.fiscalYear) }, settings: settings)
    }
}
