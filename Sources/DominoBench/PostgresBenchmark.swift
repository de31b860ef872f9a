import Foundation
import Postgres

/// `DominoBench postgres`: the adapter against `pgbench -S -M extended` at 1, 16 and 64 clients, on
/// the same database, printed as a markdown table. The goal (issue): at least 70 % of pgbench's
/// throughput at 16 and 64 clients.
enum PostgresBenchmark {
    static let clientCounts = [1, 16, 64]

    static func run() async throws {
        let seconds = environmentInteger("BENCH_SECONDS", default: 10)
        let warmUpSeconds = environmentInteger("BENCH_WARMUP_SECONDS", default: 2)
        let scale = environmentInteger("BENCH_SCALE", default: 10)
        let database = try await BenchDatabase.open()
        print("## PostgreSQL: primary-key select, adapter vs pgbench -S -M extended\n")
        print("- database: \(database.description)")
        print("- data: `pgbench -i -s \(scale)` (\(scale * 100_000) accounts)")
        print("- adapter: \(warmUpSeconds) s warm-up, then \(seconds) s measured; pool size = clients")
        print("- pgbench: `-S -M extended -n -c N -j min(N,2) -T \(seconds) -l`")
        print("- cores: \(ProcessInfo.processInfo.activeProcessorCount)\n")
        try await database.pgbench(["-i", "-s", "\(scale)", "-q"])

        print("| clients | adapter q/s | adapter p50 ms | adapter p99 ms | pgbench tps | pgbench p50 ms | pgbench p99 ms | ratio | bench peak RSS MB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for clients in clientCounts {
            let load = AdapterLoad(
                configuration: database.configuration, clients: clients, accounts: scale * 100_000,
                warmUp: .seconds(warmUpSeconds), measured: .seconds(seconds))
            let adapter = try await load.run()
            let pgbench = try await PgbenchRun.measure(on: database, clients: clients, seconds: seconds)
            let ratio = adapter.queriesPerSecond / pgbench.transactionsPerSecond
            let cells = [
                "\(clients)",
                formatted(adapter.queriesPerSecond, decimals: 0),
                formatted(adapter.latency.p50Milliseconds, decimals: 3),
                formatted(adapter.latency.p99Milliseconds, decimals: 3),
                formatted(pgbench.transactionsPerSecond, decimals: 0),
                formatted(pgbench.latency.p50Milliseconds, decimals: 3),
                formatted(pgbench.latency.p99Milliseconds, decimals: 3),
                "\(formatted(ratio * 100, decimals: 0)) %",
                peakResidentMegabytes().map { formatted($0, decimals: 1) } ?? "–",
            ]
            print("| " + cells.joined(separator: " | ") + " |")
            fflush(nil)  // show each row as it lands: a full run takes minutes
        }
        print("\nratio = adapter q/s ÷ pgbench tps; goal ≥ 70 % at 16 and 64 clients.")
        print("bench peak RSS = VmHWM of the DominoBench process (adapter side only), cumulative.\n")
    }
}
