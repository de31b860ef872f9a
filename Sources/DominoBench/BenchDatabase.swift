import Foundation
import Postgres
import TestSupport

/// The database both contenders hit: a throwaway cluster of our own, or the one named by
/// `DOMINO_BENCH_DATABASE_URL`. pgbench reaches it the same way the adapter does (the cluster's
/// unix socket, or the same URL), so the comparison measures clients, not transports.
struct BenchDatabase: Sendable {
    let configuration: PostgresConfiguration
    /// Where pgbench writes its per-transaction logs: it must be writable by the user pgbench runs as.
    let logDirectory: String
    let description: String
    private let cluster: TestCluster?
    private let url: String?

    static func open() async throws -> BenchDatabase {
        if let url = ProcessInfo.processInfo.environment["DOMINO_BENCH_DATABASE_URL"], !url.isEmpty {
            let logDirectory = NSTemporaryDirectory() + "domino-bench-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
            return BenchDatabase(
                configuration: try PostgresConfiguration(url: url), logDirectory: logDirectory,
                description: "DOMINO_BENCH_DATABASE_URL", cluster: nil, url: url)
        }
        let cluster = try await TestCluster.start()
        // The cluster directory belongs to the server user, who runs pgbench when we are root.
        return BenchDatabase(
            configuration: cluster.configuration, logDirectory: cluster.directory,
            description: "throwaway cluster, unix socket \(cluster.directory)", cluster: cluster, url: nil)
    }

    /// Runs pgbench against this database and returns what it printed.
    @discardableResult
    func pgbench(_ arguments: [String]) async throws -> String {
        if let cluster {
            return try await cluster.runServerProgram(
                "pgbench", arguments + ["-h", cluster.directory, "-p", "5432", "-U", "postgres", "postgres"])
        }
        return try await Subprocess.run("pgbench", arguments + [url ?? ""])
    }
}
