import TestSupport
import Foundation

/// One `wrk --latency` run and what it reported.
struct WrkRun: Sendable {
    let requestsPerSecond: Double
    let p50Milliseconds: Double
    let p99Milliseconds: Double
    /// Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses.
    let errors: Int
    /// Requests that got no answer within wrk's 2 s timeout (part of `errors`).
    var timeouts = 0
    /// Responses by status code, when the run had a script that counts them (`sessionScript`).
    var statuses: [Int: Int] = [:]

    static let threads = 2
    static let connections = 64

    static func measure(url: String, seconds: Int, headers: [String] = [], connections: Int = Self.connections) async throws -> WrkRun {
        let output = try await Subprocess.run("wrk", [
            "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency",
        ] + headers.flatMap { ["-H", $0] } + [url])
        return try parse(output)
    }

    /// One wrk thread and connection per session, each sending its own `header` value (a session
    /// cookie, a bearer token), so N sessions are N people rather than one shared login; the script
    /// counts responses by status code and prints them for `parse`.
    static func measure(url: String, seconds: Int, header name: String, sessions values: [String]) async throws -> WrkRun {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("domino-wrk-\(UUID().uuidString).lua").path
        try sessionScript(header: name, values: values).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try await Subprocess.run("wrk", [
            "-t\(values.count)", "-c\(values.count)", "-d\(seconds)s", "--latency", "-s", path, url,
        ])
        return try parse(output)
    }

    static func sessionScript(header: String, values: [String]) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return """
            local values = { \(values.map(quoted).joined(separator: ", ")) }
            local threads = {}
            function setup(thread)
              table.insert(threads, thread)
              thread:set("session", values[#threads])
            end
            function init(args)
              statuses = {}
              wrk.headers[\(quoted(header))] = session
            end
            function response(status, headers, body)
              statuses[status] = (statuses[status] or 0) + 1
            end
            function done(summary, latency, requests)
              local all = {}
              for _, thread in ipairs(threads) do
                for code, n in pairs(thread:get("statuses")) do all[code] = (all[code] or 0) + n end
              end
              local parts = {}
              for code, n in pairs(all) do table.insert(parts, code .. "=" .. n) end
              table.sort(parts)
              io.write("Statuses: " .. table.concat(parts, " ") .. "\\n")
            end
            """
    }

    static func parse(_ output: String) throws -> WrkRun {
        var rate: Double?
        var p50 = Double.nan
        var p99 = Double.nan
        var errors = 0
        var timeouts = 0
        var statuses: [Int: Int] = [:]
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
                if let index = words.firstIndex(of: "timeout"), index + 1 < words.count { timeouts = Int(words[index + 1]) ?? 0 }
            } else if line.hasPrefix("Statuses:") {
                // "Statuses: 200=1234 503=2", printed by `sessionScript`
                for pair in words.dropFirst() {
                    let parts = pair.split(separator: "=")
                    if parts.count == 2, let code = Int(parts[0]), let count = Int(parts[1]) { statuses[code] = count }
                }
            } else if line.hasPrefix("Non-2xx or 3xx responses:") {
                errors += words.last.flatMap { Int($0) } ?? 0
            }
        }
        guard let rate else { throw BenchError("wrk printed no Requests/sec line: \(output)") }
        return WrkRun(requestsPerSecond: rate, p50Milliseconds: p50, p99Milliseconds: p99, errors: errors, timeouts: timeouts, statuses: statuses)
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
