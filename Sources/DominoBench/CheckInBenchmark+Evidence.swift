import EventIO
import Foundation
import Glibc
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
            ORDER BY total_exec_time DESC LIMIT 14
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

/// CPU time (user + system, from `/proc/<pid>/stat`) of this process, the worker process and the
/// database's PostgreSQL sessions, so a phase's cost splits into Swift (the HTTP server, its clients and
/// the service, all in this process), the worker and PostgreSQL. CPU time moves much less with the shared
/// machine's load than latency does. A session that ends during a phase is not counted; the pool and the
/// worker keep theirs. (Reading `/proc` is a copy out of kernel memory, not I/O that waits on a device.)
struct CPUTimes: Sendable {
    var bench: Double = 0
    var worker: Double = 0
    var sessions: [Int32: Double] = [:]

    static func sample(_ observer: PostgresPool, worker: Int32) async -> CPUTimes {
        var times = CPUTimes(bench: seconds(of: "self"), worker: seconds(of: String(worker)))
        guard let rows = try? await observer.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()") else { return times }
        for row in rows {
            guard let pid = try? row.decode("pid", as: Int32.self) else { continue }
            times.sessions[pid] = seconds(of: String(pid))
        }
        return times
    }

    /// Seconds of CPU of one process: fields 14 and 15 of its stat line, counted after the command's ")".
    static func seconds(of pid: String) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Sampled before and after `body`.
    static func measuring<Result: Sendable>(
        _ observer: PostgresPool, worker: Int32, _ body: () async throws -> Result
    ) async throws -> (Result, Spent) {
        let before = await sample(observer, worker: worker)
        let result = try await body()
        let after = await sample(observer, worker: worker)
        let postgres = after.sessions.reduce(0.0) { total, session in total + max(0, session.value - (before.sessions[session.key] ?? 0)) }
        return (result, Spent(bench: after.bench - before.bench, worker: after.worker - before.worker, postgres: postgres))
    }

    struct Spent: Sendable {
        let bench: Double, worker: Double, postgres: Double

        func print(_ label: String, checkIns: Int) {
            let each = { (seconds: Double) in formatted(seconds * 1000 / Double(max(checkIns, 1)), decimals: 3) }
            Swift.print("CPU during \(label) (ms per check-in): this process (server, clients, service) \(each(bench)), "
                        + "PostgreSQL sessions \(each(postgres)), worker process \(each(worker)); "
                        + "in all \(formatted(bench, decimals: 2)) + \(formatted(postgres, decimals: 2)) + \(formatted(worker, decimals: 2)) s")
        }
    }
}
