import HTTPServer

/// `DominoBench framing`: the parser's verdict on raw requests, for `scripts/framing-diff.py`, which
/// compares it with llhttp (httptools) and h11. Reads one request per line on stdin, as hex, and
/// prints for each how the first request in it is framed: `reject <status>`, `complete <body bytes>`
/// or `incomplete` (the bytes end before the request does). A tool, not a benchmark: nothing is timed.
enum FramingOracle {
    static func run() {
        while let line = readLine() {
            guard let bytes = hexBytes(line) else {
                print("bad-input")
                continue
            }
            print(verdict(bytes))
        }
    }

    static func verdict(_ bytes: [UInt8]) -> String {
        var parser = HTTPRequestParser()
        var offset = 0
        do {
            while offset <= bytes.count {
                let (event, consumed) = try bytes[offset...].withUnsafeBufferPointer { (input) throws(HTTPParseError) in
                    try parser.parse(input)
                }
                offset += consumed
                switch event {
                case .head?: continue
                case .body(let body)?: return "complete \(body.count)"
                case nil: if consumed == 0 { return "incomplete" }
                }
            }
            return "incomplete"
        } catch {
            return "reject \(error.status.code)"
        }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
