extension HTTPRequest {
    /// The query as name/value pairs in order, percent-decoded, with `+` read as a space as HTML
    /// forms encode it (application/x-www-form-urlencoded, WHATWG URL §5). A malformed escape is
    /// kept literally instead of failing the whole request: the route validates the values it uses.
    public var queryItems: [(name: String, value: String)] {
        encodedPairs.map { (Self.formDecode($0.name), Self.formDecode($0.value)) }
    }

    /// The first decoded value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Every value given for a query parameter, in order, decoded as `queryItems` decodes them, except that a
    /// value whose decoded bytes are not UTF-8 is nil instead of holding U+FFFD: an API can refuse it rather than
    /// search for a text nobody sent.
    public func queryValues(_ name: String) -> [String?] {
        encodedPairs.compactMap { pair in
            Self.formDecode(pair.name) == name ? .some(String(validating: Self.formDecodedBytes(pair.value), as: UTF8.self)) : nil
        }
    }

    /// The query's `name=value` pairs as sent, still encoded; a pair without `=` has an empty value.
    private var encodedPairs: [(name: Substring.UTF8View, value: Substring.UTF8View)] {
        guard let query, !query.isEmpty else { return [] }
        return query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            return (pair[..<equals], equals == pair.endIndex ? pair[equals...] : pair[pair.index(after: equals)...])
        }
    }

    static func formDecode(_ bytes: Substring.UTF8View.SubSequence) -> String {
        String(decoding: formDecodedBytes(bytes), as: UTF8.self)
    }

    static func formDecodedBytes(_ bytes: Substring.UTF8View.SubSequence) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(HTTPSyntax.space)
            } else if byte == UInt8(ascii: "%"),
                      let first = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), first < bytes.endIndex,
                      let second = bytes.index(first, offsetBy: 1, limitedBy: bytes.endIndex), second < bytes.endIndex,
                      let high = HTTPSyntax.hexValue(bytes[first]), let low = HTTPSyntax.hexValue(bytes[second]) {
                decoded.append(UInt8(high << 4 | low))
                index = second
            } else {
                decoded.append(byte)
            }
            index = bytes.index(after: index)
        }
        return decoded
    }
}
