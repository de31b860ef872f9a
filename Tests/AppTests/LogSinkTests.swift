import App
import Glibc
import Synchronization
import TestSupport
import Testing

@Suite("Log lines through a bounded buffer")
struct LogSinkTests {
    /// A pipe whose buffer is already full, so a blocking write to it waits until someone reads: a
    /// stdout consumer that has stopped reading.
    private func stuckPipe() throws -> (read: Int32, write: Int32, filler: Int) {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let flags = fcntl(ends[1], F_GETFL)
        _ = fcntl(ends[1], F_SETFL, flags | O_NONBLOCK)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        var filler = 0
        while true {
            let written = chunk.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
            if written <= 0 { break }
            filler += written
        }
        _ = fcntl(ends[1], F_SETFL, flags)
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        return (ends[0], ends[1], filler)
    }

    @Test("a stuck stdout reader never blocks the logger: lines past the buffer are dropped and counted, the rest arrive whole")
    func stuckReader() async throws {
        let (readEnd, writeEnd, filler) = try stuckPipe()
        defer { close(readEnd); close(writeEnd) }
        let line = "{\"level\":\"info\",\"msg\":\"request\"}\n"
        let sink = LogSink(descriptor: writeEnd, capacity: line.utf8.count * 3)
        let log = Log(minimum: .info, sink: sink)
        // Every call returns although nothing can be written: the writer thread is the one that waits.
        for _ in 0..<20 { log(.info, "request") }
        #expect(sink.droppedLines > 0)

        // The reader catches up; everything that was not dropped is then written, line by line.
        let flushed = FlushMark()
        let received = try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                await sink.flush()
                flushed.value.store(true, ordering: .releasing)
                return nil
            }
            group.addTask {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    // Read the flag first: whatever was written before the flush ended is in the pipe now.
                    let done = flushed.value.load(ordering: .acquiring)
                    while true {
                        let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                        guard count > 0 else { break }
                        bytes += buffer[0..<count]
                    }
                    if done { return bytes }
                    await Task.yield()
                }
            }
            var result: [UInt8] = []
            for try await bytes in group { if let bytes { result = bytes } }
            return result
        }
        let lines = received.dropFirst(filler)
        #expect(received.count == filler + (20 - sink.droppedLines) * line.utf8.count)
        #expect(String(decoding: lines, as: UTF8.self) == String(repeating: line, count: 20 - sink.droppedLines))
    }

    @Test("/metrics counts dropped log lines")
    func metricsCountDrops() async throws {
        try await withTestServer { port, _ in
            let metrics = try await TestClient.request(port: port, "GET", "/metrics")
            #expect(metrics.text.contains("# TYPE domino_log_lines_dropped_total counter\ndomino_log_lines_dropped_total "))
        }
    }
}

/// Set once the sink's flush returned; shared by the test's two child tasks.
final class FlushMark: Sendable {
    let value = Atomic(false)
}
