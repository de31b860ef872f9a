import Glibc

/// An `errno` value in words ("Address already in use"), for messages that reach people and logs.
public enum SystemError {
    /// Long enough for every message Glibc has; a longer one is cut, never overrun.
    static let bufferSize = 256

    /// The words for `code`, safe to call from any thread at once. `strerror` may return a buffer shared by
    /// every thread (POSIX does not require it to be thread-safe), so this asks `strerror_r` to write into
    /// our own. Glibc has two `strerror_r`s: the GNU one returns a pointer (which may or may not be the
    /// buffer), the POSIX one an error number. Its header picks the POSIX one (`__xpg_strerror_r`) unless
    /// `_GNU_SOURCE` is defined, as it is not for Swift's Glibc module: the call below only compiles against
    /// the POSIX signature, so the other cannot be used by mistake. An unknown code gets Glibc's
    /// "Unknown error N" with EINVAL, which is words too.
    public static func describe(errno code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: bufferSize)
        let status: Int32 = strerror_r(code, &buffer, buffer.count)
        guard status == 0 || status == EINVAL, buffer[0] != 0 else { return "error \(code)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
