public import HTTPServer

/// Who may call a route, declared once beside it. App enforces it before the handler runs, and the
/// role × route test reads the same declaration, so the table and the test cannot disagree.
public enum Access: Sendable, Equatable {
    /// No authentication (health checks, login, the public showcase).
    case anonymous
    /// Any authenticated caller whose role is listed; an API key must also hold `scope`.
    case roles(Set<Role>, scope: Scope?)

    public static func only(_ roles: Role..., scope: Scope? = nil) -> Access {
        .roles(Set(roles), scope: scope)
    }

    public static func anyRole(scope: Scope? = nil) -> Access {
        .roles(Set(Role.allCases), scope: scope)
    }
}

/// One operation of the API: method, path template, access rule, and handler. `operationID` matches
/// the operation in docs/openapi.yaml, which a test checks both ways.
public struct Route: Sendable {
    public typealias Handler = @Sendable (RequestContext) async throws -> APIResponse

    public let method: HTTPMethod
    public let template: PathTemplate
    public let operationID: String
    /// The query parameters the operation reads (docs/openapi.yaml lists the same, which a test checks): any
    /// other name is a 400, so a misspelt filter (`?countr=VN`, `?fiscalYear=2025` for `fy`) is refused instead
    /// of answering for everything, or for the current year.
    public let query: Set<String>
    public let access: Access
    /// The largest body this route accepts; nil means the server's default (1 MiB).
    public let bodyLimit: Int?
    /// Members of the JSON answer's top-level object that hold a secret shown once (a new API key's
    /// `token`, a webhook's `signingSecret`). The answer kept for an `Idempotency-Key` replay leaves them
    /// out: such secrets are stored only as digests or encrypted, never in the clear in a replay record.
    public let secretMembers: Set<String>
    public let handler: Handler

    public init(
        _ method: HTTPMethod, _ template: String, operationID: String, query: Set<String> = [], access: Access, bodyLimit: Int? = nil,
        secretMembers: Set<String> = [], handler: @escaping Handler
    ) {
        self.method = method
        self.template = PathTemplate(template)
        self.operationID = operationID
        self.query = query
        self.access = access
        self.bodyLimit = bodyLimit
        self.secretMembers = secretMembers
        self.handler = handler
    }
}

/// `/v1/companies/{id}/technologies`: literal segments and named parameters, one per segment.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    public let segments: [Segment]
    public let description: String
    public let parameterCount: Int
    /// The segments joined by `/` when the template has no parameters (the request path it matches,
    /// less its leading slash).
    let literalPath: String

    public init(_ template: String) {
        description = template
        segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        parameterCount = segments.count { if case .parameter = $0 { true } else { false } }
        literalPath = segments.map { if case .literal(let text) = $0 { text } else { "" } }.joined(separator: "/")
    }

    /// The parameters when `path` matches, percent-decoded; nil otherwise. A segment that decodes to
    /// contain `/` or is not valid UTF-8 does not match, so a parameter never smuggles a path.
    public func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, pathSegments) {
            switch segment {
            case .literal(let literal):
                guard part == literal else { return nil }
            case .parameter(let name):
                guard let decoded = percentDecoded(part), !decoded.isEmpty, !decoded.contains("/") else { return nil }
                parameters[name] = decoded
            }
        }
        return parameters
    }
}

func percentDecoded(_ text: Substring) -> String? {
    guard text.contains("%") else { return String(text) }
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
        guard byte == UInt8(ascii: "%") else {
            bytes.append(byte)
            continue
        }
        guard let high = iterator.next().flatMap(hexDigit), let low = iterator.next().flatMap(hexDigit) else { return nil }
        bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
}

private func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
