@testable import Console
import Foundation
import Testing

/// The builder escapes every text and attribute and refuses script URLs, whatever the data holds.
@Suite("HTML builder")
struct HTMLTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><script>alert(1)</script>",
        "' onmouseover='alert(1)",
        "\" onfocus=\"alert(1)\" autofocus=\"",
        "</title><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "&lt;script&gt;",
        "<!-- -->",
        "<svg/onload=alert(1)>",
    ]

    @Test("text never becomes markup")
    func textIsEscaped() {
        for payload in Self.payloads {
            let html = el("p", [], payload).render()
            #expect(!html.contains("<script"), "\(payload) → \(html)")
            #expect(!html.contains("<img"), "\(payload) → \(html)")
            #expect(!html.contains("<svg"), "\(payload) → \(html)")
            #expect(html.hasPrefix("<p>") && html.hasSuffix("</p>"))
            #expect(html.filter { $0 == "<" }.count == 2, "only the p tags open: \(html)")
        }
    }

    @Test("an attribute value cannot close its quotes or add attributes")
    func attributesAreEscaped() {
        for payload in Self.payloads {
            let html = HTML.void("input", [attr("value", payload), attr("title", payload), attr("aria-label", payload)]).render()
            #expect(!html.contains("\" on") && !html.contains("' on"), "\(payload) → \(html)")
            #expect(html.filter { $0 == "\"" }.count == 6, "three attributes, each with exactly two quotes: \(html)")
            #expect(!html.contains("<script") && !html.contains("<img"), "\(payload) → \(html)")
        }
    }

    @Test("URL attributes keep paths and http(s) but turn javascript:, data: and vbscript: into #", arguments: [
        ("javascript:alert(1)", "#"), ("JavaScript:alert(1)", "#"), (" javascript:alert(1)", "#"), ("\tjavascript:alert(1)", "#"),
        ("java\nscript:alert(1)", "#"), ("data:text/html,<script>alert(1)</script>", "#"), ("vbscript:msgbox(1)", "#"),
        ("//evil.example/x", "#"), ("/\\evil.example", "#"), ("needs/1", "#"),
        ("/needs/1?q=a&b=c", "/needs/1?q=a&amp;b=c"), ("https://example.org/a", "https://example.org/a"), ("#main", "#main"),
    ])
    func urls(input: String, rendered: String) {
        for name in ["href", "src", "action", "formaction"] {
            #expect(el("a", [attr(name, input)], []).render() == "<a \(name)=\"\(rendered)\"></a>")
        }
    }

    @Test("every field kind escapes its value, label and hint")
    func formFields() {
        let request = ConsoleRequest.sample
        for payload in Self.payloads {
            let fields: [HTML] = [
                Form.textField(request, name: "title", label: payload, value: payload, hint: payload, error: payload),
                Form.textArea(request, name: "notes", label: payload, value: payload, error: payload),
                Form.select(name: "stage", label: payload, options: [(payload, payload)], selected: payload, error: payload),
                Form.checkboxes(request, name: "codes", legend: payload, options: [(payload, payload)], checked: [payload]),
                Form.errorSummary(request, [(field: "title", message: payload)]),
            ]
            for field in fields {
                let html = field.render()
                #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<svg"), "\(payload) → \(html)")
                #expect(!html.contains("\" on") && !html.contains("' on"), "\(payload) → \(html)")
                #expect(html.components(separatedBy: "</textarea>").count <= 2, "\(payload) → \(html)")
            }
        }
    }

    @Test("a whole page escapes the title and the signed-in person's name")
    func page() {
        let payload = "</title><script>alert(1)</script>"
        let response = Layout.page(.sample, title: payload, section: nil, [el("p", [], payload)])
        let html = String(decoding: response.bodyBytes, as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("<html lang=\"ja\">"))
        #expect(html.components(separatedBy: "<h1").count == 2)
    }
}
