public import Postgres

/// Field checks every module's drafts share: text that must be present, text that may be left out
/// (but not sent blank), lists of short texts, and a title needed in at least one language.
extension Validation {
    public static let defaultListItems = 50
    public static let defaultItemLength = 300

    /// The days a person may type into a record (a meeting, an MOU, a membership, a due date). A browser's
    /// date field reads a year typed with two digits as 00xx, which would be stored as a day two thousand
    /// years ago and shown as overdue by that much.
    public static let plausibleDays = CalendarDate(knownValidYear: 1900, month: 1, day: 1)...CalendarDate(knownValidYear: 2100, month: 12, day: 31)

    public mutating func date(_ value: CalendarDate?, _ field: String) {
        guard let value else { return }
        check(Self.plausibleDays.contains(value), field,
              "must be from \(Self.plausibleDays.lowerBound) to \(Self.plausibleDays.upperBound); was the year typed in full?")
    }

    public mutating func required(_ value: String, _ field: String, max: Int) {
        if Self.isBlank(value) {
            add(field, "must not be empty")
        } else {
            bounded(value, field, max: max)
        }
    }

    public mutating func optional(_ value: String?, _ field: String, max: Int) {
        guard let value else { return }
        if Self.isBlank(value) {
            add(field, "must not be empty; send null to leave it out")
        } else {
            bounded(value, field, max: max)
        }
    }

    /// Whether a text shows nothing: white space (the ideographic space too) and default-ignorable code
    /// points only (Unicode's Default_Ignorable_Code_Point: zero-width space U+200B, word joiner U+2060,
    /// BOM U+FEFF, soft hyphen U+00AD, variation selectors), which render as nothing. Such a text is as
    /// empty as spaces are: an activity of a zero-width space alone said nothing (probe11). Within other
    /// text these code points are text and pass (`hasInvisibleControls` names the ones refused anywhere). The
    /// Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) are default-ignorable; `drawnAsNothing` adds the few that
    /// Unicode calls symbols yet fonts draw empty (harden14).
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(showsNothing)
    }

    /// One code point of what `isBlank` calls blank.
    static func showsNothing(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || drawnAsNothing.contains(scalar)
    }

    /// The words of a search box or a `q` parameter: nil when they are blank by `isBlank` (a zero-width space or a
    /// Braille pattern blank searched for nothing and listed nothing, where spaces list everything; probe14), else
    /// without what shows nothing around them, white space or invisible (" Da Nang " and "Da Nang" pasted with a
    /// zero-width space or a BOM after or before it find Da Nang; probe15). The API's `queryText` and the console's
    /// search boxes read their words through it.
    public static func searchWords(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = withoutNothingAround(text)
        return words.isEmpty ? nil : words
    }

    /// `text` without what shows nothing around it (`showsNothing`: white space and default-ignorable code points);
    /// "" when nothing else is left. The one trim of search words and of a CSV header's column names.
    public static func withoutNothingAround(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !showsNothing($0) }), let last = scalars.lastIndex(where: { !showsNothing($0) }) else {
            return ""
        }
        return String(scalars[first...last])
    }

    /// Symbols with neither the white-space nor the default-ignorable property that show nothing: the Braille
    /// pattern blank U+2800 (the cell with no dots, a favourite "invisible name") and the musical null notehead
    /// U+1D159. Beside other text they are text, as the ignorable ones are.
    static let drawnAsNothing: Set<Unicode.Scalar> = ["\u{2800}", "\u{1D159}"]

    private mutating func bounded(_ value: String, _ field: String, max: Int) {
        check(value.count <= max, field, "must be at most \(max) characters")
        noInvisibleControls(value, field)
    }

    /// For text fields checked by rules of their own (a display name, a key's name): see `hasInvisibleControls`.
    public mutating func noInvisibleControls(_ value: String?, _ field: String) {
        guard let value, Self.hasInvisibleControls(value) else { return }
        add(field, Self.invisibleControlsMessage)
    }

    public static let invisibleControlsMessage = "must not contain control characters or text-direction overrides (tab and line breaks are fine)"

    /// Control characters other than tab and line breaks (NUL, BEL, ESC, DEL, C1) and the bidirectional
    /// embedding, override and isolate marks: none belongs in a name or a description, and the last
    /// make text read differently from what it stores (U+202E turns "gnp.exe" around). Stored, they
    /// would reach every list, export and e-mail that shows the field.
    public static func hasInvisibleControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    public mutating func list(
        _ values: [String], _ field: String, maxItems: Int = defaultListItems, maxLength: Int = defaultItemLength
    ) {
        check(values.count <= maxItems, field, "must have at most \(maxItems) items")
        for (index, value) in values.enumerated() {
            required(value, "\(field).\(index)", max: maxLength)
        }
    }

    /// A web address people open from a page or the public showcase: http or https with a host. Any
    /// other scheme (`javascript:`, `data:`) would run or show something else where the address is a link.
    public mutating func webAddress(_ value: String?, _ field: String) {
        guard let value, !value.allSatisfy(\.isWhitespace) else { return }
        check(Self.isWebAddress(value), field, Self.webAddressMessage)
    }

    public static let webAddressMessage = "must be an http or https address, like https://example.jp"

    static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = text.dropFirst(8) } else if lower.hasPrefix("http://") { rest = text.dropFirst(7) } else { return false }
        let host = rest.prefix { !"/?#".contains($0) }
        return !host.isEmpty && !text.unicodeScalars.contains { $0.value <= 0x20 }
    }

    /// An assigned ISO 3166-1 alpha-2 code in upper case, like VN. Two capitals are not enough: "UK", "EU"
    /// or "XX" would count as a country of their own in every report by country (GB is the United Kingdom).
    public static func isCountryCode(_ text: String) -> Bool {
        text.utf8.count == 2 && assignedCountryCodes.contains(text)
    }

    /// Bilingual records need a title in Japanese, English or both.
    public mutating func atLeastOne(_ ja: String?, _ en: String?, _ jaField: String, _ enField: String) {
        if ja == nil && en == nil {
            add(jaField, "\(jaField) or \(enField) is required")
            add(enField, "\(jaField) or \(enField) is required")
        }
    }
}

/// Bounds shared by the text fields of the domain modules; the same as the CHECKs of their
/// migrations (0004, 0006). A module adds its own bounds in an extension.
public enum TextLimit {
    public static let name = 300
    public static let title = 300
    public static let shortText = 300
    public static let long = 20_000
    public static let listItems = 50
    public static let countries = 250
}
