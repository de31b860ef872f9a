import EventIO
import Glibc
import Synchronization

/// An SMTP server for tests, on 127.0.0.1 and an ephemeral port, driven by EventIO like the client: it
/// records each message it accepts and answers RCPT and the end of DATA with scripted replies, so a test
/// can play a healthy relay, one that defers (4yz) or one that refuses (5yz).
final class SMTPSink: Sendable {
    struct Received: Sendable {
        let sender: String
        let recipient: String
        /// The message as the client meant it: dot-stuffing removed, CRLF line ends.
        let data: String
        let authentication: String?
    }

    private struct State {
        var received: [Received] = []
        var rcptReply = "250 2.1.5 OK"
        var dataReply = "250 2.0.0 queued as SINK"
        var open = true
    }

    let port: Int
    private let descriptor: Int32
    private let handle: IOHandle
    private let state = Mutex(State())

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound, listen(descriptor, 16) == 0 else { throw SinkFailure(message: "cannot listen: errno \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
        handle = try EventLoop.shared.register(descriptor)
    }

    func reply(rcpt: String? = nil, data: String? = nil) {
        state.withLock { state in
            if let rcpt { state.rcptReply = rcpt }
            if let data { state.dataReply = data }
        }
    }

    var received: [Received] { state.withLock { $0.received } }

    /// Accepts connections until `stop()`; each is served in a child task.
    func run() async {
        await withDiscardingTaskGroup { group in
            while state.withLock({ $0.open }) {
                let connection = Glibc.accept(descriptor, nil, nil)
                if connection >= 0 {
                    _ = fcntl(connection, F_SETFL, fcntl(connection, F_GETFL) | O_NONBLOCK)
                    group.addTask { await self.serve(connection) }
                    continue
                }
                guard errno == EAGAIN || errno == EWOULDBLOCK, await handle.waitReadable() == .ready else { break }
            }
        }
    }

    func stop() {
        state.withLock { $0.open = false }
        handle.deregister()
        Glibc.close(descriptor)
    }

    /// Waits (bounded, on an event-loop timer, never a sleep-and-hope) until `count` messages arrived.
    func waitForMessages(_ count: Int) async throws -> [Received] {
        for _ in 0..<12_000 {  // 120 s at least: a bound on a broken run, not a speed (CI's machine is far slower)
            let received = self.received
            if received.count >= count { return received }
            try await EventLoop.sleep(for: .milliseconds(10))
        }
        throw SinkFailure(message: "\(count) messages did not arrive")
    }

    private func serve(_ connection: Int32) async {
        guard let handle = try? EventLoop.shared.register(connection) else { return }
        var peer = SinkPeer(descriptor: connection, handle: handle)
        defer {
            handle.deregister()
            Glibc.close(connection)
        }
        var sender = ""
        var recipient = ""
        var authentication: String?
        guard peer.send("220 sink.test ESMTP") else { return }
        while let line = await peer.line() {
            let verb = line.prefix(4).uppercased()
            let (rcptReply, dataReply) = state.withLock { ($0.rcptReply, $0.dataReply) }
            switch verb {
            case "EHLO": _ = peer.send("250-sink.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME")
            case "AUTH" where line.uppercased() == "AUTH LOGIN":
                // RFC 4954 §4: the server prompts for each answer with 334 and a base64 prompt.
                _ = peer.send("334 VXNlcm5hbWU6")
                let user = await peer.line() ?? ""
                _ = peer.send("334 UGFzc3dvcmQ6")
                let password = await peer.line() ?? ""
                authentication = "LOGIN \(user) \(password)"
                _ = peer.send("235 2.7.0 accepted")
            case "AUTH":
                authentication = String(line.dropFirst(5))
                _ = peer.send("235 2.7.0 accepted")
            case "MAIL":
                sender = String(line.dropFirst(10))
                _ = peer.send("250 2.1.0 OK")
            case "RCPT":
                recipient = String(line.dropFirst(8))
                _ = peer.send(rcptReply)
            case "DATA":
                _ = peer.send("354 end with .")
                var lines: [String] = []
                while let dataLine = await peer.line(), dataLine != "." {
                    lines.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                }
                if dataReply.hasPrefix("250") {
                    let message = Received(sender: sender, recipient: recipient, data: lines.joined(separator: "\r\n") + "\r\n", authentication: authentication)
                    state.withLock { $0.received.append(message) }
                }
                _ = peer.send(dataReply)
            case "QUIT":
                _ = peer.send("221 2.0.0 bye")
                return
            default: _ = peer.send("500 5.5.1 unknown")
            }
        }
    }
}

/// One accepted connection's line reader.
private struct SinkPeer {
    let descriptor: Int32
    let handle: IOHandle
    var buffer: [UInt8] = []

    init(descriptor: Int32, handle: IOHandle) {
        self.descriptor = descriptor
        self.handle = handle
    }

    func send(_ text: String) -> Bool {
        let bytes = Array((text + "\r\n").utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// The next CRLF-terminated line, or nil when the client left.
    mutating func line() async -> String? {
        while true {
            if let index = buffer.firstIndex(of: 0x0A) {
                let end = index > 0 && buffer[index - 1] == 0x0D ? index - 1 : index
                defer { buffer.removeFirst(index + 1) }
                return String(decoding: buffer[0..<end], as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 8192)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                buffer += chunk[0..<count]
            } else if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                guard await handle.waitReadable(until: .after(smtpLiveness)) == .ready else { return nil }
            } else {
                return nil
            }
        }
    }
}

struct SinkFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
