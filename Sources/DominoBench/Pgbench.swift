import Foundation

/// What `pgbench -S -M extended` achieved at one client count.
struct PgbenchRun: Sendable {
    /// As pgbench reports it ("without initial connection time").
    let transactionsPerSecond: Double
    /// From pgbench's per-transaction log (`-l`), which records each latency in microseconds.
    let latency: LatencySummary

    /// `-j` is capped at the core count: more pgbench threads than cores only adds context switches.
    static func measure(on database: BenchDatabase, clients: Int, seconds: Int) async throws -> PgbenchRun {
        let logName = "pgbench-c\(clients)"
        let output = try await database.pgbench([
            "-S", "-M", "extended", "-n",
            "-c", "\(clients)", "-j", "\(min(clients, 2))", "-T", "\(seconds)",
            "-l", "--log-prefix=\(database.logDirectory)/\(logName)",
        ])
        guard let tps = parseTransactionsPerSecond(output) else {
            throw BenchError("pgbench printed no tps line: \(output)")
        }
        return PgbenchRun(transactionsPerSecond: tps, latency: try readLatencies(in: database.logDirectory, named: logName))
    }

    /// The line is `tps = 12345.678901 (without initial connection time)`.
    static func parseTransactionsPerSecond(_ output: String) -> Double? {
        for line in output.split(separator: "\n") where line.hasPrefix("tps = ") {
            return line.dropFirst("tps = ".count).split(separator: " ").first.flatMap { Double($0) }
        }
        return nil
    }

    /// Reads and removes pgbench's logs (one file per thread: `name.<pid>` and `name.<pid>.<thread>`).
    /// A log line is `client transaction latency_us script epoch_s epoch_us`.
    static func readLatencies(in directory: String, named logName: String) throws -> LatencySummary {
        var samples: [UInt64] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(logName + ".") }
        for file in files {
            let path = "\(directory)/\(file)"
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            samples.reserveCapacity(samples.count + bytes.count / 24)
            parseThirdColumn(bytes) { samples.append($0 * 1_000) }
            try? FileManager.default.removeItem(atPath: path)
        }
        return LatencySummary(nanoseconds: samples)
    }

    /// Byte-level parsing: a 64-client run logs a few hundred thousand lines.
    private static func parseThirdColumn(_ bytes: [UInt8], _ found: (UInt64) -> Void) {
        var column = 0
        var value: UInt64 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                column = 0
                value = 0
            case UInt8(ascii: " "):
                if column == 2 { found(value) }
                column += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where column == 2:
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            default:
                break
            }
        }
    }
}
