extension HTTPRequestParser {
    /// Longest chunk-size line accepted, extensions included. Extensions carry nothing we use, and an
    /// unbounded line would let a client make us buffer without limit.
    static let maxChunkLineBytes = 4096

    /// Consumes as much of the body as the input holds; returns the bytes consumed.
    mutating func parseBody(_ input: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var index = 0
        while true {
            switch bodyState {
            case .done:
                return index
            case .fixed(let remaining):
                if body.count + remaining > bodyLimit { throw Self.tooLarge(bodyLimit) }
                let count = min(remaining, input.count - index)
                appendBody(input, index..<(index + count))
                index += count
                bodyState = remaining == count ? .done : .fixed(remaining: remaining - count)
                return index
            case .chunkSize:
                guard let line = try nextLine(input, from: index, limit: Self.maxChunkLineBytes, tooLong: .badRequest("A chunk-size line is too long.")) else {
                    return index
                }
                let size = try Self.parseChunkSize(input[line])
                index = line.upperBound + 2
                if size == 0 {
                    bodyState = .trailers(bytesSeen: 0)
                } else {
                    if body.count + size > bodyLimit { throw Self.tooLarge(bodyLimit) }
                    bodyState = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let count = min(remaining, input.count - index)
                appendBody(input, index..<(index + count))
                index += count
                guard remaining == count else {
                    bodyState = .chunkData(remaining: remaining - count)
                    return index
                }
                bodyState = .chunkDataEnd
            case .chunkDataEnd:
                // chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF (RFC 9112 §7.1).
                let available = input.count - index
                if available >= 1, input[index] != HTTPSyntax.cr || (available >= 2 && input[index + 1] != HTTPSyntax.lf) {
                    throw .badRequest("Chunk data is not followed by CRLF (RFC 9112 §7.1).")
                }
                guard available >= 2 else { return index }
                index += 2
                bodyState = .chunkSize
            case .trailers(let bytesSeen):
                let tooLarge = HTTPParseError(.requestHeaderFieldsTooLarge, "The trailer section exceeds \(limits.maxHeaderBytes) bytes.")
                guard let line = try nextLine(input, from: index, limit: limits.maxHeaderBytes - bytesSeen, tooLong: tooLarge) else {
                    return index
                }
                index = line.upperBound + 2
                if line.isEmpty {
                    bodyState = .done
                } else {
                    // RFC 9112 §7.1.2: trailer fields are parsed like headers; we check and discard them,
                    // since nothing here is allowed to change how the request is handled.
                    _ = try Self.parseFieldLine(input[line])
                    bodyState = .trailers(bytesSeen: bytesSeen + line.count + 2)
                }
            }
        }
    }

    /// The range of the next CRLF-terminated line without its CRLF, or nil if it has not arrived.
    private func nextLine(_ input: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Range<Int>? {
        var index = start
        let end = min(input.count, start + limit + 2)
        while index < end {
            if input[index] == HTTPSyntax.lf {
                guard index > start, input[index - 1] == HTTPSyntax.cr else {
                    throw .badRequest("A line in the chunked body ends in a bare LF (RFC 9112 §2.2).")
                }
                return start..<(index - 1)
            }
            index += 1
        }
        if input.count - start > limit + 1 { throw tooLong }
        return nil
    }

    /// chunk-size = 1*HEXDIG, then optional extensions `;name[=value]` that we accept and ignore
    /// (RFC 9112 §7.1.1). No sign, no leading whitespace, no overflow.
    static func parseChunkSize(_ line: UnsafeBufferPointer<UInt8>.SubSequence) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = HTTPSyntax.hexValue(line[index]) {
            guard size <= (Int.max - digit) >> 4 else { throw .badRequest("A chunk size overflows.") }
            size = size << 4 | digit
            index += 1
        }
        guard index > line.startIndex else { throw .badRequest("A chunk size is not hexadecimal (RFC 9112 §7.1).") }
        var rest = line[index...]
        while let first = rest.first, HTTPSyntax.isWhitespace(first) { rest = rest.dropFirst() }
        guard let first = rest.first else { return size }
        guard first == HTTPSyntax.semicolon, rest.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw .badRequest("A chunk size is followed by something other than an extension (RFC 9112 §7.1.1).")
        }
        return size
    }

    private mutating func appendBody(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        body.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
    }
}
