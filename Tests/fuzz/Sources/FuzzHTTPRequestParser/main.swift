// The libFuzzer entry point; the file is built with -parse-as-library, since libFuzzer supplies main.

/// Inputs shorter than this are also parsed one byte at a time; above it the quadratic cost of
/// `removeFirst` per byte would slow the search more than the check is worth.
let bytewiseLimit = 4096

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: start, count: count)

    var whole = ParserRun()
    whole.feed(input[...])

    // A split point taken from the data, so libFuzzer can steer it like any other byte.
    let split = input.reduce(count) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % (count + 1)
    var halves = ParserRun()
    halves.feed(input[..<split])
    halves.feed(input[split...])
    expect(halves.outcome == whole.outcome, "split at \(split): \(halves.outcome) but whole: \(whole.outcome)")

    if count < bytewiseLimit {
        var bytewise = ParserRun()
        for index in input.indices { bytewise.feed(input[index..<(index + 1)]) }
        expect(bytewise.outcome == whole.outcome, "byte by byte: \(bytewise.outcome) but whole: \(whole.outcome)")
    }
    return 0
}
