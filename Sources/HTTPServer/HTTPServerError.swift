/// Why the server could not start or run. Request-level problems are `HTTPParseError`s instead:
/// they become responses, these become a failed `run()`.
public enum HTTPServerError: Error, Sendable, Equatable {
    case systemCall(String, errno: Int32)
    case invalidAddress(String)
    /// `run()` was called on a server that is already running or has stopped.
    case notIdle
}
