import EventIO
import FoundationEssentials
import Synchronization
import TestSupport
import Testing

@Suite("Dedicated threads for blocking and long work")
struct DedicatedThreadsTests {
    @Test("while a job computes on every dedicated thread, four per core, a task still gets a cooperative thread")
    func jobsLeaveTheCooperativePool() async {
        // Four per core: libdispatch may hold a few spare threads, and the same jobs on Dispatch's global queue then
        // left the task a thread in two runs of five with one job per core; with four per core they held it in both runs tried.
        let check = CooperativePoolCheck(jobs: 4 * ProcessInfo.processInfo.activeProcessorCount)
        let threads = DedicatedThreads(name: "busy-test", limit: check.jobs)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<check.jobs { group.addTask { await threads.run { check.job() } } }
            group.addTask { await check.releaseFromCooperativePool() }
        }
        #expect(check.everyJobReleased)
    }

    @Test("past the limit, jobs wait their turn in the order given, and no more threads start than the limit")
    func jobsQueueInOrder() async {
        let threads = DedicatedThreads(name: "order-test", limit: 1)
        let order = Mutex<[Int]>([])
        for index in 0..<20 { threads.submit { order.withLock { $0.append(index) } } }
        let last = await threads.run { order.withLock { $0.count } }
        #expect(last == 20)
        #expect(order.withLock { $0 } == Array(0..<20))
        #expect(threads.threadCount == 1)
    }
}
