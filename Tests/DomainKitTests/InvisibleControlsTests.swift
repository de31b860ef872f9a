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
}
