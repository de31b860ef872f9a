import TestSupport
import HTTPServer
import Testing

/// Feeds literal bytes to a parser the way a connection does, in pieces of `pieceSize` bytes, and
/// collects the complete requests. Parser tests use it so that no socket is involved.
struct ParserHarness {
    var parser: HTTPRequestParser
    var bodyLimit: Int?
    private var buffer: [UInt8] = []
    private var head: HTTPRequest?

    init(limits: HTTPRequestParser.Limits = .init(), bodyLimit: Int? = nil) {
        parser = HTTPRequestParser(limits: limits)
        self.bodyLimit = bodyLimit
    }

    /// Adds bytes and returns the requests they completed.
    mutating func feed(_ bytes: [UInt8]) throws(HTTPParseError) -> [HTTPRequest] {
        buffer += bytes
        var completed: [HTTPRequest] = []
        while true {
            let (event, consumed) = try buffer.withUnsafeBufferPointer { (input) throws(HTTPParseError) in
                try parser.parse(input)
            }
            buffer.removeFirst(consumed)
            switch event {
            case .head(let request)?:
                head = request
                if let bodyLimit { try parser.setBodyLimit(bodyLimit) }
            case .body(let body)?:
                if var request = head {
                    request.body = body
                    completed.append(request)
                }
                head = nil
            case nil:
                return completed
            }
        }
    }
}

/// Parses the whole text, first in one piece, then one byte at a time, and checks both agree on
/// the outcome: an incremental parser must not depend on how reads split the stream.
func parse(_ text: String, limits: HTTPRequestParser.Limits = .init(), bodyLimit: Int? = nil) throws(HTTPParseError) -> [HTTPRequest] {
    let bytes = Array(text.utf8)
    var whole = ParserHarness(limits: limits, bodyLimit: bodyLimit)
    let wholeResult = Result { () throws(HTTPParseError) in try whole.feed(bytes) }
    var bytewise = ParserHarness(limits: limits, bodyLimit: bodyLimit)
    let bytewiseResult = Result { () throws(HTTPParseError) in
        var requests: [HTTPRequest] = []
        for byte in bytes { requests += try bytewise.feed([byte]) }
        return requests
    }
    switch (wholeResult, bytewiseResult) {
    case (.success(let a), .success(let b)):
        if a.map(\.target) != b.map(\.target) || a.map(\.body) != b.map(\.body) {
            Issue.record("parsing \(text.debugDescription) byte by byte gives \(b.map(\.target)), at once \(a.map(\.target))")
        }
        return a
    case (.failure(let a), .failure(let b)):
        if a.status != b.status { Issue.record("parsing \(text.debugDescription) byte by byte fails with \(b), at once \(a)") }
        throw a
    case (.failure(let error), _), (_, .failure(let error)):
        Issue.record("parsing \(text.debugDescription) succeeds one way and fails the other: \(error)")
        throw error
    }
}

/// The status a request text is refused with, or nil if it parses.
func rejection(_ text: String, limits: HTTPRequestParser.Limits = .init(), bodyLimit: Int? = nil) -> Int? {
    do {
        _ = try parse(text, limits: limits, bodyLimit: bodyLimit)
        return nil
    } catch {
        return error.status.code
    }
}
