import EventIO
import Glibc
import Testing

@Suite("EventLoop as a task executor")
struct EventLoopExecutorTests {
    @Test("a task that prefers the loop runs on the loop thread, also after a readiness wait")
    func tasksRunOnTheLoopThread() async throws {
        let loop = try EventLoop(name: "executor-test")
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds) == 0)
        let (left, right) = (fds[0], fds[1])
        defer { close(left); close(right) }
        let handle = try loop.register(left)
        defer { handle.deregister() }
        let observed = await Task(executorPreference: loop) { () -> (before: Bool, after: Bool, outcome: Readiness) in
            let before = loop.isCurrentThread
            var byte: UInt8 = 1
            _ = write(right, &byte, 1)
            let outcome = await handle.waitReadable(until: .after(.seconds(120)))
            return (before, loop.isCurrentThread, outcome)
        }.value
        #expect(observed.before)
        #expect(observed.outcome == .ready)
        #expect(observed.after)
        #expect(!loop.isCurrentThread)
    }

    @Test("child tasks inherit the loop; work wrapped for the cooperative pool leaves it and comes back")
    func childTasksAndTheCooperativePool() async throws {
        let loop = try EventLoop(name: "executor-test")
        let observed = await Task(executorPreference: loop) { () -> [Bool] in
            async let child = loop.isCurrentThread
            let onPool = await withTaskExecutorPreference(globalConcurrentExecutor) { loop.isCurrentThread }
            return [await child, onPool, loop.isCurrentThread]
        }.value
        #expect(observed == [true, false, true])
    }

    @Test("jobs enqueued from many tasks at once all run")
    func manyJobs() async throws {
        let loop = try EventLoop(name: "executor-test")
        let total = await withTaskGroup(of: Int.self, returning: Int.self) { group in
            for index in 0..<2_000 {
                group.addTask(executorPreference: loop) {
                    await Task.yield()
                    return loop.isCurrentThread ? index : -1
                }
            }
            return await group.reduce(0, +)
        }
        #expect(total == (0..<2_000).reduce(0, +))
    }
}
