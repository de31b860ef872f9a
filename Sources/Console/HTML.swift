/// A piece of markup built from values, never from concatenated strings: text and attribute values
/// are escaped when rendered, and URL attributes accept only same-site paths and http(s), so data from
/// a record can never become markup or script (STYLE.md, convention 16).
public indirect enum HTML: Sendable {
    case element(String, [Attribute], [HTML])
    /// A void element (HTML §13.1.2): no children, no end tag. Written self-closed (`<br/>`): HTML
    /// ignores the slash, and inside SVG (foreign content, §13.1.2.4) it is what ends the element,
    /// without which `<line>` would swallow the shapes after it.
    case void(String, [Attribute])
    case text(String)
    /// Markup written in this module's source (SVG paths from numbers, the doctype). Never user data:
    /// the initialiser is internal, so only Console code can make one.
    case trusted(TrustedMarkup)
    case fragment([HTML])

    public struct Attribute: Sendable {
        let name: String
        let value: String?

        /// `name` is a constant of the source; `value` is escaped when rendered.
        init(_ name: String, _ value: String?) {
            self.name = name
            self.value = value
        }
    }

    public func render() -> String {
        var output = ""
        output.reserveCapacity(32_768)
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        switch self {
        case .text(let text):
            Self.escape(text, into: &output)
        case .trusted(let markup):
            output += markup.markup
        case .fragment(let children):
            for child in children { child.render(into: &output) }
        case .void(let name, let attributes):
            Self.openTag(name, attributes, selfClosing: true, into: &output)
        case .element(let name, let attributes, let children):
            Self.openTag(name, attributes, into: &output)
            for child in children { child.render(into: &output) }
            output += "</\(name)>"
        }
    }

    private static func openTag(_ name: String, _ attributes: [Attribute], selfClosing: Bool = false, into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name
            guard let value = attribute.value else { continue }
            output += "=\""
            escape(urlAttributes.contains(attribute.name) ? safeURL(value) : value, into: &output)
            output += "\""
        }
        output += selfClosing ? "/>" : ">"
    }

    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href"]

    /// A URL attribute keeps a same-site path (`/…` but not `//host`), a query or fragment, or an
    /// http(s) URL; anything else (`javascript:`, `data:`, `vbscript:`, even when hidden behind
    /// whitespace or control characters that browsers strip) becomes `#`.
    static func safeURL(_ value: String) -> String {
        // Browsers remove every ASCII tab and newline from a URL before reading it (WHATWG URL, basic URL
        // parser), so `/<tab>/evil.example` is `//evil.example`, another host: an ASCII control character
        // anywhere makes the value no path of ours.
        if value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "#" }
        if value.hasPrefix("/") && !value.hasPrefix("//") && !value.hasPrefix("/\\") { return value }
        if value.hasPrefix("?") || value.hasPrefix("#") { return value }
        let lowered = value.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") { return value }
        return "#"
    }

    /// Escapes the five characters that matter in text and in double-quoted attribute values
    /// (HTML §13.1.2.3 and §13.1.4); everything else passes as UTF-8.
    static func escape(_ text: String, into output: inout String) {
        // Most texts hold none of the six: append them whole instead of scalar by scalar (the KPI
        // dashboard's thousands of attribute values and numbers made this loop a tenth of its time).
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0 }) else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\0": output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}

/// Markup that Console's own code produced from constants and numbers.
public struct TrustedMarkup: Sendable {
    let markup: String
    init(_ markup: String) { self.markup = markup }
}

extension HTML: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

/// Element helpers so pages read as a tree. Attributes are (name, value) pairs; a nil value writes a
/// boolean attribute (`required`, `checked`).
func el(_ name: String, _ attributes: [HTML.Attribute] = [], _ children: [HTML] = []) -> HTML {
    .element(name, attributes, children)
}

func el(_ name: String, _ attributes: [HTML.Attribute] = [], _ text: String) -> HTML {
    .element(name, attributes, [.text(text)])
}

func attr(_ name: String, _ value: String) -> HTML.Attribute { HTML.Attribute(name, value) }
func flag(_ name: String) -> HTML.Attribute { HTML.Attribute(name, nil) }
