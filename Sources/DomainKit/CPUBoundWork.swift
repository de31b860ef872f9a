/// Request handlers run on the event-loop thread that serves their connection (EventIO's
/// `EventLoop` is their task executor), so that a database reply resumes them without a thread hop.
/// Work that keeps a CPU busy for more than a millisecond or so — parsing a large CSV file, ranking
/// thousands of candidates — would hold up every other connection on that thread meanwhile; it runs
/// on Swift's cooperative pool through this function instead, and the caller resumes on its loop.
public func runOnCooperativePool<T, Failure: Error>(_ work: () async throws(Failure) -> T) async throws(Failure) -> T {
    try await withTaskExecutorPreference(globalConcurrentExecutor, operation: work)
}
