@testable import Console
import Foundation
import HTTPServer

extension ConsoleRequest {
    /// A request with no session, for rendering pieces without a server.
    static var sample: ConsoleRequest {
        ConsoleRequest(
            http: HTTPRequest(method: .get, target: "/"), parameters: [:], language: .ja, session: nil, requestID: "test",
            clientAddress: "127.0.0.1", secure: false, now: Date(timeIntervalSince1970: 1_796_223_600), form: [])
    }
}

extension HTTPResponse {
    var bodyBytes: [UInt8] {
        if case .bytes(let bytes) = body { return bytes }
        return []
    }
}
