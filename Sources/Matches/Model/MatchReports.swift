public import FoundationEssentials

/// `POST /v1/needs/{id}/consortium`: a small set of companies that together cover every code the need asks for.
public struct ConsortiumProposal: Sendable, Equatable, Codable {
    public struct Member: Sendable, Equatable, Codable {
        public var companyId: UUID
        public var companyNameJa: String?
        public var companyNameEn: String?
        public var score: Double
        /// The need's codes this member covers that no earlier member covered.
        public var covers: [String]
    }

    public var needId: UUID
    public var algorithmVersion: String
    /// The codes the need asks for: its tags, or the specific concepts of its text when it has none.
    public var requested: [String]
    public var members: [Member]
    public var uncovered: [String]
}

/// The body of `POST /v1/needs/{id}/consortium`; every field optional.
public struct ConsortiumRequest: Sendable, Equatable, Codable {
    public static let memberLimits = 1...10
    public var maxMembers: Int?

    public init(maxMembers: Int? = nil) {
        self.maxMembers = maxMembers
    }
}

/// One open need ranked for a company (`GET /v1/companies/{id}/opportunities`).
public struct Opportunity: Sendable, Equatable, Codable {
    public var rank: Int
    public var needId: UUID
    /// The need's English title, else its Japanese one; `titleJa` and `titleEn` are its own (absent when not written).
    public var title: String
    public var titleJa: String?
    public var titleEn: String?
    public var cityId: UUID
    public var score: Double
    public var parts: ScoreParts
    public var explanation: MatchExplanation
}

public struct OpportunityList: Sendable, Equatable, Codable {
    public var companyId: UUID
    public var algorithmVersion: String
    public var items: [Opportunity]
    /// How many open needs were ranked (the newest, at most `MatchService.openNeedsScanned`) out of
    /// `openNeeds`: when they differ, the list says so instead of stopping silently.
    public var needsRanked: Int
    public var openNeeds: Int
}

/// An open need with fewer than three credible companies (`GET /v1/needs/coverage`).
public struct NeedCoverage: Sendable, Equatable, Codable {
    public var needId: UUID
    /// The need's English title, else its Japanese one; `titleJa` and `titleEn` are its own (absent when not written).
    public var title: String
    public var titleJa: String?
    public var titleEn: String?
    public var cityId: UUID
    /// Companies scoring above `MatchWeights.credibleScore`, at most three counted.
    public var credibleCompanies: Int
    public var bestScore: Double?
}

public struct CoverageReport: Sendable, Equatable, Codable {
    public var algorithmVersion: String
    public var credibleScore: Double
    public var items: [NeedCoverage]
    /// How many open needs were ranked (the newest, at most `MatchService.openNeedsScanned`) out of
    /// `openNeeds`: when they differ, the report covers only the newest.
    public var needsRanked: Int
    public var openNeeds: Int
}
