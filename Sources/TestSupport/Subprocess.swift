import EventIO
import Foundation
public import Glibc

/// Runs external programs for tests and benchmarks (pg_ctl, initdb, pgbench, wrk, nginx).
///
/// Not Foundation's `Process`: its wait blocks the calling thread, and the cooperative pool must never
/// block (ARCHITECTURE.md, Concurrency). `waitpid` runs on a thread of our own instead, not a Dispatch
/// queue's: on Linux those are the cooperative pool's threads, and two waits there held every task of
/// the test process for as long as the programs ran (`DedicatedThreads`).
public struct Subprocess: Sendable {
    public let pid: pid_t
    public let command: String
    private let outputPath: String

    /// Starts `executable` (looked up in `PATH` when it has no slash) with its output in a temporary file.
    public static func start(_ executable: String, _ arguments: [String]) throws -> Subprocess {
        let outputPath = NSTemporaryDirectory() + "domino-bench-\(UUID().uuidString).log"
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
        let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw TestSupportError("cannot start \(executable): errno \(spawned)") }
        return Subprocess(pid: pid, command: ([executable] + arguments).joined(separator: " "), outputPath: outputPath)
    }

    /// Runs a command to completion and returns what it printed; a non-zero exit is an error.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let process = try start(executable, arguments)
        let (exitedCleanly, output) = await process.wait()
        guard exitedCleanly else { throw TestSupportError("`\(process.command)` failed: \(output)") }
        return output
    }

    public static func isInstalled(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    /// Waits for exit; returns whether it exited with status 0, and its output.
    public func wait() async -> (Bool, String) {
        let child = pid
        let status: Int32 = await Self.waiters.run {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0, errno == EINTR {}
            return status
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputPath)
        // WIFEXITED && WEXITSTATUS == 0, spelled out because the C macros are not imported.
        return (status & 0x7f == 0 && (status >> 8) & 0xff == 0, output)
    }

    /// One thread per process waited for at once (a server's wait lasts as long as the server), so one
    /// wait never queues behind another; a test run waits for a few dozen at most.
    private static let waiters = DedicatedThreads(name: "domino-waitpid", limit: 64)

    /// Asks a long-running process (a server) to stop and collects it.
    public func terminate() async -> String {
        kill(pid, SIGTERM)
        return await wait().1
    }
}
