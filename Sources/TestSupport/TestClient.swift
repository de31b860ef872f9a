import EventIO
import Glibc

/// A small HTTP client on a non-blocking socket driven by EventIO, so socket tests never block the
/// cooperative pool. Every wait has a generous deadline that only bounds a broken test; no test
/// asserts on how long anything took.
public final class TestClient {
    public enum Failure: Error, Equatable {
        case refused
        case timedOut
        case closedEarly
        case malformedResponse(String)
        case systemCall(String, Int32)
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let descriptor: Int32
    private let handle: IOHandle
    private var buffer: [UInt8] = []
    private var closed = false
    /// How long a test waits for the server before calling it hung. A liveness bound, not a speed
    /// check: the whole suite runs in parallel on two cores, where 50 serialised registrations behind
    /// one event row have been seen to take more than 15 s, and under `make test-dates` a request more than
    /// 60 s. Longer than the test server's handler timeout, so a slow request ends in its 503, not here.
    static let patience: Duration = .seconds(180)

    private init(descriptor: Int32, handle: IOHandle) {
        self.descriptor = descriptor
        self.handle = handle
    }

    public static func connect(port: Int) async throws -> TestClient {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.systemCall("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let handle = try EventLoop.shared.register(descriptor)
        let client = TestClient(descriptor: descriptor, handle: handle)
        if result != 0 {
            guard errno == EINPROGRESS else {
                client.close()
                throw errno == ECONNREFUSED ? Failure.refused : Failure.systemCall("connect", errno)
            }
            guard await handle.waitWritable(until: .after(patience)) == .ready else { throw Failure.timedOut }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            if error != 0 {
                client.close()
                throw error == ECONNREFUSED ? Failure.refused : Failure.systemCall("connect", error)
            }
        }
        return client
    }

    deinit { close() }

    public func close() {
        guard !closed else { return }
        closed = true
        handle.deregister()
        Glibc.close(descriptor)
    }

    public func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    public func send(_ bytes: [UInt8]) async throws {
        var offset = 0
        while offset < bytes.count {
            // offset < bytes.count: the array is not empty, so its base address is never nil.
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
            } else if errno == EAGAIN {
                guard await handle.waitWritable(until: .after(Self.patience)) == .ready else { throw Failure.timedOut }
            } else {
                throw Failure.systemCall("send", errno)
            }
        }
    }

    /// Reads more bytes into the buffer; false at end of stream (or reset by the peer).
    private func receive() async throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // 16 KiB of chunk: never empty, so its base address is never nil.
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                buffer += chunk[0..<count]
                return true
            }
            if count == 0 || errno == ECONNRESET { return false }
            guard errno == EAGAIN else { throw Failure.systemCall("read", errno) }
            guard await handle.waitReadable(until: .after(Self.patience)) == .ready else { throw Failure.timedOut }
        }
    }

    private func readLine() async throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 0x0A), index > 0, buffer[index - 1] == 0x0D {
                let line = String(decoding: buffer[0..<(index - 1)], as: UTF8.self)
                buffer.removeFirst(index + 1)
                return line
            }
            guard try await receive() else { throw Failure.closedEarly }
        }
    }

    private func readBytes(_ count: Int) async throws -> [UInt8] {
        while buffer.count < count {
            guard try await receive() else { throw Failure.closedEarly }
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[0..<count])
    }

    /// Reads one response. `bodyless` is for responses to HEAD.
    public func readResponse(bodyless: Bool = false) async throws -> Response {
        let statusLine = try await readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw Failure.malformedResponse(statusLine)
        }
        var response = Response(status: status, headers: [], body: [])
        while true {
            let line = try await readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformedResponse(line) }
            response.headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: " ")))
        }
        if bodyless || status < 200 || status == 204 || status == 304 { return response }
        if let length = response.header("content-length").flatMap(Int.init) {
            response.body = try await readBytes(length)
        } else if response.header("transfer-encoding") == "chunked" {
            while true {
                guard let size = Int(try await readLine(), radix: 16) else { throw Failure.malformedResponse("chunk size") }
                if size == 0 {
                    _ = try await readLine()
                    break
                }
                response.body += try await readBytes(size)
                _ = try await readLine()
            }
        } else {
            while try await receive() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// True when the server closes the connection (read returns 0) without sending anything more.
    public func isClosedByServer() async throws -> Bool {
        guard buffer.isEmpty else { return false }
        return try await !receive()
    }
}

extension StringProtocol {
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
