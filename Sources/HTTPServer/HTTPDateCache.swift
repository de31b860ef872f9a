import Glibc

/// The `Date` header line (RFC 9110 §6.6.1, IMF-fixdate), formatted once per second per connection.
/// Responses carry second resolution, so formatting per request would be wasted work on the hot path;
/// keeping one cache per connection avoids any lock. The time comes from the server's configured clock
/// (the programme clock, injected by the composition root); without one there is no Date header, as
/// RFC 9110 asks of a server without a clock.
struct HTTPDateCache {
    private let clock: (@Sendable () -> Int)?
    private var second: time_t = -1
    private var line: [UInt8] = []

    init(clock: (@Sendable () -> Int)?) {
        self.clock = clock
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n` for the current second.
    mutating func headerLine() -> [UInt8] {
        guard let clock else { return [] }
        let now = time_t(clock())
        if now != second {
            second = now
            line = Array("Date: \(Self.format(now))\r\n".utf8)
        }
        return line
    }

    static func format(_ seconds: time_t) -> String {
        var value = seconds
        var parts = tm()
        gmtime_r(&value, &parts)
        func twoDigits(_ number: Int32) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) GMT"
    }
}
