public import DomainKit

/// The four programme KPIs (PROGRAMME.md, issue 7). The raw values are the codes in `kpi_definitions`.
public enum KPICode: String, Sendable, Codable, CaseIterable {
    case commercializations, liaisonMatches = "liaison_matches", conventionParticipants = "convention_participants"
    case yokohamaStudents = "yokohama_students"
}

/// The first fiscal year of the programme (2023-04-01); "cumulative" sums from here.
public let kpiProgrammeStart = FiscalYear(2023)
/// The last fiscal year with a target in the plan (FY2025); later targets are data an administrator sets.
public let kpiPlanLastYear = FiscalYear(2025)
/// Fiscal years the API accepts.
public let kpiFiscalYears = 2000...2100
