import FoundationEssentials

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

/// Sets of codes and terms are sorted arrays: an index of 100,000 companies holds about a million of them,
/// and a Swift set costs a hash table each (docs/benchmarks.md, Matching).
struct TechnologyFeatures: Sendable {
    var id: UUID
    var codes: [Int]
    /// Concepts found in its text, with the term that was found (numbers of `ConceptVocabulary.foundTerms`).
    var found: [Int32]
    /// Tagged codes and concepts found in the text together.
    var concepts: [Int]
    /// The terms of its title and description, kept only when one of the company's technologies is hidden from
    /// others (`coordinators`), for explanations, which leave hidden ones out; otherwise empty, and the company's
    /// `technologyTerms` has them (an index of 100,000 companies held 300,000 such arrays, a sixth of its memory).
    var terms: [Int32]
    var maturity: ProfileMaturity
    var disclosure: ProfileDisclosure
}

struct RecordFeatures: Sendable {
    var record: TrackRecordProfile
    var concepts: [Int]
}

/// A company in the index: its profile and what scoring and explanations need, computed once. A class,
/// so the index's arrays hold references and a snapshot copy or a look-up never copies the features.
/// What ranking reads of every candidate is in `ScoringTable` instead.
final class CompanyFeatures: Sendable {
    /// Without its technologies and track records, which are in `technologies` and `records`.
    let profile: CompanyProfile
    /// The number of changes the database had recorded for the company when this profile was read.
    let version: Int64
    let technologies: [TechnologyFeatures]
    /// The terms of all its technologies' titles and descriptions, sorted.
    var technologyTerms: [Int32] { packedTechnologyTerms.terms }
    private let packedTechnologyTerms: PackedTerms
    let records: [RecordFeatures]
    /// Sorted.
    let codes: [Int]
    let concepts: [Int]
    /// How much each of `codes` and of `concepts` counts, beside them (`ClaimSpread`); empty when every one counts in
    /// full, as in every real profile.
    let codeWeights: [Float]
    let conceptWeights: [Float]
    /// The terms of its track-record summaries (its weights are in the index's inverted lists).
    let recordTerms: [Int32]
    /// The scripts its texts are written in (`Scripts`).
    let scripts: UInt8
    let inYokohama: Bool
    let yusaMember: Bool
    let key: CompanyKey
    /// The name that orders companies of equal score and evidence (then the id): what a coordinator reads.
    let sortName: String

    init(
        profile: CompanyProfile, version: Int64, technologies: [TechnologyFeatures], technologyTerms: [Int32], records: [RecordFeatures],
        recordTerms: [Int32],
        codes: [Int], concepts: [Int], codeWeights: [Float], conceptWeights: [Float], scripts: UInt8
    ) {
        self.profile = profile
        self.version = version
        self.technologies = technologies
        packedTechnologyTerms = PackedTerms(technologyTerms)
        self.records = records
        self.codes = codes
        self.concepts = concepts
        self.codeWeights = codeWeights
        self.conceptWeights = conceptWeights
        self.recordTerms = recordTerms
        self.scripts = scripts
        sortName = (profile.nameEn ?? profile.nameJa ?? "").lowercased()
        inYokohama = profile.inYokohama
        yusaMember = profile.yusaMember
        key = CompanyKey(profile.id)
    }
}

/// How much a claimed code or concept counts (issue 16's thirty-first round, docs/matching.md): a technology or track
/// record that claims `n` codes (or concepts: its tags and those its text names) spreads its credit, each counting
/// min(1, specificClaims / n), and a company's code counts as much as the most specific of its technologies or
/// records that claims it. A technology tagged with every leaf code of the taxonomy, or a description that lists
/// the whole vocabulary, no longer gives full credit for every need. And the company as a whole (method revision 17):
/// one whose technologies are tagged with more than `broadClaims` distinct codes counts each code and concept at most
/// broadClaims / n, so the same claim split into specific technologies (five codes to a technology, or one per field)
/// spreads too; a broad company with a dozen specific technologies (the probe's conglomerate, 13 codes) keeps full
/// credit for each. The concepts its texts name do not count towards n: a rich honest description names many (the
/// probe's conglomerate went from the top five of 0.220 of the development needs to 0.098 when they did).
enum ClaimSpread {
    /// The weight of each of `held`, from the sets of codes each technology or record claims and the number of distinct
    /// codes the company is tagged with (`fields`); empty when all are 1.
    static func weights(of held: [Int], claims: [[Int]], fields: Int, specific: Double, broad: Double) -> [Float] {
        var best: [Int: Float] = [:]
        for claimed in claims where !claimed.isEmpty {
            let weight = Float(min(1, specific / Double(claimed.count)))
            for code in claimed { best[code] = max(best[code] ?? 0, weight) }
        }
        let company = Float(min(1, broad / Double(max(fields, 1))))
        let weights = held.map { min(best[$0] ?? 1, company) }
        return weights.allSatisfy { $0 == 1 } ? [] : weights
    }

    /// The weight at `index` of a `weights` list as `weights(of:claims:specific:)` gives it.
    static func weight(_ weights: [Float], at index: Int) -> Double { weights.isEmpty ? 1 : Double(weights[index]) }
}

/// Sorted term numbers kept as the gaps between them, seven bits to a byte (LEB128). A company's technology terms
/// are about a hundred numbers below some tens of thousands, so two bytes each rather than four: as `[Int32]` they
/// were 40 MB of an index of 100,000 companies (docs/matching.md, Freshness and speed). Only explanations and the
/// removal of an edited company read them, never ranking, so unpacking on each read costs nothing that waits.
struct PackedTerms: Sendable {
    private let bytes: [UInt8]

    /// `sorted` must be in ascending order.
    init(_ sorted: [Int32]) {
        var length = 0
        var previous: Int32 = 0
        for term in sorted {
            let gap = UInt32(term - previous)
            length += gap < 1 << 7 ? 1 : gap < 1 << 14 ? 2 : gap < 1 << 21 ? 3 : gap < 1 << 28 ? 4 : 5
            previous = term
        }
        // Exactly the room it needs: an array grown byte by byte keeps up to half its room empty.
        bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            var previous: Int32 = 0
            for term in sorted {
                var gap = UInt32(term - previous)
                previous = term
                while gap >= 0x80 {
                    buffer[count] = UInt8(gap & 0x7F) | 0x80
                    gap >>= 7
                    count += 1
                }
                buffer[count] = UInt8(gap)
                count += 1
            }
        }
    }

    var terms: [Int32] {
        var terms: [Int32] = []
        terms.reserveCapacity(bytes.count)
        var term: Int32 = 0
        var gap: UInt32 = 0
        var shift: UInt32 = 0
        for byte in bytes {
            gap |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
            } else {
                term += Int32(gap)
                terms.append(term)
                gap = 0
                shift = 0
            }
        }
        return terms
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
