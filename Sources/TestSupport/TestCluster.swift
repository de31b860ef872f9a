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
        if runAsPostgres { try await run("/bin/chown", ["postgres:postgres", directory]) }
        try await cluster.guardWithWatchdog()
        try await cluster.asServerUser("\(binaries)/initdb", [
            "-D", "\(directory)/data", "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8",
        ])
        try await cluster.startServer()
        return cluster
    }

    /// Stops the server the way an operator's restart does, then starts it again on the same socket.
    public func restart() async throws {
        try await asServerUser("\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "stop"])
        try await startServer()
    }

    public func stop() async throws {
        try await asServerUser("\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
    }

    private func startServer() async throws {
        // Durability is irrelevant for a throwaway cluster; skipping fsync makes CREATE DATABASE fast.
        let options = "-k \(directory) -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=1000 -c shared_buffers=128MB"
        try await asServerUser("\(binaries)/pg_ctl", [
            "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-o", options, "-w", "start",
        ])
    }

    private func guardWithWatchdog() async throws {
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done
            \(runAsPostgres ? "runuser -u postgres -- " : "")\(binaries)/pg_ctl -D \(directory)/data -m immediate stop >/dev/null 2>&1
            rm -rf \(directory)
            """
        // `setsid -f` forks the watchdog into its own session and returns at once.
        try await Self.run("/usr/bin/setsid", ["-f", "/bin/sh", "-c", script])
    }

    /// Runs one of the cluster's own PostgreSQL programs (`pgbench`, `psql`) by name, as the server
    /// user when we are root, and returns what it printed. For tools such as the benchmark that need
    /// the server's binaries against this cluster; files it writes belong to that user.
    @discardableResult
    public func runServerProgram(_ program: String, _ arguments: [String]) async throws -> String {
        try await asServerUser("\(binaries)/\(program)", arguments)
    }

    @discardableResult
    private func asServerUser(_ executable: String, _ arguments: [String]) async throws -> String {
        if runAsPostgres {
            return try await Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        } else {
            return try await Self.run(executable, arguments)
        }
    }

    private static func postgresBinaries() async throws -> String {
        if let configured = ProcessInfo.processInfo.environment["DOMINO_PG_BIN"] { return configured }
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let newest = installed.compactMap(Int.init).max() else {
            throw TestSupportError("PostgreSQL server binaries not found under /usr/lib/postgresql; run `make test`, which installs them")
        }
        return "/usr/lib/postgresql/\(newest)/bin"
    }

    /// Runs a command to completion without blocking a cooperative thread: `waitpid` blocks on a
    /// Dispatch queue instead. Not Foundation's Process: it watches a descriptor that the daemonised
    /// postmaster of `pg_ctl start` inherits, so it never sees pg_ctl exit.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let outputPath = NSTemporaryDirectory() + "domino-cmd-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        // The spawning thread may be one of Swift's or Dispatch's, which block signals; a child inherits
        // that mask, and pgbench -T never sees its SIGALRM and runs forever. Start it with a clean slate.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw TestSupportError("cannot start \(executable): errno \(spawned)") }
        let child = pid
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0, errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out because the C macros are not imported.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw TestSupportError("\(executable) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
