import Glibc

/// A connection's input bytes: read into the free tail, parsed from the front, compacted in place.
/// One buffer lives for the whole connection so keep-alive requests allocate nothing to be read.
struct ReceiveBuffer {
    enum ReadOutcome {
        case bytes(Int)
        case wouldBlock
        case endOfStream
        case failed(Int32)
    }

    private var storage: [UInt8]
    private var start = 0
    private var end = 0
    private let initialCapacity: Int

    init(capacity: Int = 8 * 1024) {
        storage = [UInt8](repeating: 0, count: capacity)
        initialCapacity = capacity
    }

    var isEmpty: Bool { start == end }
    var count: Int { end - start }

    func withReadable<Result, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure) -> Result {
        try storage.withUnsafeBufferPointer { (all) throws(Failure) -> Result in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    mutating func consume(_ count: Int) {
        start += count
        if start == end {
            start = 0
            end = 0
            // A large upload may have grown the buffer; an idle keep-alive connection should not keep it.
            if storage.count > 8 * initialCapacity { storage = [UInt8](repeating: 0, count: initialCapacity) }
        }
    }

    /// One non-blocking `read` into the free space, making room first.
    mutating func read(from descriptor: Int32) -> ReadOutcome {
        reserveSpace(minimum: 2048)
        // After reserveSpace the storage holds at least 2048 bytes, so its base address is never nil.
        let received = storage.withUnsafeMutableBytes { raw in
            Glibc.read(descriptor, raw.baseAddress! + end, raw.count - end)
        }
        if received > 0 {
            end += received
            return .bytes(received)
        }
        if received == 0 { return .endOfStream }
        let code = errno
        return code == EAGAIN || code == EWOULDBLOCK || code == EINTR ? .wouldBlock : .failed(code)
    }

    private mutating func reserveSpace(minimum: Int) {
        guard storage.count - end < minimum else { return }
        if start > 0 {
            // start > 0 means there are bytes before it: the storage is not empty, its base not nil.
            storage.withUnsafeMutableBytes { raw in
                let base = raw.baseAddress!
                base.copyMemory(from: base + start, byteCount: end - start)
            }
            end -= start
            start = 0
        }
        if storage.count - end < minimum {
            storage.append(contentsOf: repeatElement(0, count: max(storage.count, minimum)))
        }
    }
}
