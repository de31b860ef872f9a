import TestSupport
import DomainKit
import EventIO
import Foundation
import HTTPServer

/// `DominoBench http`: our HTTPServer's `/healthz` against nginx serving the same bytes as a static
/// file, both on loopback, both under `wrk -t2 -c64 --latency`. wrk shares the two cores with the
/// server it loads, the same for both contenders.
enum HTTPBenchmark {
    static let healthBody = #"{"status":"ok"}"#
    static let healthPath = "/healthz"

    static func run() async throws {
        let seconds = environmentInteger("BENCH_SECONDS", default: 10)
        guard Subprocess.isInstalled("wrk") else {
            throw BenchError("wrk is not installed (apt-get install -y wrk)")
        }
        print("## HTTP: GET /healthz, HTTPServer vs nginx static file\n")
        print("- load: `wrk -t\(WrkRun.threads) -c\(WrkRun.connections) -d\(seconds)s --latency`, 127.0.0.1 only")
        print("- cores: \(ProcessInfo.processInfo.activeProcessorCount)\n")
        print("| server | req/s | p50 ms | p99 ms | errors | server peak RSS MB |")
        print("|---|---:|---:|---:|---:|---:|")
        // Without the handler timeout first: peak RSS only grows, and the default run peaks higher
        // (each request's cancelled 30 s timeout sleep lives on until its deadline; docs/benchmarks.md).
        let untimed = try await measureHTTPServer(seconds: seconds, handlerTimeout: nil)
        printRow("Domino HTTPServer, handlerTimeout nil", untimed.run, rss: untimed.rss)
        let ours = try await measureHTTPServer(seconds: seconds, handlerTimeout: HTTPServer.Configuration().handlerTimeout)
        printRow("Domino HTTPServer, defaults", ours.run, rss: ours.rss)
        if Subprocess.isInstalled("nginx") {
            let nginx = try await NginxServer.start(
                serving: healthBody, at: healthPath, workers: ProcessInfo.processInfo.activeProcessorCount)
            do {
                let run = try await WrkRun.measure(url: "http://127.0.0.1:\(nginx.port)\(healthPath)", seconds: seconds)
                printRow("nginx (static file)", run, rss: nginx.peakResidentMegabytes)
            } catch {
                await nginx.stop()
                throw error
            }
            await nginx.stop()
        } else {
            print("| nginx | not installed (apt-get install -y nginx-light) | | | | |")
        }
        print("\nserver peak RSS: VmHWM of the DominoBench process (the server runs in it), or of nginx's master and workers summed.\n")
    }

    private static func measureHTTPServer(seconds: Int, handlerTimeout: Duration?) async throws -> (run: WrkRun, rss: Double) {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.handlerTimeout = handlerTimeout
        // Dated as the application's responses are, so the Date header's cost is measured too.
        configuration.clock = { Int(ProgrammeClock.system.now().timeIntervalSince1970) }
        let server = HTTPServer(configuration: configuration) { request in
            guard request.path == healthPath else { return .problem(.notFound, detail: "no such route") }
            return HTTPResponse(headers: ["Content-Type": "application/json"], body: Array(healthBody.utf8))
        }
        return try await withThrowingTaskGroup(of: (WrkRun, Double)?.self) { group in
            group.addTask {
                try await server.run()
                return nil
            }
            group.addTask {
                let port = try await server.waitUntilListening()
                // Whatever happens to wrk, the server must stop, or run() never returns.
                do {
                    let run = try await WrkRun.measure(url: "http://127.0.0.1:\(port)\(healthPath)", seconds: seconds)
                    await server.shutdown(deadline: .after(.seconds(2)))
                    return (run, peakResidentMegabytes() ?? .nan)
                } catch {
                    await server.shutdown(deadline: .after(.seconds(2)))
                    throw error
                }
            }
            var measured: (WrkRun, Double)?
            for try await outcome in group where outcome != nil { measured = outcome }
            guard let measured else { throw BenchError("the HTTP benchmark produced no result") }
            return measured
        }
    }

    private static func printRow(_ name: String, _ run: WrkRun, rss: Double) {
        let cells = [
            name, formatted(run.requestsPerSecond, decimals: 0), formatted(run.p50Milliseconds, decimals: 3),
            formatted(run.p99Milliseconds, decimals: 3), "\(run.errors)", formatted(rss, decimals: 1),
        ]
        print("| " + cells.joined(separator: " | ") + " |")
        fflush(nil)  // show each row as it lands
    }
}
