public import DomainKit

/// The outcome of a company CSV import: what would be (dry run) or was written, every bad row, and
/// the new companies that look like existing ones.
public struct CompanyImportReport: Sendable, Codable, Equatable {
    /// A company of the file (not matched by 法人番号) and the existing companies it probably duplicates.
    public struct PossibleDuplicate: Sendable, Codable, Equatable {
        public let line: Int
        public let nameJa: String?
        public let nameEn: String?
        public let duplicates: [CompanyDuplicate]
    }

    public let dryRun: Bool
    public let encoding: CSVEncoding
    /// Data rows of the file (the header not counted).
    public let rows: Int
    /// Companies in the file: new ones, and ones whose 法人番号 matched an existing company.
    public let created: Int
    public let updated: Int
    /// Technology rows: added, or matched by title (same company, same Japanese and English titles) and updated.
    public let technologies: Int
    public let errors: [CSVRowError]
    /// Dry runs only: at most `CompanyService.maximumReportedDuplicates` entries, in file order.
    public let possibleDuplicates: [PossibleDuplicate]
}
