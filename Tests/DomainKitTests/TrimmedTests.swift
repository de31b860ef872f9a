import DomainKit
import Testing

@Suite("String.trimmed")
struct TrimmedTests {
    @Test("drops leading and trailing Unicode white space, keeps what is inside", arguments: [
        ("", ""), ("   ", ""), ("\u{3000}\t\r\n", ""), ("a", "a"), (" a", "a"), ("a ", "a"), ("  横浜 市  ", "横浜 市"),
        ("\u{3000}港北区\u{3000}", "港北区"), ("\u{00A0}x\u{2003}", "x"), ("a b\tc", "a b\tc"), ("e\u{0301} ", "e\u{0301}"),
        ("\r\nline one\nline two\r\n", "line one\nline two"),
    ])
    func trims(input: String, expected: String) {
        #expect(input.trimmed == expected)
    }
}
