import FoundationEssentials

/// A company id as two big-endian words: comparing them orders ids as their text does, without making text.
struct CompanyKey: Sendable, Comparable {
    var high: UInt64
    var low: UInt64

    init(_ id: UUID) {
        let bytes = id.uuid
        high = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        low = [bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    static func < (a: CompanyKey, b: CompanyKey) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}

/// What ranking reads of every candidate, row for row beside `MatchIndexState.slots`: flat arrays of
/// plain values, places as interned numbers. A ranking weighs up to the whole directory; reading each
/// candidate through its `CompanyFeatures` object cost a cache miss and a reference count for every
/// array it followed, and that was most of a ranking's time (docs/benchmarks.md, Matching).
struct ScoringTable: Sendable {
    struct Row: Sendable {
        var key: CompanyKey
        /// False once the company was edited (its new profile has a new row) or removed.
        var live: Bool
        var scripts: UInt8
        var speaksEnglish: Bool
        /// The most mature technology and what any record is about, for the ceiling that lets ranking
        /// pass over a candidate.
        var bestMaturity: ProfileMaturity?
        var recordConcepts: ConceptBits
        /// Ranges of the arrays below.
        var codes: Range<Int32>
        var records: Range<Int32>
        var experience: Range<Int32>
        var technologies: Range<Int32>
    }

    /// Where a track record was delivered, and what it was about.
    struct RecordPlace: Sendable {
        var country: Int32
        var region: Int32
        var cityID: Int32
        var cityName: Int32
        var concepts: ConceptBits
    }

    /// A country of experience (listed or with a record), without Japan.
    struct Experience: Sendable {
        var country: Int32
        var region: Int32
    }

    struct Technology: Sendable {
        var maturity: ProfileMaturity
        var concepts: ConceptBits
    }

    /// A need's place in the table's numbers; a place no company has is `absent`.
    struct NeedPlace: Sendable {
        var country: Int32
        var region: Int32
        var cityID: Int32
        var cityNameEn: Int32
        var cityNameJa: Int32
    }

    /// The number of no place (a record without a city), and of a need's place that no company has: it
    /// equals no interned number.
    static let absent: Int32 = -1

    private(set) var rows: [Row] = []
    /// Each row's company name for ordering ties (CompanyFeatures.sortName), apart from the rows so that reading
    /// a row in the ranking loop copies no reference.
    private(set) var names: [String] = []
    private(set) var codes: [Int32] = []
    private(set) var records: [RecordPlace] = []
    private(set) var experience: [Experience] = []
    private(set) var technologies: [Technology] = []
    private var countries = Interner<String>()
    private var regions = Interner<String>()
    private var cityIDs = Interner<UUID>()
    private var cityNames = Interner<String>()

    /// Adds the row of `features`; its number is the slot the index gave it.
    mutating func append(_ features: CompanyFeatures) {
        let codeStart = Int32(codes.count)
        codes.append(contentsOf: features.codes.sorted().map(Int32.init))
        let recordStart = Int32(records.count)
        for record in features.records {
            let country = record.record.country
            records.append(RecordPlace(
                country: countries.id(country), region: Self.intern(WorldRegion.of(country), in: &regions),
                cityID: Self.intern(record.record.cityId, in: &cityIDs), cityName: Self.intern(record.record.city.map(normalisedPlace), in: &cityNames), concepts: ConceptBits(record.concepts)))
        }
        let experienceStart = Int32(experience.count)
        var seen: Set<String> = ["JP"]
        for country in features.profile.countriesWithExperience + features.records.map(\.record.country) where seen.insert(country).inserted {
            experience.append(Experience(country: countries.id(country), region: Self.intern(WorldRegion.of(country), in: &regions)))
        }
        let technologyStart = Int32(technologies.count)
        technologies.append(contentsOf: features.technologies.map { Technology(maturity: $0.maturity, concepts: ConceptBits($0.concepts)) })
        let maturities = features.technologies.map(\.maturity)
        names.append(features.sortName)
        rows.append(Row(
            key: features.key, live: true, scripts: features.scripts, speaksEnglish: features.profile.languages.contains("en"),
            bestMaturity: maturities.contains(.commercial) ? .commercial : maturities.contains(.pilot) ? .pilot : maturities.first,
            recordConcepts: ConceptBits(features.records.flatMap(\.concepts)),
            codes: codeStart..<Int32(codes.count), records: recordStart..<Int32(records.count),
            experience: experienceStart..<Int32(experience.count), technologies: technologyStart..<Int32(technologies.count)))
    }

    private static func intern<Value>(_ value: Value?, in interner: inout Interner<Value>) -> Int32 {
        value.map { interner.id($0) } ?? absent
    }

    /// Gives the arrays exactly the room they use (MatchIndexState.trim).
    mutating func trim() {
        rows = exact(rows)
        names = exact(names)
        codes = exact(codes)
        records = exact(records)
        experience = exact(experience)
        technologies = exact(technologies)
    }

    mutating func retire(_ slot: Int32) {
        rows[Int(slot)].live = false
    }

    /// Empties the table for a compaction; the interned places stay, so their numbers do not change.
    mutating func removeAllRows() {
        rows = []
        names = []
        codes = []
        records = []
        experience = []
        technologies = []
    }

    func place(of need: NeedProfile) -> NeedPlace {
        func known<Value>(_ value: Value?, in interner: Interner<Value>) -> Int32 {
            value.flatMap { interner.id(ifKnown: $0) } ?? Self.absent
        }
        return NeedPlace(
            country: known(need.country, in: countries), region: known(WorldRegion.of(need.country), in: regions),
            cityID: known(need.cityId, in: cityIDs), cityNameEn: known(normalisedPlace(need.cityNameEn), in: cityNames),
            cityNameJa: known(normalisedPlace(need.cityNameJa), in: cityNames))
    }
}

/// A copy of `list` with exactly the room it uses (an array that grew by doubling keeps up to half its room empty).
func exact<Element>(_ list: [Element]) -> [Element] {
    list.withUnsafeBufferPointer { Array($0) }
}
