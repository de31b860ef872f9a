import FoundationEssentials
import DomainKit
import Postgres

/// The language a page is written in. Japanese by default (the programme is Yokohama City's);
/// English is one click away and remembered in the `domino_lang` cookie.
public enum Language: String, Sendable, CaseIterable {
    case ja
    case en

    static let cookieName = "domino_lang"

    var other: Language { self == .ja ? .en : .ja }

    /// The catalogue text for `message`, with `{0}`, `{1}` … replaced by `arguments` (which are data and
    /// are escaped later, when the page is rendered).
    func callAsFunction(_ message: Message, _ arguments: String...) -> String {
        callAsFunction(message, arguments: arguments)
    }

    func callAsFunction(_ message: Message, arguments: [String]) -> String {
        let catalogue = self == .ja ? Catalogue.ja : Catalogue.en
        // A key missing from a catalogue is caught by CatalogueTests; show the key rather than crash.
        var text = catalogue[message] ?? message.rawValue
        for (index, argument) in arguments.enumerated() {
            text = text.replacing("{\(index)}", with: argument)
        }
        return text
    }

    /// `many` with the count written out, or `one` when the count is exactly 1: English nouns have a
    /// singular ("1 need", not "1 needs"); a Japanese `one` text is the same sentence with 1.
    func count(_ value: Int, _ many: Message, one: Message) -> String {
        value == 1 ? callAsFunction(one) : callAsFunction(many, number(value))
    }

    /// 2026年12月3日 or 3 Dec 2026: the calendar date in Japan at `instant`.
    func date(_ instant: Date) -> String {
        date(CalendarDate(inJapanAt: instant))
    }

    func date(_ day: CalendarDate) -> String {
        switch self {
        case .ja: "\(day.year)年\(day.month)月\(day.day)日"
        case .en: "\(day.day) \(Self.monthAbbreviations[day.month - 1]) \(day.year)"
        }
    }

    /// 令和8年度（FY2026）in Japanese; FY2026 (令和8年度) in English, so either reader finds both. Japanese text takes
    /// full-width parentheses, as the catalogue writes them (polish25).
    func fiscalYear(_ year: FiscalYear) -> String {
        switch self {
        case .ja: "\(year.japaneseName)（\(year.description)）"
        case .en: "\(year.description) (\(year.japaneseName))"
        }
    }

    /// A whole number with thousands separators, as both languages write them.
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// The record's text in this language, or the other language's with a visible marker, so a
    /// reader always sees something and knows when it is not in their language.
    func pick(ja: String?, en: String?) -> (text: String, fallback: Bool) {
        let mine = self == .ja ? ja : en
        let theirs = self == .ja ? en : ja
        if let mine, !mine.isEmpty { return (mine, false) }
        if let theirs, !theirs.isEmpty { return (theirs, true) }
        return ("—", false)
    }

    /// Two decimal places, for match scores.
    func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
