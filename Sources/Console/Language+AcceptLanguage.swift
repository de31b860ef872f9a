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
        var best: (language: Language, weight: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { String($0).trimmed.lowercased() }
            guard let tag = parts.first, let primary = tag.split(separator: "-").first,
                  let language = Language(rawValue: String(primary)) else { continue }
            // A weight that does not parse is read as 1, the default (section 12.4.2 allows at most three decimals).
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0, weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language
    }
}
