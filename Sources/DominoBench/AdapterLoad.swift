import EventIO
import Postgres

/// `clients` tasks, each running pgbench's `-S` statement through a `PostgresPool` of the same size,
/// back to back, for a warm-up and then a measured window. Latencies go into one array per task,
/// reserved up front, and are merged only after the run, so measuring adds no shared state.
struct AdapterLoad: Sendable {
    let configuration: PostgresConfiguration
    let clients: Int
    /// `pgbench_accounts` holds 100 000 × scale rows, with `aid` from 1.
    let accounts: Int
    let warmUp: Duration
    let measured: Duration

    struct Outcome: Sendable {
        let queriesPerSecond: Double
        let latency: LatencySummary
    }

    func run() async throws -> Outcome {
        let pool = PostgresPool(configuration: configuration, options: .init(maximumConnections: clients))
        defer { pool.close() }
        let measureFrom = Deadline.after(warmUp)
        let measureUntil = measureFrom.adding(measured)
        // Generous for this machine; appends past it still work, they just may allocate.
        let expectedPerClient = Int(measured.components.seconds) * 40_000 / clients + 1_024
        let samples = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var random = SplitMix64(seed: UInt64(client + 1))
                    var latencies: [UInt64] = []
                    latencies.reserveCapacity(expectedPerClient)
                    while true {
                        let began = Deadline.now
                        guard began < measureUntil else { break }
                        let aid = Int.random(in: 1...accounts, using: &random)
                        let rows = try await pool.query("SELECT abalance FROM pgbench_accounts WHERE aid = \(aid)")
                        guard let balance = try rows.first?.decode("abalance", as: Int.self), balance == 0 else {
                            throw BenchError("account \(aid) is missing or has a non-zero balance")
                        }
                        let ended = Deadline.now
                        // Only queries wholly inside the window count, so the rate is not inflated.
                        if began >= measureFrom, ended <= measureUntil {
                            latencies.append(ended.nanoseconds - began.nanoseconds)
                        }
                    }
                    return latencies
                }
            }
            var merged: [UInt64] = []
            for try await latencies in group { merged += latencies }
            return merged
        }
        let seconds = Double(measured.components.seconds) + Double(measured.components.attoseconds) / 1e18
        return Outcome(queriesPerSecond: Double(samples.count) / seconds, latency: LatencySummary(nanoseconds: samples))
    }
}

/// A fast, seedable generator (Steele, Lea and Flood's SplitMix64), like pgbench's own PRNG: the system
/// generator makes a `getrandom` call per number, which would be measured as adapter cost.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
