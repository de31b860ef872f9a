import DomainKit
import Foundation
import Jobs
import Postgres
import TestSupport
import Testing

@Suite("The worker's claim loop")
struct WorkerClaimLoopTests {
    @Test("a completion that fails beside a claim that committed: the claimed job still runs at its first attempt, and the completion is recorded later")
    func claimKeptWhenCompletionFails() async throws {
        let pool = try await TestDatabase.fresh()
        // The first completion of a 'tests.first' job fails once (a sequence counts outside transactions),
        // as a statement timeout or a lost lock would make it fail.
        try await pool.withConnection { try await $0.runScript("""
            CREATE SEQUENCE completions_tried;
            CREATE FUNCTION refuse_first_completion() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('completions_tried') = 1 THEN RAISE EXCEPTION 'the first completion is refused'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_first_completion BEFORE UPDATE ON jobs FOR EACH ROW
                WHEN (NEW.state = 'completed' AND OLD.kind = 'tests.first') EXECUTE FUNCTION refuse_first_completion();
            """) }
        var handlers = JobHandlers()
        handlers.register("tests.first") { _ in }
        handlers.register("tests.second") { _ in }
        // One job at a time: the round that completes the first job is the round that claims the second. A
        // lease of ten minutes keeps a rescue out of the picture on a loaded machine.
        let configuration = WorkerConfiguration(id: "single", concurrency: 1, lease: .seconds(600))
        let first = try #require(try await JobQueue.enqueue(NewJob(kind: "tests.first"), in: pool))
        let second = try #require(try await JobQueue.enqueue(NewJob(kind: "tests.second"), in: pool))
        let worker = JobWorker(pool: pool, configuration: configuration, handlers: handlers, clock: .test)
        let running = Task { try await worker.run() }
        do {
            try await waitUntil("both jobs completed") {
                try await count("SELECT count(*) FROM jobs WHERE state = 'completed'", in: pool) == 2
            }
        } catch {
            worker.stop()
            try await running.value
            throw error
        }
        worker.stop()
        try await running.value
        #expect(try await count("SELECT last_value FROM completions_tried", in: pool) == 2)
        #expect(try await jobRow(first, in: pool) == JobRow(state: "completed", attempts: 1, lastError: nil))
        #expect(try await jobRow(second, in: pool) == JobRow(state: "completed", attempts: 1, lastError: nil))
    }
}
