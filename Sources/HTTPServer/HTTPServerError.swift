import EventIO

/// Why the server could not start or run. Request-level problems are `HTTPParseError`s instead:
/// they become responses, these become a failed `run()`.
public enum HTTPServerError: Error, Sendable, Equatable {
    case systemCall(String, errno: Int32)
    case invalidAddress(String)
    /// `run()` was called on a server that is already running or has stopped.
    case notIdle
}

extension HTTPServerError: CustomStringConvertible {
    /// In words, since it reaches people as `domino: …` (e.g. "bind: Address already in use").
    public var description: String {
        switch self {
        case .systemCall(let call, let code): "\(call): \(SystemError.describe(errno: code))"
        case .invalidAddress(let address): "not an address to listen on: \(address)"
        case .notIdle: "the server is already running or has stopped"
        }
    }
}
