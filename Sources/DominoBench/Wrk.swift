import TestSupport
import Foundation

/// One `wrk --latency` run and what it reported.
struct WrkRun: Sendable {
    let requestsPerSecond: Double
    let p50Milliseconds: Double
    let p99Milliseconds: Double
    /// Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses.
    let errors: Int

    static let threads = 2
    static let connections = 64

    static func measure(url: String, seconds: Int, headers: [String] = [], connections: Int = Self.connections) async throws -> WrkRun {
        let output = try await Subprocess.run("wrk", [
            "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency",
        ] + headers.flatMap { ["-H", $0] } + [url])
        return try parse(output)
    }

    static func parse(_ output: String) throws -> WrkRun {
        var rate: Double?
        var p50 = Double.nan
        var p99 = Double.nan
        var errors = 0
        for rawLine in output.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "," })
            if line.hasPrefix("Requests/sec:"), words.count > 1 {
                rate = Double(words[1])
            } else if line.hasPrefix("50%"), words.count > 1 {
                p50 = milliseconds(words[1])
            } else if line.hasPrefix("99%"), words.count > 1 {
                p99 = milliseconds(words[1])
            } else if line.hasPrefix("Socket errors:") {
                // "Socket errors: connect 0, read 0, write 0, timeout 0"
                errors += words.compactMap { Int($0) }.reduce(0, +)
            } else if line.hasPrefix("Non-2xx or 3xx responses:") {
                errors += words.last.flatMap { Int($0) } ?? 0
            }
        }
        guard let rate else { throw BenchError("wrk printed no Requests/sec line: \(output)") }
        return WrkRun(requestsPerSecond: rate, p50Milliseconds: p50, p99Milliseconds: p99, errors: errors)
    }

    /// wrk prints durations as `812.00us`, `1.20ms` or `2.01s`.
    private static func milliseconds(_ text: Substring) -> Double {
        let units: [(suffix: String, scale: Double)] = [("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            return Double(text.dropLast(unit.suffix.count)).map { $0 * unit.scale } ?? .nan
        }
        return .nan
    }
}
