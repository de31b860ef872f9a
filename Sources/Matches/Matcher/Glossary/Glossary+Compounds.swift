/// Compounds met through their parts (method revision 9, docs/matching.md "The eighteenth round"). A glossary line
/// for a compound (廃棄物処理 / "waste treatment") is made of parts: other glossary terms (廃棄物, "waste") and words
/// no line names (処理, "treatment"). A compound written with a synonym of a part (ごみ処理, "refuse treatment") is
/// the same compound, though no line lists it: ごみ and 廃棄物 are one sense, and 処理 is 処理. So each multi-part
/// variant gives a pattern, its parts in order (a sense, or the word or characters as written), and a text whose
/// longest matches (in Japanese, or the terms inside them) and the words between them follow a pattern names the
/// pattern's compound too, beside its parts.
/// Only a whole pattern names it, in order and adjacent: a part alone names nothing new, so 処理 or "treatment"
/// does not meet every treatment.
extension Glossary {
    enum CompoundPart: Hashable, Sendable {
        case sense(Int32)
        /// An English word no line names at that place, as its inflection stem.
        case word(String)
        /// Japanese characters no line names at that place (two or more: one character is too loose a part).
        case characters([Unicode.Scalar])
    }

    struct Compound: Sendable {
        var parts: [CompoundPart]
        var sense: Int32
    }

    /// The patterns of the glossary's compounds, by their first part (a sense, or a literal's first word or
    /// character), and by language. A pattern two senses give is ambiguous and left out, so reading stays one way.
    struct Compounds: Sendable {
        var english: [CompoundPart: [Compound]] = [:]
        var japanese: [CompoundPart: [Compound]] = [:]
        /// `english` as the reading compares it, with numbers for parts (`EnglishCodes`).
        var englishCodes = EnglishCodes()
        /// Whether a sense is a part of some Japanese pattern, by sense: a run that names none of these follows no pattern.
        var inJapanesePattern: [Bool] = []
    }

    /// The English patterns with a number for each part, so a text's parts are numbers compared and looked up in an
    /// array, not words hashed: a sense is its own number, a word that some pattern has is `senseCount` + its place in
    /// `words`, and any other word is -1, which no pattern has. `patterns[code]` lists the patterns that begin with that
    /// part, in the order of `english`'s list for it (the order decides which of two overlapping places is named).
    struct EnglishCodes: Sendable {
        var words: [String: Int32] = [:]
        var patterns: [[(parts: [Int32], sense: Int32)]] = []
    }

    /// The patterns of every multi-part variant: its parts by the same longest match a text is read with, but the
    /// variant itself; at least two parts, one of them a sense other than the variant's own.
    static func compounds(
        entries: [Entry], senseOfLine: [Int32],
        english: [String: [Term]], japanese: [Unicode.Scalar: [Term]]
    ) -> Compounds {
        var senseOfPattern: [[CompoundPart]: Int32?] = [:]
        var order: [[CompoundPart]] = []
        func add(_ parts: [CompoundPart]?, sense: Int32) {
            guard let parts, parts.count >= 2,
                  parts.contains(where: { if case .sense(let part) = $0 { part != sense } else { false } }),
                  !parts.contains(.sense(sense)) else { return }
            if let known = senseOfPattern[parts] {
                if known != sense { senseOfPattern[parts] = .some(nil) }
            } else {
                senseOfPattern[parts] = sense
                order.append(parts)
            }
        }
        for (line, entry) in entries.enumerated() {
            let sense = senseOfLine[line]
            for variant in entry.english {
                let stems = stems(variant)
                add(englishParts(stems, terms: english), sense: sense)
            }
            for variant in entry.japanese {
                let key = japaneseKey(variant)
                guard !key.contains(where: isLatin) else { continue }
                add(japaneseParts(key, terms: japanese), sense: sense)
            }
        }
        var compounds = Compounds()
        let senseCount = Int(senseOfLine.max().map { $0 + 1 } ?? 0)
        compounds.inJapanesePattern = [Bool](repeating: false, count: senseCount)
        for parts in order {
            guard let sense = senseOfPattern[parts] ?? nil, let first = parts.first else { continue }
            let compound = Compound(parts: parts, sense: sense)
            switch first {
            case .word: compounds.english[first, default: []].append(compound)
            case .characters(let scalars): compounds.japanese[.characters([scalars[0]]), default: []].append(compound)
            case .sense:
                if case .word = parts.first(where: { if case .sense = $0 { false } else { true } }) {
                    compounds.english[first, default: []].append(compound)
                } else if parts.contains(where: { if case .characters = $0 { true } else { false } }) {
                    compounds.japanese[first, default: []].append(compound)
                } else {
                    // Senses only: the same in either language.
                    compounds.english[first, default: []].append(compound)
                    compounds.japanese[first, default: []].append(compound)
                }
            }
        }
        for part in compounds.japanese.values.joined().flatMap(\.parts) {
            if case .sense(let sense) = part { compounds.inJapanesePattern[Int(sense)] = true }
        }
        compounds.englishCodes = englishCodes(compounds.english, senseCount: senseCount)
        return compounds
    }

    private static func englishCodes(_ english: [CompoundPart: [Compound]], senseCount: Int) -> EnglishCodes {
        var codes = EnglishCodes()
        for part in english.values.joined().flatMap(\.parts) {
            if case .word(let word) = part, codes.words[word] == nil { codes.words[word] = Int32(senseCount + codes.words.count) }
        }
        func code(_ part: CompoundPart) -> Int32 {
            switch part {
            case .sense(let sense): sense
            case .word(let word): codes.words[word] ?? -1
            case .characters: -1
            }
        }
        codes.patterns = Array(repeating: [], count: senseCount + codes.words.count)
        for (first, list) in english {
            codes.patterns[Int(code(first))] = list.map { (parts: $0.parts.map(code), sense: $0.sense) }
        }
        return codes
    }

    /// An English variant's parts: the longest term at each word (not the whole variant), a word where none starts.
    private static func englishParts(_ stems: [String], terms: [String: [Term]]) -> [CompoundPart] {
        var parts: [CompoundPart] = []
        var start = 0
        while start < stems.count {
            let term = terms[stems[start]]?.first { term in
                term.written == nil && start + term.stems.count <= stems.count && !(start == 0 && term.stems.count == stems.count)
                    && term.stems.indices.allSatisfy { stems[start + $0] == term.stems[$0] }
            }
            if let term {
                parts.append(.sense(term.sense))
                start += term.stems.count
            } else {
                parts.append(.word(stems[start]))
                start += 1
            }
        }
        return parts
    }

    /// A Japanese variant's parts (its key, without ー): the longest term at each character (not the whole variant),
    /// the characters between as one part; nil when such a part is a single character.
    private static func japaneseParts(_ key: [Unicode.Scalar], terms: [Unicode.Scalar: [Term]]) -> [CompoundPart]? {
        var parts: [CompoundPart] = []
        var gap: [Unicode.Scalar] = []
        var start = 0
        while start < key.count {
            let term = terms[key[start]]?.first { term in
                start + term.scalars.count <= key.count && !(start == 0 && term.scalars.count == key.count)
                    && term.scalars.indices.allSatisfy { key[start + $0] == term.scalars[$0] }
            }
            guard let term else { gap.append(key[start]); start += 1; continue }
            if !gap.isEmpty { parts.append(.characters(gap)); gap = [] }
            parts.append(.sense(term.sense))
            start += term.scalars.count
        }
        if !gap.isEmpty { parts.append(.characters(gap)) }
        let loose = parts.contains { if case .characters(let scalars) = $0 { scalars.count < 2 } else { false } }
        return loose ? nil : parts
    }

    /// The compounds an English text's parts follow: `parts` are its longest matches and the words between, in order,
    /// as their numbers (`EnglishCodes`).
    /// Only longest matches are sense parts: a head that a longer term ends with begins no pattern ("municipal waste
    /// treatment" does not name "waste treatment" through its head "waste"; letting it moved no figure but the development
    /// part's nDCG as tagged, 0.853 → 0.852).
    func englishCompounds(in parts: [Int32]) -> [Int32] {
        let patterns = compounds.englishCodes.patterns
        // A place is named once, as in Japanese (`japaneseCompounds`): two patterns of one sense over overlapping parts
        // name it once.
        var found: [(sense: Int32, range: Range<Int>)] = []
        for start in parts.indices where parts[start] >= 0 {
            for compound in patterns[Int(parts[start])] where start + compound.parts.count <= parts.count
                && compound.parts.indices.allSatisfy({ parts[start + $0] == compound.parts[$0] }) {
                let range = start..<(start + compound.parts.count)
                if !found.contains(where: { $0.sense == compound.sense && $0.range.overlaps(range) }) { found.append((compound.sense, range)) }
            }
        }
        return found.map(\.sense)
    }

    /// The compounds a Japanese run (its key, without ー) follows, with their ranges in the key: `longest` are its
    /// longest matches in order, `inner` the terms inside them. A sense part is either, as every term inside a Japanese
    /// compound counts (生ごみ処理 is ごみ処理 too: a kind of waste treatment); characters lie between longest matches,
    /// and fill the gap when a sense follows (a first part may start inside a gap, a last part end inside one).
    func japaneseCompounds(
        in run: [Unicode.Scalar], longest: [(sense: Int32, range: Range<Int>)], inner: [(sense: Int32, range: Range<Int>)]
    ) -> [(sense: Int32, range: Range<Int>)] {
        // Every pattern has a sense part, so a run that names no sense of one follows none (most runs).
        guard !compounds.japanese.isEmpty, !longest.isEmpty,
              longest.contains(where: { compounds.inJapanesePattern[Int($0.sense)] })
                || inner.contains(where: { compounds.inJapanesePattern[Int($0.sense)] }) else { return [] }
        var matchAt: [Int: [(sense: Int32, end: Int)]] = [:]
        var covered = [Bool](repeating: false, count: run.count)
        for match in longest {
            for index in match.range { covered[index] = true }
        }
        for match in longest + inner { matchAt[match.range.lowerBound, default: []].append((match.sense, match.range.upperBound)) }
        func end(of parts: [CompoundPart], from start: Int) -> Int? {
            var position = start
            for part in parts {
                switch part {
                case .sense(let sense):
                    guard let match = matchAt[position]?.first(where: { $0.sense == sense }) else { return nil }
                    position = match.end
                case .characters(let scalars):
                    guard position + scalars.count <= run.count,
                          scalars.indices.allSatisfy({ !covered[position + $0] && run[position + $0] == scalars[$0] }) else { return nil }
                    position += scalars.count
                case .word:
                    return nil
                }
            }
            return position
        }
        // A place is named once: a compound whose sense a term or another compound already names over an overlapping
        // range adds nothing (非常用電源 is a line, and its parts 非常 and 電源 must not name it a second time).
        var named = longest + inner
        var found: [(sense: Int32, range: Range<Int>)] = []
        for start in run.indices {
            var firsts = (matchAt[start] ?? []).map { CompoundPart.sense($0.sense) }
            if !covered[start] { firsts.append(.characters([run[start]])) }
            for first in firsts {
                for compound in compounds.japanese[first] ?? [] {
                    guard let end = end(of: compound.parts, from: start),
                          !named.contains(where: { $0.sense == compound.sense && $0.range.overlaps(start..<end) }) else { continue }
                    found.append((compound.sense, start..<end))
                    named.append((compound.sense, start..<end))
                }
            }
        }
        return found
    }
}
