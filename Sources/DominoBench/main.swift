import Foundation

/// `DominoBench postgres | http | me | checkin | directory | all` — the benchmarks behind `make bench` (scripts/bench.sh).
/// They print tables and never fail on timing (ARCHITECTURE.md, Tests); a non-zero exit means a
/// benchmark could not run at all.
let usage = "usage: DominoBench postgres | http | me | checkin | directory | jobs | matching | kpi | console | conventions | gojuon | import-kpi | matching-eval [dataset.json] [-v] | glossary-coverage [terms.tsv] [--missing] | glossary-coverage --profiles [dataset.json] [--demo] [--least N] | framing (hex requests on stdin) | all   (env: BENCH_SECONDS, BENCH_SCALE, BENCH_COMPANIES, BENCH_MATCH_COMPANIES, BENCH_KPI_ROWS, BENCH_GOJUON_NAMES, BENCH_GOJUON_REGISTRATIONS, BENCH_GOJUON_PAGES, BENCH_IMPORT_ROWS, DOMINO_BENCH_DATABASE_URL)"
let subcommand = CommandLine.arguments.dropFirst().first ?? "all"

do {
    switch subcommand {
    case "postgres":
        try await PostgresBenchmark.run()
    case "http":
        try await HTTPBenchmark.run()
    case "me":
        try await AuthenticatedBenchmark.run()
    case "checkin":
        try await CheckInBenchmark.run()
    case "directory":
        try await DirectoryBenchmark.run()
    case "jobs":
        try await JobsBenchmark.run()
    case "matching":
        try await MatchingBenchmark.run()
    case "kpi":
        try await KPIBenchmark.run()
    case "console":
        try await ConsoleBenchmark.run()
    case "conventions":
        try await ConventionsBenchmark.run()
    case "gojuon":
        try await GojuonBenchmark.run()
    case "import-kpi":
        try await ImportKPIBenchmark.run()
    case "matching-eval":
        try await MatchingEvaluation.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    case "glossary-coverage":
        try GlossaryCoverage.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    case "framing":
        FramingOracle.run()
    case "all":
        try await PostgresBenchmark.run()
        try await HTTPBenchmark.run()
        try await AuthenticatedBenchmark.run()
        try await CheckInBenchmark.run()
        try await DirectoryBenchmark.run()
        try await JobsBenchmark.run()
        try await MatchingBenchmark.run()
        try await KPIBenchmark.run()
        try await ConsoleBenchmark.run()
        try await ConventionsBenchmark.run()
    default:
        print(usage)
        exit(2)
    }
} catch {
    print("DominoBench \(subcommand) failed: \(error)")
    exit(1)
}
