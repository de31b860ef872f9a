import Dispatch
import Foundation
import Glibc
public import Postgres

/// A throwaway PostgreSQL cluster in a temporary directory, reachable only by its unix socket.
/// Started as the `postgres` OS user when the tests run as root, because initdb refuses root.
/// A watchdog process stops it and removes the directory as soon as the test process is gone,
/// however it ends, so no server or temp directory outlives a test run.
public final class TestCluster: Sendable {
    public let directory: String
    public let configuration: PostgresConfiguration
    private let binaries: String
    private let runAsPostgres: Bool

    private init(directory: String, binaries: String, runAsPostgres: Bool) throws {
        self.directory = directory
        self.binaries = binaries
        self.runAsPostgres = runAsPostgres
        configuration = PostgresConfiguration(
            parameters: [("host", directory), ("port", "5432"), ("user", "postgres"), ("dbname", "postgres")])
    }

    /// Creates, starts and guards a new cluster.
    public static func start() async throws -> TestCluster {
        let binaries = try await postgresBinaries()
        let runAsPostgres = getuid() == 0
        var template = Array("/tmp/domino-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestSupportError("cannot create a temporary directory") }
        let directory = String(cString: made)
        let cluster = try TestCluster(directory: directory, binaries: binaries, runAsPostgres: runAsPostgres)
        if runAsPostgres { try await Subprocess.run("/bin/chown", ["postgres:postgres", directory]) }
        try await cluster.guardWithWatchdog()
        try await cluster.asServerUser("\(binaries)/initdb", [
            "-D", "\(directory)/data", "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        ])
        try await cluster.startServer()
        return cluster
    }

    /// How long `pg_ctl` waits for the server to start or stop, in seconds: a liveness bound, not its default 60 s.
    /// The cluster starts while every suite of the run starts at once, and a fast stop writes a checkpoint, on CI's
    /// loaded machine where a single statement has taken 30 s.
    static let pgCtlWait = "300"

    /// Stops the server the way an operator's restart does, then starts it again on the same socket.
    public func restart() async throws {
        try await asServerUser("\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "-t", Self.pgCtlWait, "stop"])
        try await startServer()
    }

    public func stop() async throws {
        try await asServerUser("\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "-t", Self.pgCtlWait, "stop"])
    }

    private func startServer() async throws {
        // Durability is irrelevant for a throwaway cluster; skipping fsync makes CREATE DATABASE fast.
        let options = "-k \(directory) -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=1000 -c shared_buffers=128MB"
        try await asServerUser("\(binaries)/pg_ctl", [
            "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-o", options, "-w", "-t", Self.pgCtlWait, "start",
        ])
    }

    private func guardWithWatchdog() async throws {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done
            \(runAsPostgres ? "runuser -u postgres -- " : "")\(binaries)/pg_ctl -D \(directory)/data -m immediate stop >/dev/null 2>&1
            rm -rf \(directory)
            """
        // `setsid -f` forks the watchdog into its own session and returns at once.
        try await Subprocess.run(Self.realClock[0], Array(Self.realClock.dropFirst()) + ["/usr/bin/setsid", "-f", "/bin/sh", "-c", script])
    }

    /// Runs one of the cluster's own PostgreSQL programs (`pgbench`, `psql`) by name, as the server
    /// user when we are root, and returns what it printed. For tools such as the benchmark that need
    /// the server's binaries against this cluster; files it writes belong to that user.
    @discardableResult
    public func runServerProgram(_ program: String, _ arguments: [String]) async throws -> String {
        try await asServerUser("\(binaries)/\(program)", arguments)
    }

    /// PostgreSQL runs on the real clock even when the tests run under libfaketime (`make test-dates`):
    /// a faked clock disturbs the server's own timers, and nothing in Domino may depend on either clock.
    static let realClock = ["/usr/bin/env", "-u", "LD_PRELOAD", "-u", "FAKETIME", "-u", "FAKETIME_DONT_FAKE_MONOTONIC"]

    @discardableResult
    private func asServerUser(_ executable: String, _ arguments: [String]) async throws -> String {
        let command = Self.realClock + (runAsPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + [executable] + arguments
        return try await Subprocess.run(command[0], Array(command.dropFirst()))
    }

    private static func postgresBinaries() async throws -> String {
        if let configured = ProcessInfo.processInfo.environment["DOMINO_PG_BIN"] { return configured }
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let newest = installed.compactMap(Int.init).max() else {
            throw TestSupportError("PostgreSQL server binaries not found under /usr/lib/postgresql; run `make test`, which installs them")
        }
        return "/usr/lib/postgresql/\(newest)/bin"
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
