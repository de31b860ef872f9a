public import FoundationEssentials

/// Why two companies look like one: the same 法人番号, or names that are nearly the same once legal
/// forms (株式会社, Co., Ltd., …) and punctuation are left out.
public enum DuplicateReason: String, Sendable, Codable, CaseIterable {
    case sameCorporateNumber
    case similarNameJa
    case similarNameEn
}

/// A likely duplicate of a company (or of a row being imported), for a manager to review and merge.
public struct CompanyDuplicate: Sendable, Codable, Equatable {
    public let id: UUID
    public let nameJa: String?
    public let nameEn: String?
    public let corporateNumber: String?
    public let archived: Bool
    public let reasons: [DuplicateReason]
    /// The higher trigram similarity (0…1) of the two name keys; 1 for the same 法人番号 alone.
    public let similarity: Double
}

/// The body of `POST /v1/companies/{id}/merge`: the company to absorb into the one in the path.
public struct CompanyMergeRequest: Sendable, Codable, Equatable {
    public let absorb: UUID

    public init(absorb: UUID) {
        self.absorb = absorb
    }
}

/// What a merge did: the survivor as it now is, the absorbed company's id, and how many rows of each
/// referencing `table.column` now point at the survivor.
public struct CompanyMerge: Sendable, Encodable, Equatable {
    public let company: Company
    public let absorbed: UUID
    public let moved: [String: Int]
}

/// The 201 of `POST /v1/companies`: the company, and the existing companies it probably duplicates.
public struct CreatedCompany: Sendable, Encodable {
    public let company: Company
    public let possibleDuplicates: [CompanyDuplicate]

    private enum CodingKeys: String, CodingKey {
        case possibleDuplicates
    }

    public func encode(to encoder: any Encoder) throws {
        try company.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(possibleDuplicates, forKey: .possibleDuplicates)
    }
}
