/// Progress through a header section that has not fully arrived, so bytes are examined once even
/// when a slow client sends them one at a time.
struct HeadScan: Sendable {
    /// Bytes of the input already examined.
    var scanned = 0
    /// Where the request line starts, after any empty lines that precede it.
    var headStart = 0
    var lineStart = 0
    /// Index of the LF that ends each line seen so far, the request line first.
    var lineEnds: [Int] = []
}

/// Where the fields that decide framing were found, as ranges of field values in the input.
struct FramingFields {
    var contentLengths: [Range<Int>] = []
    var transferEncodings: [Range<Int>] = []
    var hostCount = 0
}

extension HTTPRequestParser {
    /// Finds the end of the header section and builds the request from it, or returns nil when more
    /// bytes are needed. Line endings are checked while scanning, so a bare CR or bare LF is refused
    /// as soon as it arrives (RFC 9112 §2.2: we choose the strict reading and never accept bare LF).
    mutating func parseHead(_ input: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (HTTPRequest, Int)? {
        let end = min(input.count, limits.maxHeaderBytes)
        var index = scan.scanned
        while index < end {
            let byte = input[index]
            if byte == HTTPSyntax.lf {
                guard index > scan.lineStart, input[index - 1] == HTTPSyntax.cr else {
                    throw .badRequest("A line ends in a bare LF; HTTP/1.1 lines end in CRLF (RFC 9112 §2.2).")
                }
                let lineLength = index - 1 - scan.lineStart
                if lineLength == 0, scan.lineEnds.isEmpty {
                    // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line.
                    scan.headStart = index + 1
                } else if lineLength == 0 {
                    scan.scanned = index + 1
                    return (try buildRequest(input), index + 1)
                } else {
                    if scan.lineEnds.isEmpty, lineLength > limits.maxRequestLineBytes { throw requestLineTooLong() }
                    scan.lineEnds.append(index)
                    if scan.lineEnds.count - 1 > limits.maxHeaderCount {
                        throw HTTPParseError(.requestHeaderFieldsTooLarge, "The request has more than \(limits.maxHeaderCount) header fields.")
                    }
                }
                scan.lineStart = index + 1
            } else if byte == HTTPSyntax.cr {
                // A CR is judged by its successor, and only one inside the header limit counts: every
                // verdict then rests on the same bytes however reads split the stream (found by fuzzing).
                if index + 1 < end, input[index + 1] != HTTPSyntax.lf {
                    throw .badRequest("The request contains a bare CR outside a line ending (RFC 9112 §2.2).")
                }
            } else if scan.lineEnds.isEmpty, index - scan.lineStart >= limits.maxRequestLineBytes {
                // The byte that makes the request line one too long; a CR after maxRequestLineBytes
                // bytes may still end a line of exactly the limit.
                throw requestLineTooLong()
            }
            index += 1
        }
        // A CR as the last byte so far is looked at again once its successor arrives.
        scan.scanned = index > 0 && input[index - 1] == HTTPSyntax.cr ? index - 1 : index
        if input.count >= limits.maxHeaderBytes {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "The header section exceeds \(limits.maxHeaderBytes) bytes.")
        }
        return nil
    }

    /// The method and path of a request line refused as too long (414) whose path is short and in origin-form, so
    /// that the application can answer in its own form (the console's page, not problem+json): the query is what
    /// ran over, not the route. Nil when the path itself is long or not `/…`. No header has been read.
    public static func routableStart(of input: UnsafeBufferPointer<UInt8>, pathLimit: Int = 1024) -> HTTPRequest? {
        var index = 0
        while index + 1 < input.count, input[index] == HTTPSyntax.cr, input[index + 1] == HTTPSyntax.lf { index += 2 }
        let methodStart = index
        while index < input.count, index - methodStart < 32, HTTPSyntax.isToken(input[index]) { index += 1 }
        guard index > methodStart, index < input.count, input[index] == HTTPSyntax.space else { return nil }
        let method = String(decoding: input[methodStart..<index], as: UTF8.self)
        let pathStart = index + 1
        guard pathStart < input.count, input[pathStart] == HTTPSyntax.slash else { return nil }
        var end = pathStart
        while end < input.count, end - pathStart < pathLimit, input[end] > HTTPSyntax.space, input[end] < 0x7F,
              input[end] != HTTPSyntax.question { end += 1 }
        guard end < input.count, input[end] == HTTPSyntax.question else { return nil }
        return HTTPRequest(method: HTTPMethod(rawValue: method), target: String(decoding: input[pathStart..<end], as: UTF8.self))
    }

    private func requestLineTooLong() -> HTTPParseError {
        HTTPParseError(.uriTooLong, "The request line exceeds \(limits.maxRequestLineBytes) bytes.")
    }

    private mutating func buildRequest(_ input: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> HTTPRequest {
        let lineEnds = scan.lineEnds
        let requestLine = input[scan.headStart..<(lineEnds[0] - 1)]
        let (method, target, authority, version) = try Self.parseRequestLine(requestLine)
        var headers = HTTPHeaders()
        headers.reserveCapacity(lineEnds.count - 1)
        var fields = FramingFields()
        for line in 1..<lineEnds.count {
            let range = (lineEnds[line - 1] + 1)..<(lineEnds[line] - 1)
            let (name, value) = try Self.parseFieldLine(input[range])
            if HTTPSyntax.equalsLowercase(name, "content-length") {
                fields.contentLengths.append(value.startIndex..<value.endIndex)
            } else if HTTPSyntax.equalsLowercase(name, "transfer-encoding") {
                fields.transferEncodings.append(value.startIndex..<value.endIndex)
            } else if HTTPSyntax.equalsLowercase(name, "host") {
                fields.hostCount += 1
                try Self.validateHost(value)
            } else if HTTPSyntax.equalsLowercase(name, "expect") {
                try Self.checkExpectation(value)
            }
            headers.add(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        }
        if version == .http1_1, fields.hostCount == 0 {
            throw .badRequest("An HTTP/1.1 request must carry a Host header (RFC 9112 §3.2).")
        }
        if fields.hostCount > 1 {
            throw .badRequest("The request carries more than one Host header (RFC 9112 §3.2).")
        }
        framing = try Self.framing(of: fields, in: input, version: version)
        if let authority {
            // RFC 9112 §3.2.2: with the absolute-form, the server MUST ignore the Host field and use
            // the target's authority instead; handlers see it as Host.
            headers.replaceOrAdd(name: "Host", value: authority)
        }
        return HTTPRequest(method: HTTPMethod(rawValue: method), target: target, version: version, headers: headers)
    }

    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3), single spaces only.
    /// Returns the target in origin-form, and the authority when it came in absolute-form.
    static func parseRequestLine(
        _ line: UnsafeBufferPointer<UInt8>.SubSequence
    ) throws(HTTPParseError) -> (method: String, target: String, authority: String?, version: HTTPVersion) {
        guard let firstSpace = line.firstIndex(of: HTTPSyntax.space),
              let lastSpace = line.lastIndex(of: HTTPSyntax.space), lastSpace > firstSpace else {
            throw .badRequest("The request line must be: method SP request-target SP HTTP-version (RFC 9112 §3).")
        }
        let method = line[line.startIndex..<firstSpace]
        let target = line[(firstSpace + 1)..<lastSpace]
        let version = line[(lastSpace + 1)...]
        guard !method.isEmpty, method.allSatisfy(HTTPSyntax.isToken) else {
            throw .badRequest("The method is not a token (RFC 9110 §9.1).")
        }
        let parsedVersion = try parseVersion(version)
        guard !target.isEmpty, target.allSatisfy(HTTPSyntax.isTargetByte) else {
            throw .badRequest("The request-target is empty or contains a space, control or non-ASCII byte (RFC 9112 §3.2).")
        }
        let methodString = String(decoding: method, as: UTF8.self)
        if target.first == HTTPSyntax.slash {
            return (methodString, String(decoding: target, as: UTF8.self), nil, parsedVersion)
        }
        // RFC 9112 §3.2.4: the asterisk-form is only for a server-wide OPTIONS.
        if target.count == 1, target.first == HTTPSyntax.asterisk, methodString == "OPTIONS" {
            return (methodString, "*", nil, parsedVersion)
        }
        // RFC 9112 §3.2.3: the authority-form is only for CONNECT, which an origin server does not serve.
        if methodString != "CONNECT", let (authority, originForm) = try absoluteForm(target) {
            return (methodString, originForm, authority, parsedVersion)
        }
        throw .badRequest("The request-target must be origin-form (/path?query), absolute-form (http://host/path), or * for OPTIONS (RFC 9112 §3.2).")
    }

    /// absolute-form = absolute-URI (RFC 9112 §3.2.2), which a server MUST accept although clients send
    /// it only to proxies. Only the `http` and `https` schemes name us (RFC 9110 §4.2); their authority
    /// must be a non-empty host[:port] without userinfo (RFC 9110 §4.2.1, §4.2.4). The request is then
    /// routed by its path: an empty path is "/" (RFC 9110 §4.2.3). Nil when the target has no scheme.
    static func absoluteForm(_ target: UnsafeBufferPointer<UInt8>.SubSequence) throws(HTTPParseError) -> (authority: String, originForm: String)? {
        guard let colon = target.firstIndex(of: HTTPSyntax.colon) else { return nil }
        let scheme = target[target.startIndex..<colon]
        guard HTTPSyntax.equalsLowercase(scheme, "http") || HTTPSyntax.equalsLowercase(scheme, "https") else { return nil }
        // absolute-URI has no fragment (RFC 3986 §4.3), and a request-target never carries one (RFC 9112 §3.2).
        guard !target.contains(UInt8(ascii: "#")) else {
            throw .badRequest("A request-target carries no fragment (RFC 9112 §3.2).")
        }
        let rest = target[(colon + 1)...]
        guard rest.count >= 2, rest.first == HTTPSyntax.slash, rest[rest.startIndex + 1] == HTTPSyntax.slash else {
            throw .badRequest("An absolute-form target must be scheme://host/path (RFC 9112 §3.2.2).")
        }
        let afterSlashes = rest[(rest.startIndex + 2)...]
        let authorityEnd = afterSlashes.firstIndex { $0 == HTTPSyntax.slash || $0 == UInt8(ascii: "?") } ?? afterSlashes.endIndex
        let authority = afterSlashes[afterSlashes.startIndex..<authorityEnd]
        guard !authority.isEmpty else {
            throw .badRequest("An http(s) target must name a host (RFC 9110 §4.2.1).")
        }
        try validateHost(authority)
        let pathAndQuery = afterSlashes[authorityEnd...]
        let originForm = pathAndQuery.first == HTTPSyntax.slash
            ? String(decoding: pathAndQuery, as: UTF8.self)
            : "/" + String(decoding: pathAndQuery, as: UTF8.self)
        return (String(decoding: authority, as: UTF8.self), originForm)
    }

    /// Expect (RFC 9110 §10.1.1): the only expectation defined is `100-continue`, which the connection
    /// answers (or, from an HTTP/1.0 client, ignores: same clause). Any other member gets 417, as the
    /// RFC allows, so a client never waits on an expectation we do not meet.
    static func checkExpectation(_ value: UnsafeBufferPointer<UInt8>.SubSequence) throws(HTTPParseError) {
        let members = value.split(separator: HTTPSyntax.comma, omittingEmptySubsequences: false).map(HTTPSyntax.trimmingWhitespace)
        guard members.count == 1, let only = members.first, HTTPSyntax.equalsLowercase(only, "100-continue") else {
            throw HTTPParseError(.expectationFailed, "The only expectation served is 100-continue (RFC 9110 §10.1.1).")
        }
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). Well-formed versions we do not speak get 505.
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) throws(HTTPParseError) -> HTTPVersion {
        let prefix = Array("HTTP/".utf8)
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let base = bytes.startIndex
        guard bytes.count == 8, bytes[base..<(base + 5)].elementsEqual(prefix),
              isDigit(bytes[base + 5]), bytes[base + 6] == UInt8(ascii: "."), isDigit(bytes[base + 7]) else {
            throw .badRequest("The HTTP-version is malformed (RFC 9112 §2.3).")
        }
        switch (bytes[base + 5], bytes[base + 7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http1_1
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http1_0
        default: throw HTTPParseError(.httpVersionNotSupported, "Only HTTP/1.1 and HTTP/1.0 are supported.")
        }
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
    static func parseFieldLine(
        _ line: UnsafeBufferPointer<UInt8>.SubSequence
    ) throws(HTTPParseError) -> (name: UnsafeBufferPointer<UInt8>.SubSequence, value: UnsafeBufferPointer<UInt8>.SubSequence) {
        guard let first = line.first, !HTTPSyntax.isWhitespace(first) else {
            throw .badRequest("A header line starts with whitespace: obsolete line folding is not accepted (RFC 9112 §5.2).")
        }
        guard let colon = line.firstIndex(of: HTTPSyntax.colon) else {
            throw .badRequest("A header line has no colon (RFC 9112 §5).")
        }
        let name = line[line.startIndex..<colon]
        if let last = name.last, HTTPSyntax.isWhitespace(last) {
            throw .badRequest("Whitespace between a header name and its colon is not allowed (RFC 9112 §5.1).")
        }
        guard !name.isEmpty, name.allSatisfy(HTTPSyntax.isToken) else {
            throw .badRequest("A header name is not a token (RFC 9110 §5.1).")
        }
        let value = HTTPSyntax.trimmingWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw .badRequest("A header value contains a control character (RFC 9110 §5.5).")
        }
        return (name, value)
    }

    /// Host = uri-host [ ":" port ] (RFC 9110 §7.2); an invalid value gets 400 (RFC 9112 §3.2).
    static func validateHost(_ value: UnsafeBufferPointer<UInt8>.SubSequence) throws(HTTPParseError) {
        let allowed = "-._~%!$&'()*+,;=:[]".utf8
        for byte in value {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (HTTPSyntax.lowercased(byte) >= 0x61 && HTTPSyntax.lowercased(byte) <= 0x7A)
            if !isAlphanumeric, !allowed.contains(byte) {
                throw .badRequest("The Host header is not a valid host[:port] (RFC 9110 §7.2).")
            }
        }
    }
}
