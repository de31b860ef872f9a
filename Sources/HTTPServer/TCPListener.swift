import CEpoll
import EventIO
import Glibc
import Synchronization

/// A non-blocking listening socket registered with the event loop. The accept loop owns it; the
/// server's shutdown only `stop()`s it, and the descriptor is closed by `close()` once the accept
/// loop has left, so no other thread can ever use a descriptor number that was already reused.
final class TCPListener: Sendable {
    enum AcceptOutcome {
        case connection(Int32, remoteAddress: String)
        case wouldBlock
        case failed(Int32)
    }

    let descriptor: Int32
    let handle: IOHandle
    let port: Int
    private let isOpen = Mutex(true)

    init(host: String, port: Int, backlog: Int32, loop: EventLoop) throws(HTTPServerError) {
        var address = try SocketAddress(host: host, port: port)
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .systemCall("socket", errno: errno) }
        var one: Int32 = 1
        // Restarting the server must not wait for TIME_WAIT connections of the previous process.
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        do {
            guard address.withPointer({ bind(descriptor, $0, $1) }) == 0 else { throw HTTPServerError.systemCall("bind", errno: errno) }
            guard listen(descriptor, backlog) == 0 else { throw HTTPServerError.systemCall("listen", errno: errno) }
            guard getsockname(descriptor, &address) == 0 else { throw HTTPServerError.systemCall("getsockname", errno: errno) }
            self.handle = try loop.register(descriptor)
        } catch let error as HTTPServerError {
            Glibc.close(descriptor)
            throw error
        } catch {
            Glibc.close(descriptor)
            throw .systemCall("epoll register", errno: 0)
        }
        self.descriptor = descriptor
        self.port = address.port
    }

    /// One non-blocking accept; the new socket is non-blocking with Nagle off, since every response
    /// is written whole and waiting to coalesce would only add latency.
    func accept() -> AcceptOutcome {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let connection = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                cepoll_accept4(descriptor, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            }
        }
        guard connection >= 0 else {
            let code = errno
            return code == EAGAIN || code == EWOULDBLOCK ? .wouldBlock : .failed(code)
        }
        var one: Int32 = 1
        setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return .connection(connection, remoteAddress: SocketAddress(storage: storage).description)
    }

    /// Stops accepting: new connection attempts are refused from here on. `shutdown` on a listening
    /// socket moves it out of LISTEN on Linux while the descriptor stays valid for the accept loop.
    func stop() {
        isOpen.withLock { open in
            guard open else { return }
            Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
            handle.deregister()
        }
    }

    func close() {
        isOpen.withLock { open in
            guard open else { return }
            open = false
            handle.deregister()
            Glibc.close(descriptor)
        }
    }
}
