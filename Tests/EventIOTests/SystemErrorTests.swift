import EventIO
import Glibc
import Testing

/// `errno` in words, from any number of threads at once (`strerror_r` into a buffer of our own).
@Suite("errno in words")
struct SystemErrorTests {
    @Test("a known errno is Glibc's sentence; an unknown one names its number")
    func words() {
        #expect(SystemError.describe(errno: EADDRINUSE) == "Address already in use")
        #expect(SystemError.describe(errno: ECONNREFUSED) == "Connection refused")
        #expect(SystemError.describe(errno: 4_321) == "Unknown error 4321")
    }

    @Test("many threads describing different codes at once each get their own words")
    func concurrent() async {
        let codes: [Int32] = (0..<64).map { $0 % 2 == 0 ? 5_000 + $0 : EADDRINUSE }
        let words = await withTaskGroup(of: (Int32, String).self) { group in
            for code in codes { group.addTask { (code, SystemError.describe(errno: code)) } }
            return await group.reduce(into: [(Int32, String)]()) { $0.append($1) }
        }
        for (code, text) in words {
            #expect(text == (code == EADDRINUSE ? "Address already in use" : "Unknown error \(code)"))
        }
    }
}
