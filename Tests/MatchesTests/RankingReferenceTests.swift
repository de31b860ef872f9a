import FoundationEssentials
@testable import Matches
import TestSupport
import Testing

@Suite("Ranking equals scoring every company and sorting")
struct RankingReferenceTests {
    static let taxonomy = [
        TaxonomyTerm(code: "energy", parentCode: nil, nameEn: "Energy", nameJa: "エネルギー", synonyms: []),
        TaxonomyTerm(code: "solar_pv", parentCode: "energy", nameEn: "Solar photovoltaics", nameJa: "太陽光発電", synonyms: ["solar panel"]),
        TaxonomyTerm(code: "battery_storage", parentCode: "energy", nameEn: "Battery storage", nameJa: "蓄電池", synonyms: []),
        TaxonomyTerm(code: "microgrid", parentCode: "energy", nameEn: "Microgrid", nameJa: "マイクログリッド", synonyms: []),
        TaxonomyTerm(code: "waste", parentCode: nil, nameEn: "Waste", nameJa: "廃棄物", synonyms: []),
        TaxonomyTerm(code: "waste_to_energy", parentCode: "waste", nameEn: "Waste to energy", nameJa: "廃棄物発電", synonyms: ["incinerator"]),
        TaxonomyTerm(code: "composting", parentCode: "waste", nameEn: "Composting", nameJa: "堆肥化", synonyms: []),
    ]

    /// A directory in which many companies tie and many have records, related to a need or not, in its
    /// city, country, region or elsewhere: what the ceiling and the top list must get exactly right.
    /// Each edit round stores every company again, leaving retired slots behind and compacting the index.
    static func directory(editRounds: Int) -> MatchIndexState {
        var state = MatchIndexState(vocabulary: ConceptVocabulary(taxonomy))
        for version in 1...Int64(1 + editRounds) {
            for profile in profiles { state.apply(profile.id, profile: profile, version: version) }
        }
        return state
    }

    static let profiles: [CompanyProfile] = {
        let codes = ["solar_pv", "battery_storage", "microgrid", "waste_to_energy", "composting"]
        let places: [(country: String, city: String?)] = [("VN", "Da Nang"), ("VN", "Hue"), ("TH", "Bangkok"), ("KE", "Nairobi"), ("VN", nil)]
        let maturities: [ProfileMaturity] = [.commercial, .pilot, .concept]
        var profiles: [CompanyProfile] = []
        for index in 0..<240 {
            let code = codes[index % codes.count]
            let english = index % 4 != 0
            let technology = TechnologyProfile(
                titleJa: english ? nil : "製品\(index % 7)号 太陽光発電", titleEn: english ? "Product line \(index % 7) for cities" : nil,
                descriptionEn: english && index % 3 == 0 ? "Incinerator and solar panel works" : nil,
                taxonomyCodes: index % 5 == 0 ? [] : [code], maturity: maturities[index % 3])
            let place = places[index % places.count]
            let summary = [0: "Solar panel roofs", 2: "An incinerator"][index % 4] ?? "Project"
            let records = index % 2 == 0 ? [TrackRecordProfile(country: place.country, city: place.city, summary: summary)] : []
            profiles.append(CompanyProfile(
                nameEn: "Company \(index)", inYokohama: index % 3 == 0, languages: index % 2 == 0 ? ["ja", "en"] : ["ja"],
                countriesWithExperience: index % 7 == 0 ? ["TH"] : [], technologies: [technology], trackRecords: records))
        }
        return profiles
    }()

    static let needs = [
        NeedProfile(cityNameEn: "Da Nang", cityNameJa: "ダナン", country: "VN", title: "Solar", text: "Solar panels for schools",
                    taxonomyCodes: ["solar_pv"]),
        NeedProfile(cityNameEn: "Bangkok", cityNameJa: "バンコク", country: "TH", title: "Waste", text: "An incinerator for the city",
                    taxonomyCodes: []),
        NeedProfile(cityNameEn: "Cebu", cityNameJa: "セブ", country: "PH", title: "蓄電池", text: "病院の蓄電池と太陽光発電", taxonomyCodes: []),
    ]

    @Test("for tagged and untagged needs, every limit, with and without a filter, also after edits and compaction", arguments: [0, 5])
    func sameAsSortingEverything(editRounds: Int) async {
        let state = await TestThreads.compute { Self.directory(editRounds: editRounds) }
        let matcher = Matcher()
        for need in Self.needs {
            let analysis = matcher.analyse(need, in: state)
            // Every company can be listed (a limit, not a filter, decides the length), so the reference scores
            // them all, related or not.
            let everyone = state.slotOf.values.compactMap { slot -> Matcher.Scored? in
                matcher.parts(ofSlot: slot, for: analysis, in: state, evenUnrelated: true).map {
                    Matcher.Scored(slot: slot, features: state.company(at: slot), parts: $0, score: matcher.total($0, for: analysis))
                }
            }.sorted { matcher.before($0, $1, for: analysis) }
            #expect(everyone.count == state.companyCount)
            for limit in [1, 5, 20, 300] {
                let ranked = matcher.rank(analysis, in: state, limit: limit) { _ in true }
                #expect(ranked.map(\.slot) == everyone.prefix(limit).map(\.slot), "\(need.title), limit \(limit)")
                #expect(ranked.map(\.parts) == everyone.prefix(limit).map(\.parts))
                let inYokohama = matcher.rank(analysis, in: state, limit: limit) { $0.inYokohama }
                #expect(inYokohama.map(\.slot) == everyone.filter(\.features.inYokohama).prefix(limit).map(\.slot))
            }
        }
    }

    @Test("every company with a text score is explained by a word or a concept it shares with the need")
    func textScoresExplained() async {
        let state = await TestThreads.compute { Self.directory(editRounds: 0) }
        let matcher = Matcher()
        // Before, nothing was shown for: an English company tagged battery_storage or solar_pv for 病院の蓄電池と太陽光発電
        // (the need's bigrams meet only its code's names, its keywords field); a company tagged with a sibling of the
        // need's concept (battery_storage for "solar panels"); a company whose record summary names an incinerator.
        for need in Self.needs {
            let analysis = matcher.analyse(need, in: state)
            let explained = matcher.explaining(analysis)
            for ranked in matcher.rank(analysis, in: state, limit: 300, include: { _ in true }) where ranked.parts.text > 0 {
                let explanation = matcher.explanation(ofSlot: ranked.slot, for: explained, in: state, seesEverything: true)
                #expect(!explanation.matchedWords.isEmpty || !explanation.matchedConcepts.isEmpty,
                        "\(need.text): \(ranked.features.profile.nameEn ?? "") text \(ranked.parts.text) with nothing shown")
            }
        }
    }

    @Test("a build derived by several workers, in chunks, ranks and counts exactly as companies applied one by one")
    func workersRankAsOneByOne() async throws {
        var sequential = MatchIndexState(vocabulary: ConceptVocabulary(Self.taxonomy))
        for profile in Self.profiles { sequential.apply(profile.id, profile: profile, version: 1) }
        var parallel = MatchIndexState(vocabulary: ConceptVocabulary(Self.taxonomy))
        // As a build does: the term lists that fill up once an eighth of the companies are in get their predicted room.
        parallel.expect(companies: Self.profiles.count)
        let workers = (0..<3).map { _ in parallel.buildWorker() }
        var maps = Array(repeating: [Int32](), count: workers.count)
        // In three chunks, so each worker's renumbering carries over from one chunk to the next; as a build does, the
        // next chunk is derived before the previous one is put in place.
        let chunks = [Array(Self.profiles.prefix(60)), Array(Self.profiles.dropFirst(60).prefix(60)), Array(Self.profiles.dropFirst(120))]
        var previous: [BuildShare]?
        for chunk in chunks + [[]] {
            let shares = chunk.isEmpty ? nil : try await FeatureDeriver.derive(chunk, with: workers) { (version: 1, profile: $0) }
            #expect(shares.map { $0.count == workers.count } ?? true)
            for (worker, share) in (previous ?? []).enumerated() { parallel.insert(share, map: &maps[worker]) }
            previous = shares
        }
        #expect(parallel.companyCount == Self.profiles.count)
        #expect(Self.profiles.allSatisfy { parallel.slotOf[$0.id] == sequential.slotOf[$0.id] })
        let matcher = Matcher()
        for need in Self.needs {
            let expected = matcher.rank(matcher.analyse(need, in: sequential), in: sequential, limit: 300) { _ in true }
            let ranked = matcher.rank(matcher.analyse(need, in: parallel), in: parallel, limit: 300) { _ in true }
            #expect(ranked.map(\.features.profile.id) == expected.map(\.features.profile.id), "\(need.title)")
            #expect(ranked.map(\.parts) == expected.map(\.parts))
            #expect(ranked.map(\.features.technologyTerms.count) == expected.map(\.features.technologyTerms.count))
            #expect(ranked.map { $0.features.technologies.map(\.terms.count) } == expected.map { $0.features.technologies.map(\.terms.count) })
        }
        let terms = TextAnalysis.terms("Product line 3 for cities: incinerator and solar panel works, roofs. 製品3号 太陽光発電 蓄電池")
        #expect(terms.count > 8)
        for term in terms {
            let known = sequential.termID(ifKnown: term).map(sequential.companies(withTerm:))
            #expect(parallel.termID(ifKnown: term).map(parallel.companies(withTerm:)) == known, "\(term)")
        }
        // An edit applied after the build is read with the index's own numbering.
        var edited = Self.profiles[7]
        edited.technologies[0].titleEn = "Incinerator retrofits"
        sequential.apply(edited.id, profile: edited, version: 2)
        parallel.apply(edited.id, profile: edited, version: 2)
        let need = Self.needs[1]
        let expected = matcher.rank(matcher.analyse(need, in: sequential), in: sequential, limit: 300) { _ in true }
        #expect(matcher.rank(matcher.analyse(need, in: parallel), in: parallel, limit: 300) { _ in true }.map(\.parts) == expected.map(\.parts))
    }
}
