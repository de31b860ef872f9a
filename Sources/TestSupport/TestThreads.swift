import EventIO

/// Threads for a test's long pure computation (a directory of companies derived one by one, every Unicode
/// scalar checked). The suites run in parallel on Swift's two cooperative threads, and two such computations
/// there held every other test's tasks, the pool test's 200 queries among them, for seconds. Only the
/// computing moves: the test's expectations stay in its task, where Swift Testing records them.
public enum TestThreads {
    static let threads = DedicatedThreads(name: "domino-test", limit: 2)

    /// Computes `work` on one of the threads; the test's task suspends meanwhile.
    public static func compute<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await threads.run(work)
    }
}
