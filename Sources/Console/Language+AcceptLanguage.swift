import DomainKit
import HTTPServer

extension Language {
    /// The language of a page answered where the `domino_lang` cookie cannot be relied on: a post from
    /// another site, which the browser sends without our SameSite=Strict cookies (RFC 6265bis, section
    /// 5.6.7.1). The cookie when it came; otherwise the first of Japanese and English the browser's
    /// `Accept-Language` prefers (RFC 9110, section 12.5.4); otherwise Japanese, as everywhere.
    static func preferred(by request: HTTPRequest) -> Language {
        if let chosen = Language(rawValue: Cookies.value(cookieName, in: request) ?? "") { return chosen }
        return request.headers["accept-language"].flatMap(acceptable) ?? .ja
    }

    /// The language of ours with the highest weight in an `Accept-Language` value ("en-GB,en;q=0.9,ja;q=0.8"),
    /// the earlier one on a tie; nil when it names neither (or weighs both 0, "not acceptable").
    static func acceptable(_ header: String) -> Language? {
        var best: (language: Language, weight: Int)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmed.lowercased() }
            guard let tag = parts.first, let primary = tag.split(separator: "-").first,
                  let language = Language(rawValue: String(primary)) else { continue }
            // A range is `language-range [ weight ]` (section 12.5.4): a weight that is not a qvalue, or
            // anything else after the range, makes the element malformed, and a malformed element is
            // ignored rather than read as the default weight 1 ("en;q=abc" said nothing about English).
            let weight: Int?
            switch parts.count {
            case 1: weight = 1_000
            case 2 where parts[1].hasPrefix("q="): weight = qvalue(parts[1].dropFirst(2))
            default: weight = nil
            }
            guard let weight else { continue }
            if weight > 0, weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language
    }

    /// A qvalue in thousandths, or nil when `text` is not one (RFC 9110, section 12.4.2):
    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, so at most three decimals and
    /// never above 1 ("1.5", "0.1234", "abc", "1e0", "-0" are not weights).
    static func qvalue(_ text: Substring) -> Int? {
        let whole = text.prefix { $0 != "." }
        let fraction = text.dropFirst(whole.count + 1)
        guard whole == "0" || whole == "1", fraction.count <= 3, fraction.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        let thousandths = zip([100, 10, 1], fraction).reduce(0) { $0 + $1.0 * ($1.1.wholeNumberValue ?? 0) }
        guard whole == "0" || thousandths == 0 else { return nil }
        return whole == "1" ? 1_000 : thousandths
    }
}
