import DomainKit
import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

@Suite("A job whose lease was lost")
struct LeaseLossTests {
    static let hangingKind = "tests.hang"

    /// A handler that says when it starts, then waits for an event that never comes: it outlives any
    /// lease unless its task is cancelled, and says so when it is.
    static func hangingWorker(_ pool: PostgresPool, events: AsyncStream<String>.Continuation) -> JobWorker {
        var handlers = JobHandlers()
        handlers.register(hangingKind) { _ in
            events.yield("started")
            let (never, keepOpen) = AsyncStream<Void>.makeStream()
            for await _ in never {}
            keepOpen.finish()
            events.yield(Task.isCancelled ? "cancelled" : "ended")
            throw CancellationError()
        }
        return JobWorker(pool: pool, configuration: WorkerConfiguration(id: "holder"), handlers: handlers, clock: .test)
    }

    @Test("a handler that outlives its lost lease is cancelled, and its worker records nothing over the rescuer's state")
    func handlerCancelled() async throws {
        let pool = try await TestDatabase.fresh()
        let (events, eventSink) = AsyncStream<String>.makeStream()
        let holder = Self.hangingWorker(pool, events: eventSink)
        // One attempt only, so the rescue discards the job and `runOnce()` does not claim it again.
        let id = try #require(try await JobQueue.enqueue(NewJob(kind: Self.hangingKind, maxAttempts: 1), in: pool))
        async let ran = holder.runOnce()
        var received = events.makeAsyncIterator()
        #expect(await received.next() == "started")

        // The lease runs out (the holder was partitioned, say) and another worker's rescuer returns the job.
        try await pool.execute("UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE id = \(id)")
        #expect(try await worker(pool, id: "rescuer").rescueExpiredLeases() == 1)
        #expect(try await jobRow(id, in: pool).state == "discarded")

        await holder.heartbeatNow()
        #expect(await received.next() == "cancelled")
        #expect(try await ran == 1)
        // Still the rescuer's verdict: the cancelled attempt neither completed nor failed the job again.
        let row = try await jobRow(id, in: pool)
        #expect(row.state == "discarded" && row.attempts == 1 && row.lastError?.contains("lease of worker holder expired") == true)
    }

    @Test("a job cancelled by an administrator while its handler runs has the handler cancelled at the next heartbeat")
    func cancelledByAdministrator() async throws {
        let pool = try await TestDatabase.fresh()
        let (events, eventSink) = AsyncStream<String>.makeStream()
        let holder = Self.hangingWorker(pool, events: eventSink)
        let id = try #require(try await JobQueue.enqueue(NewJob(kind: Self.hangingKind), in: pool))
        async let ran = holder.runOnce()
        var received = events.makeAsyncIterator()
        #expect(await received.next() == "started")
        _ = try await JobAdmin(pool: pool, clock: .test).cancel(id, by: admin)
        await holder.heartbeatNow()
        #expect(await received.next() == "cancelled")
        #expect(try await ran == 1)
        #expect(try await jobRow(id, in: pool).state == "cancelled")
    }
}
