import Foundation

/// Percentiles of a set of latencies, by the nearest-rank method on the sorted samples.
struct LatencySummary: Sendable {
    let count: Int
    let p50Milliseconds: Double
    let p99Milliseconds: Double

    init(nanoseconds samples: [UInt64]) {
        let sorted = samples.sorted()
        count = sorted.count
        func percentile(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
            return Double(sorted[rank - 1]) / 1_000_000
        }
        p50Milliseconds = percentile(0.50)
        p99Milliseconds = percentile(0.99)
    }
}

/// The process's peak resident set (`VmHWM`), as the kernel reports it.
func peakResidentMegabytes(ofProcess pid: String = "self") -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
        return kilobytes.map { $0 / 1024 }
    }
    return nil
}

func formatted(_ value: Double, decimals: Int = 2) -> String {
    value.isNaN ? "–" : String(format: "%.\(decimals)f", value)
}

/// `BENCH_SECONDS` and friends: positive integers from the environment, with defaults.
func environmentInteger(_ name: String, default fallback: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? fallback
}

/// CPU seconds this process has used (user and system, every thread): on a shared machine the wall time of a
/// step depends on the load, the CPU time it took much less.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
