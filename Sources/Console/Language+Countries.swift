import DomainKit

/// Countries by name, not by code (ux15): people read 「ベトナム」 / "Viet Nam" where the API stores VN.
/// The names are DomainKit's (`Validation.countryNames`, one line per code the API accepts), so the
/// console has no list of its own. Exports and the API keep the codes.
extension Language {
    /// The country's name in this language; the code itself for one the API would refuse (a placeholder
    /// city's ZZ in tests), so nothing is hidden.
    func country(_ code: String) -> String {
        Validation.countryName(code, japanese: self == .ja) ?? code
    }

    /// Several countries' names, as a list is written in this language (ベトナム、タイ / Viet Nam, Thailand).
    func countries(_ codes: [String]) -> String {
        codes.map(country).joined(separator: self == .ja ? "、" : ", ")
    }

    /// A spoken language's name for its code (persona28: a company's page said 「ja, en」 where it says ベトナム for VN);
    /// the code itself for one not in this short list of the programme's languages, so nothing is hidden.
    func spokenLanguage(_ code: String) -> String {
        guard let names = Self.spokenLanguageNames[code.lowercased()] else { return code }
        return self == .ja ? names.ja : names.en
    }

    /// Several languages' names, as a list is written in this language (日本語、英語 / Japanese, English).
    func spokenLanguages(_ codes: [String]) -> String {
        codes.map(spokenLanguage).joined(separator: self == .ja ? "、" : ", ")
    }

    static let spokenLanguageNames: [String: (ja: String, en: String)] = [
        "ja": ("日本語", "Japanese"), "en": ("英語", "English"), "vi": ("ベトナム語", "Vietnamese"), "th": ("タイ語", "Thai"),
        "zh": ("中国語", "Chinese"), "ko": ("韓国語", "Korean"), "id": ("インドネシア語", "Indonesian"), "ms": ("マレー語", "Malay"),
        "tl": ("タガログ語", "Tagalog"), "fil": ("フィリピノ語", "Filipino"), "km": ("クメール語", "Khmer"), "lo": ("ラオ語", "Lao"),
        "my": ("ミャンマー語", "Burmese"), "hi": ("ヒンディー語", "Hindi"), "de": ("ドイツ語", "German"), "fr": ("フランス語", "French"),
        "es": ("スペイン語", "Spanish"), "pt": ("ポルトガル語", "Portuguese"),
    ]

    /// A city with its country, as lists and summaries name one: ホーチミン市（ベトナム） / Ho Chi Minh City (Viet Nam).
    func city(ja: String?, en: String?, country code: String) -> String {
        let name = pick(ja: ja, en: en).text
        return self == .ja ? "\(name)（\(country(code))）" : "\(name) (\(country(code)))"
    }

    /// Every country as a list's options, ordered by name in this language (50音順 by reading in Japanese).
    var countryOptions: [(value: String, label: String)] {
        let names = Validation.countryNames.values.sorted { self == .ja ? $0.jaSortKey < $1.jaSortKey : $0.enSortKey < $1.enSortKey }
        return names.map { ($0.code, self == .ja ? $0.ja : $0.en) }
    }
}

extension Form {
    /// A country chosen from a list by its name (the code is what is sent). `none` labels the empty first
    /// option ("指定なし" for a filter, "選んでください" for a form); `only` narrows the list (the countries
    /// of the cities, for the leads list). A code sent that is no country keeps no option chosen, and the
    /// error beside the list says why.
    static func countrySelect(
        _ request: ConsoleRequest, name: String, label: String, selected: String?, none: String, only: Set<String>? = nil, error: String? = nil
    ) -> HTML {
        let options = request.language.countryOptions.filter { only?.contains($0.value) ?? true }
        return select(name: name, label: label, options: [("", none)] + options, selected: selected ?? "", error: error)
    }
}
