/// Why a request could not be read, with the status that says so. The connection turns it into an
/// `application/problem+json` response in one place (`HTTPResponse.problem`) and then closes, because
/// after a framing error the byte stream can no longer be trusted (RFC 9112 §9.6, §11.2).
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let detail: String

    public init(_ status: HTTPStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    public var description: String { "\(status.code): \(detail)" }

    static func badRequest(_ detail: String) -> HTTPParseError { HTTPParseError(.badRequest, detail) }
}
