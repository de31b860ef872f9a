
/// A name's reading in kana (フリガナ): how 佐藤 花子 or 日揮 is read, which the name itself does not say. Japanese users find
/// and sort people and companies by it. One rule for every module that asks for one (a participant's, conv34, migration 0130;
/// a company's, dir35, migration 0135), the same as their CHECKs, so a wrong value is the 422 on the field.
public enum NameReading {
    /// At most this many characters, as stored.
    public static let maximumLength = 200

    public static let message =
        "must be kana only (hiragana or katakana, ー, ・ and spaces), at most \(maximumLength) characters; send null to leave it out"

    /// The reading as stored: Unicode NFKC (half-width ｻﾄｳ as サトウ, the ideographic space as a space) with every run of
    /// white space one space, trimmed: `searchFold`, whose lower case leaves kana as they are.
    public static func stored(_ text: String) -> String {
        searchFold(text).trimmed
    }

    /// Kana only (hiragana, katakana, ・, ー and the iteration marks), words one space apart, 1 to `maximumLength`
    /// characters: the CHECKs `participants_name_reading_kana` (0130) and `companies_name_reading_kana` (0135) in Swift.
    public static func isValid(stored text: String) -> Bool {
        guard (1...maximumLength).contains(text.count) else { return false }
        return text.split(separator: " ", omittingEmptySubsequences: false).allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { (0x3041...0x3096).contains($0.value) || (0x309D...0x309E).contains($0.value)
                || (0x30A1...0x30FE).contains($0.value) }
        }
    }
}

extension Validation {
    /// An optional reading (`NameReading`): nil passes; anything else must be kana once stored.
    public mutating func reading(_ value: String?, _ field: String) {
        guard let value else { return }
        check(NameReading.isValid(stored: NameReading.stored(value)), field, NameReading.message)
    }
}

/// The order of a list of named things (`?order=`): as entered (the default), or 五十音順 (`reading`): those with a
/// reading by it, in the dictionary order of kana (`gojuon_key`, migration 0139: voicing and small kana folded first,
/// ー as the vowel before it), then those without by name. The SQL key is `reading_order` in byte order ("C"), one for
/// every list that offers it. A cursor continues the order it came from (`PageRequest.ordered(by:)`).
public enum NameOrder: String, Sendable, CaseIterable {
    case entered
    case reading
}
