import EventIO
import Glibc
@testable import HTTPServer
import TestSupport
import Testing

/// Issue 19: sequential requests were reported at about 55 ms each. The server's half of the Nagle /
/// delayed-ACK interaction is ruled out by construction: every response leaves in one `send` on a
/// socket with Nagle's algorithm off, so it never waits for the client's ACK. (The delay reproduces
/// only with a client that writes one request in two sends with Nagle on; docs/benchmarks.md.)
@Suite("Accepted sockets")
struct AcceptedSocketTests {
    @Test("an accepted connection has TCP_NODELAY set")
    func acceptedConnectionHasNoDelay() async throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0, backlog: 8, loop: .shared)
        defer { listener.close() }
        let client = try await TestClient.connect(port: listener.port)
        defer { client.close() }
        var outcome = listener.accept()
        while case .wouldBlock = outcome {
            guard await listener.handle.waitReadable(until: .after(.seconds(120))) == .ready else { break }
            outcome = listener.accept()
        }
        guard case .connection(let descriptor, _) = outcome else {
            Issue.record("the listener accepted nothing: \(outcome)")
            return
        }
        defer { Glibc.close(descriptor) }
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        #expect(getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &value, &length) == 0)
        #expect(value != 0)
    }
}
