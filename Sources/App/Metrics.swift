import Synchronization

/// Prometheus counters and latency histograms per route template and status. Labels use the template
/// (`/v1/companies/{id}`), never the raw path, so cardinality stays bounded whatever clients send.
final class Metrics: Sendable {
    private struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private struct Series {
        var count = 0
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: Metrics.bounds.count)

        mutating func record(_ seconds: Double) {
            count += 1
            sum += seconds
            for (index, bound) in Metrics.bounds.enumerated() where seconds <= bound { buckets[index] += 1 }
        }
    }

    /// Seconds; chosen around the API's expected latencies (sub-millisecond to a slow report).
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    private let series = Mutex([Key: Series]())

    func observe(method: String, route: String, status: Int, seconds: Double) {
        series.withLock { all in
            // Mutated in place: one hash lookup, and the bucket array is not copied on every request.
            all[Key(method: method, route: route, status: status), default: Series()].record(seconds)
        }
    }

    /// The Prometheus text exposition format (version 0.0.4).
    func render(extra: [(name: String, help: String, value: Double)]) -> String {
        let snapshot = series.withLock { $0 }.sorted { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }
        var text = "# HELP domino_http_requests_total Requests served, by route template and status.\n"
        text += "# TYPE domino_http_requests_total counter\n"
        for (key, entry) in snapshot {
            text += "domino_http_requests_total{\(labels(key))} \(entry.count)\n"
        }
        text += "# HELP domino_http_request_duration_seconds Time from a complete request to its response.\n"
        text += "# TYPE domino_http_request_duration_seconds histogram\n"
        for (key, entry) in snapshot {
            for (index, bound) in Self.bounds.enumerated() {
                text += "domino_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(entry.buckets[index])\n"
            }
            text += "domino_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(entry.count)\n"
            text += "domino_http_request_duration_seconds_sum{\(labels(key))} \(entry.sum)\n"
            text += "domino_http_request_duration_seconds_count{\(labels(key))} \(entry.count)\n"
        }
        for gauge in extra {
            text += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n\(gauge.name) \(gauge.value)\n"
        }
        text += "# HELP domino_log_lines_dropped_total Log lines dropped because stdout's reader fell behind (LogSink).\n"
        text += "# TYPE domino_log_lines_dropped_total counter\n"
        text += "domino_log_lines_dropped_total \(LogSink.standardOutput.droppedLines)\n"
        return text
    }

    private func labels(_ key: Key) -> String {
        "method=\"\(key.method)\",route=\"\(key.route)\",status=\"\(key.status)\""
    }
}
