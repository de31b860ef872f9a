public import FoundationEssentials

/// The four parts of a score, each in 0…1 before weighting (MatchWeights says how they combine).
public struct ScoreParts: Sendable, Equatable, Codable {
    public var taxonomy: Double
    public var text: Double
    public var trackRecord: Double
    public var readiness: Double

    public init(taxonomy: Double, text: Double, trackRecord: Double, readiness: Double) {
        self.taxonomy = taxonomy
        self.text = text
        self.trackRecord = trackRecord
        self.readiness = readiness
    }
}

/// Why a company was suggested, in terms a coordinator can check against its profile. Items the caller
/// may not see (disclosure `coordinators`) are left out; they still count in the score.
public struct MatchExplanation: Sendable, Equatable, Codable {
    public struct MatchedCode: Sendable, Equatable, Codable {
        public var needCode: String
        public var companyCode: String
        public var fit: CodeFit
        /// How much the company's code counted, when less than in full: the technologies that claim it claim many
        /// codes each, so each counts `specificClaims / n`, or the company claims many fields in all (`broadClaims / n`;
        /// docs/matching.md, "The thirty-first round"). Absent when in full.
        public var counted: Double? = nil
    }

    /// One of the need's concepts and the company's concept the text score credited for it: the closest, once.
    public struct MatchedConcept: Sendable, Equatable, Codable {
        public var code: String
        /// The words of the need that name the concept (in its language).
        public var needTerms: [String]
        /// The company's concept: `code` itself, or its parent, child or sibling (`fit`), whose words are the
        /// company's evidence (汚泥 names `sludge_energy`, not the `water_supply` a need for leak detection asks for).
        public var companyCode: String
        public var fit: CodeFit
        /// The words of the company's technologies that name `companyCode` (in theirs); empty when only tagged or
        /// only in a track record.
        public var companyTerms: [String]
        /// How much the company's concept counted, when less than in full: what claims it claims many concepts (as
        /// `MatchedCode.counted`). Absent when in full.
        public var counted: Double? = nil
    }

    public struct CountedRecord: Sendable, Equatable, Codable {
        public var country: String
        public var city: String?
        public var year: Int?
        public var place: String
        public var fromPlatform: Bool
    }

    public var matchedCodes: [MatchedCode]
    public var matchedConcepts: [MatchedConcept]
    public var matchedWords: [String]
    public var trackRecords: [CountedRecord]
}

/// One company ranked for a need.
public struct MatchSuggestion: Sendable, Equatable, Codable {
    public var rank: Int
    public var companyId: UUID
    public var companyNameJa: String?
    public var companyNameEn: String?
    public var score: Double
    public var parts: ScoreParts
    public var explanation: MatchExplanation
    /// A coordinator's pin or exclusion for this need, with the reason.
    public var decision: NeedCompanyDecisionSummary?
}

public struct NeedCompanyDecisionSummary: Sendable, Equatable, Codable {
    public var decision: DecisionKind
    public var reason: String
}

/// `GET /v1/needs/{id}/matches`.
public struct MatchList: Sendable, Equatable, Codable {
    public var needId: UUID
    public var algorithmVersion: String
    /// The weights the scores were made with, and how decided business matches moved them.
    public var weights: OutcomeAdjustment
    public var items: [MatchSuggestion]
    /// Companies a coordinator excluded for this need, with the reason; they are not ranked.
    public var excluded: [ExcludedCompany]
}

public struct ExcludedCompany: Sendable, Equatable, Codable {
    public var companyId: UUID
    public var reason: String
}
