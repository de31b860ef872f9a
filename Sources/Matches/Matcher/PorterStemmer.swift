/// The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980), steps 1a
/// to 5b as published, on lower-case ASCII words. Needs and profiles say the same thing with different
/// endings ("incinerate", "incineration", "incinerators"; "efficient", "efficiency"); plural stripping alone
/// left most of those apart (issue 16). Words with other letters (Vietnamese place names) are returned as
/// they are; so are words of one or two letters.
enum PorterStemmer {
    static func stem(_ word: String) -> String { stems(word).stem }

    /// The word after step 1 (inflections: plurals, -ed, -ing, y → i) and after every step. Step 1 alone keeps
    /// derivations apart that the full stem joins ("generator" and "general", "renewables" and "renew").
    static func stems(_ word: String) -> (inflection: String, stem: String) {
        guard word.count > 2, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return (word, word) }
        var w = Array(word.utf8)
        step1a(&w)
        step1b(&w)
        step1c(&w)
        let inflection = String(decoding: w, as: UTF8.self)
        step2(&w)
        step3(&w)
        step4(&w)
        step5(&w)
        return (inflection, String(decoding: w, as: UTF8.self))
    }

    // MARK: Measure and conditions (the paper's m, *v*, *d, *o)

    private static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
        case UInt8(ascii: "y"): return i == 0 ? true : !isConsonant(w, i - 1)
        default: return true
        }
    }

    /// m: the number of vowel-consonant sequences in w[0..<end].
    private static func measure(_ w: [UInt8], _ end: Int) -> Int {
        var m = 0
        var i = 0
        while i < end, isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end, !isConsonant(w, i) { i += 1 }
            guard i < end else { break }
            m += 1
            while i < end, isConsonant(w, i) { i += 1 }
        }
        return m
    }

    private static func hasVowel(_ w: [UInt8], _ end: Int) -> Bool {
        (0..<end).contains { !isConsonant(w, $0) }
    }

    private static func endsWithDoubleConsonant(_ w: [UInt8], _ end: Int) -> Bool {
        end >= 2 && w[end - 1] == w[end - 2] && isConsonant(w, end - 1)
    }

    /// *o: ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow").
    private static func endsCVC(_ w: [UInt8], _ end: Int) -> Bool {
        guard end >= 3, isConsonant(w, end - 1), !isConsonant(w, end - 2), isConsonant(w, end - 3) else { return false }
        let last = w[end - 1]
        return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y")
    }

    /// Compared byte by byte without building arrays: stemming runs for every word of every profile when the
    /// index is built (a national directory has millions), so it must not allocate per suffix tried.
    private static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let count = suffix.utf8.count
        guard w.count >= count else { return false }
        var i = w.count - count
        for byte in suffix.utf8 {
            if w[i] != byte { return false }
            i += 1
        }
        return true
    }

    private static func replace(_ w: inout [UInt8], _ suffix: String, _ replacement: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: replacement.utf8)
    }

    /// Replaces the first of `rules` whose suffix ends the word, when the stem before it has m > `minimum`.
    /// Only the first matching suffix is considered, as the paper specifies.
    private static func apply(_ w: inout [UInt8], _ rules: [(String, String)], minimum: Int) {
        for (suffix, replacement) in rules where ends(w, suffix) {
            if measure(w, w.count - suffix.utf8.count) > minimum { replace(&w, suffix, replacement) }
            return
        }
    }

    // MARK: Steps

    private static func step1a(_ w: inout [UInt8]) {
        if ends(w, "sses") { replace(&w, "sses", "ss") } else if ends(w, "ies") { replace(&w, "ies", "i") }
        else if ends(w, "ss") { return } else if ends(w, "s") { w.removeLast() }
    }

    private static func step1b(_ w: inout [UInt8]) {
        if ends(w, "eed") {
            if measure(w, w.count - 3) > 0 { w.removeLast() }
            return
        }
        var removed = false
        if ends(w, "ed"), hasVowel(w, w.count - 2) { w.removeLast(2); removed = true }
        else if ends(w, "ing"), hasVowel(w, w.count - 3) { w.removeLast(3); removed = true }
        guard removed else { return }
        if ends(w, "at") || ends(w, "bl") || ends(w, "iz") { w.append(UInt8(ascii: "e")); return }
        if endsWithDoubleConsonant(w, w.count), let last = w.last,
           ![UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z")].contains(last) {
            w.removeLast()
            return
        }
        if measure(w, w.count) == 1, endsCVC(w, w.count) { w.append(UInt8(ascii: "e")) }
    }

    private static func step1c(_ w: inout [UInt8]) {
        if ends(w, "y"), hasVowel(w, w.count - 1) { w[w.count - 1] = UInt8(ascii: "i") }
    }

    /// Longest suffix first among those that share an ending ("ational" before "tional"), sorted once.
    private static let step2Rules: [(String, String)] = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ].sorted { $0.0.count > $1.0.count }

    private static func step2(_ w: inout [UInt8]) {
        apply(&w, step2Rules, minimum: 0)
    }

    private static let step3Rules: [(String, String)] = [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ]

    private static func step3(_ w: inout [UInt8]) {
        apply(&w, step3Rules, minimum: 0)
    }

    private static let step4Suffixes = [
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
        "ion", "al", "er", "ic", "ou",
    ]

    private static func step4(_ w: inout [UInt8]) {
        for suffix in step4Suffixes where ends(w, suffix) {
            let stem = w.count - suffix.utf8.count
            guard measure(w, stem) > 1 else { return }
            if suffix == "ion" {
                guard stem > 0, w[stem - 1] == UInt8(ascii: "s") || w[stem - 1] == UInt8(ascii: "t") else { return }
            }
            w.removeLast(suffix.utf8.count)
            return
        }
    }

    private static func step5(_ w: inout [UInt8]) {
        if ends(w, "e") {
            let m = measure(w, w.count - 1)
            if m > 1 || (m == 1 && !endsCVC(w, w.count - 1)) { w.removeLast() }
        }
        if measure(w, w.count) > 1, endsWithDoubleConsonant(w, w.count), w.last == UInt8(ascii: "l") { w.removeLast() }
    }
}
