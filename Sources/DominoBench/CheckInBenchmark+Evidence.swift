import EventIO
import Foundation
import Postgres

/// Counts the sessions waiting on a heavyweight lock every 10 ms until cancelled, and says what they
/// wait on: the lock's type and object, the waiter's statement and the statement of the session that
/// blocks it (`pg_blocking_pids`). The shared machine moves latency a lot between runs; which lock the
/// waiters wait on, and how often, it moves much less.
struct LockWaitSampler: Sendable {
    let pool: PostgresPool

    struct Summary: Sendable {
        var samples = 0
        var total = 0
        var maximum = 0
        var withAny = 0
        /// Waiting sessions summed over the samples, by "lock — waiter ← blocker".
        var byLock: [String: Int] = [:]
        var mean: Double { samples == 0 ? 0 : Double(total) / Double(samples) }
    }

    func run() async -> Summary {
        var summary = Summary()
        while !Task.isCancelled {
            guard let rows = try? await pool.query("""
                SELECT l.locktype || coalesce(' ' || l.relation::regclass::text, '') || coalesce(' of ' || l.classid::regclass::text, '')
                       || ' — ' || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 48)
                       || ' ← ' || coalesce((SELECT left(regexp_replace(b.query, '\\s+', ' ', 'g'), 48) || ' [' || b.state || ']'
                                             FROM pg_stat_activity b WHERE b.pid = (pg_blocking_pids(l.pid))[1]), '?') AS what,
                       count(*)::int AS n
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND l.pid <> pg_backend_pid()
                GROUP BY 1
                """)
            else { break }
            var waiting = 0
            for row in rows {
                guard let what = try? row.decode("what", as: String.self), let count = try? row.decode("n", as: Int.self) else { continue }
                waiting += count
                summary.byLock[what, default: 0] += count
            }
            summary.samples += 1
            summary.total += waiting
            summary.maximum = max(summary.maximum, waiting)
            if waiting > 0 { summary.withAny += 1 }
            try? await EventLoop.sleep(for: .milliseconds(10))
        }
        return summary
    }

    /// Samples while `body` runs.
    static func sampling<Result: Sendable>(
        _ pool: PostgresPool, _ body: () async throws -> Result
    ) async throws -> (Result, Summary) {
        let sampler = LockWaitSampler(pool: pool)
        let task = Task { await sampler.run() }
        do {
            let result = try await body()
            task.cancel()
            return (result, await task.value)
        } catch {
            task.cancel()
            _ = await task.value
            throw error
        }
    }

    static func print(_ label: String, _ summary: Summary) {
        Swift.print("sessions waiting on a lock during \(label), sampled every 10 ms: \(summary.samples) samples, mean "
                    + "\(formatted(summary.mean, decimals: 2)), max \(summary.maximum), samples with any: \(summary.withAny)")
        for (what, count) in summary.byLock.sorted(by: { $0.value > $1.value }).prefix(6) {
            Swift.print("  \(count) × \(what)")
        }
    }
}

/// What PostgreSQL ran meanwhile, statement by statement (`pg_stat_statements`, nested statements
/// included when the server tracks them), when the server loads the extension; silent otherwise.
enum StatementStatistics {
    static func reset(_ pool: PostgresPool) async -> Bool {
        guard (try? await pool.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) != nil,
              (try? await pool.execute("SELECT pg_stat_statements_reset()")) != nil
        else { return false }
        return true
    }

    static func print(_ label: String, _ pool: PostgresPool) async {
        guard let rows = try? await pool.query("""
            SELECT calls, total_exec_time AS total, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS statement
            FROM pg_stat_statements
            WHERE query NOT LIKE '%pg_stat%' AND query NOT LIKE '%pg_locks%'
            ORDER BY total_exec_time DESC LIMIT 12
            """)
        else { return }
        Swift.print("\npg_stat_statements during \(label) (execution time inside PostgreSQL):\n")
        Swift.print("| statement | calls | total ms | mean ms |")
        Swift.print("|---|---:|---:|---:|")
        for row in rows {
            guard let calls = try? row.decode("calls", as: Int.self), let total = try? row.decode("total", as: Double.self),
                  let statement = try? row.decode("statement", as: String.self) else { continue }
            Swift.print("| `\(statement.replacingOccurrences(of: "|", with: "\\|"))` | \(calls) | \(formatted(total, decimals: 0)) | "
                        + "\(formatted(total / Double(max(calls, 1)), decimals: 3)) |")
        }
        Swift.print("")
    }
}
