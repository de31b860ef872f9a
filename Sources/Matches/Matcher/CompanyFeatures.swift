public import FoundationEssentials

/// What the matcher derives from one technology once, when its company enters the index.
/// A set of taxonomy codes as bits, for the checks ranking makes per candidate. Exact for the first 128
/// codes (the taxonomy has 62); beyond that, codes share bits and a check can only err towards "related".
struct ConceptBits: Sendable, Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init<Codes: Sequence>(_ codes: Codes) where Codes.Element == Int {
        for code in codes {
            let bit = code % 128
            if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
        }
    }

    func intersects(_ other: ConceptBits) -> Bool { low & other.low != 0 || high & other.high != 0 }
}

/// The scripts a text is written in, as bits: words (English) and Japanese.
enum Scripts {
    static let english: UInt8 = 1
    static let japanese: UInt8 = 2

    static func of(_ languages: Set<String>) -> UInt8 {
        (languages.contains("en") ? english : 0) | (languages.contains("ja") ? japanese : 0)
    }
}

struct TechnologyFeatures: Sendable {
    var id: UUID
    var codes: Set<Int>
    /// Concepts found in its text, with the term that was found.
    var found: Set<ConceptVocabulary.Found>
    /// Tagged codes and concepts found in the text together.
    var concepts: Set<Int>
    var terms: Set<Int32>
    var maturity: ProfileMaturity
    var disclosure: ProfileDisclosure
    var conceptBits: ConceptBits
}

struct RecordFeatures: Sendable {
    var record: TrackRecordProfile
    var concepts: Set<Int>
    var normalisedCity: String?
    var conceptBits: ConceptBits
}

/// A company in the index: its profile and everything scoring needs, computed once. A class, so the
/// index's arrays hold references and a snapshot copy or a look-up never copies the features.
final class CompanyFeatures: Sendable {
    let profile: CompanyProfile
    /// The number of changes the database had recorded for the company when this profile was read.
    let version: Int64
    let technologies: [TechnologyFeatures]
    let records: [RecordFeatures]
    let codes: Set<Int>
    let concepts: Set<Int>
    let terms: Set<Int32>
    /// The scripts its texts are written in ("en", "ja").
    let languages: Set<String>
    let scripts: UInt8
    let inYokohama: Bool
    let yusaMember: Bool
    let speaksEnglish: Bool
    /// The most mature technology, for the readiness ceiling that lets ranking stop early.
    let bestMaturity: ProfileMaturity?
    /// Countries of experience (listed or with a record), without Japan, and their regions.
    let countries: [String]
    let regions: [String?]
    /// The id as two big-endian words: ordering them orders ids as their text does, without making text.
    let idKey: (UInt64, UInt64)

    init(
        profile: CompanyProfile, version: Int64, technologies: [TechnologyFeatures], records: [RecordFeatures], codes: Set<Int>,
        concepts: Set<Int>, terms: Set<Int32>, languages: Set<String>
    ) {
        self.profile = profile
        self.version = version
        self.technologies = technologies
        self.records = records
        self.codes = codes
        self.concepts = concepts
        self.terms = terms
        self.languages = languages
        scripts = Scripts.of(languages)
        inYokohama = profile.inYokohama
        yusaMember = profile.yusaMember
        speaksEnglish = profile.languages.contains("en")
        let maturities = technologies.map(\.maturity)
        bestMaturity = maturities.contains(.commercial) ? .commercial : maturities.contains(.pilot) ? .pilot : maturities.first
        var seen: Set<String> = ["JP"]
        var countries: [String] = []
        for country in profile.countriesWithExperience + profile.trackRecords.map(\.country) where seen.insert(country).inserted {
            countries.append(country)
        }
        self.countries = countries
        regions = countries.map(WorldRegion.of)
        let bytes = profile.id.uuid
        let high = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = [bytes.8, bytes.9, bytes.10, bytes.11, bytes.12, bytes.13, bytes.14, bytes.15].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        idKey = (high, low)
    }
}

/// Place names compare case-insensitively and without spaces or punctuation ("Da Nang" = "Danang").
func normalisedPlace(_ text: String) -> String {
    String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { TextAnalysis.isWordScalar($0) || TextAnalysis.isJapanese($0) }))
}

/// World regions for the track-record and readiness parts: a project in a neighbouring country of the
/// same region is evidence, less than one in the same country.
enum WorldRegion {
    static func of(_ country: String) -> String? { regions[country] }

    private static let regions: [String: String] = {
        var map: [String: String] = [:]
        let groups: [String: [String]] = [
            "southeast_asia": ["VN", "TH", "PH", "ID", "MY", "MM", "KH", "LA", "SG", "BN", "TL"],
            "south_asia": ["IN", "BD", "LK", "NP", "PK", "BT", "MV", "AF"],
            "east_asia": ["CN", "KR", "TW", "MN", "HK", "MO", "JP", "KP"],
            "central_asia": ["KZ", "UZ", "KG", "TJ", "TM"],
            "oceania": ["AU", "NZ", "PG", "FJ", "SB", "VU", "WS", "TO", "PW", "FM", "MH", "KI", "TV", "NR"],
            "middle_east": ["AE", "SA", "QA", "OM", "KW", "BH", "IR", "IQ", "JO", "IL", "TR", "EG"],
            "africa": ["KE", "ET", "TZ", "UG", "RW", "NG", "GH", "ZA", "MZ", "SN", "MA", "TN", "DZ"],
            "europe": ["GB", "DE", "FR", "NL", "ES", "IT", "SE", "DK", "NO", "FI", "PL", "AT", "BE", "CH", "PT", "IE"],
            "americas": ["US", "CA", "MX", "BR", "CL", "PE", "CO", "AR"],
        ]
        for (region, countries) in groups { for country in countries { map[country] = region } }
        return map
    }()
}
