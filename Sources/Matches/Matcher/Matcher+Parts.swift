/// The track-record and readiness parts, read from the scoring table (ScoringTable) so that ranking can
/// weigh tens of thousands of candidates without following a reference; explanations and single
/// companies read the same numbers, so a part is computed one way everywhere.
extension Matcher {
    /// Where a track record was delivered, seen from the need's city.
    enum PlaceFit: String {
        case city, country, region
    }

    /// The parts of one company's score, computed directly rather than through the inverted lists. Ranking
    /// gives every company the same parts as this (a test holds them equal); pinned companies and
    /// opportunities use it. Nil when the company shares nothing with the need (no code, concept or term),
    /// unless `evenUnrelated` (a pinned company, or ranking's view, where every company can be listed).
    func parts(ofSlot slot: Int32, for need: NeedAnalysis, in state: MatchIndexState, evenUnrelated: Bool = false) -> ScoreParts? {
        let features = state.company(at: slot)
        let row = state.table.rows[Int(slot)]
        let vocabulary = state.vocabulary
        // The relation's credit times how much the company's code counts (ClaimSpread), as CandidateSums.
        func best(_ asked: Int, among offered: [Int], counting spread: [Float]) -> Double {
            offered.enumerated().reduce(0) { result, element in
                max(result, (vocabulary.relation(asked, element.element, weights: weights)?.credit ?? 0) * ClaimSpread.weight(spread, at: element.offset))
            }
        }
        let taxonomy = need.tagged.isEmpty ? 0
            : need.tagged.reduce(0) { $0 + best($1, among: features.codes, counting: features.codeWeights) } / Double(need.tagged.count)
        let conceptSum = need.concepts.reduce(0) { $0 + $1.weight * best($1.concept, among: features.concepts, counting: features.conceptWeights) }
        var wordSum = 0.0
        var senseSum = 0.0
        var shared = false
        for term in need.terms {
            guard let id = term.id, let weight = state.weight(of: id, at: slot) else { continue }
            shared = true
            if term.sense { senseSum += term.idf * Double(weight) } else { wordSum += term.idf * Double(weight) }
        }
        guard evenUnrelated || taxonomy > 0 || conceptSum > 0 || shared else { return nil }
        let text = textScore(conceptSum: conceptSum, wordSum: wordSum, senseSum: senseSum, scripts: row.scripts, need: need)
        return ScoreParts(taxonomy: rounded(taxonomy), text: rounded(text), trackRecord: rounded(trackRecord(row, in: state.table, for: need)),
                          readiness: rounded(readiness(row, in: state.table, for: need)))
    }

    /// The most that track record and readiness can add for this company: it has records or not, about
    /// the need or not (then each counts `unrelatedRecordFactor`), experience or not, its best maturity.
    func ceiling(of row: ScoringTable.Row, for need: NeedAnalysis) -> Double {
        let related = row.recordConcepts.intersects(need.closeBits) ? 1 : weights.unrelatedRecordFactor
        let track = row.records.isEmpty ? 0 : max(weights.sameCity, weights.sameCountry, weights.sameRegion) * related
        let english = row.speaksEnglish ? weights.englishSpoken : 0
        let experience = row.experience.isEmpty ? 0 : max(weights.experienceInCountry, weights.experienceInRegion, weights.experienceElsewhere)
        let maturity = row.bestMaturity.map(value(of:)) ?? 0
        return weights.trackRecord * track + weights.readiness * (english + experience + maturity) / 3
    }

    /// The best record's place (same city, country, region), halved when it is about something else.
    func trackRecord(_ row: ScoringTable.Row, in table: ScoringTable, for need: NeedAnalysis) -> Double {
        var best = 0.0
        for index in row.records {
            let record = table.records[Int(index)]
            guard let fit = placeFit(of: record, for: need) else { continue }
            let related = record.concepts.intersects(need.closeBits)
            best = max(best, value(of: fit) * (related ? 1 : weights.unrelatedRecordFactor))
        }
        return best
    }

    /// Places the need has no company for are `ScoringTable.absent`, which equals no record's place; a record
    /// without a city is `absent` too, hence the checks that a city is there before comparing.
    func placeFit(of record: ScoringTable.RecordPlace, for need: NeedAnalysis) -> PlaceFit? {
        let place = need.place
        let sameCity = (record.cityID != ScoringTable.absent && record.cityID == place.cityID)
            || (record.cityName != ScoringTable.absent && (record.cityName == place.cityNameEn || record.cityName == place.cityNameJa))
        if sameCity, record.country == place.country { return .city }
        if record.country == place.country { return .country }
        if place.region != ScoringTable.absent, record.region == place.region { return .region }
        return nil
    }

    func value(of fit: PlaceFit) -> Double {
        switch fit {
        case .city: weights.sameCity
        case .country: weights.sameCountry
        case .region: weights.sameRegion
        }
    }

    /// The mean of English, experience abroad (in the country, the region, elsewhere) and the maturity
    /// of the company's most mature technology related to the need.
    func readiness(_ row: ScoringTable.Row, in table: ScoringTable, for need: NeedAnalysis) -> Double {
        let english = row.speaksEnglish ? weights.englishSpoken : 0
        var experience = 0.0
        for index in row.experience {
            let place = table.experience[Int(index)]
            if place.country == need.place.country { experience = weights.experienceInCountry; break }
            if place.region != ScoringTable.absent, place.region == need.place.region {
                experience = max(experience, weights.experienceInRegion)
            }
            experience = max(experience, weights.experienceElsewhere)
        }
        var related = 0.0
        var any = 0.0
        for index in row.technologies {
            let technology = table.technologies[Int(index)]
            let value = value(of: technology.maturity)
            any = max(any, value)
            if technology.concepts.intersects(need.closeBits) { related = max(related, value) }
        }
        return (english + experience + (related > 0 ? related : any)) / 3
    }

    func value(of maturity: ProfileMaturity) -> Double {
        switch maturity {
        case .commercial: weights.commercial
        case .pilot: weights.pilot
        case .concept: weights.concept
        }
    }
}
