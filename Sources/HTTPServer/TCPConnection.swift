import EventIO
import Glibc

/// One accepted, non-blocking socket. Plain `Sendable`: every stored property is immutable, and the
/// connection task is its only reader; a streamed body's writer is the only writer while it runs.
final class TCPConnection: Sendable {
    let descriptor: Int32
    let handle: IOHandle
    let remoteAddress: String

    init(descriptor: Int32, handle: IOHandle, remoteAddress: String) {
        self.descriptor = descriptor
        self.handle = handle
        self.remoteAddress = remoteAddress
    }

    /// Writes all bytes, waiting for writability on EAGAIN. Returns false when the peer is gone, the
    /// deadline passed or the task was cancelled. MSG_NOSIGNAL keeps a vanished peer from raising
    /// SIGPIPE, whose default action would end the whole process.
    func write(_ bytes: [UInt8], until deadline: Deadline) async -> Bool {
        var offset = 0
        while offset < bytes.count {
            // offset < bytes.count: the array is not empty, so its base address is never nil.
            let sent = bytes.withUnsafeBytes { raw in
                send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            guard sent < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else { return false }
            if code != EINTR, await handle.waitWritable(until: deadline) != .ready { return false }
        }
        return true
    }

    /// Reads into the buffer, waiting on EAGAIN, until some bytes arrive.
    func fill(_ buffer: inout ReceiveBuffer, until deadline: Deadline) async -> FillOutcome {
        while true {
            switch buffer.read(from: descriptor) {
            case .bytes: return .data
            case .endOfStream, .failed: return .closed
            case .wouldBlock:
                switch await handle.waitReadable(until: deadline) {
                case .ready: continue
                case .timedOut: return .timedOut
                case .cancelled, .closed: return .closed
                }
            }
        }
    }

    enum FillOutcome {
        case data
        case timedOut
        case closed
    }

    /// Closes after our last response without destroying it: stop sending, then read and discard what
    /// the peer still sends for a short while. Closing with unread input makes the kernel send RST,
    /// and an RST can make the peer drop our response before reading it (RFC 9112 §9.6).
    func closeGracefully(linger: Duration = .seconds(2), maxDiscard: Int = 1 << 20) async {
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
        let deadline = Deadline.after(linger)
        var scratch = [UInt8](repeating: 0, count: 4096)
        var discarded = 0
        while discarded < maxDiscard {
            // 4096 bytes of scratch: never empty, so its base address is never nil.
            let received = scratch.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if received > 0 {
                discarded += received
            } else if received < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                if await handle.waitReadable(until: deadline) != .ready { break }
            } else {
                break
            }
        }
        close()
    }

    /// Leaves the event loop, then closes: in that order, so the loop never sees a reused descriptor number.
    func close() {
        handle.deregister()
        Glibc.close(descriptor)
    }
}
