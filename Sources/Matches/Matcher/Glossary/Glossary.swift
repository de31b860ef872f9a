/// The bilingual decarbonization glossary the matcher ships (`GlossaryData`, sources in docs/matching.md):
/// Japanese and English terms that mean the same thing share a sense, and a text in either language yields
/// the senses it names, so ストーカ炉 in a company's profile counts against "incinerator" in a need. Each
/// line of the data is one sense: Japanese variants, English variants and a source code, separated by `;`,
/// variants separated by `|`. Lines that share a variant are one sense too.
struct Glossary: Sendable {
    struct Entry: Sendable, Equatable {
        var japanese: [String]
        var english: [String]
        var source: String
    }

    /// A term as it is looked up: English as a sequence of inflection stems (Porter's step 1: plurals, -ed, -ing),
    /// Japanese as scalars. The full Porter stem joins derivations that mean other things ("generation",
    /// "general" and "generator" are all "gener"; "renew" and "renewables"; "carbon" and "carbonization"), so a
    /// need's "power generation in general" named a generator; a line lists the derived forms it means instead.
    struct Term: Sendable {
        var sense: Int32
        var stems: [String]
        var scalars: [Unicode.Scalar]
        /// Short upper-case acronyms (EV, ITS) match only as written, so "its" is not ITS.
        var written: String?
        /// A Japanese variant's long-vowel marks that the text must have too: after these positions of `scalars`
        /// (`requiredMarks(of:)`), so メーター is not found in メタン.
        var requiredMarks: [Int] = []
    }

    static let shipped = Glossary(GlossaryData.all)

    let entries: [Entry]
    /// The data as given, for the matcher's version (MatchWeights.fingerprint).
    let source: String
    let senseCount: Int
    private let senseNames: [String]
    /// Each form a line is known by (`keys(of:)`) and the sense its line belongs to.
    private let senseOfKey: [String: Int32]
    /// The English terms by their first stem, longest first, with the stem's number as a compound's part (-1 when no
    /// English pattern has it, `EnglishCodes`): one look-up per word gives both.
    private let englishByFirstStem: [String: (terms: [Term], compoundPart: Int32)]
    private let japaneseByFirstScalar: [Unicode.Scalar: [Term]]
    /// The Japanese variants written with Latin letters or digits too (LED照明, CO2回収, EVバス): a Japanese run holds
    /// none, so these are looked for in the mixed runs (`TextAnalysis.mixedRuns`), and only there.
    private let mixedByFirstScalar: [Unicode.Scalar: [Term]]
    /// The patterns of the compounds, met through their parts (`Glossary+Compounds`).
    let compounds: Compounds

    init(_ data: String) {
        source = data
        var entries: [Entry] = []
        for line in data.split(separator: "\n") where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { String($0) }
            guard fields.count == 3 else { preconditionFailure("glossary line needs ja ; en ; source: \(line)") }
            func variants(_ field: String) -> [String] { field.split(separator: "|").map { String($0).trimmed } .filter { !$0.isEmpty } }
            entries.append(Entry(japanese: variants(fields[0]), english: variants(fields[1]), source: fields[2].trimmed))
        }
        self.entries = entries

        // Lines sharing a variant are one sense: union-find over the lines, keyed by the variants' forms.
        var parent = Array(entries.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        var firstLine: [String: Int] = [:]
        for (line, entry) in entries.enumerated() {
            for key in Self.keys(of: entry) {
                if let other = firstLine[key] { parent[root(line)] = root(other) } else { firstLine[key] = line }
            }
        }
        var senseOfRoot: [Int: Int32] = [:]
        var english: [String: [Term]] = [:]
        var japanese: [Unicode.Scalar: [Term]] = [:]
        var mixed: [Unicode.Scalar: [Term]] = [:]
        var names: [String] = []
        var senseOfLine: [Int32] = []
        for (line, entry) in entries.enumerated() {
            let sense = senseOfRoot[root(line)] ?? Int32(senseOfRoot.count)
            if senseOfRoot[root(line)] == nil { names.append(entry.english.first ?? entry.japanese.first ?? "") }
            senseOfRoot[root(line)] = sense
            senseOfLine.append(sense)
            for variant in entry.english {
                let stems = Self.stems(variant)
                guard let first = stems.first else { continue }
                let acronym = variant.count <= 4 && variant.uppercased() == variant && variant.lowercased() != variant
                english[first, default: []].append(Term(sense: sense, stems: stems, scalars: [], written: acronym ? variant : nil))
            }
            for variant in entry.japanese {
                let scalars = Self.japaneseKey(variant)
                guard let first = scalars.first else { continue }
                let term = Term(sense: sense, stems: [], scalars: scalars, written: nil, requiredMarks: Self.requiredMarks(of: variant))
                let latin = scalars.contains(where: Self.isLatin)
                if !latin {
                    japanese[first, default: []].append(term)
                } else if scalars.contains(where: TextAnalysis.isJapanese) {
                    mixed[first, default: []].append(term)
                }
                // A variant of Latin letters alone (PPA, ESCO) is an English word: the words find it.
            }
        }
        senseCount = senseOfRoot.count
        senseNames = names
        senseOfKey = firstLine.compactMapValues { senseOfRoot[root($0)] }
        // Longest first, so the first match at a position is the longest.
        let englishLongestFirst = english.mapValues { $0.sorted { $0.stems.count > $1.stems.count } }
        japaneseByFirstScalar = japanese.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
        mixedByFirstScalar = mixed.mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }
        compounds = Self.compounds(entries: entries, senseOfLine: senseOfLine, english: englishLongestFirst, japanese: japaneseByFirstScalar)
        var byFirstStem = englishLongestFirst.mapValues { (terms: $0, compoundPart: Int32(-1)) }
        for (word, part) in compounds.englishCodes.words { byFirstStem[word, default: (terms: [], compoundPart: -1)].compoundPart = part }
        englishByFirstStem = byFirstStem
    }

    static func stems(_ text: String) -> [String] { TextAnalysis.words(text).map(\.inflection) }

    /// The forms by which lines meet: a Japanese variant's key, an English variant's inflection stems.
    static func keys(of entry: Entry) -> [String] {
        entry.japanese.map { "j:" + String(String.UnicodeScalarView(japaneseKey($0))) } + entry.english.map { "e:" + stems($0).joined(separator: " ") }
    }

    /// The senses a further line (`ja | ja ; en ; source`) would join, by the forms it shares with this glossary's
    /// lines: none makes a new sense, two or more would merge them. Checks a part without building a glossary per line.
    func senses(joinedBy line: String) -> Set<Int32> {
        let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { String($0) }
        guard fields.count == 3 else { return [] }
        func variants(_ field: String) -> [String] { field.split(separator: "|").map { String($0).trimmed }.filter { !$0.isEmpty } }
        let entry = Entry(japanese: variants(fields[0]), english: variants(fields[1]), source: fields[2].trimmed)
        return Set(Self.keys(of: entry).compactMap { senseOfKey[$0] })
    }

    /// Lower case and half-width, as TextAnalysis reads text.
    static func folded(_ text: String) -> String {
        String(String.UnicodeScalarView(TextAnalysis.folded(text)))
    }

    /// The senses named in a sequence of words: at each position the longest term, then the words after
    /// it. The terms that end where a longest match ends count too ("waste heat recovery" also names
    /// "heat recovery"): in English and Japanese compounds the head comes last, so a compound is a kind of
    /// its head; a term inside the compound that is not its head ("waste" in "waste heat") does not count.
    func senses(inWords words: [TextAnalysis.Word]) -> [Int32] {
        var found: [Int32] = []
        // The longest matches and the words between, in order, as numbers (`EnglishCodes`), for the compounds
        // (Glossary+Compounds); `startsPattern` tells whether some part begins a pattern.
        var parts: [Int32] = []
        let readsCompounds = words.count > 1 && !compounds.english.isEmpty
        if readsCompounds { parts.reserveCapacity(words.count) }
        var startsPattern = false
        let patterns = compounds.englishCodes.patterns
        func addPart(_ part: Int32) {
            parts.append(part)
            if part >= 0, !patterns[Int(part)].isEmpty { startsPattern = true }
        }
        var start = 0
        while start < words.count {
            // Longest first, so the first match is the longest; no array is built per word (index builds
            // read millions of words).
            let known = englishByFirstStem[words[start].inflection]
            let longest = known?.terms.first { term in
                start + term.stems.count <= words.count
                    && term.stems.indices.allSatisfy { words[start + $0].inflection == term.stems[$0] }
                    && (term.written.map { words[start].original == $0 || words[start].original == $0 + "s" } ?? true)
            }
            guard let longest else {
                if readsCompounds { addPart(known?.compoundPart ?? -1) }
                start += 1
                continue
            }
            let end = start + longest.stems.count
            found.append(longest.sense)
            if readsCompounds { addPart(longest.sense) }
            // Heads: shorter terms starting later that end at the same word.
            for inner in (start + 1)..<end {
                for term in englishByFirstStem[words[inner].inflection]?.terms ?? [] where inner + term.stems.count == end
                    && term.stems.indices.allSatisfy({ words[inner + $0].inflection == term.stems[$0] }) && term.written == nil {
                    found.append(term.sense)
                }
            }
            start = end
        }
        if startsPattern { found += englishCompounds(in: parts) }
        return found
    }

    /// The senses named in a run of Japanese (folded) scalars: the longest term at each position, then the
    /// characters after it, and every glossary term inside a longest match. A Japanese compound is made of
    /// nouns that each name a thing the text is about (漏水探知 is about 漏水, 下水汚泥 about 下水 and 汚泥);
    /// counting them raised the development part's recall of companies described in Japanese (docs/matching.md).
    /// English keeps the head rule above: its modifiers are often generic ("waste" in "waste heat").
    func senses(inJapanese written: [Unicode.Scalar]) -> [(sense: Int32, range: Range<Int>)] {
        senses(in: written, terms: japaneseByFirstScalar, readsCompounds: true)
    }

    /// The senses of the mixed variants (LED照明, CO2回収, NAS電池) named in a mixed run (`TextAnalysis.mixedRuns`:
    /// Japanese with the Latin letters and digits written against it, folded). A variant's Latin end meets a whole
    /// Latin word only, so NAS電池 is not in XNAS電池; its Japanese end may sit inside a compound, as any Japanese term.
    func senses(inMixed written: [Unicode.Scalar]) -> [Int32] {
        mixedByFirstScalar.isEmpty ? [] : senses(in: written, terms: mixedByFirstScalar).map(\.sense)
    }

    private func senses(
        in written: [Unicode.Scalar], terms: [Unicode.Scalar: [Term]], readsCompounds: Bool = false
    ) -> [(sense: Int32, range: Range<Int>)] {
        // Matched without ー (japaneseKey); the ranges are given back in the run as written.
        var run: [Unicode.Scalar] = []
        var position: [Int] = []
        run.reserveCapacity(written.count)
        for (index, scalar) in written.enumerated() where !Self.isProlongedSoundMark(scalar) {
            run.append(scalar)
            position.append(index)
        }
        func range(_ keys: Range<Int>) -> Range<Int> {
            position[keys.lowerBound]..<(keys.upperBound < position.count ? position[keys.upperBound] : written.count)
        }
        func matches(_ term: Term, at start: Int) -> Bool {
            let end = start + term.scalars.count
            guard end <= run.count, term.scalars.indices.allSatisfy({ run[start + $0] == term.scalars[$0] }) else { return false }
            // A skipped ー lies between two kept scalars whose positions in the run as written are not adjacent.
            guard term.requiredMarks.allSatisfy({ position[start + $0 + 1] - position[start + $0] > 1 }) else { return false }
            if Self.isLatin(term.scalars[0]), start > 0, Self.isLatin(run[start - 1]) { return false }
            if Self.isLatin(term.scalars[term.scalars.count - 1]), end < run.count, Self.isLatin(run[end]) { return false }
            return true
        }
        var found: [(Int32, Range<Int>)] = []
        // The longest matches in the key, for the compounds (Glossary+Compounds).
        var longestMatches: [(sense: Int32, range: Range<Int>)] = []
        var innerMatches: [(sense: Int32, range: Range<Int>)] = []
        var start = 0
        while start < run.count {
            let longest = (terms[run[start]] ?? []).first { matches($0, at: start) }
            guard let longest else { start += 1; continue }
            let end = start + longest.scalars.count
            found.append((longest.sense, range(start..<end)))
            if readsCompounds { longestMatches.append((longest.sense, start..<end)) }
            for inner in start..<end {
                for term in terms[run[inner]] ?? [] where inner + term.scalars.count <= end
                    && (inner, term.scalars.count) != (start, longest.scalars.count) && matches(term, at: inner) {
                    found.append((term.sense, range(inner..<(inner + term.scalars.count))))
                    if readsCompounds { innerMatches.append((term.sense, inner..<(inner + term.scalars.count))) }
                }
            }
            start = end
        }
        if readsCompounds {
            for compound in japaneseCompounds(in: run, longest: longestMatches, inner: innerMatches) { found.append((compound.sense, range(compound.range))) }
        }
        return found
    }

    /// The positions of a variant's key (`japaneseKey`) after which its ー must be written in the text too: an ー with
    /// one kana after it before its katakana word ends or the next ー (メー|タ, モー|タ, デー|タ). Technical writing
    /// leaves out a word's final ー only (JIS Z 8301: モータ, センサ); a long vowel before a word's last syllable is
    /// always written, so メーター is メータ or メーター, never メタ (without this rule メーター, the meter, was found in
    /// every メタン, メタノール and メタネーション). Two kana or more after an ー may be the next word of a compound
    /// written without the first word's final ー (ソーラー|パネル as ソーラパネル, コンピューター|システム), so there it
    /// may be left out, as before.
    static func requiredMarks(of variant: String) -> [Int] {
        let scalars = Array(folded(variant).unicodeScalars)
        var required: [Int] = []
        var kept = 0
        for (index, scalar) in scalars.enumerated() {
            guard isProlongedSoundMark(scalar) else { kept += 1; continue }
            let syllable = scalars[(index + 1)...].prefix { isKatakana($0) && !isProlongedSoundMark($0) }
            if kept > 0, syllable.count == 1 { required.append(kept - 1) }
        }
        return required
    }

    static func isKatakana(_ scalar: Unicode.Scalar) -> Bool { (0x30A1...0x30FA).contains(scalar.value) || isProlongedSoundMark(scalar) }

    static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }

    /// A Japanese variant as it is looked up: folded, without the prolonged sound mark ー. Technical
    /// writing drops a katakana word's final ー (JIS Z 8301: モータ, コンプレッサ, ブロワ, センサ) where
    /// everyday writing keeps it (モーター, コンプレッサー); both, and compounds of either, name one term.
    static func japaneseKey(_ text: String) -> [Unicode.Scalar] {
        folded(text).unicodeScalars.filter { !isProlongedSoundMark($0) }
    }

    static func isProlongedSoundMark(_ scalar: Unicode.Scalar) -> Bool { scalar == "\u{30FC}" || scalar == "\u{FF70}" }

    /// A readable name of a sense for explanations: its first English variant (Japanese when it has none).
    func name(of sense: Int32) -> String { senseNames[Int(sense)] }
}

extension String {
    fileprivate var trimmed: String {
        String(unicodeScalars.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed().map(Character.init))
    }
}
