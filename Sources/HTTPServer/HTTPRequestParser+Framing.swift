extension HTTPRequestParser {
    /// Decides how the body is delimited (RFC 9112 §6.3), refusing every ambiguity that lets two
    /// parsers disagree about where a request ends (request smuggling, RFC 9112 §11.2).
    static func framing(of fields: FramingFields, in input: UnsafeBufferPointer<UInt8>, version: HTTPVersion) throws(HTTPParseError) -> Framing {
        if !fields.transferEncodings.isEmpty {
            // RFC 9112 §6.3 rule 3: both present is a smuggling attempt or a broken intermediary.
            guard fields.contentLengths.isEmpty else {
                throw .badRequest("The request has both Content-Length and Transfer-Encoding (RFC 9112 §6.3).")
            }
            // RFC 9112 §6.1: HTTP/1.0 has no chunked coding, so the framing is faulty; we refuse it.
            guard version == .http1_1 else {
                throw .badRequest("Transfer-Encoding is not defined for HTTP/1.0 requests (RFC 9112 §6.1).")
            }
            var codings: [UnsafeBufferPointer<UInt8>.SubSequence] = []
            for range in fields.transferEncodings { codings += try framingListElements(input[range], of: "Transfer-Encoding") }
            return try chunkedFraming(codings)
        }
        guard !fields.contentLengths.isEmpty else { return .none }
        var length: Int?
        var first: UnsafeBufferPointer<UInt8>.SubSequence?
        for range in fields.contentLengths {
            // RFC 9110 §8.6: a list of identical values ("42, 42", or the field repeated) may be taken as
            // one value; we accept that, and refuse differing values, which cannot be reconciled.
            // "Identical" is taken byte for byte: `5` beside `05` is refused, as llhttp and h11 do
            // (found by scripts/framing-diff.py), so no parser in front reads it otherwise.
            // Content-Length = 1*DIGIT: a field with no value is invalid even beside a valid one, which
            // another parser might read as 0 (found by Tests/fuzz/).
            for element in try framingListElements(input[range], of: "Content-Length") {
                let value = try parseContentLength(element)
                if let first, !first.elementsEqual(element) {
                    throw .badRequest("The request has conflicting Content-Length values (RFC 9110 §8.6).")
                }
                first = element
                length = value
            }
        }
        guard let length else { throw .badRequest("A Content-Length header is empty (RFC 9110 §8.6).") }
        return length == 0 ? .none : .length(length)
    }

    /// `chunked` must be the final coding (RFC 9112 §6.3 rule 4: otherwise 400), applied once (RFC 9112
    /// §7); we implement no other coding, so one before it gets 501 (RFC 9112 §6.1).
    private static func chunkedFraming(_ codings: [UnsafeBufferPointer<UInt8>.SubSequence]) throws(HTTPParseError) -> Framing {
        guard let last = codings.last, HTTPSyntax.equalsLowercase(last, "chunked") else {
            throw .badRequest("chunked must be the final transfer coding of a request (RFC 9112 §6.3).")
        }
        let earlier = codings.dropLast()
        if earlier.contains(where: { HTTPSyntax.equalsLowercase($0, "chunked") }) {
            throw .badRequest("The chunked transfer coding is applied more than once (RFC 9112 §7).")
        }
        if !earlier.isEmpty {
            throw HTTPParseError(.notImplemented, "Only the chunked transfer coding is implemented.")
        }
        return .chunked
    }

    /// Content-Length = 1*DIGIT (RFC 9110 §8.6): no sign, no spaces inside, no overflow.
    static func parseContentLength(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) throws(HTTPParseError) -> Int {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .badRequest("Content-Length must be digits only (RFC 9110 §8.6).")
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw .badRequest("Content-Length is too large to represent.") }
            value = sum
        }
        return value
    }

    /// The elements of a framing field's list, trimmed, refusing any empty one: `chunked,`, `,5`, or a
    /// field with no value at all. RFC 9110 §5.6.1 tells recipients to ignore empty list elements but
    /// forbids senders to generate them, so no conforming client sends one; and a front proxy that
    /// counts them differently (llhttp refuses them) would frame the request differently from us,
    /// which is request smuggling (RFC 9112 §11.2). For framing, strictness wins.
    static func framingListElements(
        _ bytes: UnsafeBufferPointer<UInt8>.SubSequence, of name: StaticString
    ) throws(HTTPParseError) -> [UnsafeBufferPointer<UInt8>.SubSequence] {
        let elements = bytes.split(separator: HTTPSyntax.comma, omittingEmptySubsequences: false).map(HTTPSyntax.trimmingWhitespace)
        guard !elements.contains(where: \.isEmpty) else {
            throw .badRequest("A \(name) header has an empty list element (RFC 9110 §5.6.1, RFC 9112 §11.2).")
        }
        return elements
    }
}
