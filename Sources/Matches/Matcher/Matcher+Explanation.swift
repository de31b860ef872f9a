extension Matcher {
    /// The maximum number of shared words listed in an explanation.
    static let explainedWords = 10

    /// What explanations read from a need's text whichever company they explain, read once per need: a ranking explains
    /// its first companies, and reading the text for each of them made one ranking take twice as long (round 27's units).
    struct ExplainedNeed {
        var analysis: NeedAnalysis
        /// The terms the text writes only as measurements (`TextAnalysis.measurementTerms`): not listed.
        var measurements: Set<String>
        /// Each glossary sense the text names in Japanese, with the stretch that names it (`TextAnalysis.japaneseForms`).
        var japaneseForms: [String: String]
        /// The text's Japanese as the stretches a company meets are found in (`JapaneseReading.metStretches`).
        var japanese: JapaneseReading
    }

    func explaining(_ analysis: NeedAnalysis) -> ExplainedNeed {
        ExplainedNeed(analysis: analysis, measurements: TextAnalysis.measurementTerms(analysis.need.text),
                      japaneseForms: TextAnalysis.japaneseForms(analysis.need.text), japanese: JapaneseReading(analysis.need.text))
    }

    /// Why the company of `slot` scored for the need, from the items the caller may see (`seesEverything`
    /// is admin and coordinator; others do not see technologies and records marked `coordinators`).
    func explanation(ofSlot slot: Int32, for explained: ExplainedNeed, in state: MatchIndexState, seesEverything: Bool) -> MatchExplanation {
        let need = explained.analysis
        let features = state.company(at: slot)
        let vocabulary = state.vocabulary
        let technologies = features.technologies.filter { seesEverything || $0.disclosure != .coordinators }
        let codes = technologies.reduce(into: Set<Int>()) { $0.formUnion($1.codes) }
        // How much each of the company's codes and concepts counts (ClaimSpread), as the score used it; nil when in full.
        func counted(_ code: Int, in held: [Int], _ spread: [Float]) -> Double? {
            guard let index = held.firstIndex(of: code) else { return nil }
            let weight = ClaimSpread.weight(spread, at: index)
            return weight < 1 ? rounded(weight) : nil
        }

        var matchedCodes: [MatchExplanation.MatchedCode] = []
        for asked in need.tagged {
            // The best code as the score credits it: the relation's credit times how much the code counts.
            let best = codes.sorted().compactMap { offered in
                vocabulary.relation(asked, offered, weights: weights).map { (offered, $0, $0.credit * (counted(offered, in: features.codes, features.codeWeights) ?? 1)) }
            }.max { $0.2 != $1.2 ? $0.2 < $1.2 : $0.0 > $1.0 }
            if let (offered, relation, _) = best {
                matchedCodes.append(.init(needCode: vocabulary.codes[asked], companyCode: vocabulary.codes[offered], fit: relation.kind,
                                          counted: counted(offered, in: features.codes, features.codeWeights)))
            }
        }

        // The text score credits each of the need's concepts once, by the closest of the company's concepts (Matcher.parts'
        // `best`: exact 1, parent or child 0.4, sibling 0.2), the records' as well as the technologies'. That concept is
        // listed, with its fit and the company's words that name it: a sibling's word (汚泥, `sludge_energy`, for a need about
        // `water_supply`) is the company's evidence for the sibling, not for the need's concept, and beside a closer concept it
        // counted nothing. Of concepts that are equally close, one with the company's words is shown (then the first code).
        // A record's summary is not kept, so its concepts come without the company's words (as tags do).
        let records = features.records.filter { seesEverything || $0.record.disclosure != .coordinators }
        let offeredConcepts = Set(technologies.flatMap(\.concepts) + records.flatMap(\.concepts)).sorted()
        func words(naming concept: Int) -> [String] {
            Set(technologies.flatMap { technology in
                technology.found.map { vocabulary.foundTerms[Int($0)] }.filter { $0.concept == concept }.map(\.term)
            }).sorted()
        }
        var matchedConcepts: [MatchExplanation.MatchedConcept] = []
        for asked in need.concepts {
            var closest: (code: Int, credit: Double, fit: CodeFit, words: [String])?
            for offered in offeredConcepts {
                guard let relation = vocabulary.relation(asked.concept, offered, weights: weights), relation.credit > 0 else { continue }
                let credit = relation.credit * (counted(offered, in: features.concepts, features.conceptWeights) ?? 1)
                if let known = closest, known.credit > credit || (known.credit == credit && !known.words.isEmpty) { continue }
                let named = words(naming: offered)
                if let known = closest, known.credit == credit, named.isEmpty { continue }
                closest = (offered, credit, relation.kind, named)
            }
            if let closest {
                matchedConcepts.append(.init(code: vocabulary.codes[asked.concept], needTerms: asked.terms, companyCode: vocabulary.codes[closest.code],
                                             fit: closest.fit, companyTerms: closest.words,
                                             counted: counted(closest.code, in: features.concepts, features.conceptWeights)))
            }
        }

        // Words, bigrams and glossary senses (by their English name, so 焼却炉 against "incinerator" shows
        // as "incinerator"), the rarest first.
        // A technology's own terms are kept only when the company hides one (TechnologyFeatures.terms). The
        // track records' summaries score as text too, so their words are shown when the reader sees every record
        // (the index keeps one list for all of a company's records; a hidden one's words must not show).
        var visibleTerms = technologies.count == features.technologies.count
            ? Set(features.technologyTerms) : technologies.reduce(into: Set<Int32>()) { $0.formUnion($1.terms) }
        if seesEverything || features.records.allSatisfy({ $0.record.disclosure != .coordinators }) {
            visibleTerms.formUnion(features.recordTerms)
        }
        // The codes of the technologies the reader sees score their names and synonyms as the company's keywords
        // (FeatureDeriver.derive): a word the need shares only with them raised the text score and was never shown.
        for code in codes { visibleTerms.formUnion(state.keywordTerms(of: code)) }
        let met = need.terms.filter { $0.id.map(visibleTerms.contains) == true }
        // Japanese met pair by pair shows as the stretch of the need's text the pairs cover.
        // A bigram met only across the edge of a word the glossary knows (物発 of 廃棄物発電) is a piece of two words: not listed.
        // A unit the need writes only as a measurement (MW, 10MW, tonnes) says how much, not what: not listed.
        let (stretches, pieces) = explained.japanese.metStretches(Set(met.map(\.term)))
        let fragments = pieces.union(explained.measurements)
        // A glossary sense the need writes in Japanese is shown once, by its English name and the need's form
        // ("sludge / 汚泥"): met as a sense and pair by pair (or as an English word), it was listed twice.
        let forms = explained.japaneseForms
        var shownWithSense: Set<String> = []
        for term in met {
            guard let form = forms[term.term] else { continue }
            shownWithSense.formUnion([form, Self.readable(term.term, written: need.written)])
        }
        func entry(_ term: String) -> String {
            let readable = stretches[term] ?? Self.readable(term, written: need.written)
            guard let form = forms[term], form != readable else { return readable }
            return readable + " / " + form
        }
        // An English word whose stem a met sense's name carries is that sense, listed once: "incineration" beside the sense
        // "incinerator" (one stem, inciner) was listed twice. The sense with the shortest name takes the word.
        var senseOfWord: [String: (words: Int, entry: String)] = [:]
        for term in met where term.term.hasPrefix("g:") {
            let words = TextAnalysis.words(Self.readable(term.term, written: need.written))
            let candidate = (words: words.count, entry: entry(term.term))
            for word in words {
                let key = "w:" + word.stem
                if let known = senseOfWord[key], (known.words, known.entry) <= (candidate.words, candidate.entry) { continue }
                senseOfWord[key] = candidate
            }
        }
        var matchedWords: [String] = []
        for term in met.sorted(by: { $0.idf != $1.idf ? $0.idf > $1.idf : $0.term < $1.term })
            where matchedWords.count < Self.explainedWords && !fragments.contains(term.term) {
            var readable = entry(term.term)
            if let sense = senseOfWord[term.term] {
                readable = sense.entry
            } else if forms[term.term] == nil, shownWithSense.contains(readable) {
                continue
            }
            if !matchedWords.contains(readable) { matchedWords.append(readable) }
        }

        var countedRecords: [MatchExplanation.CountedRecord] = []
        let places = state.table.rows[Int(slot)].records.map { state.table.records[Int($0)] }
        for (record, place) in zip(features.records, places) where seesEverything || record.record.disclosure != .coordinators {
            guard let fit = placeFit(of: place, for: need) else { continue }
            countedRecords.append(.init(country: record.record.country, city: record.record.city, year: record.record.year, place: fit.rawValue,
                                 fromPlatform: record.record.fromPlatform))
        }
        return MatchExplanation(matchedCodes: matchedCodes, matchedConcepts: matchedConcepts, matchedWords: matchedWords, trackRecords: countedRecords)
    }
}
