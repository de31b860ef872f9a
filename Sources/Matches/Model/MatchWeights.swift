/// Every number the matcher uses, in one place (docs/matching.md explains each and how to tune them).
/// Change `algorithmVersion` whenever a value here or the method changes: stored match records keep the
/// version they were suggested under, so an old suggestion can still be explained.
public struct MatchWeights: Sendable, Equatable {
    public static let algorithmVersion = "matching-1.0"
    public static let standard = MatchWeights()

    // MARK: The four parts of a score; they sum to 1, so a score is in 0…1.
    public var taxonomy = 0.35
    public var text = 0.35
    public var trackRecord = 0.20
    public var readiness = 0.10

    // MARK: Taxonomy fit of one code the need asks for, against the company's best code.
    public var exactCode = 1.0
    /// The company's code is the parent or a child of the need's code.
    public var parentOrChildCode = 0.6
    /// Both codes share a parent.
    public var siblingCode = 0.2

    // MARK: Text relevance: concepts (both languages mapped onto the taxonomy) and shared words.
    /// How much a concept weighs against a word of the same rarity: concepts are the precise,
    /// language-independent evidence.
    public var conceptBoost = 4.0
    /// A company counts as a candidate only when it shares a code or concept with the need, or this
    /// share of the need's word weight: a few common words alone are noise.
    public var minimumWordShare = 0.05
    /// Words used by more than this share of companies are ignored (their idf is below ln 3)…
    public var commonWordShare = 0.5
    /// …once the directory has this many companies (a handful of companies says nothing about commonness).
    public var commonWordMinimumCompanies = 50

    // MARK: Tags inferred for an untagged need from how the directory's companies tag themselves.
    /// A code is inferred when the need's words lean towards it at least this much (0…1).
    public var inferredCodeMinimum = 0.02
    /// At most this many inferred codes.
    public var inferredCodeLimit = 3
    /// Words held by more than this share of companies say nothing about a code.
    public var inferenceWordMaximumShare = 0.1

    // MARK: Track record: where the company has delivered, best record counts.
    public var sameCity = 1.0
    public var sameCountry = 0.6
    public var sameRegion = 0.3
    /// A record whose text shares no concept with the need counts this much of its place's value.
    public var unrelatedRecordFactor = 0.5

    // MARK: Readiness, the mean of three parts.
    /// Speaks English (the working language with overseas cities).
    public var englishSpoken = 1.0
    public var experienceInCountry = 1.0
    public var experienceInRegion = 0.6
    public var experienceElsewhere = 0.3
    public var commercial = 1.0
    public var pilot = 0.6
    public var concept = 0.3

    // MARK: Lists
    /// A company scoring above this is a credible supplier for a need (coverage list).
    public var credibleScore = 0.35

    public init() {}
}
