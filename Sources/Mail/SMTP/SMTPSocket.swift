import EventIO
import Glibc

/// One non-blocking TCP connection to the relay, driven by EventIO's epoll loop: every wait for the
/// peer suspends the task, never a thread of the cooperative pool (ARCHITECTURE.md, Concurrency).
/// Owned by one `SMTPClient` dialogue at a time; `Sendable` because its stored properties are
/// immutable and the descriptor is only read and written by that dialogue's task.
final class SMTPSocket: Sendable {
    let descriptor: Int32
    let handle: IOHandle
    let deadline: Deadline

    private init(descriptor: Int32, handle: IOHandle, deadline: Deadline) {
        self.descriptor = descriptor
        self.handle = handle
        self.deadline = deadline
    }

    /// Connects to `host`:`port` before `deadline`. A numeric address is used as it is; a name is
    /// resolved by `getaddrinfo`, which blocks, so it runs on a thread of its own (`DedicatedThreads`).
    static func connect(host: String, port: Int, deadline: Deadline) async throws(SMTPFailure) -> SMTPSocket {
        let addresses = try await resolve(host: host, port: port)
        var lastError = SMTPFailure.unreachable("\(host) has no address")
        for address in addresses {
            do {
                return try await connect(to: address, deadline: deadline)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connect(to address: ResolvedAddress, deadline: Deadline) async throws(SMTPFailure) -> SMTPSocket {
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .unreachable("socket() failed: errno \(errno)") }
        // The bytes of a sockaddr_storage are never empty, so the base address is never nil.
        let result = address.storage.withUnsafeBytes { raw in
            Glibc.connect(descriptor, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), address.length)
        }
        let code = errno
        let handle: IOHandle
        do {
            handle = try EventLoop.current?.register(descriptor) ?? EventLoop.shared.register(descriptor)
        } catch {
            Glibc.close(descriptor)
            throw .unreachable("cannot watch the socket")
        }
        let connection = SMTPSocket(descriptor: descriptor, handle: handle, deadline: deadline)
        if result != 0 {
            guard code == EINPROGRESS else {
                connection.close()
                throw .unreachable("connect failed: \(describe(errno: code))")
            }
            guard await handle.waitWritable(until: deadline) == .ready else {
                connection.close()
                throw .unreachable("connect timed out")
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            if error != 0 {
                connection.close()
                throw .unreachable("connect failed: \(describe(errno: error))")
            }
        }
        return connection
    }

    /// Writes all of `bytes`, waiting for writability on EAGAIN. MSG_NOSIGNAL: a vanished relay must
    /// not raise SIGPIPE, whose default action would end the worker.
    func write(_ bytes: [UInt8]) async throws(SMTPFailure) {
        var offset = 0
        while offset < bytes.count {
            // offset < bytes.count: the array is not empty, so its base address is never nil.
            let sent = bytes.withUnsafeBytes { raw in send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            guard sent < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
                throw .connectionLost("send failed: \(Self.describe(errno: code))")
            }
            if code != EINTR, await handle.waitWritable(until: deadline) != .ready { throw .connectionLost("send timed out") }
        }
    }

    /// Reads what is available (at least one byte), or throws at end of stream or the deadline.
    func read() async throws(SMTPFailure) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            // 4096 bytes: never empty, so the base address is never nil.
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 { return Array(chunk[0..<count]) }
            let code = errno
            if count == 0 { throw .connectionLost("the relay closed the connection") }
            guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else { throw .connectionLost("read failed: \(Self.describe(errno: code))") }
            if code == EINTR { continue }
            switch await handle.waitReadable(until: deadline) {
            case .ready: continue
            case .timedOut: throw .connectionLost("the relay did not answer in time")
            case .cancelled, .closed: throw .connectionLost("the delivery was cancelled")
            }
        }
    }

    /// Leaves the loop first, then closes, so the loop never sees a reused descriptor number.
    func close() {
        handle.deregister()
        Glibc.close(descriptor)
    }

    static func describe(errno code: Int32) -> String {
        SystemError.describe(errno: code)
    }

    struct ResolvedAddress: Sendable {
        let family: Int32
        let storage: [UInt8]
        let length: socklen_t
    }

    private static func resolve(host: String, port: Int) async throws(SMTPFailure) -> [ResolvedAddress] {
        // getaddrinfo may wait on DNS; a thread of our own waits, the task only suspends. Not a Dispatch
        // queue: on Linux its threads are the cooperative pool's (`DedicatedThreads`).
        try await resolverThreads.run { lookUp(host: host, port: port) }.get()
    }

    /// Look-ups waiting on DNS at once; a relay is one host, so more than a few means DNS is down.
    private static let resolverThreads = DedicatedThreads(name: "domino-resolve", limit: 4)

    private static func lookUp(host: String, port: Int) -> Result<[ResolvedAddress], SMTPFailure> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else { return .failure(.unreachable("cannot resolve \(host): \(String(cString: gai_strerror(status)))")) }
        defer { freeaddrinfo(list) }
        var result: [ResolvedAddress] = []
        var cursor = list
        while let entry = cursor {
            let info = entry.pointee
            if let address = info.ai_addr {
                let bytes = UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen))
                result.append(ResolvedAddress(family: info.ai_family, storage: Array(bytes), length: info.ai_addrlen))
            }
            cursor = info.ai_next
        }
        return .success(result)
    }
}
