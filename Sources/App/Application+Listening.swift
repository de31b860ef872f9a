import Glibc
public import HTTPServer

extension Application {
    /// Waits until `server` (from `makeServer()`, run by the caller) listens and returns its port. When
    /// it cannot, the error names the address and the variables that choose it: the usual cause is a
    /// second `make run` or `domino serve` on a port another process holds.
    public func waitUntilListening(_ server: HTTPServer) async throws -> Int {
        do {
            return try await server.waitUntilListening()
        } catch let error as HTTPServerError {
            throw ListenFailure(host: configuration.host, port: await server.configuration.port, reason: error)
        }
    }
}

/// `domino serve`/`dev` could not listen on HOST:PORT.
public struct ListenFailure: Error, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let reason: HTTPServerError

    public var description: String {
        var text = "cannot listen on \(host):\(port) (HOST, PORT): \(reason)"
        if case .systemCall("bind", errno: EADDRINUSE) = reason {
            text += "; another process (another `make run` or `domino serve`?) holds the port: stop it, or set PORT to another one"
        }
        return text
    }
}
