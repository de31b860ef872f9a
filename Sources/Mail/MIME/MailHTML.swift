/// HTML for mail bodies, built rather than concatenated: text and attribute values are escaped when
/// rendered, and element and attribute names are `StaticString`s, so nothing a person typed can
/// become markup (STYLE.md, 16).
public struct MailHTML: Sendable {
    private enum Node: Sendable {
        case text(String)
        case element(name: String, attributes: [(String, String)], children: [MailHTML], void: Bool)
        case sequence([MailHTML])
    }
    private let node: Node

    public static func text(_ text: String) -> MailHTML { MailHTML(node: .text(text)) }

    public static func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], _ children: [MailHTML] = []) -> MailHTML {
        MailHTML(node: .element(name: name.description, attributes: attributes.map { ($0.key.description, $0.value) }, children: children, void: false))
    }

    /// An element with no end tag (`img`, `br`).
    public static func void(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) -> MailHTML {
        MailHTML(node: .element(name: name.description, attributes: attributes.map { ($0.key.description, $0.value) }, children: [], void: true))
    }

    public static func sequence(_ parts: [MailHTML]) -> MailHTML { MailHTML(node: .sequence(parts)) }

    /// A complete document in UTF-8 with `lang`.
    public static func document(lang: StaticString, title: String, body: [MailHTML]) -> MailHTML {
        .sequence([
            .element("html", ["lang": lang.description], [
                .element("head", [:], [.void("meta", ["charset": "utf-8"]), .element("title", [:], [.text(title)])]),
                .element("body", [:], body),
            ]),
        ])
    }

    public var rendered: String {
        switch node {
        case .text(let text): return Self.escape(text)
        case .sequence(let parts): return parts.map(\.rendered).joined()
        case .element(let name, let attributes, let children, let void):
            let attributeText = attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
            if void { return "<\(name)\(attributeText)>" }
            return "<\(name)\(attributeText)>" + children.map(\.rendered).joined() + "</\(name)>"
        }
    }

    /// The five characters that can end text or an attribute value (HTML Living Standard §13.1).
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
