import App
import EventIO
import Foundation
import Glibc
import Postgres
import TestSupport
import Testing

/// A real `domino worker` process on a test database: the executable that production runs, built by
/// `swift build` beside the tests.
struct WorkerProcess {
    let process: Subprocess

    static var executable: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/domino").path
    }

    static func start(_ database: PostgresConfiguration, id: String, environment: [String: String] = [:]) throws -> WorkerProcess {
        var variables = [
            "DATABASE_URL": databaseURL(database), "DOMINO_MIGRATIONS": TestDatabase.migrationsDirectory, "WORKER_ID": id,
            "LOG_LEVEL": "warning", "DB_POOL_SIZE": "30", "WORKER_CONCURRENCY": "10",
            // A long lease, not production's 30 s: CI's loaded machine has starved a process for many seconds, and a
            // worker starved past its lease rescues its own claim and runs the job again. Tests of leases set their own.
            "JOB_LEASE_SECONDS": "600",
        ]
        // A throwaway database: the development secrets key is allowed only with this.
        variables.merge(AppConfiguration.testDevelopmentEnvironment) { $1 }
        // The test's statement limit and wait for a pool connection, not production's 30 s and 5 s: CI has seen one
        // statement take 30 s, and a second process's first session take longer than 5 s to open.
        variables.merge(TestDatabase.limitsEnvironment) { $1 }
        variables.merge(environment) { $1 }
        // `env` execs the worker in place, so the pid is the worker's own (SIGKILL reaches it).
        let arguments = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [executable, "worker"]
        return WorkerProcess(process: try Subprocess.start("env", arguments))
    }

    /// SIGTERM, then wait; returns whether it exited 0, and its output.
    func terminate() async -> (Bool, String) {
        kill(process.pid, SIGTERM)
        return await process.wait()
    }

    func kill9() async {
        kill(process.pid, SIGKILL)
        _ = await process.wait()
    }

    /// The libpq keywords as a URL of query parameters, which `DATABASE_URL` accepts.
    static func databaseURL(_ configuration: PostgresConfiguration) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~/"))
        let query = configuration.parameters.map { pair in
            "\(pair.key)=\(pair.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? pair.value)"
        }
        return "postgres:///?" + query.joined(separator: "&")
    }
}

/// Waits until `condition` holds, checking after each short pause; fails after `limit`, which only
/// bounds a broken run (the tests never assert on how long anything took).
func waitUntil(_ what: String, limit: Duration = .seconds(120), _ condition: () async throws -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while try await !condition() {
        guard clock.now < deadline else { throw WaitFailed(what: what) }
        try await EventLoop.sleep(for: .milliseconds(50))
    }
}

struct WaitFailed: Error, CustomStringConvertible {
    let what: String
    var description: String { "gave up waiting until \(what)" }
}

/// Runs `body` while `workers` run, then stops them with SIGTERM and expects a clean exit; on a
/// failure they are killed, so no worker outlives its test.
func withWorkers(_ workers: [WorkerProcess], _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        for worker in workers { await worker.kill9() }
        throw error
    }
    for worker in workers {
        let (exitedCleanly, output) = await worker.terminate()
        #expect(exitedCleanly, "\(output)")
    }
}

/// Kills `worker` if `body` fails, so it does not outlive its test.
func killingOnFailure(_ worker: WorkerProcess, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        await worker.kill9()
        throw error
    }
}
