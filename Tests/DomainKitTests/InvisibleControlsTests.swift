import DomainKit
import Testing

@Suite("Text fields refuse invisible controls")
struct InvisibleControlsTests {
    @Test("control characters and text-direction overrides are refused; tab, line breaks, Japanese and joiners are not", arguments: [
        ("a\u{0}b", true), ("bell\u{7}", true), ("esc\u{1B}[31m", true), ("del\u{7F}", true), ("c1\u{85}", true),
        ("Yokohama \u{202E}gnp.exe", true), ("\u{2066}isolate\u{2069}", true), ("\u{202A}embed", true),
        ("line one\nline two", false), ("cr\r\nlf", false), ("a\tb", false), ("横浜グリーンエナジー株式会社", false),
        ("👩‍🔬 zero\u{200D}width joiner", false), ("e\u{301}", false), ("Đà Nẵng", false), ("\u{200F}rlm", false),
    ])
    func refused(text: String, refused: Bool) {
        #expect(Validation.hasInvisibleControls(text) == refused)
        var validation = Validation()
        validation.required(text, "nameEn", max: 300)
        #expect(validation.errors.map(\.field) == (refused ? ["nameEn"] : []))
    }

    @Test("a text of white space and zero-width characters alone is blank; with anything visible it is text", arguments: [
        ("", true), ("  \u{3000}\n", true), ("\u{200B}", true), ("\u{2060}\u{FEFF}\u{00AD}", true), ("\u{200C}\u{200D}", true),
        ("a\u{200B}", false), ("👩\u{200D}🔬", false), ("横浜", false), ("\u{2800}", true), ("a\u{2800}", false),
    ])
    func blank(text: String, blank: Bool) {
        #expect(Validation.isBlank(text) == blank)
        var validation = Validation()
        validation.optional(text, "notes", max: 300)
        #expect((validation.errors.first?.message.hasPrefix("must not be empty") ?? false) == blank)
    }
}
